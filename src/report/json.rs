//! The JSON report (SPEC §5) and its line-per-indicator form (`jsonl`).

use std::io::{self, Write};

use serde::Serialize;

use super::model::{IndicatorReport, Report, Summary};

/// The whole report as pretty-printed JSON, with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("the report model serialises");
    s.push('\n');
    s
}

#[derive(Serialize)]
struct Line<'a> {
    unit: &'a str,
    project: &'a str,
    #[serde(flatten)]
    indicator: &'a IndicatorReport,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: &'a Summary,
}

/// One JSON object per indicator (with its unit and project), then one `{"summary":…}` line.
pub fn write_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for p in &report.projects {
        for i in &p.indicators {
            serde_json::to_writer(
                &mut *out,
                &Line {
                    unit: &p.unit,
                    project: &p.project,
                    indicator: i,
                },
            )?;
            out.write_all(b"\n")?;
        }
    }
    serde_json::to_writer(
        &mut *out,
        &SummaryLine {
            summary: &report.summary,
        },
    )?;
    out.write_all(b"\n")
}
