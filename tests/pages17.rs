//! The seventeenth probe of web pages (issue 27, H112): page families the reader had not met,
//! each written by hand from what government sites publish (`tests/fixtures/hostile/probe17/`;
//! the probe itself is `tests/hostile/probe17_pages.py`): each test here failed on the
//! session's start (`114b3f7`) with a reading a browser showing the page contradicts.

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, streamed_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/probe17")
}

/// `evaluate FILE --format jsonl` in `dir`: each indicator as `[indicator, target, actual,
/// verdict]`, and the run's stderr (its findings).
fn evaluate_in(dir: &Path, file: &str) -> (Vec<[String; 4]>, String) {
    let r = run(dir, &["evaluate", file, "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    let rows = streamed_fields(&r.stdout, ["indicator", "target", "actual", "verdict"]);
    (rows, r.stderr)
}

fn evaluate(file: &str) -> (Vec<[String; 4]>, String) {
    evaluate_in(&fixtures(), file)
}

fn row(fields: [&str; 4]) -> [String; 4] {
    fields.map(str::to_owned)
}

#[test]
fn a_row_a_browser_does_not_show_is_read_with_a_warning_as_a_workbooks_hidden_row() {
    // last year's 培训人数 row kept under this year's and hidden: `style="display:none"`, the
    // `hidden` attribute, `visibility:hidden`, a class the page's `<style>` hides
    for page in [
        "hid-tr-none.html",
        "hid-tr-attr.html",
        "hid-tr-vis.html",
        "hid-tr-class.html",
    ] {
        let (rows, stderr) = evaluate(page);
        assert!(
            rows.contains(&row(["培训人数", "≥100人", "120人", "pass"])),
            "{page}: {rows:?}"
        );
        assert_eq!(
            stderr.matches("table.hidden-row").count(),
            1,
            "{page}: {stderr}"
        );
        assert!(stderr.contains("这一行在网页中不显示"), "{page}: {stderr}");
    }
}

#[test]
fn text_a_style_hides_or_strikes_through_is_not_the_cells() {
    // `<span style="visibility:hidden">1</span>80人`, a class hiding the `1`, and a revision
    // struck through by a style or a class (`120` struck, `80人` after it): a browser shows
    // 80人, which is short of 100
    for page in [
        "hid-span-vis.html",
        "hid-span-class.html",
        "st-style.html",
        "st-class.html",
    ] {
        let (rows, _) = evaluate(page);
        assert_eq!(
            rows,
            [row(["培训人数", "≥100人", "80人", "fail"])],
            "{page}"
        );
    }
}
