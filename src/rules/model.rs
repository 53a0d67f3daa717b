//! The rule file format as serde reads it: a `rules:` list of flat rules, each with an `id`, an
//! optional `when:` condition, and one decision (or a `require:` check, or `disable`).
//!
//! This is the shape auditors write (contract §6); it is the source of `rules/schema.json`. It holds
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

/// Which total a project's grade band reads (contract §8.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GradeOn {
    /// The total as shown, rounded to the shown precision (90.00 shown → 优), as offices grade.
    Shown,
    /// The exact total (89.996 → 良 though shown as 90.00).
    Exact,
}

/// What the bands of `tiers:` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TierOn {
    /// The actual value (`up_to: 3天`).
    Actual,
    /// Actual ÷ target (完成率: `below: 60%`).
    Ratio,
    /// |actual − target| (偏差: `up_to: 10%`; a % bound on a target not in % reads the
    /// deviation relative to the target).
    Deviation,
    /// How late a deadline was met (逾期): from the deadline to the completion date, in days
    /// (`up_to: 10天`, a bare number is days, `1周` is 7 days), in calendar months (`1个月`,
    /// `1季度`; `1月` reads as a date) or as a share of the planned time (`up_to: 10%`); only on deadline targets.
    Lateness,
}

/// One band of `tiers:`: its bound (none: every value) and what it gives.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TierBand")]
pub struct TierBandSpec {
    /// The band holds for values ≤ this (含).
    pub up_to: Option<Number>,
    /// The band holds for values < this.
    pub below: Option<Number>,
    /// The band holds for values ≥ this.
    pub at_least: Option<Number>,
    /// The share of the indicator's points it gives (`60%`).
    pub share: Option<Number>,
    /// The points it gives (never above the indicator's points).
    pub points: Option<Number>,
}

/// `tiers:` — 分档: the first band that holds gives the share (or points) of the indicator.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tiers")]
pub struct TiersSpec {
    /// What the bands read: actual | ratio | deviation | lateness.
    pub on: TierOn,
    /// The bands, in order: the first that holds decides.
    pub bands: Vec<TierBandSpec>,
}

/// `deduct:` — 扣分: points off per step short of the target (or past `beyond`), never below 0.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Deduct")]
pub struct DeductSpec {
    /// One step: `5%`, `1` (例), `1天`.
    pub per: Number,
    /// Points off per step.
    pub points: Number,
    /// Steps counted past this value of the actual instead of past the target (超过5%后…).
    pub beyond: Option<Number>,
    /// `true`: only whole steps count (每满5%扣1分); default pro rata.
    pub whole_steps: Option<bool>,
}

/// `floor:` — 完成率低于60%不得分: below the ratio, the indicator earns `share` of its points.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Floor")]
pub struct FloorSpec {
    /// The completion ratio (actual ÷ target; lower is better: target ÷ actual) below which …
    pub ratio_below: Number,
    /// … the indicator earns this share of its points (`0`).
    pub share: Number,
}

/// `veto:` — 一票否决: where the rule's `when:` holds, the project's grade (and total) is set.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Veto")]
pub struct VetoSpec {
    /// The project's grade (`差`).
    pub grade: String,
    /// The project's total, where the method sets it too (`0`).
    pub total: Option<Number>,
    /// The message shown beside the total.
    pub message: Option<String>,
}

/// `bonus:` — 加分: points added per step the actual is better than the target, up to `max`;
/// the row (and the project's total) may exceed its points by that much.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bonus")]
pub struct BonusSpec {
    /// One step past the target: `1%`, `1` (例), `10万元`.
    pub per: Number,
    /// Points added per step.
    pub points: Number,
    /// The most the rule adds to one row (`最高加2分`).
    pub max: Number,
    /// `true`: only whole steps count (每增加1%加1分: 1.5% adds 1); default pro rata.
    pub whole_steps: Option<bool>,
}

/// `other_row:` — a condition on another row of the same project: where the rule's `when:`
/// holds for a row and some other row of its project meets `when` here, the row earns at most
/// `share` of its points (`未按国库管理制度拨付核算的，资金使用不得分`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "OtherRow")]
pub struct OtherRowSpec {
    /// The condition another row of the project must meet (any field, `actual` included).
    pub when: String,
    /// The share of its points the row earns at most then (`0`: 不得分).
    pub share: Number,
    /// The message shown on the row and beside the total.
    pub message: Option<String>,
}

/// `cap:` — 等级上限: where the rule's `when:` holds, the project's grade may not exceed `grade`
/// (it never raises a lower grade).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Cap")]
pub struct CapSpec {
    /// The highest grade the project may have (`良好`).
    pub grade: String,
    /// The message shown beside the total.
    pub message: Option<String>,
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
    /// The exact decimal (a float goes through its shortest printed form: `2.5` is 2.5), within
    /// the range a form's numbers may take (`crate::table::amount::in_range`: below 10^15, and
    /// not below 10^-10 unless zero): points, weights and steps past it (`1e28` points, a weight
    /// of `1e-28`) overflowed the scores they scale, a panic; they are refused where the key is.
    pub fn decimal(&self) -> Option<rust_decimal::Decimal> {
        use std::str::FromStr;
        match self {
            Number::Int(i) => Some((*i).into()),
            Number::Float(f) => rust_decimal::Decimal::from_str(&f.to_string()).ok(),
            Number::Text(s) => rust_decimal::Decimal::from_str(s.trim()).ok(),
        }
        .filter(|d| crate::table::amount::in_range(*d))
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
    /// Which total the grade band reads: `shown` (default: as printed) or `exact`.
    pub grade_on: Option<GradeOn>,
    /// 分档 scoring of matching indicators.
    pub tiers: Option<TiersSpec>,
    /// 扣分 scoring of matching indicators.
    pub deduct: Option<DeductSpec>,
    /// A completion ratio below which matching indicators earn a fixed share.
    pub floor: Option<FloorSpec>,
    /// 加分 of matching indicators past their target, up to a maximum.
    pub bonus: Option<BonusSpec>,
    /// A condition on another row of the same project that limits matching rows' points.
    pub other_row: Option<OtherRowSpec>,
    /// 一票否决 where `when:` holds (it may read `actual`).
    pub veto: Option<VetoSpec>,
    /// 等级上限 where `when:` holds (it may read `actual`): the grade may not exceed it.
    pub cap: Option<CapSpec>,
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

/// Every key a rule may have, for unknown-key suggestions: serde's own list of [`RuleSpec`]'s
/// fields, in their order, so a new field is a known key with no second list to keep in step.
pub static RULE_KEYS: std::sync::LazyLock<&'static [&'static str]> =
    std::sync::LazyLock::new(spec_fields);

/// The field names serde's derive hands to `deserialize_struct` for [`RuleSpec`], caught by a
/// deserializer that reads nothing else.
fn spec_fields() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor, value::Error};
    struct Fields(&'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for &mut Fields {
        type Error = Error;
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Error> {
            self.0 = fields;
            Err(Error::custom("only the field names are read"))
        }
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
            Err(Error::custom("only a struct's field names are read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields = Fields(&[]);
    let _ = RuleSpec::deserialize(&mut fields);
    fields.0
}

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
