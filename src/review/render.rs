//! The review's findings rendered as `jixiao review` prints them and the web API returns them:
//! the findings JSON of contract §3, the human form (miette diagnostics grouped by unit and project,
//! then a count per code) and a Markdown table. Rendering only; the checks decide nothing here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
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
    let mut out = Vec::new();
    // writing into a Vec cannot fail, and every piece written is a whole `str`
    let _ = json_to(doc, findings, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`json`] written as it goes into `out` (the server's bounded answer stops it at its limit,
/// before the whole text is held): the same bytes.
pub fn json_to(
    doc: &crate::table::model::Document,
    findings: &[Finding],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    whole_to(
        ReviewFormat::Json,
        (&doc.source, doc.counts()),
        findings,
        false,
        out,
    )
}

/// The review of a whole document (its source and counts) in `format`, written through a
/// [`Writer`].
fn whole_to(
    format: ReviewFormat,
    (source, counts): (
        &crate::table::source::SourceText,
        crate::table::model::Counts,
    ),
    findings: &[Finding],
    colour: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = Gathered::new(out);
    let mut w = Writer::begin(format, colour, &source.name, counts, &mut out)?;
    w.findings(source, findings, &mut out)?;
    w.end(&mut out)?;
    out.flush()
}

/// A review written as its findings come (a block's at a time, `review::blocks`): the head
/// (json's counts, markdown's title), each finding, then the end (the count per code). The
/// whole documents' functions ([`json`], [`human`], [`markdown`]) write through it too, so
/// both give the same bytes by construction.
pub struct Writer {
    format: ReviewFormat,
    handler: miette::GraphicalReportHandler,
    /// The heading (unit / project) of the last finding written.
    last_group: Option<String>,
    /// Findings by code: how many, and the first one's severity.
    by_code: BTreeMap<String, (usize, Severity)>,
    written: usize,
    one: Vec<u8>,
}

impl Writer {
    /// Writes the head of the review of `file` in `format` (json opens with `counts`).
    pub fn begin(
        format: ReviewFormat,
        colour: bool,
        file: &str,
        counts: crate::table::model::Counts,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<Writer> {
        let w = Writer::new(format, colour);
        w.head(file, counts, out)?;
        Ok(w)
    }

    /// A writer of the review in `format` whose head is not written yet: its findings may be
    /// written somewhere else first ([`Writer::head`] then goes before them).
    pub fn new(format: ReviewFormat, colour: bool) -> Writer {
        Writer {
            format,
            handler: crate::diagnostic::handler(colour).with_width(120),
            last_group: None,
            by_code: BTreeMap::new(),
            written: 0,
            one: Vec::new(),
        }
    }

    /// Writes the head of the review of `file` (json opens with `counts`).
    pub fn head(
        &self,
        file: &str,
        counts: crate::table::model::Counts,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self.format {
            ReviewFormat::Json => {
                // the object printed with no finding, cut at its empty array
                let head = serde_json::to_string_pretty(&JsonOut {
                    counts,
                    findings: &[],
                })
                .map_err(std::io::Error::from)?;
                let cut = head.rfind("[]").unwrap_or(head.len());
                out.write_all(&head.as_bytes()[..cut + 1])
            }
            ReviewFormat::Markdown => {
                let mut head = format!("# 绩效目标审核：{}\n\n", md(file));
                head.push_str("| 位置 | 级别 | 代码 | 单位 / 项目 | 指标 | 问题 | 建议 |\n|---|---|---|---|---|---|---|\n");
                out.write_all(head.as_bytes())
            }
            ReviewFormat::Human => Ok(()),
        }
    }

    /// Writes `findings`, whose places are in `source`, each whole.
    pub fn findings(
        &mut self,
        source: &crate::table::source::SourceText,
        findings: &[Finding],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        for f in findings {
            self.one.clear();
            match self.format {
                ReviewFormat::Json => {
                    self.one
                        .extend_from_slice(if self.written == 0 { b"\n" } else { b",\n" });
                    json_element(&mut self.one, f)?;
                }
                ReviewFormat::Markdown => {
                    let mut row = String::new();
                    markdown_row(&mut row, f);
                    self.one.extend_from_slice(row.as_bytes());
                }
                ReviewFormat::Human => {
                    let mut text = String::new();
                    let g = group_key(f);
                    if self.last_group.as_ref() != Some(&g) {
                        text.push_str(&format!("\n■ {g}\n"));
                        self.last_group = Some(g);
                    }
                    crate::diagnostic::render_into(&mut text, &self.handler, &f.diagnostic(source));
                    self.one.extend_from_slice(text.as_bytes());
                }
            }
            out.write_all(&self.one)?;
            self.written += 1;
            // counted by code without a new `String` a finding (a code seen before)
            let code: &str = &f.code;
            match self.by_code.get_mut(code) {
                Some(e) => e.0 += 1,
                None => {
                    self.by_code.insert(code.to_owned(), (1, f.severity));
                }
            }
        }
        Ok(())
    }

    /// Writes what follows the findings.
    pub fn end(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.format {
            ReviewFormat::Json => {
                let close = if self.written == 0 {
                    "]\n}\n"
                } else {
                    "\n  ]\n}\n"
                };
                out.write_all(close.as_bytes())
            }
            ReviewFormat::Markdown => {
                let s = summary(&self.by_code, self.written).replace("\n  ", "\n- ");
                out.write_all(format!("\n{s}").as_bytes())
            }
            ReviewFormat::Human => {
                out.write_all(format!("\n{}", summary(&self.by_code, self.written)).as_bytes())
            }
        }
    }
}

/// The findings JSON's fields.
#[derive(serde::Serialize)]
struct JsonOut<'a> {
    counts: crate::table::model::Counts,
    findings: &'a [Finding],
}

/// `f` as an element of the findings JSON's array, indented in place: serde_json's pretty
/// printing (two spaces a level) started at the array element's depth, written straight into
/// `out` (it was printed as the one element of an array in an array into a `String` of its
/// own and the arrays' lines cut off: the same bytes).
fn json_element(out: &mut Vec<u8>, f: &Finding) -> std::io::Result<()> {
    out.extend_from_slice(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Nested::at(2));
    serde::Serialize::serialize(f, &mut ser).map_err(std::io::Error::from)
}

/// serde_json's `PrettyFormatter` with an indent of two spaces, starting `depth` levels in
/// (its own starts at the left margin, and its depth cannot be set).
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl Nested {
    /// An array or object opened with `mark`: one level in, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    /// An array or object closed with `mark`, on a line of its own where it holds a value.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(mark)
    }

    /// An array's value or an object's key begun on a line of its own.
    fn item<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A markdown table's row of `f`.
fn markdown_row(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |",
        md(&f.position()),
        f.severity.zh(),
        f.code,
        md(&group_key(f)),
        md(f.indicator_name().unwrap_or("")),
        md(&f.message),
        md(f.help.as_deref().unwrap_or("")),
    );
}

/// Writes gathered into pieces of about 64 KB, each ending where a piece written to it ended
/// (whole lines, whole characters).
struct Gathered<'a> {
    out: &'a mut dyn std::io::Write,
    buf: Vec<u8>,
}

impl<'a> Gathered<'a> {
    fn new(out: &'a mut dyn std::io::Write) -> Self {
        Gathered {
            out,
            buf: Vec::new(),
        }
    }
}

impl std::io::Write for Gathered<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= 64 * 1024 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        self.out.flush()
    }
}

fn group_key(f: &Finding) -> String {
    match (f.unit_name(), f.project_name()) {
        (Some(u), Some(p)) => format!("{u} / {p}"),
        (None, Some(p)) => p.to_owned(),
        (Some(u), None) => u.to_owned(),
        (None, None) => "（表格）".to_owned(),
    }
}

fn summary(by_code: &BTreeMap<String, (usize, Severity)>, total: usize) -> String {
    let mut s = format!("共 {total} 个问题：\n");
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
    whole_to(
        ReviewFormat::Human,
        (&doc.source, doc.counts()),
        findings,
        colour,
        out,
    )
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
    // markdown shows no counts and no excerpt of the source
    let none = crate::table::source::SourceText::new(
        file,
        "",
        crate::table::source::InputFormat::Tsv,
        "UTF-8",
        None,
    );
    let counts = crate::table::model::Counts {
        units: 0,
        projects: 0,
        indicators: 0,
        rows_read: 0,
        rows_skipped: 0,
    };
    whole_to(
        ReviewFormat::Markdown,
        (&none, counts),
        findings,
        false,
        out,
    )
}
