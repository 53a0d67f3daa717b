//! The xlsx report's bounds (issue 27): the building stops when its writer says so, and texts
//! past Excel's limit are cut with a finding on their row (`jixiao::report::xlsx_fit`).

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use jixiao::eval::{self, ActualsFile, Methodology};
use jixiao::report::model::Report;
use jixiao::report::{self, ReportFormat, xlsx_fit};
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/guangzhou-hpf-2023");

fn sample_report() -> Report {
    let doc = table::read_path(
        &Path::new(SAMPLE).join("targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let path = Path::new(SAMPLE).join("actuals.yaml");
    let actuals =
        ActualsFile::parse("actuals.yaml", &std::fs::read_to_string(path).unwrap()).unwrap();
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    eval::evaluate(&doc, Some(&actuals), &eval::Options::new(&m, rules))
}

/// A writer that answers `go` zero-byte writes (the building's questions), then refuses.
struct Stopping {
    go: usize,
    asked: usize,
    written: usize,
}

impl Write for Stopping {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            self.asked += 1;
            if self.asked > self.go {
                return Err(io::Error::other("stop"));
            }
        }
        self.written += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_building_stops_when_its_writer_says_so() {
    let r = sample_report();
    assert!(r.projects.len() > 3, "{}", r.projects.len());
    let mut out = Stopping {
        go: 2,
        asked: 0,
        written: 0,
    };
    assert!(report::write(&r, ReportFormat::Xlsx, &[], &mut out).is_err());
    // asked before each sheet: stopped at the third, nothing written
    assert_eq!((out.asked, out.written), (3, 0));
    // a writer that never says stop gets the whole workbook, asked once a project
    let mut out = Stopping {
        go: usize::MAX,
        asked: 0,
        written: 0,
    };
    report::write(&r, ReportFormat::Xlsx, &[], &mut out).unwrap();
    assert_eq!(out.asked, r.projects.len());
    assert!(out.written > 1000);
}

#[test]
fn a_text_past_excels_limit_is_cut_with_a_finding_on_its_row() {
    let r = sample_report();
    // nothing long: the report itself, not a copy
    assert!(matches!(xlsx_fit::fit_report(&r), Cow::Borrowed(_)));
    let mut long = r.clone();
    let (p, i) = (3, 0);
    let target: String = "达".repeat(xlsx_fit::EXCEL_CELL + 1);
    long.projects[p].indicators[i].target = target.as_str().into();
    let fitted = xlsx_fit::fit_report(&long);
    let Cow::Owned(fitted) = fitted else {
        panic!("a long text was not cut");
    };
    let cut = &fitted.projects[p].indicators[i].target;
    assert!(cut.chars().count() <= xlsx_fit::EXCEL_CELL);
    assert!(cut.starts_with(&target[..xlsx_fit::KEEP * 3]) && cut.contains("已截断"));
    let name = &*fitted.projects[p].indicators[i].indicator;
    let added: Vec<_> = fitted.projects[p]
        .findings
        .iter()
        .filter(|f| f.code == jixiao::codes::REPORT_XLSX_CELL_CUT)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].indicator_name(), Some(name));
    assert!(
        added[0].message.contains("年度指标值"),
        "{}",
        added[0].message
    );
    // the rest as it was; and the workbook is written
    assert_eq!(fitted.projects.len(), r.projects.len());
    assert_eq!(
        fitted.projects[p].indicators[i].score,
        r.projects[p].indicators[i].score
    );
    assert!(report::xlsx::render(&long).is_ok());
}
