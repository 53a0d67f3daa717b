//! The strict canonical form, as rule files and auditors write it: `>= 90 %`, `[3, 5] 个`,
//! `≈ 100 人`, `是`, `>= 计划`, `< 2023-09`, `>= 上年 + 10 %`, `"正常开展"`.
//!
//! Unlike the free-text reader, which falls back to "qualitative", this one says what is wrong:
//! a [`CanonicalError`] is a miette diagnostic with a label under the offending characters and a
//! help line saying what was expected.

use miette::{Diagnostic, SourceSpan};
use nom::{IResult, Parser};
use thiserror::Error;

use super::ast::{Op, Quantity, Target};
use super::number;
use super::parse::normalise_unit;

/// What the canonical grammar expected where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// The start of an expression.
    Start,
    /// A number (`95`, `0.5`, `-3`).
    Number,
    /// `,` between the ends of a range.
    Comma,
    /// `]` or `)` closing a range.
    Close,
    /// A unit or the end of the expression.
    UnitOrEnd,
    /// A closing `"`.
    Quote,
    /// The end of the expression.
    End,
    /// A valid date (`2023-09`, `2023-12-31`).
    Date,
}

impl Expected {
    fn label(self) -> &'static str {
        match self {
            Expected::Start => "这里应是运算符、区间、≈、是/否或带引号的文字",
            Expected::Number => "这里应是数字",
            Expected::Comma => "这里应是逗号 `,`",
            Expected::Close => "这里应是 `]` 或 `)`",
            Expected::UnitOrEnd => "这里应是单位或表达式结束",
            Expected::Quote => "引号没有闭合",
            Expected::End => "表达式应在此结束",
            Expected::Date => "日期无效",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Expected::Start => {
                "规范式写法：`>= 95 %`、`[90, 95] %`、`≈ 100 人`、`是`、`>= 计划`、`< 2023-09`、`>= 上年 + 10 %`、`\"正常开展\"`"
            }
            Expected::Number => {
                "数字用半角写，如 `95`、`0.5`、`1831.3`；量级已折算（518万 写作 5180000）"
            }
            Expected::Comma => "区间写作 `[下限, 上限]`，如 `[90, 95] %`",
            Expected::Close => "`]` 表示含上限，`)` 表示不含上限",
            Expected::UnitOrEnd => "单位写在数字之后，中间可有一个空格，如 `>= 95 %`、`<= 4 秒`",
            Expected::Quote => "定性目标写在双引号里，引号和反斜杠前加 `\\`",
            Expected::End => "一条规范式只写一个目标；多余的文字请删去",
            Expected::Date => "日期写作 `YYYY-MM` 或 `YYYY-MM-DD`，月份 01–12，日期在该月之内",
        }
    }
}

/// A canonical expression that does not read.
#[derive(Debug, Clone, Error, Diagnostic)]
#[error("无法读取规范式：{}", .expected.label())]
#[diagnostic(code(lang::canonical), help("{}", .expected.help()))]
pub struct CanonicalError {
    #[source_code]
    pub src: String,
    #[label("{}", .expected.label())]
    pub span: SourceSpan,
    pub expected: Expected,
}

fn error(src: &str, at: usize, len: usize, expected: Expected) -> CanonicalError {
    let len = len.max(1).min(src.len().saturating_sub(at));
    CanonicalError {
        src: src.to_owned(),
        span: (at, len).into(),
        expected,
    }
}

fn ws(i: &str) -> &str {
    i.trim_start_matches(char::is_whitespace)
}

fn op(i: &str) -> IResult<&str, Op> {
    use nom::bytes::complete::tag;
    use nom::combinator::value;
    nom::branch::alt((
        value(Op::Ge, tag(">=")),
        value(Op::Le, tag("<=")),
        value(Op::Gt, tag(">")),
        value(Op::Lt, tag("<")),
        value(Op::Eq, tag("=")),
    ))
    .parse(i)
}

/// The length of the token at the start of `i` (up to the next blank), for labels.
fn token_len(i: &str) -> usize {
    i.find(char::is_whitespace).unwrap_or(i.len()).max(1)
}

/// Read a strict canonical expression.
pub fn parse_canonical(src: &str) -> Result<Target, CanonicalError> {
    let at = |rest: &str| src.len() - rest.len();
    let first = ws(src);
    let (rest, target) = if let Some(inner) = first.strip_prefix('"') {
        let mut text = String::new();
        let mut chars = inner.char_indices();
        let mut close = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, c)) => text.push(c),
                    None => break,
                },
                '"' => {
                    close = Some(i + 1);
                    break;
                }
                c => text.push(c),
            }
        }
        let Some(close) = close else {
            return Err(error(src, at(first), first.len(), Expected::Quote));
        };
        (&inner[close..], Target::Qualitative { text: text.into() })
    } else if first.starts_with(['[', '(']) {
        range(src, first)?
    } else if let Some(r) = first.strip_prefix('≈') {
        let (rest, quantity) = quantity(src, ws(r))?;
        (rest, Target::Approximate { quantity })
    } else if let Some(r) = first.strip_prefix('是') {
        (r, Target::Boolean { expected: true })
    } else if let Some(r) = first.strip_prefix('否') {
        (r, Target::Boolean { expected: false })
    } else if let Ok((r, o)) = op(first) {
        let r = ws(r);
        if let Some(r2) = r.strip_prefix("计划") {
            (r2, Target::Plan { op: o })
        } else if let Some(r2) = r.strip_prefix(super::lexicon::CANONICAL_BASE) {
            relative(src, o, r2)?
        } else if r.starts_with("--") || r.get(4..5) == Some("-") {
            let len = token_len(r);
            let date = super::parse::parse(&r[..len], &Default::default());
            match date.target {
                Target::Deadline { date, .. } => (&r[len..], Target::Deadline { op: o, date }),
                _ => return Err(error(src, at(r), len, Expected::Date)),
            }
        } else {
            let (rest, quantity) = quantity(src, r)?;
            (rest, Target::Compare { op: o, quantity })
        }
    } else if first.is_empty() {
        return Ok(Target::Empty);
    } else {
        return Err(error(src, at(first), token_len(first), Expected::Start));
    };
    let rest = ws(rest);
    if !rest.is_empty() {
        return Err(error(src, at(rest), rest.len(), Expected::End));
    }
    Ok(target)
}

fn number<'a>(src: &str, i: &'a str) -> Result<(&'a str, rust_decimal::Decimal), CanonicalError> {
    let at = src.len() - i.len();
    match number::arabic(i) {
        Ok((rest, Ok(v))) => Ok((rest, v)),
        Ok((rest, Err(_))) => Err(error(src, at, i.len() - rest.len(), Expected::Number)),
        Err(_) => Err(error(src, at, token_len(i), Expected::Number)),
    }
}

fn quantity<'a>(src: &str, i: &'a str) -> Result<(&'a str, Quantity), CanonicalError> {
    let (rest, value) = number(src, i)?;
    let r = ws(rest);
    let end = r
        .find(|c: char| c.is_whitespace() || "[](),\"".contains(c))
        .unwrap_or(r.len());
    if end == 0 {
        return Ok((r, Quantity::new(value, None)));
    }
    let written = &r[..end];
    if written.starts_with(|c: char| c.is_ascii_digit() || "<>=.".contains(c)) {
        return Err(error(src, src.len() - r.len(), end, Expected::UnitOrEnd));
    }
    Ok((
        &r[end..],
        Quantity::new(value, Some(normalise_unit(written))),
    ))
}

/// `上年`, `上年 + 10 %`, `上年 - 2 百分点`: the rest of a relative target after `上年`.
fn relative<'a>(src: &str, op: Op, i: &'a str) -> Result<(&'a str, Target), CanonicalError> {
    let r = ws(i);
    let negative = match r.chars().next() {
        Some('+') => false,
        Some('-') => true,
        _ => {
            return Ok((
                r,
                Target::Relative {
                    op,
                    change: rust_decimal::Decimal::ZERO,
                    unit: None,
                },
            ));
        }
    };
    let (rest, q) = quantity(src, ws(&r[1..]))?;
    let change = if negative { -q.value } else { q.value };
    Ok((
        rest,
        Target::Relative {
            op,
            change,
            unit: q.unit,
        },
    ))
}

fn range<'a>(src: &str, i: &'a str) -> Result<(&'a str, Target), CanonicalError> {
    let at = |rest: &str| src.len() - rest.len();
    let low_inclusive = i.starts_with('[');
    let (r, low) = number(src, ws(&i[1..]))?;
    let r = ws(r);
    let Some(r) = r.strip_prefix(',') else {
        return Err(error(src, at(r), token_len(r), Expected::Comma));
    };
    let (r, high) = number(src, ws(r))?;
    let r = ws(r);
    let high_inclusive = match r.chars().next() {
        Some(']') => true,
        Some(')') => false,
        _ => return Err(error(src, at(r), token_len(r), Expected::Close)),
    };
    let r = ws(&r[1..]);
    let (rest, unit) = if r.is_empty() {
        (r, None)
    } else {
        let end = r.find(char::is_whitespace).unwrap_or(r.len());
        (&r[end..], Some(normalise_unit(&r[..end])))
    };
    Ok((
        rest,
        Target::range((low, low_inclusive), (high, high_inclusive), unit),
    ))
}
