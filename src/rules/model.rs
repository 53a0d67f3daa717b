//! The rule file format as serde reads it: a `rules:` list of flat rules, each with an `id`, an
//! optional `when:` condition, and one decision (or a `require:` check, or `disable`).
//!
//! This is the shape auditors write (contract §6); it is the source of `rules/schema.json`. A
//! [`RuleSpec`] is the fields every rule has plus, for each key it writes, that key's `Fields`,
//! declared in the key's file ([`super::keys`]); this module assembles the schema and the list of
//! known keys from them and holds the value types several keys share. It holds text only:
//! expressions and quantities are compiled by each key's `compile` and [`super::set`], positions
//! live in [`super::locate`]. Every field is optional here so each key can be checked on its own
//! and all errors of a file reported together; `id` is required by the loader and the schema.
//!
//! Decided here where nothing else says: the known keys are listed (in `rules check`'s help for a
//! key nothing is near) as the common fields, then each key's fields in registry order, each name
//! once: `require, severity, message, review` where the hand-kept list had `require, review,
//! severity, message`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::keys::{AnyFields, KeyFields};

/// A rule file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
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
    /// 按完成率计分: the completion ratio (at most 100 %) × this share of the points
    /// (`100%`: 完成率 × 分值; `80%`: 完成率 × 分值 × 0.8).
    pub by_ratio: Option<Number>,
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
    /// Points off per step (`1`, `1分`), or a share of the row's points (`10%`).
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
        let points = match self {
            // points as published methods write them: `50分` is 50
            Number::Text(s) => match s.trim().strip_suffix('分') {
                Some(digits) => Number::Text(digits.to_owned()).decimal_as_written(),
                None => self.decimal_as_written(),
            },
            _ => self.decimal_as_written(),
        };
        points.filter(|d| crate::table::amount::in_range(*d))
    }

    /// The exact decimal whatever its size: a rule test case's figures (分值, 全年预算数),
    /// which go into a table and meet the table's own bounds there (a finding, never dropped).
    pub fn decimal_as_written(&self) -> Option<rust_decimal::Decimal> {
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
///
/// Its common fields are here ([`Common`]); every other field belongs to a key and is declared
/// in that key's file (`fields!` in [`super::keys`]): a rule holds the `Fields` of each key it
/// writes, asked for by type ([`RuleSpec::get`]). Its serde and schema impls are assembled from
/// the keys' (the schema here, the reading in [`super::loader`]).
#[derive(Debug, Default)]
pub struct RuleSpec {
    /// Unique id; a later file with the same id overrides the keys it writes.
    pub id: Option<String>,
    /// What the rule is for (shown by `jixiao rules list`).
    pub description: Option<String>,
    /// Condition in the target language: `indicator ~ "满意度" and target < 90%`.
    pub when: Option<String>,
    /// `true` switches off a rule loaded earlier (`false` switches it back on).
    pub disable: Option<bool>,
    /// The fields of each key the rule writes, with the key's kind, in the order of kinds.
    keys: Vec<(usize, Box<dyn AnyFields>)>,
}

/// The fields every rule has, whatever it decides: the schema of [`RuleSpec`] starts from
/// them (its description is [`RuleSpec`]'s).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "One rule. Exactly one decision key (or `require:`) per rule, besides `id`, `when`,\n`description` and `disable`; a later rule with the same id replaces the keys it writes."
)]
pub struct Common {
    /// Unique id; a later file with the same id overrides the keys it writes.
    #[schemars(required)]
    pub id: Option<String>,
    /// What the rule is for (shown by `jixiao rules list`).
    pub description: Option<String>,
    /// Condition in the target language: `indicator ~ "满意度" and target < 90%`.
    pub when: Option<String>,
    /// `true` switches off a rule loaded earlier (`false` switches it back on).
    pub disable: Option<bool>,
}

impl Common {
    /// The names of the common fields.
    pub const NAMES: &'static [&'static str] = &["id", "description", "when", "disable"];
}

impl Clone for RuleSpec {
    fn clone(&self) -> Self {
        RuleSpec {
            id: self.id.clone(),
            description: self.description.clone(),
            when: self.when.clone(),
            disable: self.disable,
            keys: self
                .keys
                .iter()
                .map(|(k, f)| (*k, f.clone_boxed()))
                .collect(),
        }
    }
}

impl RuleSpec {
    /// The fields of the key whose `Fields` is `T`, where the rule writes any of them.
    pub fn get<T: KeyFields>(&self) -> Option<&T> {
        self.keys
            .iter()
            .find_map(|(_, f)| f.as_any().downcast_ref())
    }

    /// The same, to fill in the values compiled from them.
    pub fn get_mut<T: KeyFields>(&mut self) -> Option<&mut T> {
        self.keys
            .iter_mut()
            .find_map(|(_, f)| f.as_any_mut().downcast_mut())
    }

    /// The kinds of the keys whose fields the rule writes, with those fields, in kind order.
    pub fn kinds(&self) -> impl Iterator<Item = (usize, &dyn AnyFields)> {
        self.keys.iter().map(|(k, f)| (*k, &**f))
    }

    /// Whether the rule writes the field `name` (a value, not `null`).
    pub fn has(&self, name: &str) -> bool {
        match name {
            "id" => self.id.is_some(),
            "description" => self.description.is_some(),
            "when" => self.when.is_some(),
            "disable" => self.disable.is_some(),
            _ => self.keys.iter().any(|(_, f)| f.has(name)),
        }
    }

    /// The common fields `new` writes replace these.
    pub(crate) fn set_common(&mut self, new: Common) {
        let Common {
            id,
            description,
            when,
            disable,
        } = new;
        if id.is_some() {
            self.id = id;
        }
        if description.is_some() {
            self.description = description;
        }
        if when.is_some() {
            self.when = when;
        }
        if disable.is_some() {
            self.disable = disable;
        }
    }

    /// The fields of the key of kind `kind` merged over those the rule has (or added).
    pub(crate) fn add_fields(&mut self, kind: usize, fields: Box<dyn AnyFields>) {
        match self.keys.binary_search_by_key(&kind, |(k, _)| *k) {
            Ok(i) => self.keys[i].1.merge_boxed(fields),
            Err(i) => self.keys.insert(i, (kind, fields)),
        }
    }

    /// The keys `new` writes replace these (every key but `id`; a later rule of the same id).
    pub(crate) fn merge(&mut self, new: RuleSpec) {
        let RuleSpec {
            id: _,
            description,
            when,
            disable,
            keys,
        } = new;
        self.set_common(Common {
            id: None,
            description,
            when,
            disable,
        });
        for (kind, fields) in keys {
            self.add_fields(kind, fields);
        }
    }
}

impl JsonSchema for RuleSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleSpec".into()
    }

    /// The common fields' schema, with every key's fields added to its properties.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = Common::json_schema(generator);
        let keys: Vec<(String, serde_json::Value)> = super::keys::ALL
            .iter()
            .flat_map(|k| {
                let fields = (k.fields.schema)(generator);
                match fields.get("properties") {
                    Some(serde_json::Value::Object(p)) => p.clone().into_iter().collect(),
                    _ => Vec::new(),
                }
            })
            .collect();
        if let Some(serde_json::Value::Object(props)) = schema.get_mut("properties") {
            for (name, property) in keys {
                props.entry(name).or_insert(property);
            }
        }
        schema
    }
}

/// Every key a rule may have, for unknown-key suggestions: the common fields, then each
/// registered key's fields in the order of [`super::keys::ALL`] (each name once).
pub static RULE_KEYS: std::sync::LazyLock<&'static [&'static str]> =
    std::sync::LazyLock::new(|| {
        let mut names: Vec<&'static str> = Common::NAMES.to_vec();
        for key in super::keys::ALL {
            for name in key.fields.names {
                if !names.contains(name) {
                    names.push(name);
                }
            }
        }
        Box::leak(names.into_boxed_slice())
    });

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
