//! Streaming evaluation (`evaluate --format jsonl` or `csv` on a text self-evaluation sheet):
//! blocks of rows are read, evaluated and written as they come, on every core, in file order;
//! the roll-up is kept as running totals, so memory stays flat whatever the size of the input
//! (the units and projects seen, for the unit count and split projects, in `eval::seen`).
//!
//! Threads: the caller's thread cuts the file into blocks ([`crate::table::stream`]); workers
//! read each block into a small [`Document`], take its actuals and evaluate it with the same
//! code as a whole table ([`evaluate_each`](super::evaluate::evaluate_each), each worker
//! keeping its cache of targets read and rules decided from block to block), turning each
//! indicator into its line as it is scored and each project's end as soon as it is, with the
//! writer the caller gives ([`Lines`]: JSON lines and CSV rows are renderers,
//! a floor above, so this module names no format); one writer puts the blocks back in order,
//! writes them, and adds up the summary.
//! Queues are bounded, so a slow writer holds the reader back instead of filling memory, and
//! a worker does not start a block far ahead of the one being written (`eval::window`), so a
//! slow block does not leave the others piling up at the writer.
//!
//! A worker reads its block speculatively from the fill-down state the cutter guessed; a
//! turnstile then lets blocks through in file order, where the guess is checked against what
//! the block before actually left (a wrong guess means the block is read again, exactly) and
//! the project's actuals are taken from the actuals file in table order, as the whole-table
//! path does. Evaluation and serialisation happen after the turnstile, in parallel.
//!
//! The summary equals the whole-table path's (`--no-streaming`): counts are added, the mean of
//! project scores is the exact sum in file order divided once, units are counted by name.
//! Where the two differ by design (a project whose rows are not contiguous is two projects
//! here, and named by `stream.project-split`), see `table::stream`.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Condvar, Mutex};

use rust_decimal::Decimal;

use super::actuals_file::ActualsFile;
use super::evaluate::{Matcher, Options, ParseCache, Taken, evaluate_each_into};
use super::waits::{Thread, Waits};
use super::window::{OpensOnDrop, Window};
use crate::finding::{Finding, Severity};
use crate::report_model::{IndicatorLine, ProjectReport, Shown, Summary, VerdictCounts};
use crate::table::ReadError;
use crate::table::layouts::sheet_carry;
use crate::table::listing::Listing;
use crate::table::model::Document;
use crate::table::stream::{self, Block, FillDown, Head, SheetStream};

/// How a streamed run writes: a writer of each project's lines for every worker, and what
/// follows the last block. The caller gives it (JSON lines and CSV rows are renderers, a floor
/// above evaluation: `report::json::JsonLines`, `report::csv::CsvLines`), so this module names
/// no output format. CSV's byte-order mark, header and warnings come before the rows and are
/// the caller's to write (`report::csv::write_head`).
pub trait Lines: Sync {
    /// A worker's writer, kept for every block the worker evaluates (it may keep what repeats
    /// from line to line).
    fn writer(&self) -> Box<dyn ProjectLines>;
    /// Writes what follows the last block (JSON lines' line of the run's own findings, those
    /// held and how many more, then the summary line), once.
    fn finish(
        &self,
        summary: &Summary,
        findings: (&[Finding], usize),
        out: &mut dyn Write,
    ) -> std::io::Result<()>;
}

/// Writes one project's lines into a block's buffer as it is scored: each indicator's line
/// straight from its row and scoring ([`IndicatorLine`], no report line made), then what the
/// project adds once scored (JSON's findings line; csv's 预算执行率 row, which comes before
/// the indicator rows and is held back for it by the writer).
pub trait ProjectLines {
    /// A project starts (its indicators follow).
    fn start_project(&mut self, unit: &str, project: &str);
    /// One indicator of the project started, as it is scored.
    fn indicator(&mut self, line: &IndicatorLine<'_>, buf: &mut Vec<u8>);
    /// The project is scored: `p` holds no indicators (they were handed one at a time).
    fn end_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>);
    /// [`ProjectLines::end_project`], where what it writes may be handed on (`hand(buf)`,
    /// between pieces) as `buf` fills: csv holds a project's rows until its end, and writes
    /// them there.
    fn end_project_in_parts(
        &mut self,
        p: &ProjectReport,
        buf: &mut Vec<u8>,
        hand: &mut dyn FnMut(&mut Vec<u8>),
    ) {
        self.end_project(p, buf);
        hand(buf);
    }
}

/// A worker's writer and its block's buffer, as evaluation hands it each project's lines.
struct ToBuffer<'w> {
    writer: &'w mut (dyn ProjectLines + 'static),
    buf: &'w mut Vec<u8>,
    /// Where a long block's lines go in parts as they are written ([`Parts`]).
    parts: Parts<'w>,
}

/// A block's lines handed to the writer in parts of [`PART`] bytes as they are written, not
/// all at its end (issue 27: one long project is one block, and its lines, three times its
/// bytes in JSON lines, were all held until it was scored). The writer writes a part at once
/// where its block is the next to write, else holds it until it is (`write_in_order`).
struct Parts<'w> {
    seq: usize,
    out: &'w SyncSender<Output>,
    pool: &'w Mutex<Vec<Vec<u8>>>,
    /// Whether the writer has gone (the run failed): nothing more is handed.
    closed: bool,
}

/// Bytes of lines from which a block's lines are handed to the writer in a part: a block of
/// ordinary projects (a few hundred KB of lines) never reaches it.
const PART: usize = 4 << 20;

impl ToBuffer<'_> {
    /// Hands the lines written so far to the writer where they are [`PART`] bytes or more.
    #[inline]
    fn hand_on(&mut self) {
        self.parts.hand_on(self.buf);
    }

    /// The project's end written, handed on in parts as it fills the buffer.
    fn end_project(&mut self, p: &ProjectReport) {
        let parts = &mut self.parts;
        self.writer
            .end_project_in_parts(p, self.buf, &mut |buf| parts.hand_on(buf));
    }
}

impl Parts<'_> {
    /// Hands `buf` (the lines written so far) to the writer where it is [`PART`] bytes or
    /// more.
    #[inline]
    fn hand_on(&mut self, buf: &mut Vec<u8>) {
        if buf.len() >= PART && !self.closed {
            self.hand_part(buf);
        }
    }

    /// Hands `buf` to the writer, as a part of the block's.
    #[cold]
    #[inline(never)]
    fn hand_part(&mut self, buf: &mut Vec<u8>) {
        // room for the next part, as the block's first buffer has (`work`)
        let next = lines_for(self.pool, PART + PART / 4);
        let lines = std::mem::replace(buf, next);
        let part = Output {
            seq: self.seq,
            part: true,
            lines,
            ..Output::default()
        };
        self.closed = self.out.send(part).is_err();
    }
}

impl super::project::Lines for ToBuffer<'_> {
    fn start(&mut self, unit: &str, project: &str) {
        self.writer.start_project(unit, project);
    }

    fn line(&mut self, line: &IndicatorLine<'_>) {
        self.writer.indicator(line, self.buf);
        self.hand_on();
    }
}

/// How to stream.
pub struct StreamOptions<'a> {
    /// How the lines are written (JSON lines, CSV rows).
    pub lines: &'a dyn Lines,
    /// The numbers of the method.
    pub methodology: &'a super::Methodology,
    /// The rules.
    pub rules: &'a crate::rules::RuleSet,
    /// The year, for deadlines without one.
    pub year: Option<i32>,
    /// The actuals file, where the actuals are not in the sheet.
    pub actuals: Option<&'a ActualsFile>,
    /// Decimals of the sheet's own 得分 (its rounding), found by a first pass
    /// ([`published_precision`]) when the sheet has a 得分 column.
    pub published_dp: Option<u32>,
    /// Worker threads (the cores to use).
    pub workers: usize,
    /// Renders the reader's findings of one block for stderr (they stay in file order).
    pub render: &'a (dyn Fn(&Document) -> String + Sync),
    /// Whether the lines and notes are held back until a block has something to score (an
    /// actual in the sheet, or one taken from the actuals file): a run that never has writes
    /// nothing, and the caller refuses it as the whole-table path does (`eval::unfilled::Held`).
    pub hold_unfilled: bool,
}

/// What a streamed run adds up to.
#[derive(Debug, Clone)]
pub struct Streamed {
    pub summary: Summary,
    /// Findings about the whole run: actuals that matched nothing, projects split in the file.
    pub findings: Vec<Finding>,
    /// The reader's findings that stand beside no project (its errors, then its warnings on no
    /// project's rows, the header's first), in table order, as the whole table's report has
    /// them first among its own findings: at most [`OWN_FINDINGS_WRITTEN`] held, and how many
    /// more (all are on stderr).
    ///
    /// [`OWN_FINDINGS_WRITTEN`]: crate::report_model::OWN_FINDINGS_WRITTEN
    pub read: (Vec<Finding>, usize),
    pub rows_read: usize,
    pub rows_skipped: usize,
    /// Blocks the file was cut into, and how many had to be read a second time.
    pub blocks: usize,
    pub reread: usize,
    /// Whether some row of the sheet carries an actual (a 实际完成值, 全年执行数 or published
    /// 得分): without one and without an actuals file, the whole-table path refuses to score
    /// (`eval::unfilled`).
    pub actuals_seen: bool,
    /// Whether the actuals file gave some project a figure (`eval::unmatched` refuses a file
    /// that gives none).
    pub actuals_used: bool,
}

/// One evaluated block, ready to write, or a part of its lines ([`Parts`]).
#[derive(Default)]
struct Output {
    seq: usize,
    /// Lines only, a part of the block's: the rest (and its other lines) follow.
    part: bool,
    lines: Vec<u8>,
    diagnostics: String,
    projects: Projects,
    counts: VerdictCounts,
    differences: usize,
    rows_read: usize,
    rows_skipped: usize,
    reread: bool,
    /// Where the block's first row is, for a split project's finding.
    first_line: Vec<u32>,
    /// Whether the block's first project goes on with the block before's last (a project cut
    /// in parts, each named beside its figures: not a project that comes back).
    continued: bool,
    /// Findings of the evaluation (a budget of zero or less).
    findings: Vec<Finding>,
    /// The reader's errors, and its warnings on no project's rows (`table::placed`).
    errors: Vec<Finding>,
    loose: Vec<Finding>,
    actuals_seen: bool,
    actuals_used: bool,
}

/// A block's projects as the writer adds them up: their names in one text a block (each
/// project's unit then its name), not two `String`s a project, so that the names the worker
/// made are freed by the worker (issue 28: freed by the writer, each was a free across threads
/// and came back cold to the worker's next allocation).
#[derive(Default)]
struct Projects {
    names: String,
    /// (bytes of the unit's name, of the project's, total on 100 where it has one, points
    /// pending), in block order
    each: Vec<(usize, usize, Option<Decimal>, Decimal)>,
}

impl Projects {
    /// Room for the projects of `doc`: their count, and their names' bytes exactly (a guess
    /// of 64 bytes a project grew the text, copying it, where names are long).
    fn for_doc(doc: &Document, n: usize) -> Self {
        let bytes = doc
            .projects()
            .map(|(u, p)| u.name.len() + p.name.len())
            .sum();
        Projects {
            names: String::with_capacity(bytes),
            each: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, unit: &str, project: &str, score: Option<Decimal>, pending: Decimal) {
        self.names.push_str(unit);
        self.names.push_str(project);
        self.each.push((unit.len(), project.len(), score, pending));
    }

    /// Each project's unit, name, total and points pending, in block order.
    fn iter(&self) -> impl Iterator<Item = (&str, &str, Option<Decimal>, Decimal)> {
        let mut at = 0;
        self.each.iter().map(move |&(u, p, score, pending)| {
            let unit = &self.names[at..at + u];
            let project = &self.names[at + u..at + u + p];
            at += u + p;
            (unit, project, score, pending)
        })
    }
}

/// The turnstile's state: blocks pass in order.
struct Gate<'a> {
    next: usize,
    end: FillDown,
    matcher: Matcher<'a>,
    failed: Option<ReadError>,
    /// The sums of a project cut inside by the block before (`sheet_carry`).
    carried: Option<sheet_carry::Carried>,
    /// The reader's findings the file lists so far, a code's first ones (`table::listing`).
    listing: Listing,
}

impl Gate<'_> {
    /// `read`, the block `block` read in order, passing: what it leaves filled down kept, and
    /// where a project is cut between it and the blocks around it, each part named, the sums
    /// carried and its printed total checked against the whole project's (nothing done for
    /// other blocks). Also whether the block's first project goes on with the block before's
    /// last (one project cut in two, not one that comes back: `stream.project-split` is not
    /// for it).
    fn passed(&mut self, block: &Block, mut read: stream::BlockDoc) -> (stream::BlockDoc, bool) {
        self.end = read.end.clone();
        if !(block.continues() || block.cut_inside().is_some()) {
            return (read, false);
        }
        let cuts = sheet_carry::Cuts {
            continues: block.continues(),
            inside: block.cut_inside(),
            first_total_at: read.first_total_at,
        };
        let (carried, continued) =
            sheet_carry::carry_over(&mut read.doc, self.carried.take(), cuts);
        self.carried = carried;
        (read, continued)
    }
}

/// Why a streamed run stopped.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum StreamError {
    /// The sheet could not be read on (a block over a limit, bytes invalid in the encoding).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(Box<ReadError>),
    /// The report could not be written.
    #[error("写出报告失败：{}", crate::diagnostic::io_reason(.0))]
    #[diagnostic(code("report.write"))]
    Write(#[source] std::io::Error),
}

/// Evaluates the sheet `stream` reads and writes its JSON lines to `out`, then the summary
/// line; the reader's findings go to `diagnostics` as they come.
pub fn evaluate_stream(
    mut stream: SheetStream,
    opts: &StreamOptions<'_>,
    out: &mut (dyn Write + Send),
    diagnostics: &mut (dyn Write + Send),
) -> Result<Streamed, StreamError> {
    let workers = opts.workers.max(1);
    let year = opts.actuals.and_then(|a| a.year).or(opts.year);
    let head = stream.head();
    let head: &Head = &head;
    let gate = Mutex::new(Gate {
        next: 0,
        end: FillDown::default(),
        matcher: Matcher::new(opts.actuals),
        failed: None,
        carried: None,
        listing: Listing::after(&head.findings, &head.unlisted),
    });
    let turn = Condvar::new();
    // output buffers, handed back by the writer (no fresh megabytes each block)
    let pool: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    // small blocks (a few hundred indicators): queues a few blocks deep keep every core busy
    let (job_tx, job_rx) = sync_channel::<Block>(workers * 4);
    let job_rx = Mutex::new(job_rx);
    let (out_tx, out_rx) = sync_channel::<Output>(workers * 4);
    // the writer holds at most this many blocks out of order (a slow block does not let the
    // others pile up behind it)
    let window = Window::new(workers * AHEAD);
    let mut read_error = None;
    // where the threads wait (JIXIAO_STREAM_WAITS; off: nothing timed)
    let waits = Waits::from_env();
    let written = std::thread::scope(|scope| {
        for n in 0..workers {
            let out_tx = out_tx.clone();
            let shared = (&pool, &gate, &turn);
            let (jobs, window, waits) = (&job_rx, &window, &waits);
            let queues = (jobs, out_tx);
            scope.spawn(move || worker(n, (head, opts, year), queues, shared, (window, waits)));
        }
        drop(out_tx);
        let (sink, notes) = (&mut *out, &mut *diagnostics);
        let (pool, waits, window) = (&pool, &waits, &window);
        let held = opts
            .hold_unfilled
            .then(|| super::unfilled::Held::new(opts.actuals))
            .flatten();
        let writer = scope.spawn(move || {
            let _opens = OpensOnDrop(window);
            let clock = waits.thread("writer".to_owned(), &["recv", "write", "add"]);
            write_in_order(out_rx, (sink, notes, held), head, (pool, window), clock)
        });
        // this thread cuts the file into blocks
        let mut clock = waits.thread("cutter".to_owned(), &["cut", "send"]);
        loop {
            if gate.lock().map(|g| g.failed.is_some()).unwrap_or(true) {
                break;
            }
            match clock.time(0, || stream.next_block()) {
                Ok(Some(block)) => {
                    // (the block a closed channel hands back is dropped: it is 128 bytes)
                    if clock.time(1, || job_tx.send(block).map_err(drop)).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            }
        }
        drop(job_tx);
        drop(clock);
        writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("writer thread panicked")))
    });
    let mut gate = gate.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = read_error.or(gate.failed.take()) {
        return Err(StreamError::Read(Box::new(e)));
    }
    if waits.on() {
        let _ = diagnostics.write_all(waits.report().as_bytes());
    }
    let mut totals = written.map_err(StreamError::Write)?;
    if !totals.held_to_end {
        let closing = std::mem::take(&mut gate.listing).close();
        close_listing(&mut totals, closing, (head, opts), diagnostics)?;
    }
    let summary = totals.summary(opts.methodology);
    let findings = run_findings(&mut totals, head, &gate.matcher);
    let read = totals.read(head);
    // a run held to its end wrote nothing: its caller refuses it
    if !totals.held_to_end {
        let mut own = read.0.clone();
        own.extend(findings.iter().cloned());
        opts.lines
            .finish(&summary, (&own, read.1), out)
            .map_err(StreamError::Write)?;
    }
    out.flush().map_err(StreamError::Write)?;
    Ok(Streamed {
        summary,
        findings,
        read,
        rows_read: totals.rows_read,
        rows_skipped: totals.rows_skipped,
        blocks: totals.blocks,
        reread: totals.reread,
        actuals_seen: totals.actuals_seen,
        actuals_used: totals.actuals_used,
    })
}

/// The findings that close the file's reader findings (each code's past those listed, counted:
/// `table::listing`), after the last block's: on stderr, and among the reader's own findings of
/// the report, as a whole reading has them at the end of its findings.
fn close_listing(
    totals: &mut Totals,
    closing: Vec<Finding>,
    (head, opts): (&Head, &StreamOptions<'_>),
    diagnostics: &mut (dyn Write + Send),
) -> Result<(), StreamError> {
    if closing.is_empty() {
        return Ok(());
    }
    // (none of them has a place in the text: rendered over an empty one)
    let source = crate::source::SourceText::new(
        head.name.clone(),
        String::new(),
        crate::table::InputFormat::Csv,
        head.encoding,
        None,
    );
    let doc = Document {
        source,
        layout: crate::table::Layout::SelfEvaluation,
        department: None,
        money_unit: None,
        total: None,
        units: Vec::new(),
        findings: closing,
        rows_read: 0,
        rows_skipped: 0,
        held: Vec::new(),
    };
    diagnostics
        .write_all((opts.render)(&doc).as_bytes())
        .map_err(StreamError::Write)?;
    // (an error is never carried: a warning)
    let (errors, rest): (Vec<Finding>, Vec<Finding>) = doc
        .findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    let loose = rest.into_iter().filter(crate::table::placed::carried);
    totals.hold(errors, loose.collect());
    Ok(())
}

/// The findings about the whole run: the evaluation's (a budget of zero or less), projects that
/// come back after others, a record of them that could not be read back, actuals that matched
/// nothing.
fn run_findings(totals: &mut Totals, head: &Head, matcher: &Matcher<'_>) -> Vec<Finding> {
    let mut findings = std::mem::take(&mut totals.split);
    if totals.seen.unsure() {
        findings.push(
            Finding::new(
                crate::codes::STREAM_SEEN_UNSURE,
                Severity::Warning,
                &head.name,
                "流式评价中暂存到磁盘的单位、项目记录有部分读不回来；单位数可能偏多，\
                 不连续的项目可能未被指出"
                    .to_owned(),
            )
            .help("检查临时目录所在磁盘，或用 --no-streaming 整表读入后评价"),
        );
    }
    findings.extend(matcher.unmatched());
    findings
}

/// A worker's steps, as its clock names them: waiting for a block, reading it, waiting at the
/// turnstile (and what is done there), evaluating and writing it, handing it to the writer,
/// waiting for the writer to come within the window of its next block.
const WORKER_STEPS: &[&str] = &["recv", "read", "gate", "eval", "send", "ahead"];

/// Blocks a worker may run ahead of the writer, per worker ([`Window`]).
const AHEAD: usize = 8;

/// Worker `n`: takes blocks until the cutter is done, and reads, evaluates and hands each to
/// the writer.
fn worker(
    n: usize,
    (head, opts, year): (&Head, &StreamOptions<'_>, Option<i32>),
    (jobs, out_tx): (&Mutex<Receiver<Block>>, SyncSender<Output>),
    shared: (&Mutex<Vec<Vec<u8>>>, &Mutex<Gate<'_>>, &Condvar),
    (window, waits): (&Window, &Waits),
) {
    let _opens = OpensOnDrop(window);
    let mut cache = ParseCache::default();
    let mut writer = opts.lines.writer();
    let mut clock = waits.thread(format!("worker {}", n + 1), WORKER_STEPS);
    loop {
        let job = clock.time(0, || jobs.lock().map(|rx| rx.recv()));
        let Ok(Ok(block)) = job else { break };
        clock.time(5, || window.wait_for(block.seq));
        let memo = (&mut cache, &mut *writer);
        match work(
            head,
            &block,
            (shared, &out_tx),
            opts,
            year,
            memo,
            &mut clock,
        ) {
            Some(o) => {
                if clock.time(4, || out_tx.send(o).is_err()) {
                    break;
                }
            }
            // the run failed: no block after this one is written
            None => window.open(),
        }
    }
}

/// What the workers share: the pool of line buffers, the turnstile and its condition.
type Shared<'s, 'g> = (&'s Mutex<Vec<Vec<u8>>>, &'s Mutex<Gate<'g>>, &'s Condvar);

/// The block read (ahead of its turn, or again where the block before it ended elsewhere) and
/// passed through the turnstile in file order: the gate, still held, the block, whether it
/// continues a project and whether it was read again; `None` when the run has failed (the
/// failure is in the gate).
#[inline]
fn read_in_turn<'s, 'g>(
    head: &Head,
    block: &Block,
    (gate, turn): (&'s Mutex<Gate<'g>>, &'s Condvar),
    clock: &mut Thread<'_>,
) -> Option<(
    std::sync::MutexGuard<'s, Gate<'g>>,
    stream::BlockDoc,
    bool,
    bool,
)> {
    let speculative = clock.time(1, || stream::read_block(head, block, block.guess().clone()));
    // the turnstile: blocks pass one at a time, in file order
    let mut g = clock.time(2, || {
        let mut g = gate.lock().ok()?;
        while g.next != block.seq {
            g = turn.wait(g).ok()?;
        }
        Some(g)
    })?;
    let mut reread = false;
    let read = match speculative {
        Ok(b) if block.agrees(&b, &g.end) => Ok(b),
        _ if g.failed.is_some() => Err(None),
        _ => {
            reread = true;
            stream::read_block(head, block, g.end.clone()).map_err(Some)
        }
    };
    let (read, continued) = match read {
        Ok(mut b) => {
            // the findings the file lists, counted in file order (the same whole and streamed)
            let unlisted = std::mem::take(&mut b.unlisted);
            let (mut b, continued) = g.passed(block, b);
            g.listing.pass(&mut b.doc.findings, unlisted);
            (b, continued)
        }
        Err(e) => {
            if let Some(e) = e {
                g.failed.get_or_insert(e);
            }
            g.next += 1;
            turn.notify_all();
            return None;
        }
    };
    Some((g, read, continued, reread))
}

/// Reads, matches and evaluates one block; `None` when the run has failed (the failure is in
/// the gate).
fn work(
    head: &Head,
    block: &Block,
    ((pool, gate, turn), out): (Shared<'_, '_>, &SyncSender<Output>),
    opts: &StreamOptions<'_>,
    year: Option<i32>,
    (cache, writer): (&mut ParseCache, &mut (dyn ProjectLines + 'static)),
    clock: &mut Thread<'_>,
) -> Option<Output> {
    let (mut g, mut read, continued, reread) = read_in_turn(head, block, (gate, turn), clock)?;
    // the block's projects counted once: the lists a project each are made at their size (a
    // collect or push over the projects' iterator grew each five or six times a block)
    let n_projects: usize = read.doc.units.iter().map(|u| u.projects.len()).sum();
    let mut taken: Vec<Taken<'_>> = Vec::with_capacity(n_projects);
    taken.extend(read.doc.projects().map(|(u, p)| g.matcher.take(&u.name, p)));
    g.next += 1;
    turn.notify_all();
    drop(g);
    // in parallel from here
    let evaluating = clock.start();
    let actuals_used = opts.actuals.is_some() && takes_actuals(&taken);
    // stops at the first row with an actual: the first row of a filled sheet
    let actuals_seen = read.doc.has_actuals();
    let eval = Options {
        methodology: opts.methodology,
        rules: opts.rules,
        year,
        progress: None,
        cancel: None,
    };
    let mut lines = lines_for(pool, (block.len() * 8).min(PART + PART / 4));
    // each project written as soon as it is scored, and only its totals kept
    let mut projects = Projects::for_doc(&read.doc, n_projects);
    let mut counts = VerdictCounts::default();
    let mut differences = Vec::new();
    let mut findings = Vec::new();
    // the reader's findings for stderr, rendered while the block holds them all
    let diagnostics = rendered(opts, &read.doc);
    // the reader's warnings moved beside the projects whose rows they are on (none: no work)
    let mut placed = crate::table::placed::take_own(&mut read.doc);
    // each indicator's line written as it is scored, each project's end once it is
    let mut to = ToBuffer {
        writer,
        buf: &mut lines,
        parts: Parts {
            seq: block.seq,
            out,
            pool,
            closed: false,
        },
    };
    evaluate_each_into(
        &read.doc,
        taken,
        (year, opts.published_dp),
        &eval,
        cache,
        &mut differences,
        &mut to,
        |mut p, to| {
            crate::table::placed::give(placed.as_mut(), (&p.unit, &p.project), &mut p.findings);
            findings.extend(super::evaluate::budget_finding(&read.doc, &p));
            to.end_project(&p);
            counts.merge(&p.counts);
            let score = p.graded().then(|| super::total::on_100(&p));
            projects.push(&p.unit, &p.project, score, p.pending.exact);
        },
    );
    let (errors, loose) = beside_no_project(&read.doc, placed);
    let mut first_line = Vec::with_capacity(n_projects);
    first_line.extend(read.doc.projects().map(|(_, p)| p.at.line));
    clock.stop(3, evaluating);
    Some(Output {
        seq: block.seq,
        part: false,
        lines,
        diagnostics,
        projects,
        counts,
        differences: differences.len(),
        rows_read: read.doc.rows_read,
        rows_skipped: read.doc.rows_skipped,
        reread,
        first_line,
        continued,
        findings,
        errors,
        loose,
        actuals_seen,
        actuals_used,
    })
}

/// A buffer for a block's lines with room for `bytes` (a long block's lines go to the writer
/// in parts: room for one): one of the pool's where it has the room, else a new one. A pool's
/// buffer too small is dropped, not grown: growing an empty buffer copies its whole old
/// capacity (issue 28: `memcpy` of the reallocations).
fn lines_for(pool: &Mutex<Vec<Vec<u8>>>, bytes: usize) -> Vec<u8> {
    let pooled = pool.lock().ok().and_then(|mut p| p.pop());
    match pooled {
        Some(lines) if lines.capacity() >= bytes => lines,
        // at least twice the old room, as growing it would have made it
        Some(lines) => Vec::with_capacity(bytes.max(lines.capacity() * 2)),
        None => Vec::with_capacity(bytes),
    }
}

/// The reader's findings of `doc` for stderr (nothing where it has none).
fn rendered(opts: &StreamOptions<'_>, doc: &Document) -> String {
    if doc.findings.is_empty() {
        String::new()
    } else {
        (opts.render)(doc)
    }
}

/// The reader's findings of a block beside no project: its errors (kept in the document) and
/// the warnings `placed` on no project's rows.
fn beside_no_project(
    doc: &Document,
    placed: Option<crate::table::placed::Placed>,
) -> (Vec<Finding>, Vec<Finding>) {
    let errors = doc
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error);
    let loose = placed.map(|p| p.loose).unwrap_or_default();
    (errors.cloned().collect(), loose)
}

/// Whether one of `taken` has a figure from the actuals file (a budget, a spending or an
/// indicator's actual).
fn takes_actuals(taken: &[Taken<'_>]) -> bool {
    taken.iter().any(|t| {
        t.entry
            .is_some_and(|e| e.budget.is_some() || e.spent.is_some())
            || t.indicators.iter().any(Option::is_some)
    })
}

/// The running totals of a streamed run.
#[derive(Default)]
struct Totals {
    counts: VerdictCounts,
    score_sum: Decimal,
    /// Projects with no total (待评定, 未核对): left out of the mean.
    waiting: usize,
    pending_sum: Decimal,
    projects: usize,
    differences: usize,
    /// Units written so far (told apart in `seen`).
    units: usize,
    /// Hashes (64-bit SipHash) of every unit and every (unit, project) written: units are
    /// counted by name, a project that comes back later is named. Flat memory (older hashes
    /// on disk, see `eval::seen`).
    seen: super::seen::Seen,
    /// The last project's unit and the SipHash state after its name (a sheet's projects come
    /// unit by unit: the name is hashed once a unit, not twice a project).
    last_unit: Option<(String, std::collections::hash_map::DefaultHasher)>,
    split: Vec<Finding>,
    /// The reader's errors and its warnings on no project's rows, each in table order, held
    /// up to [`crate::report_model::OWN_FINDINGS_WRITTEN`] together; the rest counted.
    errors: Vec<Finding>,
    loose: Vec<Finding>,
    not_held: usize,
    rows_read: usize,
    rows_skipped: usize,
    blocks: usize,
    reread: usize,
    actuals_seen: bool,
    actuals_used: bool,
    /// Whether every block was held back (`eval::unfilled::Held`) and nothing written.
    held_to_end: bool,
}

impl Totals {
    /// Holds the reader's `errors` and its warnings on no project's rows (`loose`), each after
    /// those held, up to [`crate::report_model::OWN_FINDINGS_WRITTEN`] a list; the rest counted.
    fn hold(&mut self, errors: Vec<Finding>, loose: Vec<Finding>) {
        for (held, more) in [(&mut self.errors, errors), (&mut self.loose, loose)] {
            // (each list alone up to the bound: which comes first is known at the end)
            let room = crate::report_model::OWN_FINDINGS_WRITTEN.saturating_sub(held.len());
            self.not_held += more.len().saturating_sub(room);
            held.extend(more.into_iter().take(room));
        }
    }

    /// The reader's findings beside no project, as the whole table's report has them first
    /// among its own: its errors, then its warnings on no project's rows (the header's before
    /// the blocks'), at most [`crate::report_model::OWN_FINDINGS_WRITTEN`], and how many more.
    fn read(&mut self, head: &Head) -> (Vec<Finding>, usize) {
        let max = crate::report_model::OWN_FINDINGS_WRITTEN;
        let mut read = std::mem::take(&mut self.errors);
        let header = head
            .findings
            .iter()
            .filter(|f| crate::table::placed::carried(f));
        read.extend(header.cloned());
        read.append(&mut self.loose);
        let more = self.not_held + read.len().saturating_sub(max);
        read.truncate(max);
        (read, more)
    }

    fn summary(&self, m: &super::Methodology) -> Summary {
        let dp = m.precision.value;
        let scored = self.projects - self.waiting;
        let score = if scored == 0 {
            Decimal::ZERO
        } else {
            self.score_sum / Decimal::from(scored as u64)
        };
        let c = &self.counts;
        Summary {
            indicators: c.indicators,
            pass: c.pass,
            fail: c.fail,
            review: c.review,
            missing: c.missing,
            invalid: c.invalid,
            score: Shown::new(score, dp),
            not_applicable: c.not_applicable,
            projects: self.projects,
            units: self.units,
            grade: if scored == 0 {
                String::new()
            } else {
                m.grade_of(score).to_owned()
            },
            pending: Shown::new(self.pending_sum, dp),
            differences: self.differences,
            waiting: self.waiting,
        }
    }
}

/// Writes the blocks in file order as they arrive (held back, where `held` is given, until one
/// has something to score), adding up the totals.
fn write_in_order(
    rx: Receiver<Output>,
    (out, diagnostics, mut held): (
        &mut (dyn Write + Send),
        &mut (dyn Write + Send),
        Option<super::unfilled::Held>,
    ),
    head: &Head,
    (pool, window): (&Mutex<Vec<Vec<u8>>>, &Window),
    mut clock: Thread<'_>,
) -> std::io::Result<Totals> {
    let mut totals = Totals::default();
    let mut waiting: BTreeMap<usize, Output> = BTreeMap::new();
    // parts of blocks' lines (`Parts`) that came before their block was the next to write
    let mut parts: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    let mut next = 0;
    let mut failed = None;
    while let Ok(o) = clock.time(0, || rx.recv()) {
        if o.part {
            // written at once where nothing is before it, else held until its block is written
            if o.seq == next && held.is_none() && failed.is_none() {
                let before = parts.remove(&o.seq);
                if let Err(e) = clock.time(1, || {
                    out.write_all(before.as_deref().unwrap_or_default())
                        .and_then(|_| out.write_all(&o.lines))
                }) {
                    failed = Some(e);
                }
                give_back(pool, o.lines);
                if let Some(before) = before {
                    give_back(pool, before);
                }
            } else if failed.is_some() {
                // nothing more is written: its buffer goes back, not into `parts`
                give_back(pool, o.lines);
            } else if o.seq == next
                && let Some(h) = held.as_mut()
            {
                // the next block, which may end the holding once it is whole: its part is held
                // with what is held, on disk, not in memory (a 1 KB project name over 200,000
                // lines held 400 MB, issue 27, H141); it goes on before the rest of its block
                let before = parts.remove(&o.seq);
                if let Err(e) = clock.time(1, || {
                    h.keep(before.as_deref().unwrap_or_default(), b"")
                        .and_then(|_| h.keep(&o.lines, b""))
                }) {
                    failed = Some(e);
                }
                give_back(pool, o.lines);
                if let Some(before) = before {
                    give_back(pool, before);
                }
            } else {
                match parts.entry(o.seq) {
                    Entry::Vacant(v) => {
                        v.insert(o.lines);
                    }
                    Entry::Occupied(mut h) => {
                        h.get_mut().extend_from_slice(&o.lines);
                        give_back(pool, o.lines);
                    }
                }
            }
            continue;
        }
        waiting.insert(o.seq, o);
        clock.held(waiting.len());
        while let Some(mut o) = waiting.remove(&next) {
            next += 1;
            if let Some(mut before) = parts.remove(&o.seq) {
                before.extend_from_slice(&o.lines);
                give_back(pool, std::mem::replace(&mut o.lines, before));
            }
            if failed.is_none()
                && let Err(e) = clock.time(1, || {
                    if let Some(h) = held.as_mut() {
                        if !h.released_by(o.actuals_seen, o.actuals_used) {
                            return h.keep(&o.lines, o.diagnostics.as_bytes());
                        }
                        if let Some(h) = held.take() {
                            h.release(out, diagnostics)?;
                        }
                    }
                    out.write_all(&o.lines)
                        .and_then(|_| diagnostics.write_all(o.diagnostics.as_bytes()))
                })
            {
                // keep draining so the workers never block on a full queue
                failed = Some(e);
            }
            clock.time(2, || add(&mut totals, o, head, pool));
        }
        window.written(next);
    }
    totals.held_to_end = held.is_some();
    match failed {
        Some(e) => Err(e),
        None => Ok(totals),
    }
}

/// Gives a buffer of lines written back to the workers' pool (emptied; at most 32 kept).
fn give_back(pool: &Mutex<Vec<Vec<u8>>>, mut lines: Vec<u8>) {
    lines.clear();
    if let Ok(mut p) = pool.lock()
        && p.len() < 32
    {
        p.push(lines);
    }
}

fn add(t: &mut Totals, mut o: Output, head: &Head, pool: &Mutex<Vec<Vec<u8>>>) {
    give_back(pool, std::mem::take(&mut o.lines));
    t.blocks += 1;
    t.reread += usize::from(o.reread);
    t.actuals_seen |= o.actuals_seen;
    t.actuals_used |= o.actuals_used;
    t.split.append(&mut o.findings);
    t.hold(o.errors, o.loose);
    t.counts.merge(&o.counts);
    t.differences += o.differences;
    t.rows_read += o.rows_read;
    t.rows_skipped += o.rows_skipped;
    let continued = o.continued;
    for (k, ((unit, project, score, pending), line)) in
        o.projects.iter().zip(o.first_line).enumerate()
    {
        t.projects += 1;
        match score {
            Some(s) => super::exact::add_to(&mut t.score_sum, s),
            None => t.waiting += 1,
        }
        super::exact::add_to(&mut t.pending_sum, pending);
        // SipHash (keys fixed): 64 bits that tell projects apart (FxHash is for tables only),
        // of the unit's name then a 1 and the project's name
        let mut h = unit_state(t, unit);
        h.write_u8(1); // a (unit, project), apart from units
        project.hash(&mut h);
        // (a project cut in parts is seen again at its next part: named `stream.project-cut`)
        let again = !t.seen.insert(h.finish());
        if again && !(k == 0 && continued) {
            let mut f = Finding::new(
                crate::codes::STREAM_PROJECT_SPLIT,
                Severity::Warning,
                &head.name,
                format!(
                    "项目“{project}”在第 {line} 行再次出现（前面已有它的行，中间隔着别的项目）；\
                     流式评价把这两段当作两个项目评分"
                ),
            )
            .help("把同一项目的行排在一起，或用 --no-streaming 整表读入后评价")
            .in_project(unit, project);
            f.line = Some(line);
            t.split.push(f);
        }
    }
}

/// The SipHash state after `unit`'s name, the unit counted in `t.units` where it was not
/// seen before (its hash: the name, then a 0). Kept while the next project's unit is the same,
/// which is then neither hashed nor looked for again (it is in `t.seen` already).
fn unit_state(t: &mut Totals, unit: &str) -> std::collections::hash_map::DefaultHasher {
    if let Some((last, state)) = &t.last_unit
        && last == unit
    {
        return state.clone();
    }
    let mut state = std::collections::hash_map::DefaultHasher::new();
    unit.hash(&mut state);
    let mut h = state.clone();
    h.write_u8(0); // a unit
    t.units += usize::from(t.seen.insert(h.finish()));
    match &mut t.last_unit {
        Some((last, s)) => {
            last.clear();
            last.push_str(unit);
            *s = state.clone();
        }
        None => t.last_unit = Some((unit.to_owned(), state.clone())),
    }
    state
}

/// The decimals the sheet printed its own 得分 with (its rounding), read in a first pass over
/// the file: scores are re-checked against it, and it must be known before the first block.
pub fn published_precision(mut stream: SheetStream) -> Result<Option<u32>, ReadError> {
    let head = stream.head();
    let mut state = FillDown::default();
    let mut dp: Option<u32> = None;
    while let Some(block) = stream.next_block()? {
        let read = stream::read_block_alone(&head, &block, state)?;
        state = read.end;
        if let Some(p) = super::evaluate::published_precision(&read.doc) {
            dp = Some(dp.map_or(p, |d| d.max(p)));
        }
    }
    Ok(dp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block's projects read back as they were pushed: each unit and name at its own bytes,
    /// empty and multi-byte names too, a unit repeated, the totals beside them.
    #[test]
    fn a_blocks_projects_read_back_as_pushed() {
        let pushed: &[(&str, &str, Option<Decimal>, Decimal)] = &[
            (
                "单位甲（00001）",
                "项目一",
                Some(Decimal::new(9050, 2)),
                Decimal::ZERO,
            ),
            ("单位甲（00001）", "", None, Decimal::new(15, 0)),
            (
                "",
                "项目“三”",
                Some(Decimal::ONE_HUNDRED),
                Decimal::new(5, 1),
            ),
            ("b", "单位甲（00001）", None, Decimal::ZERO),
        ];
        let mut projects = Projects::default();
        for &(u, p, s, pending) in pushed {
            projects.push(u, p, s, pending);
        }
        let read: Vec<_> = projects.iter().collect();
        assert_eq!(read, pushed);
    }
}
