//! The review of a text self-evaluation sheet read a block at a time (issue 27: `review` and
//! `/api/review` held the table whole, 13–17× its size): the blocks of
//! [`crate::table::blockwise`], each reviewed as [`super::review`] reviews a document and its
//! findings written ([`super::render::Writer`]) before the next block is read. The findings
//! JSON opens with the counts, known only at the end, and nothing is written before the walk
//! has found that the blocks read as the whole file does (and, where the rules may stop trying
//! past their limit, `RuleSet::counts_tries`, that they did not: then the whole read gives that
//! error, nothing written). So the walk reviews each block and holds its findings, written
//! (`Held`): in memory up to [`Hold::memory`], past it in an anonymous temporary file where
//! one may be written ([`Hold::spill`]: the command line); then the head, the findings held
//! and the end. A sheet is read once (it was read twice, whatever its size: H84, H90).
//!
//! Where the findings cannot all be held (the server writes nothing to disk, and a worker
//! with little memory holds none), the walk goes on reading only, for the counts, and a second
//! walk resumes at the first block not reviewed (`table::blockwise::Walker::resume`) and
//! reviews and writes the rest after the findings held.
//!
//! The findings are those of the whole table, in its order: the blocks hold no reader finding
//! (else the sheet is read whole), so the review's findings are each project's, in table order,
//! and a finding's excerpt is cut from its block's text at the file's own line numbers.

use std::sync::atomic::AtomicBool;

use super::Options;
use super::render::{ReviewFormat, Writer};
use crate::finding::Severity;
use crate::table::blockwise::{Mark, Step, Walker};
use crate::table::stream::SheetStream;

/// The least the findings of a walk may hold in memory however small the sheet, where any
/// are held ([`Hold::within`]).
pub const HELD_AT_LEAST: usize = 4 << 20;

/// Where [`review_blocks_to`] may hold the findings of its walk before the head is written.
#[derive(Clone, Copy, Debug)]
pub struct Hold {
    /// Bytes of written findings held in memory.
    pub memory: usize,
    /// Whether past [`Hold::memory`] they go on into an anonymous temporary file (the command
    /// line; the server writes nothing to disk). Where none can be made, they stop being held
    /// and the rest is read again.
    pub spill: bool,
}

impl Hold {
    /// The command line's: every finding in a temporary file, none in memory (a review's
    /// findings are about three times the sheet: `review --format human` of 44.6 MB, 158 MB).
    pub const SPILLED: Hold = Hold {
        memory: 0,
        spill: true,
    };

    /// Up to four times a sheet of `input` bytes in memory (a review's findings are about three
    /// times the sheet: all of them, as a rule), at least [`HELD_AT_LEAST`]; nothing on disk.
    pub fn within(input: u64) -> Hold {
        Hold {
            memory: usize::try_from(input.saturating_mul(4))
                .unwrap_or(usize::MAX)
                .max(HELD_AT_LEAST),
            spill: false,
        }
    }

    /// Nothing held: the sheet read twice (the counts first).
    pub const NONE: Hold = Hold {
        memory: 0,
        spill: false,
    };
}

/// Reviews the sheet `open` opens (once a walk) and writes the review in `format` into `out`.
/// `Ok(None)`, nothing written: the sheet is to be read whole. `Ok(Some(worst))`: written,
/// with the worst severity of its findings (`None`: no finding). A write that fails, a
/// cancel (`Interrupted`) or a file that changed between the walks is an error.
///
/// The first walk reads every block (for the counts the JSON opens with, and whether the
/// blocks read as the whole file does) and reviews and writes the findings of its blocks
/// where `hold` lets them be held: a sheet whose review is held whole is read once. Where it
/// is not, a second walk resumes at the first block not written and reads only the rest.
pub fn review_blocks_to(
    open: &mut dyn FnMut() -> Option<SheetStream>,
    opts: &Options<'_>,
    (format, colour): (ReviewFormat, bool),
    (cancel, hold): (Option<&AtomicBool>, Hold),
    out: &mut dyn std::io::Write,
) -> std::io::Result<Option<Option<Severity>>> {
    let Some(stream) = open() else {
        return Ok(None);
    };
    let name = stream.head().name.clone();
    let Some(mut walker) = Walker::new(stream) else {
        return Ok(None);
    };
    // a rule set that may stop trying rules (past `RULE_TRIES` for an indicator) is tried on
    // every block before a byte is written: where it stops, the whole read ends with its
    // error, as it always did, and no review is half written
    let tries = opts.rules.counts_tries();
    let mut review = Review {
        writer: Writer::new(format, colour),
        worst: None,
    };
    let mut first = Held::default();
    // where the findings stopped being held: the second walk resumes there
    let mut rest: Option<Mark> = None;
    let counts = loop {
        if rest.is_none() && !first.room(hold) {
            rest = Some(walker.mark());
        }
        match walker.step(cancel) {
            Step::Block(doc) if rest.is_none() => review.block(&doc, opts, &mut first)?,
            Step::Block(doc) => {
                if tries {
                    drop(super::review(&doc, opts));
                }
            }
            Step::Done(counts) => break counts,
            Step::Cancelled => return Err(std::io::ErrorKind::Interrupted.into()),
            Step::Whole => return Ok(None),
        }
    };
    // the first walk's stream (its text pending) is let go before the sheet is opened again
    drop(walker);
    if opts.rules.overrun().is_some() {
        return Ok(None);
    }
    // the rest's walk begun before a byte is written (a sheet that cannot be opened again is
    // read whole, as before)
    let resumed = match rest {
        None => None,
        Some(mark) => match open().and_then(|s| Walker::resume(s, mark)) {
            Some(w) => Some(w),
            None => return Ok(None),
        },
    };
    review.writer.head(&name, counts, out)?;
    first.write_to(out)?;
    if let Some(mut walker) = resumed {
        loop {
            match walker.step(cancel) {
                Step::Block(doc) => review.block(&doc, opts, out)?,
                Step::Done(again) if again == counts => break,
                Step::Cancelled => return Err(std::io::ErrorKind::Interrupted.into()),
                // the file changed between the walks: what was written is no review of it
                _ => return Err(std::io::Error::other("表格在读取过程中改变了")),
            }
        }
    }
    review.writer.end(out)?;
    Ok(Some(review.worst))
}

/// Findings written into memory, in pieces of [`PIECE`] bytes (never copied as they grow: a
/// `Vec` grown by doubling held up to twice what it had, and copied it each time), then, where
/// [`Hold::spill`] allows, into an anonymous temporary file.
#[derive(Default)]
struct Held {
    pieces: Vec<Vec<u8>>,
    len: usize,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

/// The bytes of a piece of [`Held`].
const PIECE: usize = 1 << 20;

/// The buffer of [`Held`]'s temporary file, written and read back.
const SPILL_BUFFER: usize = 256 * 1024;

impl Held {
    /// Whether the next block's findings may be held: within `hold`'s memory, or in a
    /// temporary file past it where `hold` allows one (made here: where none can be made, no).
    fn room(&mut self, hold: Hold) -> bool {
        if self.file.is_some() || self.len < hold.memory {
            return true;
        }
        if !hold.spill {
            return false;
        }
        match tempfile::tempfile() {
            Ok(file) => {
                self.file = Some(std::io::BufWriter::with_capacity(SPILL_BUFFER, file));
                true
            }
            Err(_) => false,
        }
    }

    /// Everything held, in the order written, to `out`.
    fn write_to(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::{Read as _, Seek as _};
        for piece in self.pieces {
            out.write_all(&piece)?;
        }
        let Some(file) = self.file else {
            return Ok(());
        };
        // a full disk is an error here, not a review cut short
        let mut file = file
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.rewind()?;
        let mut buf = vec![0u8; SPILL_BUFFER];
        loop {
            match file.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => out.write_all(&buf[..n])?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

impl std::io::Write for Held {
    fn write(&mut self, mut buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len();
        if let Some(file) = &mut self.file {
            file.write_all(buf)?;
            self.len += n;
            return Ok(n);
        }
        while !buf.is_empty() {
            if self.pieces.last().is_none_or(|p| p.len() >= PIECE) {
                self.pieces.push(Vec::with_capacity(PIECE));
            }
            let Some(last) = self.pieces.last_mut() else {
                break;
            };
            let k = buf.len().min(PIECE - last.len());
            last.extend_from_slice(&buf[..k]);
            buf = &buf[k..];
        }
        self.len += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The review being written: its writer and the worst severity of its findings so far.
struct Review {
    writer: Writer,
    worst: Option<Severity>,
}

impl Review {
    /// Reviews a block's document and writes its findings into `out`.
    fn block(
        &mut self,
        doc: &crate::table::model::Document,
        opts: &Options<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let findings = super::review(doc, opts);
        for f in &findings {
            if self.worst.is_none_or(|w| rank(w) < rank(f.severity)) {
                self.worst = Some(f.severity);
            }
        }
        self.writer.findings(&doc.source, &findings, out)
    }
}

/// The order of severities (the worst last).
pub fn rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}
