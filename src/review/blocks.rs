//! The review of a text self-evaluation sheet read a block at a time (issue 27: `review` and
//! `/api/review` held the table whole, 13–17× its size): the blocks of
//! [`crate::table::blockwise`], each reviewed as [`super::review`] reviews a document and its
//! findings written ([`super::render::Writer`]) before the next block is read. A first walk
//! reads the blocks for the counts the findings JSON opens with, and for whether they read as
//! the whole file does (and reviews them where the rules may stop trying past their limit,
//! `RuleSet::counts_tries`: then the whole read gives that error, nothing written); it also
//! reviews its first blocks and holds their findings, written, in memory, up to about the
//! sheet's own size ([`held_for`]). Only then is the head written, then the findings held, and
//! where they did not reach the end, a second walk resumes at the first block not reviewed
//! (`table::blockwise::Walker::resume`) and reviews and writes the rest. A sheet whose review
//! fits is read once (it was read twice, whatever its size: H84).
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

/// The least the findings of a walk's first blocks may hold before the head is written,
/// however small the sheet ([`held_for`]).
pub const HELD_AT_LEAST: usize = 4 << 20;

/// The findings [`review_blocks_to`] may hold for a sheet of `input` bytes: as many bytes as
/// the sheet has (its bytes are held already, or a file), at least [`HELD_AT_LEAST`].
pub fn held_for(input: u64) -> usize {
    usize::try_from(input)
        .unwrap_or(usize::MAX)
        .max(HELD_AT_LEAST)
}

/// Reviews the sheet `open` opens (once a walk) and writes the review in `format` into `out`.
/// `Ok(None)`, nothing written: the sheet is to be read whole. `Ok(Some(worst))`: written,
/// with the worst severity of its findings (`None`: no finding). A write that fails, a
/// cancel (`Interrupted`) or a file that changed between the walks is an error.
///
/// The first walk reads every block (for the counts the JSON opens with, and whether the
/// blocks read as the whole file does) and reviews and writes the findings of its first
/// blocks into memory while they hold at most `held` bytes ([`held_for`] the input's size):
/// a sheet whose review fits is read once. Where it does
/// not, a second walk resumes at the first block not written and reads only the rest (a
/// 42 MB upload's review of 144 MB: its first 44 MB of findings written from the first walk).
pub fn review_blocks_to(
    open: &mut dyn FnMut() -> Option<SheetStream>,
    opts: &Options<'_>,
    (format, colour): (ReviewFormat, bool),
    (cancel, held): (Option<&AtomicBool>, usize),
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
        if rest.is_none() && first.len >= held {
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
    for piece in std::mem::take(&mut first.pieces) {
        out.write_all(&piece)?;
    }
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

/// Findings written into memory, in pieces of [`PIECE`] bytes: never copied as they grow
/// (a `Vec` grown by doubling held up to twice what it had, and copied it each time).
#[derive(Default)]
struct Held {
    pieces: Vec<Vec<u8>>,
    len: usize,
}

/// The bytes of a piece of [`Held`].
const PIECE: usize = 1 << 20;

impl std::io::Write for Held {
    fn write(&mut self, mut buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len();
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
