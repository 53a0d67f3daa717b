//! Which way an indicator is better, for targets that write a bare value (`95%`, `4秒`, `0起`).
//!
//! The parser asks a [`Directions`] source and records the id of the entry that answered in
//! `op_from`. [`BuiltinDirections`] is a small ordered table (first match wins) shaped like
//! rules — an id, name fragments, an optional category, unit or zero condition — so the rules
//! layer can supply its own source without touching the parser.

use std::borrow::Cow;

use super::ast::{Direction, Quantity};

/// What the parser knows about the indicator when it asks for a direction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject<'a> {
    pub indicator: Option<&'a str>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
}

/// A decided direction and the id of the rule that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub direction: Direction,
    pub rule: Cow<'static, str>,
}

/// A source of directions for bare values.
pub trait Directions {
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision;
}

/// One row of the built-in table.
#[derive(Debug, Clone, Copy)]
pub struct DirectionEntry {
    pub id: &'static str,
    pub direction: Direction,
    /// The indicator name contains any of these (empty: any name).
    pub name_contains: &'static [&'static str],
    /// The indicator name ends with any of these (empty: any ending).
    pub name_ends_with: &'static [&'static str],
    /// The category (一级指标) or subcategory (二级指标) is this one: real tables put 成本指标 at
    /// either level.
    pub category: Option<&'static str>,
    /// The target's unit is one of these (empty: any unit).
    pub units: &'static [&'static str],
    /// The target's value is zero.
    pub zero: bool,
}

const fn entry(id: &'static str, direction: Direction) -> DirectionEntry {
    DirectionEntry {
        id,
        direction,
        name_contains: &[],
        name_ends_with: &[],
        category: None,
        units: &[],
        zero: false,
    }
}

/// Rates whose smaller value is better.
const NEGATIVE_RATES: &[&str] = &[
    "错案率",
    "投诉率",
    "逾期率",
    "差错率",
    "故障率",
    "事故率",
    "发生率",
    "失误率",
    "损失率",
    "不合格率",
    "流失率",
    "空置率",
    "超支率",
    "返工率",
    "误报率",
    "漏报率",
    "退件率",
    "死亡率",
    "发病率",
    "违约率",
    "不良率",
    "坏账率",
    "复发率",
    "超标率",
    "延误率",
    "缺陷率",
    "逾期发放率",
    "逾期支付率",
    "逾期办结率",
    "超期率",
];

/// Names of things whose smaller amount is better.
const LOWER_NAMES: &[&str] = &[
    "响应时间",
    "时长",
    "耗时",
    "用时",
    "等待时间",
    "办理时间",
    "处理时间",
    "事故",
    "差错",
    "成本",
    "费用",
    "单价",
    "投诉",
    "逾期",
    "故障次数",
    "违法",
    "违规",
    "误差",
    "延误",
    "能耗",
];

/// The built-in table, first match wins.
pub const BUILTIN: &[DirectionEntry] = &[
    DirectionEntry {
        zero: true,
        ..entry("default.direction.zero-target", Direction::Lower)
    },
    DirectionEntry {
        name_contains: NEGATIVE_RATES,
        ..entry("default.direction.negative-rate", Direction::Lower)
    },
    DirectionEntry {
        name_ends_with: &["率", "度", "性"],
        ..entry("default.direction.rate", Direction::Higher)
    },
    DirectionEntry {
        name_contains: LOWER_NAMES,
        ..entry("default.direction.lower-name", Direction::Lower)
    },
    DirectionEntry {
        category: Some("成本指标"),
        ..entry("default.direction.cost-category", Direction::Lower)
    },
    DirectionEntry {
        units: &["起", "例"],
        name_contains: &["事故", "案件", "事件", "安全"],
        ..entry("default.direction.incidents", Direction::Lower)
    },
    entry("default.direction.higher", Direction::Higher),
];

impl DirectionEntry {
    fn matches(&self, subject: Subject<'_>, quantity: &Quantity) -> bool {
        let name = subject.indicator.unwrap_or("");
        (self.name_contains.is_empty() || self.name_contains.iter().any(|w| name.contains(w)))
            && (self.name_ends_with.is_empty()
                || self.name_ends_with.iter().any(|w| name.ends_with(w)))
            && self
                .category
                .is_none_or(|c| subject.category == Some(c) || subject.subcategory == Some(c))
            && (self.units.is_empty()
                || quantity
                    .unit
                    .as_ref()
                    .is_some_and(|u| self.units.contains(&u.as_str())))
            && (!self.zero || quantity.value.is_zero())
    }
}

/// The built-in direction table ([`BUILTIN`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltinDirections;

impl Directions for BuiltinDirections {
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision {
        let hit = BUILTIN
            .iter()
            .find(|e| e.matches(subject, quantity))
            .unwrap_or(&BUILTIN[BUILTIN.len() - 1]);
        Decision {
            direction: hit.direction,
            rule: Cow::Borrowed(hit.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn decide(name: &str, category: Option<&str>, value: i64) -> &'static str {
        let q = Quantity::new(Decimal::from(value), None);
        match BuiltinDirections
            .decide(
                Subject {
                    indicator: Some(name),
                    category,
                    subcategory: None,
                },
                &q,
            )
            .rule
        {
            Cow::Borrowed(id) => id,
            Cow::Owned(_) => unreachable!("built-in ids are static"),
        }
    }

    #[test]
    fn table_reads_as_a_careful_reader_would() {
        assert_eq!(decide("响应时间", None, 4), "default.direction.lower-name");
        assert_eq!(decide("响应及时率", None, 95), "default.direction.rate");
        assert_eq!(
            decide("行政复议、诉讼错案率", None, 1),
            "default.direction.negative-rate"
        );
        assert_eq!(
            decide("成本控制率", Some("成本指标"), 100),
            "default.direction.rate"
        );
        assert_eq!(
            decide("项目金额", Some("成本指标"), 5),
            "default.direction.cost-category"
        );
        assert_eq!(
            decide("办公安全性", None, 0),
            "default.direction.zero-target"
        );
        assert_eq!(
            decide("利用共享主题数", None, 10),
            "default.direction.higher"
        );
    }
}
