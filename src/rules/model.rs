//! The rule file format as serde reads it: a `rules:` list of flat rules, each with an `id`, an
//! optional `when:` condition, and one decision (or a `require:` check, or `disable`).
//!
//! This is the shape auditors write (SPEC §6); it is the source of `rules/schema.json`. It holds
//! text only: expressions and quantities are compiled by [`super::set`], positions live in
//! [`super::locate`]. Every field is optional here so each key can be checked on its own and all
//! errors of a file reported together; `id` is required by the loader and the schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rule file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "jixiao rule file",
    description = "绩效规则文件：`rules:` 列表，每条规则有 id，可选 when 条件，和一项决定或一项 require 检查"
)]
pub struct RuleFile {
    /// The rules, in order: inside a file the first matching rule decides.
    pub rules: Vec<RuleSpec>,
}

/// Which way an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionSpec {
    /// 正向指标：越高越好，裸值读作 `>=`.
    Higher,
    /// 反向指标：越低越好，裸值读作 `<=`.
    Lower,
}

/// The operator a bare value reads with (overrides the direction's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum BareOp {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
}

/// How an indicator of some kind is scored (the evaluation implements each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// Met → full weight; else weight × actual ÷ target (lower is better: target ÷ actual).
    Proportional,
    /// Inside → full; else weight × nearer bound ÷ actual (or actual ÷ nearer bound).
    RangeDistance,
    /// Met → full weight; else 0.
    AllOrNothing,
    /// 是/达到/符合 → full; 否 → 0.
    YesNo,
    /// Done by the date → full; late → 0, or `late_penalty` of the weight off per month late.
    Deadline,
    /// Compared with the plan value given with the actuals, then proportional.
    Plan,
    /// A reviewer's grade (达成 / 部分达成 / 未达成, or a share).
    Graded,
    /// Budget execution: weight × min(spent ÷ budget, 1).
    ExecutionRate,
}

/// Severity of a `require:` check's finding: the findings' own severity.
pub use crate::finding::Severity;

/// A number of points or a count: YAML `50`, `2.5` or `"2.5"`, read exactly.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Number {
    /// The exact decimal (a float goes through its shortest printed form: `2.5` is 2.5).
    pub fn decimal(&self) -> Option<rust_decimal::Decimal> {
        use std::str::FromStr;
        match self {
            Number::Int(i) => Some((*i).into()),
            Number::Float(f) => rust_decimal::Decimal::from_str(&f.to_string()).ok(),
            Number::Text(s) => rust_decimal::Decimal::from_str(s.trim()).ok(),
        }
    }
}

/// One rule. Exactly one decision key (or `require:`) per rule, besides `id`, `when`,
/// `description` and `disable`; a later rule with the same id replaces the keys it writes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id; a later file with the same id overrides the keys it writes.
    #[schemars(required)]
    pub id: Option<String>,
    /// What the rule is for (shown by `jixiao rules list`).
    pub description: Option<String>,
    /// Condition in the target language: `indicator ~ "满意度" and target < 90%`.
    pub when: Option<String>,
    /// `true` switches off a rule loaded earlier (`false` switches it back on).
    pub disable: Option<bool>,

    /// Direction of matching indicators: how a bare target reads and is scored.
    pub direction: Option<DirectionSpec>,
    /// The operator a bare value reads with, where it is not the direction's (`=`).
    pub bare_op: Option<BareOp>,
    /// Category (一级指标) given to matching indicators; marked inferred where the table had none.
    pub category: Option<String>,
    /// Subcategory (二级指标) given to matching indicators.
    pub subcategory: Option<String>,
    /// Tolerance of approximate targets (`约100人`), relative to the value: `10%`.
    pub tolerance: Option<String>,
    /// An extra unit conversion: `1 月 = 30 天`.
    pub convert: Option<String>,
    /// Points of the matching categories; categories whose weight comes from one rule share it.
    pub category_weight: Option<Number>,
    /// Points of each matching indicator (instead of an even share of its category).
    pub indicator_weight: Option<Number>,
    /// Points of budget execution (预算执行率).
    pub budget_weight: Option<Number>,
    /// Scoring formula for matching indicators (usually `when: kind == "..."`).
    pub formula: Option<Formula>,
    /// With `formula: deadline`: share of the weight lost per month late (`10%`); absent: late
    /// scores 0.
    pub late_penalty: Option<String>,
    /// A qualitative grade (达成 / 部分达成 / 未达成).
    pub grade: Option<String>,
    /// With `grade`: other words that mean this grade (`基本达成`).
    pub words: Option<Vec<String>>,
    /// With `grade`: the share of the weight it earns by default (`70%`).
    pub share: Option<String>,
    /// With `grade`: the lowest share a reviewer may give (`60%`).
    pub min_share: Option<String>,
    /// With `grade`: the highest share a reviewer may give (`80%`).
    pub max_share: Option<String>,
    /// A grade band of the total score (优 / 良 / 中 / 差).
    pub band: Option<String>,
    /// With `band`: the lowest score of the band (`90`).
    pub min_score: Option<Number>,
    /// Decimals shown for scores (computation stays exact).
    pub precision: Option<u32>,
    /// `true`: matching indicators do not apply (dropped, project rescaled to 100).
    pub not_applicable: Option<bool>,
    /// A check: a finding (code = id) wherever this does not hold: `target >= 90%`.
    pub require: Option<String>,
    /// `true`: the id names a built-in check of `jixiao review` (`review.punctuation`); with
    /// `severity`, its severity. Switch one off with `disable: true`.
    pub review: Option<bool>,
    /// With `require` or `review`: error | warning | info (default warning).
    pub severity: Option<Severity>,
    /// With `require`: the finding's message.
    pub message: Option<String>,
}

/// Every key a rule may have, for unknown-key suggestions (kept in step with [`RuleSpec`] by a
/// test).
pub const RULE_KEYS: &[&str] = &[
    "id",
    "description",
    "when",
    "disable",
    "direction",
    "bare_op",
    "category",
    "subcategory",
    "tolerance",
    "convert",
    "category_weight",
    "indicator_weight",
    "budget_weight",
    "formula",
    "late_penalty",
    "grade",
    "words",
    "share",
    "min_share",
    "max_share",
    "band",
    "min_score",
    "precision",
    "not_applicable",
    "require",
    "review",
    "severity",
    "message",
];

/// Keys of the file's top level.
pub const FILE_KEYS: &[&str] = &["rules"];

/// The JSON Schema of the rule format, pretty-printed (what `rules/schema.json` holds).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

/// The YAML name of a formula.
pub fn formula_name(f: Formula) -> &'static str {
    match f {
        Formula::Proportional => "proportional",
        Formula::RangeDistance => "range_distance",
        Formula::AllOrNothing => "all_or_nothing",
        Formula::YesNo => "yes_no",
        Formula::Deadline => "deadline",
        Formula::Plan => "plan",
        Formula::Graded => "graded",
        Formula::ExecutionRate => "execution_rate",
    }
}
