//! The small quiet readings left open by the twentieth session (issue 27, twenty-second session,
//! H153): each input made by hand from its description, each reading checked against what the
//! form (or the rule file) itself says.

use std::path::PathBuf;

#[path = "support/reports.rs"]
mod reports;
use reports::run;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    reports::dir("quiet22", name)
}

/// Grade bands whose scores contradict their names (`优 ≥ 80`, `良 ≥ 90`) graded 85 as 优 and 92
/// as 良, silently: `rules check` now refuses the file at the later band's `min_score`, with
/// `rules.band-order`, as does `evaluate` with it; in the right order it reads.
#[test]
fn grade_bands_out_of_order_are_refused_where_written() {
    let d = dir("bands");
    let own = "rules:\n  - id: my.band.top\n    band: 优\n    min_score: 80\n  - id: my.band.good\n    band: 良好\n    min_score: 90\n  - id: my.band.poor\n    band: 差\n    min_score: 0\n";
    std::fs::write(d.join("bands.yaml"), own).unwrap();
    let r = run(&d, &["rules", "check", "bands.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("rules.band-order"), "{all}");
    assert!(all.contains("bands.yaml:7:"), "the second band's min_score: {all}");
    // overriding one bundled band past the one above it
    std::fs::write(
        d.join("over.yaml"),
        "rules:\n  - id: default.band.good\n    min_score: 92\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "over.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("rules.band-order") && all.contains("over.yaml:3:"), "{all}");
    // in order, and bands of the file's own names, read
    std::fs::write(
        d.join("ok.yaml"),
        "rules:\n  - id: default.band.good\n    min_score: 85\n  - id: my.band.a\n    band: A\n    min_score: 95\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "ok.yaml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
