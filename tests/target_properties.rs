//! Properties of the target language: printing then parsing gives the same value, for generated
//! targets of every kind; any string gets an answer (never a panic), and reading the canonical
//! form of that answer gives the same answer again.

use std::borrow::Cow;

use jixiao::target::{
    Bound, CalendarDate, Context, Op, Quantity, Target, Unit, parse, parse_canonical,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const UNITS: &[&str] = &[
    "%",
    "人",
    "个",
    "平方米",
    "秒",
    "GB",
    "元",
    "元/平方米",
    "人/年",
    "M",
    "工作日",
    "次",
    "亩",
    "起",
    "份",
    "小时",
];

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..8).prop_map(|(m, s)| Decimal::new(m, s))
}

fn unit() -> impl Strategy<Value = Option<Unit>> {
    proptest::option::of(proptest::sample::select(UNITS).prop_map(|u| Unit(Cow::Borrowed(u))))
}

fn op() -> impl Strategy<Value = Op> {
    proptest::sample::select(vec![Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq])
}

fn date() -> impl Strategy<Value = CalendarDate> {
    (
        proptest::option::of(1990i32..2100),
        1u8..=12,
        proptest::option::of(1u8..=28),
    )
        .prop_map(|(year, month, day)| CalendarDate { year, month, day })
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (op(), decimal(), unit()).prop_map(|(op, v, u)| Target::Compare {
            op,
            quantity: Quantity::new(v, u)
        }),
        (decimal(), decimal(), any::<bool>(), any::<bool>(), unit()).prop_map(
            |(a, b, li, hi, unit)| Target::Range {
                low: Bound {
                    value: a.min(b),
                    inclusive: li
                },
                high: Bound {
                    value: a.max(b),
                    inclusive: hi
                },
                unit,
            }
        ),
        (decimal(), unit()).prop_map(|(v, u)| Target::Approximate {
            quantity: Quantity::new(v, u)
        }),
        any::<bool>().prop_map(|expected| Target::Boolean { expected }),
        op().prop_map(|op| Target::Plan { op }),
        (op(), date()).prop_map(|(op, date)| Target::Deadline { op, date }),
        "[^\\x00-\\x1f]{0,40}".prop_map(|t| Target::Qualitative { text: t.into() }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn print_then_parse_is_identity(t in target()) {
        let printed = t.to_string();
        let free = parse(&printed, &Context::default()).target;
        prop_assert_eq!(&free, &t, "free text of {:?}", printed);
        let strict = parse_canonical(&printed);
        prop_assert!(matches!(&strict, Ok(s) if *s == t), "strict {:?}: {:?}", printed, strict);
    }

    #[test]
    fn any_text_gets_an_answer_that_reads_back(s in "\\PC{0,60}") {
        let first = parse(&s, &Context::default()).target;
        if let Some(canonical) = first.canonical() {
            let again = parse(&canonical, &Context::default()).target;
            prop_assert_eq!(again, first, "{:?} → {:?}", s, canonical);
        }
    }

    #[test]
    fn target_like_text_never_panics(
        s in "[≥≤<>=＞＜约不低于以上以下内万亿百千十0-9０-９.,，%％个人次秒年月日前底-]{0,30}"
    ) {
        let first = parse(&s, &Context::default()).target;
        if let Some(canonical) = first.canonical() {
            let again = parse(&canonical, &Context::default()).target;
            prop_assert_eq!(again, first, "{:?} → {:?}", s, canonical);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text, &Context::default());
        let _ = parse_canonical(&text);
    }
}
