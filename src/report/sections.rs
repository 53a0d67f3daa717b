//! A whole-document report in three parts (issue 27: memory of the whole-document formats):
//! what stands before the projects ([`Sections::head`]), each project's part
//! ([`Sections::project`]) and what follows them ([`Sections::tail`]). Every text format
//! (table, markdown, json, jsonl, csv, html) is written through its parts, whole
//! ([`write_whole`], the report held) or while it is evaluated ([`Spool`]): so both give the
//! same bytes by construction.
//!
//! The head and the tail read the report's roll-ups (summary, units, differences, findings)
//! and each project's own figures (its total, grade, counts, names), never its indicators:
//! a [`Spool`] writes a project's part as soon as it is scored and keeps the project with its
//! indicators dropped ([`ProjectReport::headline`]), so a report of any size costs
//! its projects' headlines, not its rows. The parts go to a temporary file (in memory where
//! the process writes nothing to disk, [`super::keep_off_disk`]) until the roll-up is known,
//! then the head, the parts and the tail go to the output: json opens with the summary, html
//! with the summary and the chart, and the text formats with the warnings about actuals that
//! matched nothing, all known only once every project is scored.

use std::fs::File;
use std::io::{self, Read, Seek, Write};

use super::model::{ProjectReport, Report};

/// A format's three parts. `head` and `tail` are given the whole report, whose projects may
/// hold no indicators any more (see the module doc); `project` appends one project's part to
/// `buf` (the caller writes `buf` out between projects, whole lines at a time; a format may
/// hand it on inside a long project too, [`Parts::may_cut`]).
pub trait Sections {
    /// What stands before the projects.
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()>;
    /// One project's part, appended to `buf`.
    fn project(&mut self, p: &ProjectReport, buf: &mut Parts<'_>);
    /// What closes the projects' part (json's `]`), appended to `buf` after the last project;
    /// `projects` is how many there were.
    fn end_projects(&mut self, _projects: usize, _buf: &mut Parts<'_>) {}
    /// What follows the projects.
    fn tail(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()>;
    /// Whether the head writes anything. A format whose head is empty (JSON lines) needs no
    /// roll-up before its first project, so its projects may go straight to the output
    /// ([`Spool::through`]).
    fn has_head(&self) -> bool {
        true
    }
}

/// The parts of `format` (none for xlsx, a workbook built whole); `bands` mark html's chart;
/// `coloured` is the width of the coloured terminal table, where the table is one.
pub fn of_format<'a>(
    format: super::ReportFormat,
    bands: &'a [crate::eval::methodology::ScoreBand],
    coloured: Option<usize>,
) -> Option<Box<dyn Sections + 'a>> {
    use super::ReportFormat;
    use super::selfeval_table::{MarkdownSections, TextSections, coloured as colour};
    Some(match (format, coloured) {
        (ReportFormat::Table, Some(width)) => Box::new(TextSections::new(width, colour)),
        (ReportFormat::Table, None) => Box::new(TextSections::new(usize::MAX, |s| s)),
        (ReportFormat::Markdown, _) => Box::new(MarkdownSections::default()),
        (ReportFormat::Json, _) => Box::new(super::json::JsonSections::default()),
        (ReportFormat::Jsonl, _) => Box::new(super::json::JsonLinesSections::default()),
        (ReportFormat::Csv, _) => Box::new(super::csv::CsvSections::default()),
        (ReportFormat::Html, _) => Box::new(super::html::HtmlSections::new(bands)),
        (ReportFormat::Xlsx, _) => return None,
    })
}

/// About this many bytes of projects' parts are gathered before a write.
const SIZE: usize = super::Chunked::SIZE;

/// The bytes of the projects' parts gathered before they go to where the parts are written
/// (the output, or a [`Spool`]'s temporary file). It is the buffer itself to a format
/// (`Deref` to `Vec<u8>`): a format appends a project's part to it, and the caller hands it
/// on between projects. A format whose project can be long (json: one project of 200,000 rows
/// was a 125 MB part, gathered whole in a buffer grown by doubling, issue 27) hands it on
/// inside a project too, where a cut is allowed ([`Parts::may_cut`], [`Parts::cut_at`]).
/// Once a write has failed nothing more is written; the error is the caller's to return.
pub struct Parts<'a> {
    buf: &'a mut Vec<u8>,
    to: &'a mut dyn Write,
    failed: &'a mut Option<io::Error>,
}

impl<'a> Parts<'a> {
    /// Bytes gathered in `buf`, handed on to `to`; a write's failure kept in `failed`.
    pub fn new(
        buf: &'a mut Vec<u8>,
        to: &'a mut dyn Write,
        failed: &'a mut Option<io::Error>,
    ) -> Parts<'a> {
        Parts { buf, to, failed }
    }

    /// A place where the part may be cut (a line's end, between rows): what is gathered goes
    /// out once it passes `SIZE` bytes.
    pub fn may_cut(&mut self) {
        if self.buf.len() >= SIZE {
            self.cut_at(self.buf.len());
        }
    }

    /// Whether enough is gathered to be handed on ([`Parts::cut_at`] where a cut is allowed).
    pub fn full(&self) -> bool {
        self.buf.len() >= SIZE
    }

    /// The length of the bytes gathered at which [`Parts::full`] turns true (a writer of many
    /// small pieces compares its length with it, not calling `full` each piece).
    pub const FULL: usize = SIZE;

    /// The first `end` bytes gathered go out; the rest stays, moved to the front.
    pub fn cut_at(&mut self, end: usize) {
        let end = end.min(self.buf.len());
        if self.failed.is_none()
            && let Err(e) = self.to.write_all(&self.buf[..end])
        {
            *self.failed = Some(e);
        }
        self.buf.drain(..end);
    }
}

impl std::ops::Deref for Parts<'_> {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        self.buf
    }
}

impl std::ops::DerefMut for Parts<'_> {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        self.buf
    }
}

/// Bytes read from the spool at a time when it is copied to the output.
const COPY: usize = 256 * 1024;

/// `r` written whole through `s`: the head, every project (a write about every
/// `Chunked::SIZE` bytes, between projects), the tail.
pub fn write_whole(s: &mut dyn Sections, r: &Report, out: &mut dyn Write) -> io::Result<()> {
    s.head(r, out)?;
    let mut buf = Vec::with_capacity(SIZE + SIZE / 4);
    let mut failed = None;
    let mut parts = Parts::new(&mut buf, &mut *out, &mut failed);
    for p in &r.projects {
        s.project(p, &mut parts);
        parts.may_cut();
        if parts.failed.is_some() {
            break;
        }
    }
    s.end_projects(r.projects.len(), &mut parts);
    let end = parts.buf.len();
    parts.cut_at(end);
    if let Some(e) = failed {
        return Err(e);
    }
    s.tail(r, out)
}

/// Where a [`Spool`] keeps the projects' parts (and `--explain` its notes,
/// [`super::explain`]).
pub(super) enum Held {
    /// Written a gathered ~64 KB at a time (no buffer of its own: no copy more).
    File(File),
    Memory(Vec<u8>),
}

impl Held {
    /// A temporary file, in memory where the process writes nothing to disk.
    pub(super) fn new() -> io::Result<Held> {
        Ok(
            if super::NO_DISK.load(std::sync::atomic::Ordering::Relaxed) {
                Held::Memory(Vec::new())
            } else {
                Held::File(tempfile::tempfile()?)
            },
        )
    }

    /// `buf` added at the end.
    pub(super) fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        Write::write_all(self, buf)
    }

    /// Everything held, to `out` (whole lines at a time).
    pub(super) fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Held::Memory(v) => out.write_all(&v),
            Held::File(mut f) => {
                // the spool's length: a small report's copy needs no larger buffer
                let len = f.stream_position()?;
                f.rewind()?;
                copy_lines(&mut f, out, usize::try_from(len).unwrap_or(usize::MAX))
            }
        }
    }
}

impl Write for Held {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Held::File(f) => f.write(buf),
            Held::Memory(v) => v.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Held::File(f) => f.write_all(buf),
            Held::Memory(v) => {
                v.extend_from_slice(buf);
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A report written while it is evaluated: each project's part is written to a temporary file
/// as soon as the project is scored ([`Spool::project`], which hands the project back without
/// its indicators for the roll-up); [`Spool::finish`] then writes the head, the parts and the
/// tail to the output.
pub struct Spool<'a> {
    sections: Box<dyn Sections + 'a>,
    to: To<'a>,
    buf: Vec<u8>,
    projects: usize,
    failed: Option<io::Error>,
}

/// Where a [`Spool`] writes the projects' parts.
enum To<'a> {
    /// Held until the head is written ([`Spool::new`]).
    Held(Held),
    /// The output itself: the format's head is empty ([`Spool::through`]).
    Out(&'a mut dyn Write),
}

impl To<'_> {
    fn sink(&mut self) -> &mut dyn Write {
        match self {
            To::Held(held) => held,
            To::Out(out) => *out,
        }
    }
}

impl<'a> Spool<'a> {
    /// A spool for `sections`, its parts in a temporary file (in memory where the process
    /// writes nothing to disk).
    pub fn new(sections: Box<dyn Sections + 'a>) -> io::Result<Spool<'a>> {
        Ok(Self::to(sections, To::Held(Held::new()?)))
    }

    /// A spool for `sections` whose head is empty (JSON lines: [`Sections::has_head`]), its
    /// parts written straight to `out` as the projects are scored: nothing held, no temporary
    /// file (a workbook's 163,579 indicators wrote 98 MB to one, and the shared disk made
    /// 4 s of a run of 1.3 s of CPU). Finished by [`Spool::finish_through`]. The caller has
    /// asked [`Sections::has_head`] (a head would have nowhere to go).
    pub fn through(sections: Box<dyn Sections + 'a>, out: &'a mut dyn Write) -> Spool<'a> {
        debug_assert!(!sections.has_head());
        Self::to(sections, To::Out(out))
    }

    fn to(sections: Box<dyn Sections + 'a>, to: To<'a>) -> Spool<'a> {
        Spool {
            sections,
            to,
            buf: Vec::with_capacity(SIZE + SIZE / 4),
            projects: 0,
            failed: None,
        }
    }

    /// Writes `p`'s part and gives `p` back without its indicators. Once a write has failed
    /// nothing more is written ([`Spool::failed`] says so; [`Spool::finish`] returns the
    /// error).
    pub fn project(&mut self, p: ProjectReport) -> ProjectReport {
        if self.failed.is_none() {
            let mut parts = Parts::new(&mut self.buf, self.to.sink(), &mut self.failed);
            self.sections.project(&p, &mut parts);
            parts.may_cut();
            self.projects += 1;
        }
        p.headline()
    }

    /// Whether the parts go straight to the output ([`Spool::through`]), not held.
    pub fn writes_through(&self) -> bool {
        matches!(self.to, To::Out(_))
    }

    /// Whether a write to the spool has failed (the rest of the evaluation is of no use).
    pub fn failed(&self) -> bool {
        self.failed.is_some()
    }

    /// The error of the write that failed, where one did.
    pub fn take_error(&mut self) -> Option<io::Error> {
        self.failed.take()
    }

    fn spill(&mut self) {
        let end = self.buf.len();
        Parts::new(&mut self.buf, self.to.sink(), &mut self.failed).cut_at(end);
    }

    /// The projects' part closed and handed on; the error of a write that failed.
    fn close_projects(&mut self) -> io::Result<()> {
        if self.failed.is_none() {
            let projects = self.projects;
            let mut parts = Parts::new(&mut self.buf, self.to.sink(), &mut self.failed);
            self.sections.end_projects(projects, &mut parts);
            self.spill();
        }
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes what follows the projects of a spool [`Spool::through`] the output (its head
    /// is empty, its projects written already).
    pub fn finish_through(mut self, r: &Report) -> io::Result<()> {
        self.close_projects()?;
        match self.to {
            To::Out(out) => self.sections.tail(r, out),
            // (a held spool is finished by `finish`, which is given the output: never here)
            To::Held(_) => Err(io::Error::other(
                "内部错误：报告的项目部分存在临时文件中，未写到输出（spool not written through）",
            )),
        }
    }

    /// Writes the report to `out`: the head of `r` (its roll-ups complete, its projects as
    /// [`Spool::project`] gave them back), the projects' parts, the tail.
    pub fn finish(mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        self.close_projects()?;
        self.sections.head(r, out)?;
        if let To::Held(held) = self.to {
            held.copy_to(out)?;
        }
        self.sections.tail(r, out)
    }
}

/// Copies `from` to `out` in pieces that end at a line's end (the last piece excepted): a
/// writer that shows control characters sees each one whole, as it does when the parts are
/// written directly. The pieces (up to [`COPY`] bytes) are larger than the output's buffer,
/// so they go to it without a copy more. `len`, the bytes `from` holds, bounds the buffer: a
/// form's report of a few KB does not zero [`COPY`] bytes.
fn copy_lines(from: &mut dyn Read, out: &mut dyn Write, len: usize) -> io::Result<()> {
    let mut buf = vec![0u8; COPY.min(len.saturating_add(1)).max(64)];
    // bytes at the front of `buf` carried over from the last read (a line not yet ended)
    let mut kept = 0;
    loop {
        if kept == buf.len() {
            // a line longer than the buffer: room for more of it
            buf.resize(buf.len() * 2, 0);
        }
        let n = match from.read(&mut buf[kept..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return if kept > 0 {
                out.write_all(&buf[..kept])
            } else {
                Ok(())
            };
        }
        let filled = kept + n;
        match memchr::memrchr(b'\n', &buf[kept..filled]).map(|at| kept + at) {
            Some(end) => {
                out.write_all(&buf[..=end])?;
                buf.copy_within(end + 1..filled, 0);
                kept = filled - end - 1;
            }
            None => kept = filled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_copied_whole_and_every_byte_arrives() {
        // lines of every length around the buffer's, one far past it, no final line end
        let mut text = Vec::new();
        for k in 0..12000usize {
            text.extend(std::iter::repeat_n(b'a' + (k % 26) as u8, k * 37 % 200));
            text.extend_from_slice("\u{9b}\n".as_bytes());
        }
        text.extend(std::iter::repeat_n(b'z', 3 * COPY));
        text.push(b'\n');
        text.extend_from_slice(b"end");
        struct Writes(Vec<Vec<u8>>);
        impl Write for Writes {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.push(b.to_vec());
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        // the length given sizes the buffer only: too small a one grows, the copy is the same
        for len in [text.len(), 100, 0] {
            let mut w = Writes(Vec::new());
            copy_lines(&mut &text[..], &mut w, len).expect("copied");
            assert_eq!(w.0.concat(), text, "{len}");
            let (last, whole) = w.0.split_last().expect("writes");
            assert!(whole.len() > 3);
            assert!(whole.iter().all(|p| p.ends_with(b"\n")));
            assert_eq!(last, b"end");
        }
    }
}
