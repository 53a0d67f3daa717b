//! A text self-evaluation sheet evaluated a block at a time into the report of the whole table
//! (issue 27: the whole-document formats' memory). The sheet is read in blocks as streaming
//! reads it ([`crate::table::stream`]), one after another on this thread; each block's projects
//! take their actuals in table order and are scored as [`evaluate_projects`] scores them (one
//! [`ParseCache`] for the whole sheet), each project's report handed to `each` as soon as it is
//! scored, and the block's rows dropped before the next block is read. The roll-up is the
//! whole table's (`rollup::rollup_of`: the units in table order, the differences, the
//! findings), so a report never holds the document and the report together.
//!
//! The report is the whole table's exactly, or none: where a block could read otherwise than
//! the whole file reads it, or the whole table's report holds what the blocks cannot give,
//! [`evaluate_blocks`] answers `None` and the caller reads the sheet whole:
//! - the header or a block has findings (notes, rows skipped: their places and their stderr
//!   diagnostics are the whole file's), or a block took a preamble line below the header;
//! - a project, or a unit, comes back after others (the whole table joins them);
//! - the whole table's run would be refused (no actual and no actuals file, an actuals file
//!   that gives nothing: `eval::unfilled`, `eval::unmatched`), or actuals match nothing (their
//!   findings name the nearest names of the whole table);
//! - the sheet cannot be read on (the whole file's reader says why in its own words).
//!
//! [`evaluate_projects`]: super::evaluate_projects

use super::actuals_file::ActualsFile;
use super::evaluate::{Matcher, Options, ParseCache, Taken, evaluate_each};
use super::rollup::{Table, rollup_of};
use crate::report_model::{ProjectReport, Report};
use crate::table::blockwise::Seen;
use crate::table::stream::{self, FillDown, SheetStream};

/// The report of the sheet `stream` reads, its projects scored a block at a time and each
/// handed to `each` (which gives it back as the report is to hold it, see
/// [`super::evaluate_projects`]); `published_dp` is the sheet's own 得分's decimals
/// ([`super::stream::published_precision`]). `None`: the sheet is to be read whole (see the
/// module doc); what `each` was given is then of no use.
pub fn evaluate_blocks(
    mut stream: SheetStream,
    actuals: Option<&ActualsFile>,
    published_dp: Option<u32>,
    opts: &Options<'_>,
    mut each: impl FnMut(ProjectReport) -> ProjectReport,
) -> Option<Report> {
    let head = stream.head();
    if !head.findings.is_empty() {
        return None;
    }
    // a text sheet prints no form year
    let year = actuals.and_then(|a| a.year).or(opts.year);
    let mut matcher = Matcher::new(actuals);
    let mut cache = ParseCache::default();
    let mut state = FillDown::default();
    let mut seen = Seen::default();
    let (mut projects, mut differences) = (Vec::new(), Vec::new());
    let (mut has_actuals, mut used) = (false, false);
    let cancelled = || {
        opts.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    };
    while let Some(block) = stream.next_block().ok()? {
        if cancelled() {
            return None;
        }
        let read = stream::read_block_alone(&head, &block, state).ok()?;
        state = read.end;
        let doc = read.doc;
        if read.preamble_below || !doc.findings.is_empty() || doc.rows_skipped > 0 {
            return None;
        }
        seen.block(&doc)?;
        has_actuals = has_actuals || doc.has_actuals();
        let taken: Vec<Taken<'_>> = doc
            .projects()
            .map(|(u, p)| matcher.take(&u.name, p))
            .collect();
        used = used
            || taken.iter().any(|t| {
                t.entry
                    .is_some_and(|e| e.budget.is_some() || e.spent.is_some())
                    || t.indicators.iter().any(Option::is_some)
            });
        evaluate_each(
            &doc,
            taken,
            year,
            published_dp,
            opts,
            &mut cache,
            &mut differences,
            |p| projects.push(each(p)),
        );
    }
    let refused = match actuals {
        None => !has_actuals,
        Some(a) => !a.projects.is_empty() && !used,
    };
    if refused || matcher.any_unmatched() {
        return None;
    }
    let table = Table {
        file: &head.name,
        units: seen.units.iter().map(String::as_str).collect(),
        department: head.department.clone(),
        errors: Vec::new(),
    };
    Some(rollup_of(
        table,
        (projects, differences, Vec::new()),
        opts.methodology,
        year,
    ))
}
