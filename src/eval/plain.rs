//! A plain figure against a plain comparison, decided with integers: `96.578%` against `≥95%`,
//! `12.5次` against `12次`. Most actuals of a sheet are such figures, and where one meets its
//! target its outcome is the reading's plain pass (`达标，得满分 W`, the same for every figure,
//! [`meets_plainly`](super::score::meets_plainly)): this module says whether the figure meets
//! the target without reading it into an `Actual` (units, magnitudes, findings) or comparing
//! decimals, so that `eval::indicator` can hand out the plain pass kept for the reading at once.
//! Anything it is not sure of (another unit, a sign, a separator, more than 18 digits, a target
//! past 64 bits) is `None`: the general path decides it, as before.

use rust_decimal::Decimal;

use crate::lang::{Op, Target, Unit};

/// A comparison target (`≥95%`, `>6000GB`, `12次`) as an integer mantissa and scale, with the
/// unit a plain figure must be written in to be compared with it as written.
#[derive(Debug, Clone)]
pub(super) struct PlainTarget {
    op: Op,
    mantissa: u64,
    scale: u32,
    unit: Option<Unit>,
}

/// Powers of ten that fit 64 bits.
const POW10: [u64; 19] = {
    let mut p = [1u64; 19];
    let mut k = 1;
    while k < 19 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

impl PlainTarget {
    /// `target` as integers, where it is a comparison of a value that is not negative, whose
    /// mantissa fits 64 bits and scale 18 decimals, in no unit, `%`, or one of the units
    /// [`read_with`](super::actual::read_with) reads after a plain figure without the
    /// language ([`actual::static_plain_unit`](super::actual::static_plain_unit)); else `None`.
    pub(super) fn of(target: &Target) -> Option<PlainTarget> {
        let Target::Compare { op, quantity } = target else {
            return None;
        };
        let value = quantity.value;
        if value.is_sign_negative() || value.scale() > 18 {
            return None;
        }
        // (the same text, `'static`: cloned for each figure read without an allocation)
        let unit = match &quantity.unit {
            None => None,
            Some(u) => Some(Unit(std::borrow::Cow::Borrowed(
                super::actual::static_plain_unit(u.as_str())?,
            ))),
        };
        Some(PlainTarget {
            op: *op,
            mantissa: u64::try_from(value.mantissa()).ok()?,
            scale: value.scale(),
            unit,
        })
    }

    /// Whether the actual `text` meets this target, where it is a plain figure written in the
    /// target's own unit (or bare against a bare target): read by `read_with` as that figure in
    /// that unit, no unit borrowed, no comparator copied, no sign. `None` for anything else.
    #[cfg(test)]
    pub(super) fn met_by(&self, text: &str) -> Option<bool> {
        self.figure(text).map(|figure| self.holds(figure))
    }

    /// The value of the actual `text` where it is a plain figure written in the target's own
    /// unit (or bare against a bare target), as [`read_with`](super::actual::read_with) reads
    /// it: the same mantissa and scale, in [`PlainTarget::unit`], no unit borrowed, no
    /// comparator copied, no finding (`tests::integers_decide_as_the_general_path_does`
    /// holds it to that reading, byte for byte). `None` for anything else.
    pub(super) fn figure(&self, text: &str) -> Option<Decimal> {
        let trimmed = super::actual::trimmed(text);
        let digits = match &self.unit {
            None => trimmed,
            Some(u) => trimmed.strip_suffix(u.as_str())?,
        };
        // `1.200人`: a count with a period before three digits goes the general way, where
        // its doubt is named (`actual::period_thousands`)
        let b = digits.as_bytes();
        if b.len() >= 5
            && b[b.len() - 4] == b'.'
            && self
                .unit
                .as_ref()
                .is_some_and(|u| super::actual::is_counted(u.as_str()))
            && super::actual::period_thousands(trimmed).is_some()
        {
            return None;
        }
        crate::table::amount::plain_decimal(digits.as_bytes())
    }

    /// The unit a [`PlainTarget::figure`] is in: the target's own.
    pub(super) fn unit(&self) -> Option<&Unit> {
        self.unit.as_ref()
    }

    /// Whether `figure` (a plain figure's value: at most 18 digits, not negative) `op` the
    /// target holds, compared as integers at the larger of the two scales.
    pub(super) fn holds(&self, figure: Decimal) -> bool {
        let (am, ascale) = (figure.mantissa().unsigned_abs(), figure.scale());
        let scale = ascale.max(self.scale);
        // (a figure's mantissa is below 10^18 and its scale at most 17, the target's scale at
        // most 18: each product is below 2^64 · 10^18 < 2^124)
        let a = am * u128::from(POW10[(scale - ascale) as usize]);
        let t = u128::from(self.mantissa) * u128::from(POW10[(scale - self.scale) as usize]);
        match self.op {
            Op::Ge => a >= t,
            Op::Gt => a > t,
            Op::Le => a <= t,
            Op::Lt => a < t,
            Op::Eq => a == t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PlainTarget;
    use crate::eval::actual::{Actual, read};
    use crate::eval::method::convert_actual;
    use crate::eval::score::meets_plainly;
    use crate::lang::{Context, Target, parse};
    use rust_decimal::Decimal;

    /// Figures around `v`: itself, a step of its last decimal and of finer ones either side,
    /// a tenth, ten times, zero, written with and without trailing zeros.
    fn figures_around(v: Decimal) -> Vec<String> {
        let mut out = vec![
            "0".to_owned(),
            "0.0".to_owned(),
            "1".to_owned(),
            "100".to_owned(),
            "96.578".to_owned(),
            "123456789012345678".to_owned(),
            "12345678901234567.8".to_owned(),
        ];
        let v = v.abs();
        for step in ["1", "0.1", "0.01", "0.001", "0.0001", "0.000001"] {
            let step: Decimal = step.parse().expect("step");
            for w in [v - step, v, v + step] {
                if w >= Decimal::ZERO {
                    out.push(w.to_string());
                    out.push(w.normalize().to_string());
                    out.push(format!("{w:.6}"));
                }
            }
        }
        for w in [v / Decimal::TEN, v * Decimal::TEN] {
            out.push(w.normalize().to_string());
        }
        out
    }

    /// The integer path ([`PlainTarget::met_by`]) against the general one on every target of
    /// the fixtures and many actuals each: where it answers, the general path reads the actual
    /// as a plain figure in the target's unit (no unit borrowed, no comparator copied, no
    /// conversion) and `meets_plainly` agrees with it; and it answers for most figures written
    /// in the target's unit.
    #[test]
    fn integers_decide_as_the_general_path_does() {
        let rules = crate::rules::RuleSet::bundled();
        let (mut met, mut missed, mut left) = (0, 0, 0);
        let mut targets: Vec<(Option<String>, String)> = crate::lang::test_targets::all()
            .into_iter()
            .map(|f| (f.indicator, f.target))
            .collect();
        for t in [
            "≥95%",
            ">99%",
            "95%以上",
            "90%",
            "≤50000元",
            "<5秒",
            "=12次",
            "≥10户",
            "≥0",
            "≤0",
            "0次",
            "≥200",
            "100%",
            ">6000GB",
            "12.5次",
            "≤0.000000000000000001",
            "≥18446744073709551615",
            "≥18446744073709551616",
            "≥1.5万人",
            "≥-5%",
        ] {
            targets.push((Some("指标".to_owned()), t.to_owned()));
        }
        for (indicator, text) in &targets {
            let ctx = Context::default().with_indicator(indicator.as_deref());
            let target = parse(text, &ctx).target;
            let Some(plain) = PlainTarget::of(&target) else {
                continue;
            };
            let Target::Compare { quantity, .. } = &target else {
                panic!("{text}: a plain target that is no comparison");
            };
            let own = quantity.unit.as_ref().map_or("", |u| u.as_str());
            for figure in figures_around(quantity.value) {
                for unit in [own, "", "%", "人", "万元", "元"] {
                    for (before, after) in [("", ""), (" ", "。"), ("≥", ""), ("-", ""), ("约", "")]
                    {
                        let actual = format!("{before}{figure}{unit}{after}");
                        let fast = plain.met_by(&actual);
                        let a = read(&actual, &target, indicator.as_deref(), Some(2023));
                        let Some(fast) = fast else {
                            if unit == own && before.trim().is_empty() && figure.len() < 19 {
                                left += 1;
                            }
                            continue;
                        };
                        let Actual::Quantity {
                            quantity: q,
                            unit_from_target: false,
                            copied_comparator: false,
                            approximate: false,
                        } = &a
                        else {
                            panic!("{text} / {actual}: read as {a:?}");
                        };
                        assert_eq!(q.unit, quantity.unit, "{text} / {actual}");
                        // the figure as `eval::indicator` scores a plain miss: read_with's
                        // value to the byte (mantissa and scale), in the target's unit, and
                        // none of read_actual's doubts about magnitudes
                        let figure = plain
                            .figure(&actual)
                            .expect("a figure where met_by answers");
                        assert_eq!(
                            (figure.serialize(), plain.unit()),
                            (q.value.serialize(), q.unit.as_ref()),
                            "{text} / {actual}"
                        );
                        assert!(
                            !crate::eval::actual::magnitude_against_bare_target(
                                actual.trim(),
                                q,
                                &target,
                                text
                            ),
                            "{text} / {actual}"
                        );
                        assert!(
                            convert_actual(rules, &target, &a).is_none(),
                            "{text} / {actual}"
                        );
                        assert_eq!(fast, meets_plainly(&target, &a), "{text} / {actual}");
                        if fast {
                            met += 1;
                        } else {
                            missed += 1;
                        }
                    }
                }
            }
        }
        // both answers given often, and few figures in the target's own unit left to the
        // general path (those past 18 digits)
        eprintln!("{met} met, {missed} missed, {left} left to the general path");
        assert!(met > 5_000 && missed > 3_000, "{met} met, {missed} missed");
        assert!(left * 20 < met + missed, "{left} left");
    }

    /// Targets that are not plain comparisons in a unit read without the language are left to
    /// the general path, and so are actuals that are no plain figure in the target's unit.
    #[test]
    fn what_is_not_plain_is_left_to_the_general_path() {
        let target = |t: &str| parse(t, &Context::default()).target;
        for t in [
            "≥5天",
            "≥-5%",
            "90%-100%",
            "约100人",
            "≥2023年12月",
            "≥3个月",
            "是",
        ] {
            assert!(PlainTarget::of(&target(t)).is_none(), "{t}");
        }
        let p = PlainTarget::of(&target("≥95%")).expect("plain");
        assert_eq!(p.met_by("96.578%"), Some(true));
        assert_eq!(p.met_by(" 95%。"), Some(true));
        assert_eq!(p.met_by("94.999%"), Some(false));
        for a in [
            "96", "≥96%", "-96%", "96 %", "９６%", "1,000%", "96%%", "", "%", ".5%",
        ] {
            assert_eq!(p.met_by(a), None, "{a}");
        }
        let p = PlainTarget::of(&target("<5秒")).expect("plain");
        assert_eq!(p.met_by("4.99999秒"), Some(true));
        assert_eq!(p.met_by("5.000秒"), Some(false));
        assert_eq!(p.met_by("4.9"), None);
    }
}
