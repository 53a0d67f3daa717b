//! Garbage gets an answer, never a wrong number; malformed canonical expressions get a miette
//! diagnostic with a label under the offending characters and a help line.

use jixiao::lang::{Context, ErrorKind, MAX_TARGET_BYTES, Target, parse, parse_canonical};

fn kind(text: &str) -> Target {
    parse(text, &Context::default()).target
}

#[test]
fn garbage_gets_an_answer_and_no_number() {
    assert!(matches!(kind(">>>>"), Target::Qualitative { .. }));
    assert!(matches!(kind("≥"), Target::Qualitative { .. }));
    assert!(matches!(kind("≥%"), Target::Qualitative { .. }));
    assert!(matches!(
        kind("\u{0}\u{1}\u{fffd}"),
        Target::Qualitative { .. }
    ));
    assert_eq!(kind(""), Target::Empty);
    assert_eq!(kind(" 。。 "), Target::Empty);
}

#[test]
fn overflow_is_reported_not_wrapped() {
    let forty = format!("{}万亿", "9".repeat(40));
    assert_eq!(
        kind(&forty),
        Target::Error {
            message: ErrorKind::Overflow
        }
    );
    // Within range before the magnitude, beyond it after.
    let near = "79228162514264337593543950335万";
    assert_eq!(
        kind(near),
        Target::Error {
            message: ErrorKind::Overflow
        }
    );
    assert_eq!(
        kind(&format!("≥{}%", "1".repeat(30))),
        Target::Error {
            message: ErrorKind::Overflow
        }
    );
}

#[test]
fn a_line_over_the_limit_is_an_error_kind() {
    let line = "9".repeat(1 << 20);
    assert!(line.len() > MAX_TARGET_BYTES);
    assert_eq!(
        kind(&line),
        Target::Error {
            message: ErrorKind::TooLong
        }
    );
}

fn render(src: &str) -> String {
    let err = parse_canonical(src).expect_err(src);
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, &err)
        .unwrap();
    out
}

#[test]
fn malformed_canonical_expressions_point_at_the_characters() {
    let cases = [
        ">= abc %",
        "[90 95] %",
        "[90, 95 %",
        ">= 95 % 以上",
        "\"正常开展",
        "< 2023-13",
        "大于 95",
        ">= 95 >=",
    ];
    let mut out = String::new();
    for src in cases {
        out.push_str(&format!("── {src}\n{}\n", render(src)));
    }
    insta::assert_snapshot!("target__canonical_diagnostics", out);
}
