//! The review of a text self-evaluation sheet read a block at a time (issue 27: `review` and
//! `/api/review` held the table whole, 13–17× its size): the blocks of
//! [`crate::table::blockwise`], each reviewed as [`super::review`] reviews a document and its
//! findings written ([`super::render::Writer`]) before the next block is read. A first walk
//! reads the blocks for the counts the findings JSON opens with, and for whether they read as
//! the whole file does (and reviews them where the rules may stop trying past their limit,
//! `RuleSet::counts_tries`: then the whole read gives that error, nothing written); only then
//! does the second walk review and write.
//!
//! The findings are those of the whole table, in its order: the blocks hold no reader finding
//! (else the sheet is read whole), so the review's findings are each project's, in table order,
//! and a finding's excerpt is cut from its block's text at the file's own line numbers.

use std::sync::atomic::AtomicBool;

use super::Options;
use super::render::{ReviewFormat, Writer};
use crate::finding::Severity;
use crate::table::blockwise::{self, Walk};
use crate::table::stream::SheetStream;

/// Reviews the sheet `open` opens (once a walk) and writes the review in `format` into `out`.
/// `Ok(None)`, nothing written: the sheet is to be read whole. `Ok(Some(worst))`: written,
/// with the worst severity of its findings (`None`: no finding). A write that fails, a
/// cancel (`Interrupted`) or a file that changed between the walks is an error.
pub fn review_blocks_to(
    open: &mut dyn FnMut() -> Option<SheetStream>,
    opts: &Options<'_>,
    (format, colour): (ReviewFormat, bool),
    cancel: Option<&AtomicBool>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Option<Option<Severity>>> {
    let Some(stream) = open() else {
        return Ok(None);
    };
    // a rule set that may stop trying rules (past `RULE_TRIES` for an indicator) is tried on
    // every block before a byte is written: where it stops, the whole read ends with its
    // error, as it always did, and no review is half written
    let tries = opts.rules.counts_tries();
    let first = blockwise::walk(stream, cancel, |doc| {
        if tries {
            drop(super::review(doc, opts));
        }
        Ok::<(), std::io::Error>(())
    });
    let counts = match first {
        Walk::Done(counts) => counts,
        Walk::Cancelled => return Err(std::io::ErrorKind::Interrupted.into()),
        _ => return Ok(None),
    };
    if opts.rules.overrun().is_some() {
        return Ok(None);
    }
    let Some(stream) = open() else {
        return Ok(None);
    };
    let name = stream.head().name.clone();
    let mut w = Writer::begin(format, colour, &name, counts, out)?;
    let mut worst: Option<Severity> = None;
    let walked = blockwise::walk(stream, cancel, |doc| {
        let findings = super::review(doc, opts);
        for f in &findings {
            if worst.is_none_or(|w| rank(w) < rank(f.severity)) {
                worst = Some(f.severity);
            }
        }
        w.findings(&doc.source, &findings, out)
    });
    match walked {
        Walk::Done(again) if again == counts => {}
        Walk::Stopped(e) => return Err(e),
        Walk::Cancelled => return Err(std::io::ErrorKind::Interrupted.into()),
        // the file changed between the walks: what was written is no review of it
        _ => return Err(std::io::Error::other("表格在读取过程中改变了")),
    }
    w.end(out)?;
    Ok(Some(worst))
}

/// The order of severities (the worst last).
pub fn rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}
