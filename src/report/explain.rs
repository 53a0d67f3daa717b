//! `evaluate --explain`: after a table or Markdown report, every indicator's rules with the
//! file and line each was written at ("依据的规则"), project by project.
//!
//! Written as the report is (issue 27): [`Explaining`] wraps a format's [`Sections`], notes each
//! project's rules while its part is written (before its rows are dropped, [`Sections`]'s
//! spool) in a temporary file of their own, and writes them after the report's tail. A report
//! held whole takes [`explain`], the same lines at once.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::model::{ProjectReport, Report};
use super::sections::{Held, Sections};
use crate::rules::RuleSet;

/// What opens the notes, after the report.
const HEADING: &str = "\n依据的规则\n";

/// About this many bytes of notes are gathered before a write to their file.
const SIZE: usize = super::Chunked::SIZE;

/// `id` with where it was written: the rule file and line, or what a built-in id stands for.
fn rule_at(rules: &RuleSet, id: &str) -> String {
    match rules.rule(id) {
        Some(r) => format!("{id}（{}:{}）", r.rref.file, r.rref.line),
        None => match id {
            crate::report_model::table_rules::SHEET_WEIGHT => {
                "sheet.weight（表中给出的分值）".to_owned()
            }
            _ => id.to_owned(),
        },
    }
}

/// One project's notes, appended to `out`: its name, the budget's rules, each indicator's.
fn project_notes(p: &ProjectReport, rules: &RuleSet, out: &mut String) {
    let at = |id: &std::borrow::Cow<'_, str>| rule_at(rules, id);
    let _ = writeln!(out, "{} / {}", p.unit, p.project);
    let budget: Vec<String> = p.budget_rules.iter().map(at).collect();
    let _ = writeln!(out, "  预算执行率：{}", budget.join("，"));
    for i in &p.indicators {
        let ids: Vec<String> = i.rules.iter().map(at).collect();
        let _ = writeln!(out, "  {} {}：{}", i.seq, i.indicator, ids.join("，"));
    }
}

/// The notes of a report held whole.
pub fn explain(report: &Report, rules: &RuleSet) -> String {
    let mut out = String::from(HEADING);
    for p in &report.projects {
        project_notes(p, rules, &mut out);
    }
    out
}

/// A format's parts with `--explain`'s notes after its tail; the notes of the projects
/// written so far are in a temporary file of their own (in memory where the process writes
/// nothing to disk).
pub struct Explaining<'a> {
    inner: Box<dyn Sections + 'a>,
    rules: &'a RuleSet,
    notes: String,
    held: Option<Held>,
    failed: Option<io::Error>,
}

impl<'a> Explaining<'a> {
    /// `inner`'s parts, explained by `rules`.
    pub fn new(inner: Box<dyn Sections + 'a>, rules: &'a RuleSet) -> io::Result<Explaining<'a>> {
        Ok(Explaining {
            inner,
            rules,
            notes: String::new(),
            held: Some(Held::new()?),
            failed: None,
        })
    }

    /// The notes gathered so far, to their file.
    fn spill(&mut self) {
        if let Some(held) = &mut self.held
            && self.failed.is_none()
            && let Err(e) = held.write_all(self.notes.as_bytes())
        {
            self.failed = Some(e);
        }
        self.notes.clear();
    }
}

impl Sections for Explaining<'_> {
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        self.inner.head(r, out)
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut super::sections::Parts<'_>) {
        self.inner.project(p, buf);
        project_notes(p, self.rules, &mut self.notes);
        if self.notes.len() >= SIZE {
            self.spill();
        }
    }

    fn end_projects(&mut self, projects: usize, buf: &mut super::sections::Parts<'_>) {
        self.inner.end_projects(projects, buf);
    }

    fn tail(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        self.inner.tail(r, out)?;
        self.spill();
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        out.write_all(HEADING.as_bytes())?;
        match self.held.take() {
            Some(held) => held.copy_to(out),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sections::Spool;

    #[test]
    fn notes_written_as_the_report_is_equal_those_of_the_report_held() {
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n",
        );
        // enough projects that the notes go to their file more than once
        for k in 0..3000 {
            text += &format!("单位{}\t项目{k}\t\t\t\t\t\t\t\n", k % 7);
            text += &format!(
                "\t\t产出指标\t数量指标\t培训人次\t≥{}人次\t60人次\t50\t\n",
                50 + k % 20
            );
            text += "\t\t效益指标\t\t满意度\t>90%\t92%\t50\t50\n";
        }
        let doc = crate::table::read_str("t.tsv", &text, &Default::default()).expect("read");
        let rules = RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        let r = crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules));
        for format in [
            super::super::ReportFormat::Table,
            super::super::ReportFormat::Markdown,
        ] {
            let mut held = Vec::new();
            super::super::write(&r, format, &m.bands.value, &mut held).expect("written");
            held.extend_from_slice(explain(&r, rules).as_bytes());
            let sections = super::super::sections::of_format(format, &m.bands.value, None)
                .expect("a text format");
            let mut spool = Spool::new(Box::new(Explaining::new(sections, rules).expect("notes")))
                .expect("spool");
            let headlines: Vec<ProjectReport> = r
                .projects
                .iter()
                .map(|p| spool.project(p.clone()))
                .collect();
            let spooled_report = Report {
                projects: headlines,
                ..r.clone()
            };
            let mut spooled = Vec::new();
            spool
                .finish(&spooled_report, &mut spooled)
                .expect("written");
            assert!(explain(&r, rules).len() > 2 * SIZE);
            assert_eq!(
                String::from_utf8_lossy(&spooled),
                String::from_utf8_lossy(&held),
                "{format:?}"
            );
        }
    }
}
