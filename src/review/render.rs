//! The review's findings rendered as `jixiao review` prints them and the web API returns them:
//! the findings JSON of contract §3, the human form (miette diagnostics grouped by unit and project,
//! then a count per code) and a Markdown table. Rendering only; the checks decide nothing here.

use std::collections::BTreeMap;
use std::io::Write as _;

use crate::finding::{Finding, Severity};

/// What `jixiao review --format` and the web API's `/api/review?format=` give: one enum for
/// both doors, so neither imports the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    /// 诊断信息（标出原文字符），按单位和项目分组，末尾按代码汇总
    Human,
    /// 问题清单的 JSON（计数与每个问题的代码、级别、位置）
    Json,
    /// Markdown 表格
    Markdown,
}

/// The findings JSON of contract §3 with the review's findings.
pub fn json(doc: &crate::table::model::Document, findings: &[Finding]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        counts: crate::table::model::Counts,
        findings: &'a [Finding],
    }
    let mut s = serde_json::to_string_pretty(&Out {
        counts: doc.counts(),
        findings,
    })
    .expect("findings serialise");
    s.push('\n');
    s
}

/// [`json`] written as it goes into `out` (the server's bounded answer stops it at its limit,
/// before the whole text is held): the same bytes.
pub fn json_to(
    doc: &crate::table::model::Document,
    findings: &[Finding],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        counts: crate::table::model::Counts,
        findings: &'a [Finding],
    }
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(
        &mut out,
        &Out {
            counts: doc.counts(),
            findings,
        },
    )?;
    out.write_all(b"\n")?;
    out.flush()
}

fn group_key(f: &Finding) -> String {
    match (&f.unit, &f.project) {
        (Some(u), Some(p)) => format!("{u} / {p}"),
        (None, Some(p)) => p.clone(),
        (Some(u), None) => u.clone(),
        (None, None) => "（表格）".to_owned(),
    }
}

fn summary(findings: &[Finding]) -> String {
    let mut by_code: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings {
        let e = by_code.entry(f.code.as_ref()).or_insert((0, f.severity));
        e.0 += 1;
    }
    let mut s = format!("共 {} 个问题：\n", findings.len());
    for (code, (n, sev)) in by_code {
        s.push_str(&format!("  {:<40} {:>4}  {}\n", code, n, sev.zh()));
    }
    s
}

pub fn human(doc: &crate::table::model::Document, findings: &[Finding], colour: bool) -> String {
    let mut out = Vec::new();
    // writing into a Vec cannot fail, and every piece written is a whole `str`
    let _ = human_to(doc, findings, colour, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`human`] written as it goes into `out`, a finding at a time (the server's bounded answer
/// stops it at its limit, before the whole text is held): the same bytes.
pub fn human_to(
    doc: &crate::table::model::Document,
    findings: &[Finding],
    colour: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let handler = crate::diagnostic::handler(colour).with_width(120);
    let mut last_group = None;
    let mut one = String::new();
    for f in findings {
        one.clear();
        let g = group_key(f);
        if last_group.as_ref() != Some(&g) {
            one.push_str(&format!("\n■ {g}\n"));
            last_group = Some(g);
        }
        crate::diagnostic::render_into(&mut one, &handler, &f.diagnostic(&doc.source));
        out.write_all(one.as_bytes())?;
    }
    out.write_all(b"\n")?;
    out.write_all(summary(findings).as_bytes())
}

fn md(s: &str) -> String {
    crate::report::md_text(s)
}

pub fn markdown(file: &str, findings: &[Finding]) -> String {
    let mut out = Vec::new();
    // writing into a Vec cannot fail, and every piece written is a whole `str`
    let _ = markdown_to(file, findings, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`markdown`] written as it goes into `out`, a row at a time (the server's bounded answer
/// stops it at its limit, before the whole text is held): the same bytes.
pub fn markdown_to(
    file: &str,
    findings: &[Finding],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    write!(out, "# 绩效目标审核：{}\n\n", md(file))?;
    out.write_all("| 位置 | 级别 | 代码 | 单位 / 项目 | 指标 | 问题 | 建议 |\n|---|---|---|---|---|---|---|\n".as_bytes())?;
    for f in findings {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&f.position()),
            f.severity.zh(),
            f.code,
            md(&group_key(f)),
            md(f.indicator.as_deref().unwrap_or("")),
            md(&f.message),
            md(f.help.as_deref().unwrap_or("")),
        )?;
    }
    out.write_all(b"\n")?;
    out.write_all(summary(findings).replace("\n  ", "\n- ").as_bytes())?;
    out.flush()
}
