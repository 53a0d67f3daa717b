//! The numbers of the scoring method (contract §8), each with the id of the rule that set it, so
//! every verdict can say which rules decided it. [`Methodology::default`] is the Ministry of
//! Finance's project self-evaluation method as the bundled rules state it; the rules layer
//! overrides any of these numbers ([`Methodology::from_rules`]); the defaults here carry the
//! same ids and numbers as `rules/methodology.yaml`, and a test keeps the two in step.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// A value and the id of the rule that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruled<T> {
    pub value: T,
    pub rule: Cow<'static, str>,
}

impl<T> Ruled<T> {
    pub fn new(value: T, rule: impl Into<Cow<'static, str>>) -> Self {
        Ruled {
            value,
            rule: rule.into(),
        }
    }
}

/// A person's grade of a qualitative target (contract §8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// 达成: 100%–80% of the weight.
    Achieved,
    /// 部分达成: 80%–60%.
    Partly,
    /// 未达成: 60%–0%.
    NotAchieved,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Achieved => "达成",
            Grade::Partly => "部分达成",
            Grade::NotAchieved => "未达成",
        }
    }
}

/// The share of the weight a grade earns by default, and the band an explicit share must lie in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeBand {
    pub grade: Grade,
    pub default_share: Decimal,
    pub min_share: Decimal,
    pub max_share: Decimal,
    pub rule: Cow<'static, str>,
}

/// A total-score band (优 ≥ 90 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreBand {
    pub name: Cow<'static, str>,
    pub min: Decimal,
}

/// Every number of the method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Methodology {
    /// Points for budget execution (预算执行率).
    pub budget_weight: Ruled<Decimal>,
    /// Points per category (一级指标), in report order.
    pub category_weights: Vec<(Cow<'static, str>, Ruled<Decimal>)>,
    /// Categories scored inside another (成本指标 inside 产出指标) unless they have a weight.
    pub folded_categories: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// Qualitative grades.
    pub grades: Vec<GradeBand>,
    /// Total-score bands, highest first; the last one catches everything below.
    pub bands: Ruled<Vec<ScoreBand>>,
    /// Decimals shown for scores (half-up).
    pub precision: Ruled<u32>,
    /// Grade bands read the exact total (`true`), or the total as shown (`false`, contract §8.10).
    pub grade_exact: Ruled<bool>,
    /// Relative tolerance of approximate targets (`约100人` passes within ±10%).
    pub approximate_tolerance: Ruled<Decimal>,
    /// Share of the weight taken off per month late for deadlines (none: late scores 0).
    pub deadline_penalty_per_month: Option<Ruled<Decimal>>,
}

fn d(v: i64) -> Decimal {
    Decimal::from(v)
}

impl Default for Methodology {
    fn default() -> Self {
        let grade = |grade, default, min, max, rule: &'static str| GradeBand {
            grade,
            default_share: Decimal::new(default, 2),
            min_share: Decimal::new(min, 2),
            max_share: Decimal::new(max, 2),
            rule: Cow::Borrowed(rule),
        };
        Methodology {
            budget_weight: Ruled::new(d(10), "default.weight.budget"),
            category_weights: vec![
                (
                    "产出指标".into(),
                    Ruled::new(d(50), "default.weight.output"),
                ),
                (
                    "效益指标".into(),
                    Ruled::new(d(30), "default.weight.benefit"),
                ),
                (
                    "满意度指标".into(),
                    Ruled::new(d(10), "default.weight.satisfaction"),
                ),
            ],
            folded_categories: vec![("成本指标".into(), "产出指标".into())],
            grades: vec![
                grade(Grade::Achieved, 100, 80, 100, "default.grade.achieved"),
                grade(Grade::Partly, 70, 60, 80, "default.grade.partial"),
                grade(Grade::NotAchieved, 30, 0, 60, "default.grade.missed"),
            ],
            bands: Ruled::new(
                vec![
                    ScoreBand {
                        name: "优".into(),
                        min: d(90),
                    },
                    ScoreBand {
                        name: "良".into(),
                        min: d(80),
                    },
                    ScoreBand {
                        name: "中".into(),
                        min: d(60),
                    },
                    ScoreBand {
                        name: "差".into(),
                        min: Decimal::MIN,
                    },
                ],
                "default.band",
            ),
            precision: Ruled::new(2, "default.precision"),
            grade_exact: Ruled::new(false, "default.grade-on"),
            approximate_tolerance: Ruled::new(Decimal::new(10, 2), "default.tolerance"),
            deadline_penalty_per_month: None,
        }
    }
}

impl Methodology {
    /// The category whose points an indicator of `category` shares (成本指标 → 产出指标).
    pub fn scoring_category<'a>(&'a self, category: &'a str) -> &'a str {
        if self.category_weights.iter().any(|(c, _)| c == category) {
            return category;
        }
        self.folded_categories
            .iter()
            .find(|(from, _)| from == category)
            .map(|(_, to)| to.as_ref())
            .unwrap_or(category)
    }

    /// The points of a category, if the method gives it any.
    pub fn category_weight(&self, category: &str) -> Option<&Ruled<Decimal>> {
        self.category_weights
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, w)| w)
    }

    pub fn grade(&self, grade: Grade) -> &GradeBand {
        self.grades
            .iter()
            .find(|g| g.grade == grade)
            .expect("every grade has a band")
    }

    /// The band of a total score.
    pub fn band(&self, score: Decimal) -> &str {
        self.bands
            .value
            .iter()
            // (compared on the mantissas where the scales allow: `exact`)
            .find(|b| super::exact::cmp(score, b.min) != std::cmp::Ordering::Less)
            .or(self.bands.value.last())
            .map(|b| b.name.as_ref())
            .unwrap_or("")
    }

    /// The band of a total as the method grades it: the total as shown (90.00 shown → 优,
    /// whatever its third decimal), or the exact total where a rule says `grade_on: exact`.
    pub fn grade_of(&self, total: Decimal) -> &str {
        if self.grade_exact.value {
            self.band(total)
        } else {
            self.band(self.show(total))
        }
    }

    /// A score as shown: rounded half-up to the method's precision.
    pub fn show(&self, score: Decimal) -> Decimal {
        round_half_up(score, self.precision.value)
    }
}

/// 10^0 to 10^28 (a decimal's scale is at most 28): looked up, not multiplied out a call.
pub(super) const POWERS_OF_TEN: [u128; 29] = {
    let mut t = [1u128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// `d` rounded half away from zero to `dp` decimals, exactly as
/// `round_dp_with_strategy(dp, MidpointAwayFromZero)` gives it (the same value, scale and
/// sign): worked out on the mantissa (at most 96 bits) with one division where the value is
/// not negative and has more decimals than `dp`, else by the decimal's own rounding. A
/// project's total and points (twice a project) carry up to 28 decimals where a share was
/// divided, and the decimal drops them one digit at a time (~520 instructions a call on a
/// generated sheet).
pub(super) fn round_half_up(d: Decimal, dp: u32) -> Decimal {
    let scale = d.scale();
    if scale <= dp || d.is_sign_negative() {
        return d.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    }
    // not negative: the mantissa is the value's digits; 10^(scale - dp) ≤ 10^28 fits in 128 bits
    let m = d.mantissa().unsigned_abs();
    let unit = POWERS_OF_TEN[(scale - dp) as usize];
    let rounded = match (u64::try_from(m), u64::try_from(unit)) {
        // most totals: 64-bit arithmetic (a 128-bit division is a library call)
        (Ok(m), Ok(unit)) => {
            let (q, r) = (m / unit, m % unit);
            u128::from(q + u64::from(r >= unit - r))
        }
        _ => {
            let q = m / unit;
            let r = m - q * unit;
            q + u128::from(r >= unit - r)
        }
    };
    // below the mantissa's 96 bits (a tenth of it, plus one): the conversion cannot fail
    Decimal::from_i128_with_scale(rounded as i128, dp)
}

impl Methodology {
    /// The method as a rule set states it (the bundled `rules/methodology.yaml` and whatever the
    /// auditors' files override). Numbers no rule gives keep the defaults above.
    pub fn from_rules(rules: &crate::rules::RuleSet) -> Methodology {
        use crate::rules::Facts;
        let mut m = Methodology::default();
        let general = rules.apply(Facts::default());
        if let Some(d) = general.budget_weight() {
            m.budget_weight = Ruled::new(d.value, d.rule.id.clone());
        }
        // Category points: categories whose weight comes from one rule share it (a pool).
        let weight_of = |c: &'static str| {
            rules
                .apply(Facts {
                    category: Some(c),
                    indicator: Some(""),
                    ..Facts::default()
                })
                .category_weight()
                .map(|d| Ruled::new(d.value, d.rule.id.clone()))
        };
        let mut weights: Vec<(Cow<'static, str>, Ruled<Decimal>)> = Vec::new();
        let mut folded = Vec::new();
        for c in ["产出指标", "效益指标", "满意度指标", "成本指标"] {
            let Some(w) = weight_of(c) else { continue };
            match weights.iter().find(|(_, x)| x.rule == w.rule) {
                Some((pool, _)) => folded.push((Cow::Borrowed(c), pool.clone())),
                None => weights.push((Cow::Borrowed(c), w)),
            }
        }
        if !weights.is_empty() {
            m.category_weights = weights;
            m.folded_categories = folded;
        }
        for g in general.grades() {
            let grade = match g.value.name.as_str() {
                "达成" => Grade::Achieved,
                "部分达成" => Grade::Partly,
                "未达成" => Grade::NotAchieved,
                _ => continue,
            };
            if let Some(band) = m.grades.iter_mut().find(|b| b.grade == grade) {
                band.default_share = g.value.share;
                band.min_share = g.value.min_share;
                band.max_share = g.value.max_share;
                band.rule = g.rule.id.clone();
            }
        }
        let mut bands: Vec<ScoreBand> = rules
            .rules()
            .iter()
            .filter(|r| !r.disabled)
            .filter_map(|r| {
                let b = r.choice.get::<crate::rules::Band>()?;
                Some(ScoreBand {
                    name: Cow::Owned(b.name.clone()),
                    min: b.min_score,
                })
            })
            .collect();
        if !bands.is_empty() {
            bands.sort_by_key(|b| std::cmp::Reverse(b.min));
            bands.dedup_by(|a, b| a.name == b.name);
            if let Some(last) = bands.last_mut() {
                last.min = last.min.min(Decimal::ZERO);
            }
            m.bands = Ruled::new(bands, "rules.band");
        }
        if let Some(p) = general.precision() {
            m.precision = Ruled::new(p.value, p.rule.id.clone());
        }
        if let Some(g) = general.grade_on() {
            m.grade_exact = Ruled::new(g.value, g.rule.id.clone());
        }
        if let Some(t) = general.tolerance() {
            m.approximate_tolerance = Ruled::new(t.value, t.rule.id.clone());
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same value, scale and sign as the decimal's own rounding: mantissas near the midpoints,
    /// at the 64-bit edge and up to 96 bits (a share's 28 decimals), at every scale and
    /// precision, negatives and zeros too.
    #[test]
    fn rounding_half_up_is_the_decimals_own() {
        let mut mantissas: Vec<i128> = vec![
            0,
            1,
            4,
            5,
            6,
            49,
            50,
            51,
            94,
            95,
            96,
            994,
            995,
            999,
            1_000,
            16_666_667,
            99_995,
            999_999_999_999_999_995,
            i128::from(u64::MAX),
            i128::from(u64::MAX) - 5,
            i128::from(u64::MAX) + 1,
            (1 << 96) - 1,
            // 87.333…, 16.666…7, 49.995… with 27 decimals (96-bit mantissas)
            8_733_333_333_333_333_333_333_333_333,
            16_666_666_666_666_666_666_666_666_667,
            49_995_000_000_000_000_000_000_000_000,
            49_994_999_999_999_999_999_999_999_999,
        ];
        mantissas.extend((0..500).map(|k| k * 7_919 % 100_003));
        // midpoints and their neighbours at every number of digits dropped, up to 96 bits
        let mut p = 10i128;
        while p * 1_000 < 1 << 96 {
            for k in [1, 7, 99] {
                let mid = k * p * 10 + 5 * p;
                mantissas.extend([mid - 1, mid, mid + 1]);
            }
            p *= 10;
        }
        let mut n = 0;
        for m in mantissas {
            for sign in [1, -1] {
                for scale in 0..=28 {
                    let d = Decimal::from_i128_with_scale(sign * m, scale);
                    for dp in [0, 1, 2, 3, 4, 8, 19, 20, 27, 28] {
                        let theirs = d.round_dp_with_strategy(
                            dp,
                            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                        );
                        let ours = round_half_up(d, dp);
                        assert_eq!(ours, theirs, "{d:?} {dp}");
                        assert_eq!(ours.serialize(), theirs.serialize(), "{d:?} {dp}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 100_000, "{n}");
    }

    #[test]
    fn the_bundled_rules_state_the_default_method() {
        let from_rules = Methodology::from_rules(crate::rules::RuleSet::bundled());
        let default = Methodology::default();
        assert_eq!(from_rules.budget_weight, default.budget_weight);
        assert_eq!(from_rules.category_weights, default.category_weights);
        assert_eq!(from_rules.folded_categories, default.folded_categories);
        assert_eq!(from_rules.grades, default.grades);
        assert_eq!(from_rules.precision, default.precision);
        assert_eq!(from_rules.grade_exact, default.grade_exact);
        assert_eq!(
            from_rules.approximate_tolerance,
            default.approximate_tolerance
        );
        let names: Vec<_> = from_rules
            .bands
            .value
            .iter()
            .map(|b| (b.name.to_string(), b.min))
            .collect();
        assert_eq!(
            &names[..3],
            &[
                ("优".into(), Decimal::from(90)),
                ("良".into(), Decimal::from(80)),
                ("中".into(), Decimal::from(60))
            ]
        );
        assert_eq!(from_rules.band(Decimal::from(59)), "差");
    }
}
