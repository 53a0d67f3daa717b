//! The condition language of `when:` and `require:`: a boolean expression over an indicator's
//! fields, written in the target language's words and quantities.
//!
//! ```text
//! expr    := and ("or" and)*            and := not ("and" not)*
//! not     := "not" not | "(" expr ")" | cmp
//! cmp     := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "!~" | "contains") operand)?
//! operand := field | "string" | 'string' | quantity (90%, 4秒, 6000万) | true | false
//! ```
//! Every token keeps its byte span in the expression, so errors underline the exact characters.
//! This module reads only; [`super::conditions`] compiles and evaluates.

use std::borrow::Cow;
use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::combinator::value;
use nom::{IResult, Parser};

use crate::lang::{self, Quantity, Target};

/// A byte range in the expression.
pub type Span = Range<usize>;

/// A field of an indicator that conditions may test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Indicator,
    Category,
    Subcategory,
    Project,
    UnitName,
    Department,
    Kind,
    Unit,
    Target,
    Actual,
    Weight,
}

/// Field names and their Chinese aliases.
pub const FIELD_NAMES: &[(&str, Field)] = &[
    ("indicator", Field::Indicator),
    ("category", Field::Category),
    ("subcategory", Field::Subcategory),
    ("project", Field::Project),
    ("unit_name", Field::UnitName),
    ("department", Field::Department),
    ("kind", Field::Kind),
    ("unit", Field::Unit),
    ("target", Field::Target),
    ("actual", Field::Actual),
    ("weight", Field::Weight),
    ("三级指标", Field::Indicator),
    ("指标", Field::Indicator),
    ("一级指标", Field::Category),
    ("二级指标", Field::Subcategory),
    ("项目", Field::Project),
    ("单位", Field::UnitName),
    ("部门", Field::Department),
    ("类型", Field::Kind),
    ("度量单位", Field::Unit),
    ("计量单位", Field::Unit),
    ("年度指标值", Field::Target),
    ("指标值", Field::Target),
    ("实际完成值", Field::Actual),
    ("完成值", Field::Actual),
    ("分值", Field::Weight),
];

impl Field {
    pub fn name(self) -> &'static str {
        FIELD_NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
    /// Fields holding text only.
    pub fn is_text(self) -> bool {
        !matches!(self, Field::Target | Field::Actual | Field::Weight)
    }
    /// Fields that can be compared with quantities.
    pub fn is_quantity(self) -> bool {
        matches!(self, Field::Target | Field::Actual | Field::Weight)
    }
    pub const COUNT: usize = 11;
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A comparison operator of conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Match,
    NotMatch,
    Contains,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Match => "~",
            CmpOp::NotMatch => "!~",
            CmpOp::Contains => "contains",
        }
    }
    pub fn is_order(self) -> bool {
        matches!(self, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge)
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Field(Field, Span),
    Str(String, Span),
    Qty(Quantity, Span),
    Bool(bool, Span),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Field(_, s)
            | Operand::Str(_, s)
            | Operand::Qty(_, s)
            | Operand::Bool(_, s) => s.clone(),
        }
    }
}

/// A condition as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Cmp {
        lhs: Operand,
        op: CmpOp,
        op_span: Span,
        rhs: Operand,
    },
    /// A lone operand: a field that is present and not empty, or `true` / `false`.
    Truthy(Operand),
}

/// Why an expression does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub span: Span,
    pub label: Cow<'static, str>,
    pub help: Cow<'static, str>,
}

type Res<'a, T> = IResult<&'a str, T, Fail>;

/// A parse failure deep inside (nom's error type carries our error once we know it).
#[derive(Debug)]
pub struct Fail {
    rest: usize,
    error: Option<ExprError>,
}

impl<'a> nom::error::ParseError<&'a str> for Fail {
    fn from_error_kind(input: &'a str, _: nom::error::ErrorKind) -> Self {
        Fail {
            rest: input.len(),
            error: None,
        }
    }
    fn append(_: &'a str, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

struct P<'s> {
    src: &'s str,
    /// Open parentheses and `not`s around the current position.
    depth: std::cell::Cell<u64>,
}

fn ws(i: &str) -> &str {
    i.trim_start_matches(char::is_whitespace)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_literal_end(c: char) -> bool {
    c.is_whitespace() || "()<>=!~&|\"'≥≤≠＝".contains(c)
}

impl<'s> P<'s> {
    fn at(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

    fn fail<T>(
        &self,
        span: Span,
        label: &'static str,
        help: impl Into<Cow<'static, str>>,
    ) -> Res<'s, T> {
        Err(nom::Err::Failure(Fail {
            rest: 0,
            error: Some(ExprError {
                span,
                label: label.into(),
                help: help.into(),
            }),
        }))
    }

    fn keyword<'i>(&self, i: &'i str, word: &str) -> Option<&'i str> {
        let r = i.strip_prefix(word)?;
        (!r.starts_with(is_word_char)).then_some(r)
    }

    /// `next (word|sym next)*`: one operand alone, or all of them under `make`.
    fn chain(
        &self,
        i: &'s str,
        word: &str,
        sym: &str,
        next: fn(&Self, &'s str) -> Res<'s, Expr>,
        make: fn(Vec<Expr>) -> Expr,
    ) -> Res<'s, Expr> {
        let (mut i, first) = next(self, ws(i))?;
        let mut parts = vec![first];
        loop {
            let j = ws(i);
            let Some(r) = self.keyword(j, word).or_else(|| j.strip_prefix(sym)) else {
                break;
            };
            let (r, e) = next(self, ws(r))?;
            parts.push(e);
            i = r;
        }
        let expr = match parts.len() {
            1 => parts.pop().expect("one operand"),
            _ => make(parts),
        };
        Ok((i, expr))
    }

    fn or(&self, i: &'s str) -> Res<'s, Expr> {
        self.chain(i, "or", "||", Self::and, Expr::Or)
    }

    fn and(&self, i: &'s str) -> Res<'s, Expr> {
        self.chain(i, "and", "&&", Self::not, Expr::And)
    }

    fn not(&self, i: &'s str) -> Res<'s, Expr> {
        let i = ws(i);
        if self.depth.get() >= crate::limits::DEPTH.get() {
            let at = self.at(i);
            return self.fail(
                at..at + i.chars().next().map_or(0, char::len_utf8),
                "条件嵌套过深",
                crate::limits::DEPTH.help(),
            );
        }
        self.depth.set(self.depth.get() + 1);
        let result = self.not_inner(i);
        self.depth.set(self.depth.get() - 1);
        result
    }

    fn not_inner(&self, i: &'s str) -> Res<'s, Expr> {
        if let Some(r) = self
            .keyword(i, "not")
            .or_else(|| i.strip_prefix('!').filter(|r| !r.starts_with(['=', '~'])))
        {
            let (r, e) = self.not(r)?;
            return Ok((r, Expr::Not(Box::new(e))));
        }
        if let Some(r) = i.strip_prefix('(') {
            let open = self.at(i);
            let (r, e) = self.or(r)?;
            let r = ws(r);
            return match r.strip_prefix(')') {
                Some(r) => Ok((r, e)),
                None => self.fail(open..open + 1, "这个括号没有闭合", "在条件结束处加上 `)`"),
            };
        }
        self.cmp(i)
    }

    fn cmp_op(i: &str) -> IResult<&str, CmpOp> {
        alt((
            value(CmpOp::Eq, tag("==")),
            value(CmpOp::Ne, tag("!=")),
            value(CmpOp::NotMatch, tag("!~")),
            value(CmpOp::Le, tag("<=")),
            value(CmpOp::Ge, tag(">=")),
            value(CmpOp::Lt, tag("<")),
            value(CmpOp::Gt, tag(">")),
            value(CmpOp::Match, tag("~")),
            value(CmpOp::Eq, tag("=")),
            value(CmpOp::Eq, tag("＝")),
            value(CmpOp::Ge, tag("≥")),
            value(CmpOp::Le, tag("≤")),
            value(CmpOp::Ne, tag("≠")),
            value(CmpOp::Contains, tag("contains")),
        ))
        .parse(i)
    }

    fn cmp(&self, i: &'s str) -> Res<'s, Expr> {
        let (r, lhs) = self.operand(i)?;
        let r = ws(r);
        let Ok((r2, op)) = Self::cmp_op(r) else {
            return Ok((r, Expr::Truthy(lhs)));
        };
        let op_span = self.at(r)..self.at(r2);
        let (r3, rhs) = self.operand(ws(r2))?;
        Ok((
            r3,
            Expr::Cmp {
                lhs,
                op,
                op_span,
                rhs,
            },
        ))
    }

    fn string(&self, i: &'s str, quote: char) -> Res<'s, Operand> {
        let start = self.at(i);
        let mut text = String::new();
        let mut chars = i[1..].char_indices();
        while let Some((k, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, c)) if c == quote || c == '\\' => text.push(c),
                    Some((_, c)) => {
                        text.push('\\');
                        text.push(c);
                    }
                    None => break,
                },
                c if c == quote => {
                    let end = start + 1 + k + 1;
                    return Ok((&i[1 + k + 1..], Operand::Str(text, start..end)));
                }
                c => text.push(c),
            }
        }
        self.fail(
            start..start + 1,
            "字符串没有闭合",
            format!("在字符串结尾加上 `{quote}`"),
        )
    }

    fn operand(&self, i: &'s str) -> Res<'s, Operand> {
        let i = ws(i);
        let start = self.at(i);
        if i.starts_with('"') {
            return self.string(i, '"');
        }
        if i.starts_with('\'') {
            return self.string(i, '\'');
        }
        let first = i.chars().next();
        if first.is_some_and(|c| {
            c.is_ascii_digit()
                || c == '-'
                || c == '+'
                || c == '.'
                || lang::lexicon::digit_value(c).is_some()
        }) {
            let len = i.find(is_literal_end).unwrap_or(i.len());
            let span = start..start + len;
            return match quantity(&i[..len]) {
                Some(q) => Ok((&i[len..], Operand::Qty(q, span))),
                None if is_date(&i[..len]) => self.fail(
                    span,
                    "日期不能在条件中比较",
                    "条件只比较数量（`90%`、`4秒`）和文字；时限类指标可比较文字（`target ~ \"2023年\"`），时限是否在本年度内由 `jixiao review --year 2023` 的 review.deadline-outside-year 检查",
                ),
                None => self.fail(
                    span,
                    "这不是一个数量",
                    "数量写作数字加单位，如 `90%`、`4秒`、`6000万`、`1831.3平方米`",
                ),
            };
        }
        let word: Res<'s, &'s str> = take_while1(is_word_char).parse(i);
        let Ok((r, word)) = word else {
            let len = i.chars().next().map_or(0, char::len_utf8);
            let (label, help) = if i.is_empty() {
                (
                    "条件在这里意外结束",
                    "在运算符后写上字段、带引号的文字或数量",
                )
            } else {
                (
                    "这里应是字段、带引号的文字或数量",
                    "字段如 indicator、category、target；文字写在引号里，如 \"满意度\"",
                )
            };
            return self.fail(start..start + len, label, help);
        };
        let span = start..start + word.len();
        match word {
            "true" | "是" => return Ok((r, Operand::Bool(true, span))),
            "false" | "否" => return Ok((r, Operand::Bool(false, span))),
            _ => {}
        }
        if let Some((_, f)) = FIELD_NAMES.iter().find(|(n, _)| *n == word) {
            return Ok((r, Operand::Field(*f, span)));
        }
        let names: Vec<&str> = FIELD_NAMES.iter().map(|(n, _)| *n).collect();
        let help = match super::error::nearest(word, &names) {
            Some(n) => format!("是不是 `{n}`？文字要写在引号里：\"{word}\""),
            None => format!(
                "可用字段：{}；文字要写在引号里：\"{word}\"",
                names[..11].join("、")
            ),
        };
        self.fail(span, "未知的字段", help)
    }
}

/// Whether a literal reads as a date (`2023年12月31日`, `12月底前`), which conditions do not
/// compare: said so, rather than “not a quantity”.
fn is_date(text: &str) -> bool {
    matches!(
        lang::parse(text, &lang::Context::unruled()).target,
        Target::Deadline { .. }
    )
}

/// A quantity literal (`90%`, `4秒`, `6000万`, `6000万元`), read by the target language.
pub fn quantity(text: &str) -> Option<Quantity> {
    let parsed = lang::parse(text, &lang::Context::unruled());
    match parsed.target {
        Target::Compare { quantity, .. }
            if matches!(parsed.provenance.op, Some(lang::Origin::Rule(_))) =>
        {
            Some(quantity)
        }
        _ => None,
    }
}

/// Read a whole condition.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let p = P {
        src,
        depth: std::cell::Cell::new(0),
    };
    if src.trim().is_empty() {
        return Err(ExprError {
            span: 0..src.len(),
            label: "条件是空的".into(),
            help: "写一个条件，如 indicator ~ \"满意度\"；总是适用的规则省略 when".into(),
        });
    }
    match p.or(src) {
        Ok((rest, e)) => {
            let rest = ws(rest);
            if rest.is_empty() {
                return Ok(e);
            }
            let at = p.at(rest);
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            Err(ExprError {
                span: at..at + len,
                label: "条件应在此之前结束，或这里缺少 and / or".into(),
                help: "用 and、or 连接条件，比较运算符为 == != < <= > >= ~ contains".into(),
            })
        }
        Err(nom::Err::Failure(f) | nom::Err::Error(f)) => Err(f.error.unwrap_or_else(|| {
            let at = src.len() - f.rest;
            ExprError {
                span: at..(at + 1).min(src.len()),
                label: "无法读取".into(),
                help: "".into(),
            }
        })),
        Err(nom::Err::Incomplete(_)) => Err(ExprError {
            span: src.len()..src.len(),
            label: "条件不完整".into(),
            help: "".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(e: &Expr) -> String {
        match e {
            Expr::Or(v) => format!("(or {})", v.iter().map(show).collect::<Vec<_>>().join(" ")),
            Expr::And(v) => format!("(and {})", v.iter().map(show).collect::<Vec<_>>().join(" ")),
            Expr::Not(e) => format!("(not {})", show(e)),
            Expr::Cmp { lhs, op, rhs, .. } => format!("({} {} {})", op.as_str(), o(lhs), o(rhs)),
            Expr::Truthy(x) => o(x),
        }
    }
    fn o(x: &Operand) -> String {
        match x {
            Operand::Field(f, _) => f.name().to_owned(),
            Operand::Str(s, _) => format!("{s:?}"),
            Operand::Qty(q, _) => match &q.unit {
                Some(u) => format!("{}{}", q.value.normalize(), u),
                None => q.value.normalize().to_string(),
            },
            Operand::Bool(b, _) => b.to_string(),
        }
    }
    fn p(s: &str) -> String {
        show(&parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}")))
    }

    #[test]
    fn every_operator() {
        for (text, want) in [
            ("indicator == \"a\"", "(== indicator \"a\")"),
            ("indicator != 'a'", "(!= indicator \"a\")"),
            ("target < 90%", "(< target 90%)"),
            ("target <= 4秒", "(<= target 4秒)"),
            ("target > 6000万", "(> target 60000000)"),
            ("target >= 90%", "(>= target 90%)"),
            ("target ≥ 90%", "(>= target 90%)"),
            ("indicator ~ \"满意度$\"", "(~ indicator \"满意度$\")"),
            ("indicator !~ \"率\"", "(!~ indicator \"率\")"),
            (
                "indicator contains \"时间\"",
                "(contains indicator \"时间\")",
            ),
            ("target = 0", "(== target 0)"),
            ("weight >= 5", "(>= weight 5)"),
            ("一级指标 == \"成本指标\"", "(== category \"成本指标\")"),
            ("not category", "(not category)"),
            ("true", "true"),
            ("target >= 1.5万元", "(>= target 15000元)"),
        ] {
            assert_eq!(p(text), want, "{text}");
        }
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(
            p("kind == \"compare\" or unit == \"%\" and not target > 5"),
            "(or (== kind \"compare\") (and (== unit \"%\") (not (> target 5))))"
        );
        assert_eq!(
            p("(kind == \"compare\" or unit == \"%\") and target > 5"),
            "(and (or (== kind \"compare\") (== unit \"%\")) (> target 5))"
        );
    }

    #[test]
    fn errors_have_spans() {
        let e = parse("indicater ~ \"满意度\"").unwrap_err();
        assert_eq!(e.span, 0..9);
        assert!(e.help.contains("indicator"), "{}", e.help);
        let e = parse("target >= 90% and").unwrap_err();
        assert_eq!(e.span, 17..17);
        let e = parse("(target >= 90%").unwrap_err();
        assert_eq!(e.span, 0..1);
        let e = parse("indicator ~ \"abc").unwrap_err();
        assert_eq!(e.span, 12..13);
        let e = parse("target >= 90% target").unwrap_err();
        assert_eq!(e.span, 14..20);
        let e = parse("target >= 9x0").unwrap_err();
        assert_eq!(e.span, 10..13);
    }
}
