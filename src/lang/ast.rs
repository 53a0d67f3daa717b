//! The target language's values: what a 年度指标值 means once read.
//!
//! A [`Target`] is the meaning alone (operator, exact quantity, unit, dates); equality compares
//! meaning, so printing a target and parsing it back gives an equal value. Where each part came
//! from (the text, the indicator name, a rule) lives beside it in [`Provenance`], and where it sits
//! in the source in [`Spans`]; both are carried by [`Parsed`].

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;

/// A byte range inside the text that was parsed (the cell, the line, the rule expression).
pub type Span = Range<usize>;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    /// The canonical ASCII spelling (`>=`, `>`, `<=`, `<`, `=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    /// Whether `lhs op rhs` holds.
    pub fn holds(self, lhs: Decimal, rhs: Decimal) -> bool {
        match self {
            Op::Ge => lhs >= rhs,
            Op::Gt => lhs > rhs,
            Op::Le => lhs <= rhs,
            Op::Lt => lhs < rhs,
            Op::Eq => lhs == rhs,
        }
    }

    /// The comparison pointing the other way (`>=` is `<=`; `=` stays).
    pub fn reversed(self) -> Op {
        match self {
            Op::Ge => Op::Le,
            Op::Gt => Op::Lt,
            Op::Le => Op::Ge,
            Op::Lt => Op::Gt,
            Op::Eq => Op::Eq,
        }
    }

    /// True for `>=` and `>`: more is better or required.
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Op::Ge | Op::Gt)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A unit in its one normalised spelling (`平方米`, `工作日`, `秒`, `%`, `人/年`).
///
/// Known spellings borrow from the lexicon; anything else is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit(pub Cow<'static, str>);

impl Unit {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The unit as `%`.
    pub fn is_percent(&self) -> bool {
        self.as_str() == "%"
    }
    pub const PERCENT: Unit = Unit(Cow::Borrowed("%"));
    pub const YUAN: Unit = Unit(Cow::Borrowed("元"));
}

static PERCENT: Unit = Unit::PERCENT;

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An exact amount with its magnitude applied (`518万人` is 5 180 000 人; `80万元` is 800 000 元).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Option<Unit>,
}

impl Quantity {
    pub fn new(value: Decimal, unit: Option<Unit>) -> Self {
        Quantity { value, unit }
    }
}

/// A calendar point with the precision the text gave: a month (`2023-09`) or a day (`2023-12-31`).
/// The year is missing where the text did not write one and no year was supplied (`9月前`
/// without `--year` prints as `--09`, ISO 8601's month without a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: Option<i32>,
    pub month: u8,
    pub day: Option<u8>,
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}", self.month)?,
            None => write!(f, "--{:02}", self.month)?,
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// One end of a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

/// What a target requires. Compared by meaning only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// `>= 5180000 人`, `<= 4 秒`, `> 99 %`.
    Compare { op: Op, quantity: Quantity },
    /// `[90, 95] %`: both ends share the unit.
    Range {
        low: Bound,
        high: Bound,
        unit: Option<Unit>,
    },
    /// `≈ 100 人`: the tolerance is the rules' to set.
    Approximate { quantity: Quantity },
    /// A yes/no requirement; `expected` is what passes (`否` asks for "no").
    Boolean { expected: bool },
    /// A number supplied later with the actuals (`年度计划数`).
    Plan { op: Op },
    /// A time limit: `< 2023-09` (before September begins), `<= 2023-06` (by the end of June).
    Deadline { op: Op, date: CalendarDate },
    /// A change against a baseline the actuals give (上年实际): `>= 上年 + 10 %` (较上年增长10%:
    /// at least the baseline × 1.10), `>= 上年 + 2 百分点` (比上年提高2个百分点: the baseline plus
    /// 2 points), `<= 上年 - 5 %` (同比下降5%), `>= 上年` (不低于上年). A change in `%` scales the
    /// baseline; in any other unit (`百分点`, `人`) it adds to it.
    Relative {
        op: Op,
        change: Decimal,
        unit: Option<Unit>,
    },
    /// Free text a person grades (`正常开展`).
    Qualitative { text: Box<str> },
    /// Nothing written.
    Empty,
    /// Text that cannot be a target value: a number that overflows, a line over the limit.
    Error { message: ErrorKind },
}

/// Why a target could not be read as any value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A number beyond the exact decimal range (about 7.9 × 10²⁸), after its magnitude.
    Overflow,
    /// The text is longer than [`crate::lang::MAX_TARGET_BYTES`].
    TooLong,
}

impl ErrorKind {
    /// Stable code and Chinese message.
    pub fn message(self) -> &'static str {
        match self {
            ErrorKind::Overflow => "数值超出精确十进制范围（约 7.9×10²⁸），无法精确表示",
            ErrorKind::TooLong => "指标值过长，超过单个指标值的长度上限",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Overflow => crate::codes::TARGET_OVERFLOW.as_str(),
            ErrorKind::TooLong => crate::codes::TARGET_TOO_LONG.as_str(),
        }
    }
}

impl Target {
    /// A range from `(value, inclusive)` ends, in `unit`.
    pub fn range(low: (Decimal, bool), high: (Decimal, bool), unit: Option<Unit>) -> Target {
        Target::Range {
            low: Bound {
                value: low.0,
                inclusive: low.1,
            },
            high: Bound {
                value: high.0,
                inclusive: high.1,
            },
            unit,
        }
    }

    /// The `kind` name used in JSON output and rule conditions.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Compare { .. } => "compare",
            Target::Range { .. } => "range",
            Target::Approximate { .. } => "approximate",
            Target::Boolean { .. } => "boolean",
            Target::Plan { .. } => "plan",
            Target::Deadline { .. } => "deadline",
            Target::Relative { .. } => "relative",
            Target::Qualitative { .. } => "qualitative",
            Target::Empty => "empty",
            Target::Error { .. } => "error",
        }
    }

    /// The unit of a quantitative target.
    pub fn unit(&self) -> Option<&Unit> {
        match self {
            Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
                quantity.unit.as_ref()
            }
            Target::Range { unit, .. } => unit.as_ref(),
            // What the actual and the baseline are measured in: a change in points is between
            // two rates in %; a change in % says nothing of the unit.
            Target::Relative { unit, .. } => match unit.as_ref().map(Unit::as_str) {
                Some("%") | None => None,
                Some("百分点") => Some(&PERCENT),
                Some(_) => unit.as_ref(),
            },
            _ => None,
        }
    }
}

/// Where a decided part of a target came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Origin {
    /// Written in the target text.
    #[default]
    Text,
    /// Carried by the indicator name (`苗木成活率(≥**%)`, `实施营造林总面积(亩)`).
    Name,
    /// Decided by a rule (the id of the rule).
    Rule(Cow<'static, str>),
    /// The end of a period the text names (`2023年3月-10月`, `上半年`): by its last month.
    Period,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Text => f.write_str("text"),
            Origin::Name => f.write_str("name"),
            Origin::Rule(id) => write!(f, "rule:{id}"),
            Origin::Period => f.write_str("period"),
        }
    }
}

impl Origin {
    /// Where it came from, in the words a user reads (`parse`'s 来源 column); the English
    /// [`Display`](fmt::Display) stays the JSONL value other tools read.
    pub fn zh(&self) -> String {
        match self {
            Origin::Text => "原文".to_owned(),
            Origin::Name => "指标名".to_owned(),
            Origin::Rule(id) => format!("规则 {id}"),
            Origin::Period => "时段末".to_owned(),
        }
    }
}

/// Which way an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    /// The operator a bare value takes under this direction.
    pub fn bare_op(self) -> Op {
        match self {
            Direction::Higher => Op::Ge,
            Direction::Lower => Op::Le,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }
    }
}

/// Where the parts of a target came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// Origin of the operator (compare, plan, deadline).
    pub op: Option<Origin>,
    /// Origin of the unit (where there is one).
    pub unit: Option<Origin>,
    /// The indicator name was restated inside the target (`员工满意度98%以上`).
    pub restated_name: bool,
    /// A word that qualifies the target without changing it (`力争`, `均`, `须`, `平均`), as the
    /// lexicon spells it.
    pub qualifier: Option<&'static str>,
    /// A distributive word before the comparison (`分别`, `各`, `均`, `都`): it applies to each
    /// item the name joins (`门诊和住院满意度分别≥90%`), as the lexicon spells it.
    pub distributive: Option<&'static str>,
}

/// Byte ranges of the parts of the parsed text, for diagnostics that underline them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spans {
    /// The whole target, trimmed of blanks and trailing punctuation.
    pub text: Span,
    /// The operator word or symbol, where written.
    pub op: Option<Span>,
    /// The number (with its magnitude), or the first bound of a range.
    pub value: Option<Span>,
    /// The second bound of a range.
    pub high: Option<Span>,
    /// The unit as written.
    pub unit: Option<Span>,
    /// A restated indicator name in front of the value.
    pub name: Option<Span>,
    /// Trailing punctuation that was dropped (`。。`).
    pub trailing: Option<Span>,
    /// A qualifying word in front (`力争`, `均`), where written.
    pub qualifier: Option<Span>,
    /// The items a distributive target names before its word (`门诊和住院满意度` of
    /// `门诊和住院满意度分别≥90%`), where it names any.
    pub items: Option<Span>,
}

/// A target as read from text: meaning, provenance, positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub target: Target,
    pub provenance: Provenance,
    pub spans: Spans,
}

impl Parsed {
    /// Nothing read yet (an empty target, no provenance, no spans): what a caller that reads
    /// line after line into one `Parsed` starts from ([`parse_into`](super::parse_into)).
    pub fn empty() -> Self {
        Parsed {
            target: Target::Empty,
            provenance: Provenance::default(),
            spans: Spans::default(),
        }
    }
}
