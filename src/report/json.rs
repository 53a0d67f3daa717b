//! The JSON report (contract §5) and its line-per-indicator form (`jsonl`).

use crate::json_text::string;
use std::io::{self, Write};

use serde::Serialize;

use super::model::{IndicatorLine, ProjectReport, Report, Summary};
use super::sections::Parts;

/// The whole report as pretty-printed JSON, with a final newline.
///
/// A project with no total (`status` `pending`: 待评定, or `unchecked`: 未核对) has `score` and
/// `grade` null: the field names stay those other tools read, and a null is never a zero.
pub fn render(report: &Report) -> String {
    // actuals that matched nothing, first: `"warnings": […]` before the report's own fields
    let warnings = super::warnings::lines(report);
    let mut s = if warnings.is_empty() {
        serde_json::to_string_pretty(report)
    } else {
        serde_json::to_string_pretty(&Warned { warnings, report })
    }
    .expect("the report model serialises");
    s.push('\n');
    s
}

/// The report with its warnings first.
#[derive(Serialize)]
struct Warned<'a> {
    warnings: Vec<String>,
    #[serde(flatten)]
    report: &'a Report,
}

/// [`render`]'s bytes written as they are made, never held whole (the pretty text of a large
/// report was twice the memory of the report itself: 51 bytes held a byte of input against
/// markdown's 26).
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    super::sections::write_whole(&mut JsonSections::default(), report, out)
}

/// The whole JSON report's parts (`report::sections`): the report's pretty JSON up to its
/// `"projects": ` (the warnings, the summary), each project as an element of that array, then
/// the rest (the department, units, differences, findings, year). The bytes are
/// serde_json's pretty printing of the whole report ([`render`]; a test compares them): the
/// report is printed with no projects and cut at its empty array, and each project is
/// printed alone and indented to its place (pretty JSON has no line break inside a string, so
/// every line of an element takes the indent of the array's elements).
#[derive(Default)]
pub(crate) struct JsonSections {
    /// What follows the empty `projects` array, kept from the head for the tail.
    tail: String,
    /// A project was written (the next one follows a comma).
    started: bool,
}

/// The report's fields in [`Report`]'s order, with no projects (and the warnings first where
/// there are any, as [`render`] writes them).
#[derive(Serialize)]
struct WithoutProjects<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    summary: &'a Summary,
    projects: [(); 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    department: &'a Option<String>,
    units: &'a [super::model::UnitReport],
    differences: &'a [super::model::Difference],
    findings: &'a [crate::finding::Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
}

/// How an array in an array of one element opens and closes, printed pretty: the element
/// between is indented as an element of the report's `projects`.
const NESTED_OPEN: &[u8] = b"[\n  [\n    ";
const NESTED_CLOSE: &[u8] = b"\n  ]\n]";

/// Where the empty projects array stands in the report printed without projects: the one key
/// at the first level of indent (a string's line break is escaped, so nothing else matches).
const EMPTY_PROJECTS: &str = "\n  \"projects\": []";

impl super::sections::Sections for JsonSections {
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let rest = WithoutProjects {
            warnings: super::warnings::lines(r),
            summary: &r.summary,
            projects: [],
            department: &r.department,
            units: &r.units,
            differences: &r.differences,
            findings: &r.findings,
            year: r.year,
        };
        let mut text = serde_json::to_string_pretty(&rest).map_err(io::Error::from)?;
        text.push('\n');
        let Some(at) = text.find(EMPTY_PROJECTS) else {
            return Err(io::Error::other("the report's JSON has no projects array"));
        };
        let cut = at + EMPTY_PROJECTS.len() - "[]".len();
        self.tail = text.split_off(cut + "[]".len());
        text.truncate(cut);
        out.write_all(text.as_bytes())
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut Parts<'_>) {
        buf.extend_from_slice(if self.started { b",\n    " } else { b"[\n    " });
        self.started = true;
        if p.has_total() && p.indicators.len() <= WHOLE_UP_TO {
            // a short project (a form's): printed into the gathered bytes in one piece, as an
            // element of a nested array whose own text is then taken out (the same bytes as
            // `Element`'s: serde_json writes to a `Vec` with no look at each of its pieces)
            let gathered: &mut Vec<u8> = buf;
            let start = gathered.len();
            // into memory: the model serialises (as `render` expects of it)
            let _ = serde_json::to_writer_pretty(&mut *gathered, &[[super::model::ProjectJson(p)]]);
            if gathered[start..].starts_with(NESTED_OPEN) && gathered.ends_with(NESTED_CLOSE) {
                gathered.truncate(gathered.len() - NESTED_CLOSE.len());
                gathered.drain(start..start + NESTED_OPEN.len());
            }
        } else if p.has_total() {
            // printed as the one element of an array in an array, it is indented as in the
            // report (its lines 4 spaces in): the two arrays' own text is taken out as it is
            // written, the rest handed on at a line's end as it grows
            let mut element = Element::new(buf);
            // into memory (or the spool's file, whose failure `Parts` keeps): the model
            // serialises (as `render` expects of it)
            let _ = serde_json::to_writer_pretty(&mut element, &[[super::model::ProjectJson(p)]]);
            element.finish();
        } else {
            without_total(p, buf);
        }
    }

    fn end_projects(&mut self, projects: usize, buf: &mut Parts<'_>) {
        buf.extend_from_slice(if projects == 0 { b"[]" } else { b"\n  ]" });
    }

    fn tail(&mut self, _: &Report, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.tail.as_bytes())
    }
}

/// The most indicators of a project whose JSON part is printed in one piece (a form's few
/// dozen: some 1–2 KB an indicator, so at most about 128 KB gathered); a longer project's part
/// is written through [`Element`], handed on as it grows (issue 27).
const WHOLE_UP_TO: usize = 64;

/// A project printed pretty as the one element of an array in an array ([`NESTED_OPEN`] …
/// [`NESTED_CLOSE`]), written into the projects' parts with the two arrays' own text taken
/// out, and handed on at a line's end whenever enough is gathered: a project of 200,000 rows
/// is never one buffer (issue 27). The closing text is always among the bytes still gathered,
/// so it is cut off at the end ([`Element::finish`]).
struct Element<'p, 'a> {
    parts: &'p mut Parts<'a>,
    /// Where the element begins among the bytes gathered (0 once some of it went out).
    start: usize,
    /// Whether it opened as the nested array does (its opening taken out), once known.
    nested: Option<bool>,
    /// The length of the bytes gathered at which a write looks past its copy
    /// ([`Element::at_mark`]): the opening's end while it is not known, then
    /// [`Parts::FULL`]. A form's JSON is some thousands of small pieces: each is a copy and
    /// one comparison (the two questions asked of every piece were +0.5 % of a form's run).
    mark: usize,
}

impl<'p, 'a> Element<'p, 'a> {
    fn new(parts: &'p mut Parts<'a>) -> Self {
        let start = parts.len();
        Element {
            parts,
            start,
            nested: None,
            mark: start + NESTED_OPEN.len(),
        }
    }

    /// The nested array's closing text cut off.
    fn finish(self) {
        let ends = self.parts[self.start..].ends_with(NESTED_CLOSE);
        if self.nested == Some(true) && ends {
            let len = self.parts.len() - NESTED_CLOSE.len();
            self.parts.truncate(len);
        }
    }

    /// The bytes gathered reached [`Element::mark`]: the opening judged (once), and the
    /// gathered bytes handed on at the last line's end where enough are gathered.
    #[cold]
    #[inline(never)]
    fn at_mark(&mut self) {
        if self.nested.is_none() {
            let nested = self.parts[self.start..].starts_with(NESTED_OPEN);
            if nested {
                self.parts.drain(self.start..self.start + NESTED_OPEN.len());
            }
            self.nested = Some(nested);
            self.mark = Parts::FULL;
        }
        if self.parts.full() {
            // at the last line's end before the closing text's bytes
            // (none yet where the element has just begun behind projects gathered before it)
            let keep = self.parts.len().saturating_sub(NESTED_CLOSE.len());
            if keep > self.start
                && let Some(at) = memchr::memrchr(b'\n', &self.parts[self.start..keep])
            {
                self.parts.cut_at(self.start + at + 1);
                self.start = 0;
            }
        }
    }
}

impl Write for Element<'_, '_> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.write_all(b).map(|()| b.len())
    }

    // serde_json writes through `write_all`: one call a piece, not `write`'s loop
    #[inline]
    fn write_all(&mut self, b: &[u8]) -> io::Result<()> {
        let buf: &mut Vec<u8> = self.parts;
        buf.extend_from_slice(b);
        if buf.len() >= self.mark {
            self.at_mark();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where a project printed as the element of a nested array holds its indicators, the one key
/// of that indent (a string's line break is escaped).
const EMPTY_INDICATORS: &str = "\n      \"indicators\": []";

/// A project with no total as [`super::model::ProjectJson`] prints it (a `serde_json::Value`:
/// its keys sorted, `score` and `grade` null), without the whole project's tree: the project
/// is printed without its indicators, and each indicator printed alone (a `Value` of its own)
/// at its place in the array, indented as there (a project of 200,000 rows with no total
/// built one tree of them all).
fn without_total(p: &ProjectReport, buf: &mut Parts<'_>) {
    let mut v = match serde_json::to_value(p.without_indicators()) {
        Ok(v) => v,
        Err(_) => return,
    };
    v["score"] = serde_json::Value::Null;
    v["grade"] = serde_json::Value::Null;
    let Ok(text) = serde_json::to_string_pretty(&[[v]]) else {
        return;
    };
    let text = text
        .strip_prefix(std::str::from_utf8(NESTED_OPEN).unwrap_or_default())
        .and_then(|t| t.strip_suffix(std::str::from_utf8(NESTED_CLOSE).unwrap_or_default()))
        .unwrap_or(&text);
    let Some(at) = text
        .find(EMPTY_INDICATORS)
        .filter(|_| !p.indicators.is_empty())
    else {
        buf.extend_from_slice(text.as_bytes());
        return;
    };
    let open = at + EMPTY_INDICATORS.len() - "[]".len();
    buf.extend_from_slice(&text.as_bytes()[..open]);
    buf.extend_from_slice(b"[\n");
    for (k, i) in p.indicators.iter().enumerate() {
        if k > 0 {
            buf.extend_from_slice(b",\n");
            buf.may_cut();
        }
        // (an indicator serialises, as `render` expects of it: `null` keeps the text JSON)
        let one = serde_json::to_value(i)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| "null".into());
        for (n, line) in one.split('\n').enumerate() {
            if n > 0 {
                buf.push(b'\n');
            }
            buf.extend_from_slice(b"        ");
            buf.extend_from_slice(line.as_bytes());
        }
    }
    buf.extend_from_slice(b"\n      ]");
    buf.extend_from_slice(&text.as_bytes()[open + "[]".len()..]);
}

/// JSON lines' parts (`report::sections`): nothing before the projects, each project's lines
/// ([`LineWriter::append_project`], as the streamed run writes them), then the summary line:
/// [`write_lines`]'s bytes.
#[derive(Default)]
pub(crate) struct JsonLinesSections(LineWriter);

impl super::sections::Sections for JsonLinesSections {
    fn head(&mut self, _: &Report, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut Parts<'_>) {
        // `LineWriter::append_project`, handed on between lines in a long project
        self.0.start_project(&p.unit, &p.project);
        for i in &p.indicators {
            self.0.line(buf, &i.line());
            buf.may_cut();
        }
        findings_line(p, buf);
    }

    fn tail(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_own_findings_line(&r.findings, 0, out)?;
        write_summary_line(&r.summary, out)
    }

    fn has_head(&self) -> bool {
        false
    }
}

/// One indicator line's shape (the hand-written writer below produces its serde_json bytes).
#[cfg(test)]
#[derive(Serialize)]
struct Line<'a> {
    unit: &'a str,
    project: &'a str,
    #[serde(flatten)]
    indicator: &'a super::model::IndicatorReport,
}

/// The line of a project's findings (points not 100, vetoes, checks on actuals), after its
/// indicators' lines, where it has any: `{"unit":…,"project":…,"findings":[…]}`.
#[derive(Serialize)]
struct FindingsLine<'a> {
    unit: &'a str,
    project: &'a str,
    findings: &'a [crate::finding::Finding],
}

fn findings_line(p: &ProjectReport, buf: &mut Vec<u8>) {
    if p.findings.is_empty() {
        return;
    }
    let line = FindingsLine {
        unit: &p.unit,
        project: &p.project,
        findings: &p.findings,
    };
    if serde_json::to_writer(&mut *buf, &line).is_ok() {
        buf.push(b'\n');
    }
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: &'a Summary,
}

/// One JSON object per indicator (with its unit and project), a `{"unit":…,"project":…,
/// "findings":[…]}` line after a project that has findings, the report's own findings'
/// `{"findings":[…]}` line where it has any ([`write_own_findings_line`]), then one
/// `{"summary":…}` line.
pub fn write_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_indicator_lines(&report.projects, out)?;
    write_own_findings_line(&report.findings, 0, out)?;
    write_summary_line(&report.summary, out)
}

/// The line of the report's own findings (json's top-level `findings`: the reader's errors,
/// its warnings on no project's rows, unmatched actuals, …), before the summary line:
/// `{"findings":[…]}`, no `unit` or `project` (a project's findings line has both), where there
/// are any. At most [`OWN_FINDINGS_WRITTEN`]; the rest, and `more` not held (a streamed run
/// counts past what it holds), as `"more":N` after the list.
///
/// [`OWN_FINDINGS_WRITTEN`]: crate::report_model::OWN_FINDINGS_WRITTEN
pub fn write_own_findings_line(
    findings: &[crate::finding::Finding],
    more: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown = findings
        .len()
        .min(crate::report_model::OWN_FINDINGS_WRITTEN);
    let more = more + (findings.len() - shown);
    if shown == 0 && more == 0 {
        return Ok(());
    }
    let line = OwnFindingsLine {
        findings: &findings[..shown],
        more: (more > 0).then_some(more),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

/// The report's own findings' line ([`write_own_findings_line`]).
#[derive(Serialize)]
struct OwnFindingsLine<'a> {
    findings: &'a [crate::finding::Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    more: Option<usize>,
}

/// The indicator lines of `projects` (streaming writes them block by block).
///
/// Written by hand rather than through serde: on a national-size table this is a third of
/// the work, and serde's flattening (unit and project beside the indicator's fields) goes
/// through a map serializer. The bytes are serde_json's compact output for `Line` exactly
/// (the same field order, escapes and number forms; a test compares them).
pub fn write_indicator_lines(projects: &[ProjectReport], out: &mut dyn Write) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    LineWriter::default().lines(projects, &mut buf, &mut |b| {
        out.write_all(b)?;
        b.clear();
        Ok(())
    })
}

/// The indicator lines of `projects` appended to `buf` (streaming fills one buffer a block).
pub fn append_indicator_lines(projects: &[ProjectReport], buf: &mut Vec<u8>) {
    LineWriter::default().append(projects, buf);
}

/// JSON lines for a streamed run (`eval::stream`): a [`LineWriter`] for each worker, the
/// summary line at the end.
pub struct JsonLines;

impl crate::eval::stream::Lines for JsonLines {
    fn writer(&self) -> Box<dyn crate::eval::stream::ProjectLines> {
        Box::new(LineWriter::default())
    }

    fn finish(
        &self,
        summary: &Summary,
        (findings, more): (&[crate::finding::Finding], usize),
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_own_findings_line(findings, more, out)?;
        write_summary_line(summary, out)
    }
}

impl crate::eval::stream::ProjectLines for LineWriter {
    fn start_project(&mut self, unit: &str, project: &str) {
        LineWriter::start_project(self, unit, project);
    }

    fn indicator(&mut self, line: &IndicatorLine<'_>, buf: &mut Vec<u8>) {
        self.line(buf, line);
    }

    fn end_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>) {
        findings_line(p, buf);
    }
}

/// Writes indicator lines, keeping the JSON of what repeats from line to line: an indicator's
/// category, subcategory, name, target and canonical form (tables repeat the same indicator
/// with the same target in project after project) and the file name. A streaming worker keeps
/// one writer for every block it writes. Bounded: the memo is emptied when full.
///
/// The texts are found first by identity: rows that evaluation read alike share their texts'
/// `Arc`s (`eval::reading`), so the five addresses find their JSON without reading the texts.
/// An entry holds its `Arc`s, so no address it is kept under can be freed and reused for
/// another text while it lives; texts not shared (each row its own `Arc`s) are found by
/// their content, as before.
#[derive(Default)]
pub struct LineWriter {
    head: Vec<u8>,
    file: Escaped,
    /// The unit's JSON string (a sheet's projects come unit by unit).
    unit: Escaped,
    key: Vec<u8>,
    texts: rustc_hash::FxHashMap<Box<[u8]>, std::rc::Rc<[u8]>>,
    /// The JSON of texts by their five addresses, each in the place of `IDENTITY_SLOTS` its
    /// addresses' hash chooses (in place of the one there before).
    by_identity: Vec<Option<([usize; 5], Held)>>,
    /// The JSON of rule lists, by the list's address (evaluation shares one list among the
    /// lines that list the same rules), with the list (kept alive, as the texts are).
    rules: rustc_hash::FxHashMap<usize, (RuleList, Vec<u8>)>,
    /// The text of the weights shown last.
    weights: ShownWeights,
    /// The middle of recent lines (verdict to source line), by what it is written from.
    middles: Middles,
}

/// The text of the last few weights shown (a sheet's rows carry a few weights, `50.00` and
/// `30.00` again and again, where every score differs): found by the decimal's bytes and the
/// decimals shown, else written and kept in place of the oldest.
/// (The csv rows keep their weights and scores so too: `report::csv`.)
#[derive(Default)]
pub(super) struct ShownWeights {
    kept: Vec<([u8; 16], u32, Vec<u8>)>,
    next: usize,
}

impl ShownWeights {
    const MAX: usize = 8;

    /// Appends `v` as [`shown`] writes it: kept, or written and kept (in place of the oldest,
    /// its buffer reused).
    pub(super) fn write(&mut self, b: &mut Vec<u8>, v: super::model::Shown) {
        let bytes = v.exact.serialize();
        if let Some((_, _, text)) = self
            .kept
            .iter()
            .find(|(k, dp, _)| *k == bytes && *dp == v.dp)
        {
            b.extend_from_slice(text);
            return;
        }
        let start = b.len();
        shown(b, v);
        let text = &b[start..];
        if self.kept.len() < Self::MAX {
            self.kept.push((bytes, v.dp, text.to_vec()));
        } else {
            let slot = &mut self.kept[self.next];
            (slot.0, slot.1) = (bytes, v.dp);
            slot.2.clear();
            slot.2.extend_from_slice(text);
            self.next = (self.next + 1) % Self::MAX;
        }
    }
}

type RuleList = std::sync::Arc<[std::borrow::Cow<'static, str>]>;

/// The JSON of an indicator's texts, with the texts it was written from (kept alive, see
/// [`LineWriter`]).
struct Held {
    _texts: [Option<std::sync::Arc<str>>; 5],
    json: std::rc::Rc<[u8]>,
}

/// Places of [`LineWriter`]'s texts kept by identity (a power of two): an indicator's texts
/// are found by their addresses in one place, not looked for in a map.
const IDENTITY_SLOTS: usize = 4096;

/// The five texts of an indicator line's identity key, in line order.
fn line_texts<'a>(i: &IndicatorLine<'a>) -> [Option<&'a std::sync::Arc<str>>; 5] {
    [
        i.category,
        i.subcategory,
        Some(i.indicator),
        Some(i.target),
        i.canonical,
    ]
}

impl LineWriter {
    /// Texts kept at most.
    const MAX: usize = 4096;

    /// Appends the lines of `projects` to `buf`.
    pub fn append(&mut self, projects: &[ProjectReport], buf: &mut Vec<u8>) {
        let _ = self.lines(projects, buf, &mut |_| Ok(()));
    }

    /// Appends the lines of one project to `buf`.
    pub fn append_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>) {
        self.start_project(&p.unit, &p.project);
        for i in &p.indicators {
            self.line(buf, &i.line());
        }
        findings_line(p, buf);
    }

    /// Starts the lines of the project `project` of `unit` (each line begins with them).
    pub fn start_project(&mut self, unit: &str, project: &str) {
        line_head(&mut self.head, self.unit.of(unit), project);
    }

    /// Appends the lines to `buf`, calling `flush` whenever it holds 60 KB or more, and at the
    /// end.
    fn lines(
        &mut self,
        projects: &[ProjectReport],
        buf: &mut Vec<u8>,
        flush: &mut dyn FnMut(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut since = buf.len();
        for p in projects {
            self.start_project(&p.unit, &p.project);
            for i in &p.indicators {
                self.line(buf, &i.line());
                if buf.len() - since >= 60 * 1024 {
                    flush(buf)?;
                    since = buf.len();
                }
            }
            findings_line(p, buf);
        }
        flush(buf)
    }

    /// One line into `b`.
    fn line(&mut self, b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
        b.extend_from_slice(&self.head);
        number(b, i.seq);
        let texts = line_texts(i);
        let ids = texts.map(|t| t.map_or(0, |a| std::sync::Arc::as_ptr(a) as *const u8 as usize));
        // kept with the reading the texts are taken from (its `Arc`s: the addresses stay its
        // own while it lives), else found by identity or content
        let kept = i.texts_kept.is_some_and(|k| {
            k.with(|t: Option<&KeptTexts>| match t {
                Some(t) if t.ids.iter().zip(&ids).all(|(k, i)| k == i) => {
                    b.extend_from_slice(&t.json);
                    true
                }
                _ => false,
            })
        });
        if !kept {
            let json = self.texts_by_identity(b, i, texts, ids);
            if let Some(k) = i.texts_kept {
                k.keep(|kept: Option<&mut KeptTexts>| match kept {
                    Some(t) => {
                        *t = KeptTexts { ids, json };
                        None
                    }
                    None => Some(KeptTexts { ids, json }),
                });
            }
        }
        b.extend_from_slice(b",\"actual\":");
        opt_string(b, i.actual);
        let n = Numbers::of(i);
        // kept with the scoring the verdict and note are taken from, where the rest it is
        // written from (weight, score, printed score, rule list, file) is the same, else
        // found among the recent middles or written
        let kept = i.middle_kept.is_some_and(|k| {
            k.with(|m: Option<&KeptMiddle>| match m {
                Some(m) if m.fits(&n, i) => {
                    b.extend_from_slice(&m.json);
                    true
                }
                _ => false,
            })
        });
        if !kept {
            let (file, rules, weights) = (&mut self.file, &mut self.rules, &mut self.weights);
            let start = b.len();
            self.middles
                .write(b, i, &n, |b| line_middle(b, file, rules, weights, i));
            if let Some(k) = i.middle_kept {
                let json = &b[start..];
                k.keep(|kept: Option<&mut KeptMiddle>| match kept {
                    Some(m) => {
                        m.update(&n, i, json);
                        None
                    }
                    None => Some(KeptMiddle::of(&n, i, json)),
                });
            }
        }
        line_end(b, i);
    }

    /// Appends the JSON of `i`'s texts (`texts`, at addresses `ids`), found by identity, by
    /// their content or written, and returns it.
    fn texts_by_identity(
        &mut self,
        b: &mut Vec<u8>,
        i: &IndicatorLine<'_>,
        texts: [Option<&std::sync::Arc<str>>; 5],
        ids: [usize; 5],
    ) -> std::rc::Rc<[u8]> {
        if self.by_identity.is_empty() {
            self.by_identity.resize_with(IDENTITY_SLOTS, || None);
        }
        let at = {
            use std::hash::Hasher;
            let mut h = rustc_hash::FxHasher::default();
            for id in ids {
                h.write_usize(id);
            }
            (h.finish() >> 40) as usize & (IDENTITY_SLOTS - 1)
        };
        match &self.by_identity[at] {
            // (the five addresses compared one by one: an array's `==` is a call to `bcmp`)
            Some((kept, held)) if kept.iter().zip(&ids).all(|(k, i)| k == i) => {
                b.extend_from_slice(&held.json);
                held.json.clone()
            }
            _ => {
                let json = self.texts_by_content(b, i);
                let held = Held {
                    _texts: texts.map(|t| t.cloned()),
                    json: json.clone(),
                };
                self.by_identity[at] = Some((ids, held));
                json
            }
        }
    }

    /// Appends the JSON of `i`'s texts, found by their content or written, and returns it.
    fn texts_by_content(&mut self, b: &mut Vec<u8>, i: &IndicatorLine<'_>) -> std::rc::Rc<[u8]> {
        let parts = [
            i.category.map(|t| &**t),
            i.subcategory.map(|t| &**t),
            Some(&**i.indicator),
            Some(&**i.target),
            i.canonical.map(|t| &**t),
        ];
        self.key.clear();
        for part in parts {
            match part {
                Some(p) => {
                    self.key.extend_from_slice(&(p.len() as u64).to_le_bytes());
                    self.key.extend_from_slice(p.as_bytes());
                }
                None => self.key.extend_from_slice(&u64::MAX.to_le_bytes()),
            }
        }
        match self.texts.get(self.key.as_slice()) {
            Some(json) => {
                b.extend_from_slice(json);
                json.clone()
            }
            None => {
                let start = b.len();
                indicator_texts(b, i);
                if self.texts.len() >= Self::MAX {
                    self.texts.clear();
                }
                let json: std::rc::Rc<[u8]> = b[start..].into();
                self.texts.insert(self.key.as_slice().into(), json.clone());
                json
            }
        }
    }
}

/// A text and its JSON string, kept while the next text is the same (the source file name is
/// the same on every line, a unit's name on each of its projects).
#[derive(Default)]
struct Escaped {
    text: String,
    json: Vec<u8>,
}

impl Escaped {
    fn of(&mut self, text: &str) -> &[u8] {
        if self.json.is_empty() || self.text != text {
            self.text.clear();
            self.text.push_str(text);
            self.json.clear();
            string(&mut self.json, text);
        }
        &self.json
    }
}

/// The start every line of one project shares: `{"unit":…,"project":…,"seq":` (`unit`: its
/// JSON string).
fn line_head(head: &mut Vec<u8>, unit: &[u8], project: &str) {
    head.clear();
    head.extend_from_slice(b"{\"unit\":");
    head.extend_from_slice(unit);
    head.extend_from_slice(b",\"project\":");
    string(head, project);
    head.extend_from_slice(b",\"seq\":");
}

/// The indicator's texts, from `,"category":` to the canonical form.
fn indicator_texts(b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
    b.extend_from_slice(b",\"category\":");
    opt_string(b, i.category.map(|t| &**t));
    b.extend_from_slice(b",\"subcategory\":");
    opt_string(b, i.subcategory.map(|t| &**t));
    b.extend_from_slice(b",\"indicator\":");
    string(b, i.indicator);
    b.extend_from_slice(b",\"target\":");
    string(b, i.target);
    b.extend_from_slice(b",\"canonical\":");
    opt_string(b, i.canonical.map(|t| &**t));
}

/// The middle of a line, from `,"verdict":` to `,"line":` (the JSON of its rule list kept by
/// the list's address in `rules`): what a line's outcome, weight and rules write, the same
/// for every line scored alike ([`Middles`]).
fn line_middle(
    b: &mut Vec<u8>,
    file: &mut Escaped,
    rules: &mut rustc_hash::FxHashMap<usize, (RuleList, Vec<u8>)>,
    weights: &mut ShownWeights,
    i: &IndicatorLine<'_>,
) {
    b.extend_from_slice(b",\"verdict\":\"");
    b.extend_from_slice(i.verdict.as_str().as_bytes());
    b.extend_from_slice(b"\",\"weight\":\"");
    weights.write(b, i.weight);
    b.extend_from_slice(b"\",\"score\":");
    match &i.score {
        Some(s) => {
            b.push(b'"');
            shown(b, *s);
            b.push(b'"');
        }
        None => b.extend_from_slice(b"null"),
    }
    b.extend_from_slice(b",\"published_score\":");
    match &i.published_score {
        Some(d) => {
            b.push(b'"');
            decimal(b, d.normalize());
            b.push(b'"');
        }
        None => b.extend_from_slice(b"null"),
    }
    let at = std::sync::Arc::as_ptr(i.rules) as *const u8 as usize;
    match rules.get(&at) {
        Some((_, json)) => b.extend_from_slice(json),
        None => {
            let mut json = Vec::with_capacity(16 + 24 * i.rules.len());
            json.extend_from_slice(b",\"rules\":[");
            for (k, r) in i.rules.iter().enumerate() {
                if k > 0 {
                    json.push(b',');
                }
                string(&mut json, r);
            }
            json.push(b']');
            b.extend_from_slice(&json);
            if rules.len() >= LineWriter::MAX {
                rules.clear();
            }
            rules.insert(at, (i.rules.clone(), json));
        }
    }
    b.extend_from_slice(b",\"note\":");
    string(b, i.note);
    b.extend_from_slice(b",\"source\":{\"file\":");
    b.extend_from_slice(file.of(i.file));
    b.extend_from_slice(b",\"line\":");
}

/// The end of a line, from the source line's number to the line break.
fn line_end(b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
    number(b, i.line);
    if let Some(c) = i.column {
        b.extend_from_slice(b",\"column\":");
        number(b, c);
    }
    if let Some(c) = i.cell {
        b.extend_from_slice(b",\"cell\":");
        string(b, c);
    }
    // the sheet of a workbook's cell, as the json report's `source` names it
    if let Some(sheet) = i.sheet {
        b.extend_from_slice(b",\"sheet\":");
        string(b, sheet);
    }
    b.push(b'}');
    if i.category_inferred {
        b.extend_from_slice(b",\"category_inferred\":true");
    }
    if let Some(n) = i.deviation_note {
        b.extend_from_slice(b",\"deviation_note\":");
        string(b, n);
    }
    if i.differs_from_published {
        b.extend_from_slice(b",\"differs_from_published\":true");
    }
    if i.subcategory_inferred {
        b.extend_from_slice(b",\"subcategory_inferred\":true");
    }
    b.extend_from_slice(b"}\n");
}

/// The middles of recent lines ([`line_middle`]: verdict, weight, score, published score,
/// rules, note and file), each kept in one of [`Middles::SLOTS`] places by the hash of what it
/// is written from, in place of the one there before. Most lines repeat one (`"pass"`, the
/// category's weight, its full score, `达标，得满分 30`) even where every actual differs, and
/// are then one copy; a line whose score or note is its own (a varied actual that fails)
/// misses, is written, and takes the place. The rule list and file are told apart by address
/// (held, as [`LineWriter`] holds texts, so the address cannot be reused meanwhile), the note
/// by its text (a varied row's outcome is scored afresh: equal notes in other `Arc`s), the
/// numbers by their exact bytes and decimals shown.
struct Middles {
    slots: Vec<Middle>,
}

impl Default for Middles {
    fn default() -> Self {
        Middles {
            slots: (0..Self::SLOTS).map(|_| Middle::default()).collect(),
        }
    }
}

/// One middle kept, with what it was written from.
#[derive(Default)]
struct Middle {
    hash: u64,
    verdict: Option<crate::eval::Verdict>,
    weight: ([u8; 16], u32),
    score: Option<([u8; 16], u32)>,
    published: Option<[u8; 16]>,
    rules: Option<RuleList>,
    file: Option<std::sync::Arc<str>>,
    note: String,
    json: Vec<u8>,
}

/// A shown value's exact bytes and decimals (equal ones write equal text).
fn shown_key(v: super::model::Shown) -> ([u8; 16], u32) {
    (v.exact.serialize(), v.dp)
}

/// What of a line's middle is compared as numbers: weight, score and printed score, each by
/// its exact bytes (and decimals shown), worked out once a line.
struct Numbers {
    weight: ([u8; 16], u32),
    score: Option<([u8; 16], u32)>,
    published: Option<[u8; 16]>,
}

impl Numbers {
    fn of(i: &IndicatorLine<'_>) -> Self {
        Numbers {
            weight: shown_key(i.weight),
            score: i.score.map(shown_key),
            published: i.published_score.map(|d| d.serialize()),
        }
    }
}

impl Middle {
    fn fits(&self, hash: u64, n: &Numbers, i: &IndicatorLine<'_>) -> bool {
        self.hash == hash
            && self.verdict == Some(i.verdict)
            && self.weight == n.weight
            && self.score == n.score
            && self.published == n.published
            && self
                .rules
                .as_ref()
                .is_some_and(|r| std::sync::Arc::ptr_eq(r, i.rules))
            && self
                .file
                .as_ref()
                .is_some_and(|f| std::sync::Arc::ptr_eq(f, i.file))
            && *self.note == **i.note
    }
}

impl Middles {
    /// Places kept (a power of two).
    const SLOTS: usize = 256;

    /// Appends the middle of `i`'s line (`n`: its numbers): kept, or written by `write` and
    /// kept.
    fn write(
        &mut self,
        b: &mut Vec<u8>,
        i: &IndicatorLine<'_>,
        n: &Numbers,
        write: impl FnOnce(&mut Vec<u8>),
    ) {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        i.verdict.hash(&mut h);
        h.write(&n.weight.0);
        h.write_u32(n.weight.1);
        if let Some((exact, dp)) = n.score {
            h.write(&exact);
            h.write_u32(dp);
        }
        h.write_usize(std::sync::Arc::as_ptr(i.rules) as *const u8 as usize);
        h.write(i.note.as_bytes());
        let hash = h.finish();
        let slot = &mut self.slots[(hash >> 32) as usize & (Self::SLOTS - 1)];
        if slot.fits(hash, n, i) {
            b.extend_from_slice(&slot.json);
            return;
        }
        let start = b.len();
        write(b);
        slot.hash = hash;
        slot.verdict = Some(i.verdict);
        slot.weight = n.weight;
        slot.score = n.score;
        slot.published = n.published;
        if !slot
            .rules
            .as_ref()
            .is_some_and(|r| std::sync::Arc::ptr_eq(r, i.rules))
        {
            slot.rules = Some(i.rules.clone());
        }
        if !slot
            .file
            .as_ref()
            .is_some_and(|f| std::sync::Arc::ptr_eq(f, i.file))
        {
            slot.file = Some(i.file.clone());
        }
        slot.note.clear();
        slot.note.push_str(i.note);
        slot.json.clear();
        slot.json.extend_from_slice(&b[start..]);
    }
}

/// The JSON of an indicator's texts kept with the reading they are taken from
/// ([`IndicatorLine::texts_kept`]), with the texts' addresses.
struct KeptTexts {
    ids: [usize; 5],
    json: std::rc::Rc<[u8]>,
}

/// The middle of a line kept with its scoring ([`IndicatorLine::middle_kept`]), with what
/// else it was written from: the scoring's verdict and note (by address: the scoring holds
/// the note), the numbers, the rule list and the file (held, so that their addresses are
/// not reused meanwhile).
struct KeptMiddle {
    verdict: crate::eval::Verdict,
    note: usize,
    weight: ([u8; 16], u32),
    score: Option<([u8; 16], u32)>,
    published: Option<[u8; 16]>,
    rules: RuleList,
    file: std::sync::Arc<str>,
    json: Vec<u8>,
}

impl KeptMiddle {
    fn of(n: &Numbers, i: &IndicatorLine<'_>, json: &[u8]) -> Self {
        KeptMiddle {
            verdict: i.verdict,
            note: std::sync::Arc::as_ptr(i.note) as *const u8 as usize,
            weight: n.weight,
            score: n.score,
            published: n.published,
            rules: i.rules.clone(),
            file: i.file.clone(),
            json: json.to_vec(),
        }
    }

    /// Keeps `json`, written from `n` and `i`, in place of what it held (its buffer reused).
    fn update(&mut self, n: &Numbers, i: &IndicatorLine<'_>, json: &[u8]) {
        self.verdict = i.verdict;
        self.note = std::sync::Arc::as_ptr(i.note) as *const u8 as usize;
        (self.weight, self.score, self.published) = (n.weight, n.score, n.published);
        if !std::sync::Arc::ptr_eq(&self.rules, i.rules) {
            self.rules = i.rules.clone();
        }
        if !std::sync::Arc::ptr_eq(&self.file, i.file) {
            self.file = i.file.clone();
        }
        self.json.clear();
        self.json.extend_from_slice(json);
    }

    fn fits(&self, n: &Numbers, i: &IndicatorLine<'_>) -> bool {
        self.verdict == i.verdict
            && self.note == std::sync::Arc::as_ptr(i.note) as *const u8 as usize
            && self.weight == n.weight
            && self.score == n.score
            && self.published == n.published
            && std::sync::Arc::ptr_eq(&self.rules, i.rules)
            && std::sync::Arc::ptr_eq(&self.file, i.file)
    }
}

/// A shown value as its `Display` writes it: rounded half-up to its decimals, then padded.
/// Rounded here on the integer mantissa (a decimal's fits in 96 bits); negative values and
/// padding a decimal could not hold go through [`Shown::rounded`].
pub(super) fn shown(b: &mut Vec<u8>, v: super::model::Shown) {
    let (exact, dp) = (v.exact, v.dp);
    let scale = exact.scale();
    let m = exact.mantissa().unsigned_abs();
    let fast = if exact.is_sign_negative() || dp > 28 {
        None
    } else if scale <= dp {
        // exact already: pad with zeros (where a decimal can hold the padded value)
        let pad = dp - scale;
        m.checked_mul(10u128.pow(pad))
            .filter(|&p| p < 1 << 96)
            .map(|_| (m, pad))
    } else if let (Ok(m), Some(unit)) = (u64::try_from(m), 10u64.checked_pow(scale - dp)) {
        // most values: 64-bit arithmetic (a 128-bit division is a library call)
        let (q, r) = (m / unit, m % unit);
        Some((u128::from(q + u64::from(r >= unit - r)), 0))
    } else {
        let unit = 10u128.pow(scale - dp);
        let (q, r) = (m / unit, m % unit);
        Some((q + u128::from(r >= unit - r), 0))
    };
    match fast {
        Some((m, pad)) => {
            let mut digits = itoa::Buffer::new();
            // (itoa writes a u64 faster than a u128)
            let digits = match u64::try_from(m) {
                Ok(m) => digits.format(m),
                Err(_) => digits.format(m),
            }
            .as_bytes();
            let dp = dp as usize;
            let pad = pad as usize;
            // `digits` then `pad` zeros is the value times 10^dp
            let len = digits.len() + pad;
            if dp == 0 {
                b.extend_from_slice(digits);
                b.resize(b.len() + pad, b'0');
            } else if len > dp {
                let whole = len - dp;
                if whole >= digits.len() {
                    b.extend_from_slice(digits);
                    b.resize(b.len() + whole - digits.len(), b'0');
                    b.push(b'.');
                    b.resize(b.len() + dp, b'0');
                } else {
                    b.extend_from_slice(&digits[..whole]);
                    b.push(b'.');
                    b.extend_from_slice(&digits[whole..]);
                    b.resize(b.len() + pad, b'0');
                }
            } else {
                b.extend_from_slice(b"0.");
                b.resize(b.len() + dp - len, b'0');
                b.extend_from_slice(digits);
                b.resize(b.len() + pad, b'0');
            }
        }
        None => decimal(b, v.rounded()),
    }
}

/// A decimal as its `Display` writes it (sign, digits, `.` and the scale's decimals), without
/// going through a formatter.
pub(super) fn decimal(b: &mut Vec<u8>, d: rust_decimal::Decimal) {
    if d.is_sign_negative() {
        b.push(b'-');
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(d.mantissa().unsigned_abs()).as_bytes();
    let scale = d.scale() as usize;
    if scale == 0 {
        b.extend_from_slice(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        b.extend_from_slice(whole);
        b.push(b'.');
        b.extend_from_slice(fraction);
    } else {
        b.extend_from_slice(b"0.");
        b.resize(b.len() + scale - digits.len(), b'0');
        b.extend_from_slice(digits);
    }
}

#[inline]
fn opt_string(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(b, s),
        None => b.extend_from_slice(b"null"),
    }
}

/// An unsigned number, as serde_json writes it (a digit, as a line's `seq` and `column` most
/// often are, written as it is).
#[inline]
fn number(b: &mut Vec<u8>, n: u32) {
    if n < 10 {
        b.push(b'0' + n as u8);
        return;
    }
    b.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// The closing `{"summary":…}` line.
pub fn write_summary_line(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &SummaryLine { summary })?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Verdict;
    use crate::report::model::{IndicatorReport, Shown, SourceRef};
    use crate::report_model::Kept;
    use rust_decimal::Decimal;

    fn indicator(text: &str, with_optional: bool) -> IndicatorReport {
        IndicatorReport {
            seq: 3,
            category: with_optional.then(|| format!("产出{text}").into()),
            subcategory: None,
            indicator: format!("指标\"{text}\"\\").into(),
            target: text.into(),
            canonical: with_optional.then(|| ">= 95 %".into()),
            actual: None,
            verdict: Verdict::NotApplicable,
            weight: Shown::new(Decimal::new(100, 1) / Decimal::from(3), 2),
            score: with_optional.then(|| Shown::new(Decimal::new(945, 2), 2)),
            published_score: with_optional.then(|| Decimal::new(1900, 3)),
            rules: vec!["default.a".into(), text.to_owned().into()].into(),
            note: format!("达标；{text}").into(),
            source: SourceRef {
                file: "a\tb.tsv".into(),
                line: 7,
                column: with_optional.then_some(3),
                cell: with_optional.then(|| "B7".to_owned()),
                sheet: with_optional.then(|| format!("表\"{text}").into()),
            },
            category_inferred: with_optional,
            deviation_note: with_optional.then(|| "原因\r\n".to_owned()),
            differs_from_published: with_optional,
            subcategory_inferred: with_optional,
            grade: None,
            plan: None,
        }
    }

    #[test]
    fn hand_written_lines_are_serde_json_bytes() {
        let texts = [
            "95%以上",
            "",
            "a\u{1}b\u{1f}c\u{7f}\u{8}\u{c}/",
            "\"≥\"\\n",
            "𝄞 emoji",
            "a long plain ascii cell with no escapes at all, then one\"",
            "完成值为百分之九十五以上，群众满意度\t较高\\",
            " !#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~ \u{1b}",
        ];
        for t in texts {
            for with in [true, false] {
                let projects = [project("单位\"", t, vec![indicator(t, with)])];
                let mut ours = Vec::new();
                LineWriter::default().append(&projects, &mut ours);
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&serde_lines(&projects))
                );
            }
        }
    }

    /// A project report around `indicators` (only unit and project matter to the lines).
    fn project(unit: &str, name: &str, indicators: Vec<IndicatorReport>) -> ProjectReport {
        let shown = Shown::new(Decimal::ZERO, 2);
        ProjectReport {
            unit: unit.into(),
            project: name.into(),
            budget: None,
            spent: None,
            execution_rate: None,
            score: shown,
            grade: "优".into(),
            indicators,
            budget_weight: shown,
            budget_score: None,
            budget_published_score: None,
            budget_rules: vec![],
            budget_note: None,
            money_unit: "万元".into(),
            weights: Shown::new(Decimal::ZERO, 2),
            findings: Vec::new(),
            published_score: None,
            published_grade: None,
            total_differs: false,
            goal: None,
            goal_actual: None,
            pending: shown,
            counts: crate::report::model::VerdictCounts::default(),
            status: Default::default(),
            mismatches: Vec::new(),
        }
    }

    /// The lines serde_json writes for `projects`.
    fn serde_lines(projects: &[ProjectReport]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in projects {
            for i in &p.indicators {
                let line = Line {
                    unit: &p.unit,
                    project: &p.project,
                    indicator: i,
                };
                out.extend(serde_json::to_vec(&line).expect("serialises"));
                out.push(b'\n');
            }
        }
        out
    }

    #[test]
    fn lines_that_repeat_an_indicator_are_still_serde_json_bytes() {
        let mut indicators = Vec::new();
        for (k, t) in ["95%以上", "a\"b", "95%以上", "", "a\"b", "95%以上"]
            .iter()
            .enumerate()
        {
            let mut i = indicator(t, k % 2 == 0);
            i.seq = k as u32 + 1;
            i.actual = Some(format!("{k}%").into());
            indicators.push(i);
        }
        let projects = [
            project("单位", "甲", indicators.clone()),
            project("单位", "乙\t", indicators),
        ];
        let mut ours = Vec::new();
        let mut writer = LineWriter::default();
        writer.append(&projects[..1], &mut ours);
        writer.append(&projects[1..], &mut ours);
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&serde_lines(&projects))
        );
    }

    #[test]
    fn lines_kept_with_their_reading_and_scoring_are_serde_json_bytes() {
        // one reading's and one scoring's `Kept` for every line (as a streamed run hands them),
        // while the line's other parts change one at a time: each change is written anew, and
        // the line written again from what was kept is the same
        let base = indicator("≥95%", true);
        let with = |f: &dyn Fn(&mut IndicatorReport)| {
            let mut i = base.clone();
            f(&mut i);
            i
        };
        let changes: Vec<IndicatorReport> = vec![
            with(&|i| i.weight = Shown::new(Decimal::new(25, 0), 2)),
            with(&|i| i.weight = Shown::new(base.weight.exact, 3)),
            with(&|i| i.score = Some(Shown::new(Decimal::new(946, 2), 2))),
            with(&|i| i.score = None),
            with(&|i| i.published_score = Some(Decimal::new(19, 1))),
            with(&|i| i.published_score = None),
            with(&|i| i.rules = vec!["default.b".into()].into()),
            with(&|i| i.source.file = "c.tsv".into()),
            with(&|i| i.verdict = Verdict::Fail),
            with(&|i| i.note = "未达标".into()),
            with(&|i| i.target = "≥96%".into()),
            with(&|i| i.canonical = None),
            with(&|i| i.category = Some("效益指标".into())),
            with(&|i| i.subcategory = Some("社会效益指标".into())),
            with(&|i| i.indicator = "满意度".into()),
        ];
        let mut indicators = vec![base.clone(), base.clone(), base.clone()];
        for c in changes {
            indicators.extend([c.clone(), c, base.clone(), base.clone()]);
        }
        for (k, i) in indicators.iter_mut().enumerate() {
            i.seq = k as u32 + 1;
        }
        let projects = [project("单位", "甲", indicators)];
        let (texts, middle) = (Kept::default(), Kept::default());
        let mut writer = LineWriter::default();
        let mut ours = Vec::new();
        writer.start_project("单位", "甲");
        for i in &projects[0].indicators {
            let mut line = i.line();
            line.texts_kept = Some(&texts);
            line.middle_kept = Some(&middle);
            writer.line(&mut ours, &line);
        }
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&serde_lines(&projects))
        );
    }

    #[test]
    fn texts_freed_and_their_addresses_reused_are_written_anew() {
        // each project's texts are dropped before the next is made: the allocator hands the
        // same addresses out again, with other text in them
        let mut writer = LineWriter::default();
        for k in 0..200 {
            let t = format!("{}%", k % 7 * 1000 + k);
            let projects = [project("单位", "甲", vec![indicator(&t, k % 2 == 0)])];
            let mut ours = Vec::new();
            writer.append(&projects, &mut ours);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&serde_lines(&projects)),
                "{k}"
            );
        }
    }

    #[test]
    fn lines_alike_but_for_one_part_of_their_middle_are_each_written_anew() {
        let base = indicator("95%以上", true);
        // the same rules and file in other `Arc`s, and other ones
        let rules_again: RuleList = base.rules.iter().cloned().collect();
        let other_rules: RuleList = vec!["default.b".into()].into();
        let file_again: std::sync::Arc<str> = (*base.source.file).into();
        type Change = Box<dyn Fn(&mut IndicatorReport)>;
        let changes: Vec<Change> = vec![
            Box::new(|_| {}),
            Box::new(|i| i.verdict = Verdict::Pass),
            Box::new(|i| i.weight = Shown::new(Decimal::new(30, 0), 2)),
            Box::new(|i| i.weight.dp = 4),
            Box::new(|i| i.score = None),
            Box::new(|i| i.score = Some(Shown::new(Decimal::new(94_501, 4), 2))),
            Box::new(|i| i.score = Some(Shown::new(Decimal::new(945, 2), 3))),
            Box::new(|i| i.published_score = None),
            Box::new(|i| i.published_score = Some(Decimal::new(19, 1))),
            Box::new(move |i| i.rules = rules_again.clone()),
            Box::new(move |i| i.rules = other_rules.clone()),
            Box::new(|i| i.note = "达标；其他".into()),
            Box::new(|i| i.note = format!("{}\"", i.note).into()),
            Box::new(move |i| i.source.file = file_again.clone()),
            Box::new(|i| i.source.file = "other.tsv".into()),
            Box::new(|i| i.source.line = 9),
        ];
        let mut indicators = Vec::new();
        // each change alone and after each other, twice over (the second time from the kept)
        for _ in 0..2 {
            for (a, first) in changes.iter().enumerate() {
                for (k, second) in changes.iter().enumerate() {
                    let mut i = base.clone();
                    first(&mut i);
                    second(&mut i);
                    i.seq = (a * 100 + k) as u32;
                    indicators.push(i);
                }
            }
        }
        // more notes than places kept, each again after others took its place
        for k in 0..3 * Middles::SLOTS {
            let mut i = base.clone();
            i.note = format!("25 × {} ÷ 90", k % (2 * Middles::SLOTS)).into();
            i.score = Some(Shown::new(Decimal::new(k as i64, 2), 2));
            indicators.push(i);
        }
        let projects = [project("单位", "甲", indicators)];
        let mut ours = Vec::new();
        LineWriter::default().append(&projects, &mut ours);
        let theirs = serde_lines(&projects);
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn weights_kept_are_written_as_they_are_shown() {
        let mut kept = ShownWeights::default();
        let values = [
            Decimal::new(50, 0),
            Decimal::new(5000, 2),
            Decimal::new(0, 2),
            -Decimal::new(0, 2),
            Decimal::ONE_HUNDRED / Decimal::from(7),
        ];
        // more values than are kept, again and again, each at two precisions
        for k in 0..200usize {
            let d = values[k % values.len()] + Decimal::from((k % 11) as i64);
            for dp in [2, 4] {
                let v = Shown::new(d, dp);
                let mut ours = Vec::new();
                kept.write(&mut ours, v);
                assert_eq!(String::from_utf8(ours).expect("utf-8"), v.to_string());
            }
        }
    }

    #[test]
    fn shown_values_are_written_as_display_writes_them() {
        let mut values = vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(5, 3),
            Decimal::new(-5, 3),
            Decimal::new(-0, 2),
            -Decimal::new(0, 2),
            Decimal::new(100, 1) / Decimal::from(3),
            Decimal::new(200, 1) / Decimal::from(3),
            Decimal::ONE_HUNDRED / Decimal::from(7),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MAX, 19),
            Decimal::from_i128_with_scale(u64::MAX as i128, 20),
            Decimal::from_i128_with_scale(u64::MAX as i128 + 1, 3),
            Decimal::from_i128_with_scale((1i128 << 96) - 1, 28),
            Decimal::from_i128_with_scale((1i128 << 96) - 1, 0),
            Decimal::from_i128_with_scale(5 * 10i128.pow(27), 28),
        ];
        for scale in 0..=8 {
            for m in [
                0i64, 1, 4, 5, 9, 10, 15, 45, 50, 95, 99, 100, 125, 995, 1095, 5000, 99_995,
            ] {
                values.push(Decimal::new(m, scale));
                values.push(Decimal::new(-m, scale));
            }
        }
        for d in values {
            for dp in [0, 1, 2, 3, 4, 19, 20, 27, 28] {
                let v = Shown::new(d, dp);
                let mut ours = Vec::new();
                shown(&mut ours, v);
                assert_eq!(
                    String::from_utf8(ours).expect("utf-8"),
                    v.to_string(),
                    "{d:?} {dp}"
                );
            }
        }
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::new(0, 2),
            -Decimal::new(0, 2),
            Decimal::new(-5, 3),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-123_456_789, 28),
        ];
        for scale in 0..=6 {
            for m in [1i64, 9, 10, 99, 100, 5000, 1095, 123_456_789, -7, -1500] {
                values.push(Decimal::new(m, scale));
            }
        }
        for d in values {
            let mut ours = Vec::new();
            decimal(&mut ours, d);
            assert_eq!(
                String::from_utf8(ours).expect("utf-8"),
                d.to_string(),
                "{d:?}"
            );
        }
    }

    #[test]
    fn long_projects_and_projects_with_no_total_are_written_in_pieces_as_rendered() {
        use crate::report::sections::{Parts, Sections};
        // a project of 1,500 rows (its part some 900 KB, handed on in pieces), a project of
        // qualitative rows only (no total: its keys printed sorted, a row at a time), and a
        // short one after them
        let mut text =
            String::from("单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n");
        for k in 0..1500 {
            let unit = if k == 0 { "甲单位" } else { "" };
            let project = if k == 0 { "长项目" } else { "" };
            text.push_str(&format!(
                "{unit}\t{project}\t产出指标\t数量指标\t培训{k}\t≥{k}人次\t{}人次\n",
                k + k % 3
            ));
        }
        for k in 0..40 {
            let project = if k == 0 { "待评定项目" } else { "" };
            text.push_str(&format!(
                "\t{project}\t效益指标\t\t满意度{k}\t群众满意\t较好\n"
            ));
        }
        text.push_str("\t短项目\t产出指标\t数量指标\t培训\t≥5人次\t4人次\n");
        let opts = crate::table::ReadOptions::default();
        let doc = crate::table::read_str("t.tsv", &text, &opts).expect("read");
        let rules = crate::rules::RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        let report = crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules));
        let statuses: Vec<_> = report.projects.iter().map(|p| p.status).collect();
        use crate::report::model::TotalStatus;
        assert_eq!(
            statuses,
            [
                TotalStatus::Scored,
                TotalStatus::Pending,
                TotalStatus::Scored
            ]
        );
        let rendered = render(&report);
        assert!(rendered.len() > 4 * crate::report::Chunked::SIZE);
        // written whole, the writes counted: the long project went out in pieces
        struct Writes(Vec<usize>, Vec<u8>);
        impl Write for Writes {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.push(b.len());
                self.1.extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = Writes(Vec::new(), Vec::new());
        write(&report, &mut w).unwrap();
        assert_eq!(String::from_utf8(w.1).unwrap(), rendered);
        let largest = w.0.iter().max().copied().unwrap_or_default();
        assert!(largest < 2 * crate::report::Chunked::SIZE, "{largest}");
        // a project begun anywhere just under the bytes gathered before a hand-on (behind
        // other projects' parts): the same bytes, whatever the cut
        let size = crate::report::Chunked::SIZE;
        let long = &report.projects[0];
        for gathered in size - 64..size + 2 {
            let mut buf = vec![b'x'; gathered];
            let (mut to, mut failed) = (Vec::new(), None);
            let mut parts = Parts::new(&mut buf, &mut to, &mut failed);
            JsonSections::default().project(long, &mut parts);
            to.extend_from_slice(&buf);
            let mut alone = Vec::new();
            let (mut none, mut failed) = (Vec::new(), None);
            JsonSections::default()
                .project(long, &mut Parts::new(&mut alone, &mut none, &mut failed));
            none.extend_from_slice(&alone);
            assert_eq!(&to[..gathered], vec![b'x'; gathered], "{gathered}");
            assert!(to[gathered..] == none[..], "{gathered}");
        }
        // spooled, as the command line writes it
        let mut spool =
            super::super::sections::Spool::new(Box::new(JsonSections::default())).expect("spool");
        let mut held = report.clone();
        held.projects = report
            .projects
            .iter()
            .cloned()
            .map(|p| spool.project(p))
            .collect();
        let mut out = Vec::new();
        spool.finish(&held, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), rendered);
    }

    #[test]
    fn the_report_written_as_it_goes_is_the_rendered_bytes() {
        let text = "部门名称：测试\n单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n\
                    甲单位\t项目一\t\t\t\t\t\t100.00\t90.50\n\
                    \t\t产出指标\t数量指标\t\"培训\"人次\t≥50人次\t40人次\t\t\n\
                    \t\t效益指标\t\t满意度\t>90%\t较好\t\t\n";
        let opts = crate::table::ReadOptions::default();
        let doc = crate::table::read_str("t.tsv", text, &opts).expect("read");
        let rules = crate::rules::RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        let report = crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules));
        assert!(!report.projects.is_empty());
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), render(&report));
    }
}
