//! `/api/inspect` and `/api/review` of an uploaded text self-evaluation sheet, read and
//! answered a block at a time as the command line's `inspect` and `review` do
//! ([`crate::table::blockwise`], [`crate::review::blocks`]): the worker holds the upload once
//! and a block of it, never the table whole (issue 27: a 42 MB upload's review peaked at
//! 750 MB). The upload is read where it is held, never written to disk. A sheet the blocks
//! cannot answer for is given back to [`super::job`], which reads it whole as before.

use std::sync::Arc;

use super::inputs::{ApiError, Files, Params, Upload};
use super::work::Answer;
use crate::review::render::ReviewFormat;
use crate::rules::RuleSet;
use crate::table::ReadOptions;
use crate::table::stream::{self, Opened, SheetStream};
use crate::table::view::{self, InspectFormat};

/// An uploaded table taken out of the request's files to be read in blocks.
pub(super) struct Sheet {
    name: String,
    bytes: Arc<Vec<u8>>,
    opts: ReadOptions,
}

impl Sheet {
    /// The request's table, where it may be read in blocks: one table (no pile), of a size
    /// that fits (`table::blockwise::fits`) and cells within the limit, a text
    /// self-evaluation sheet by its first rows.
    /// `None`: left in `files`. A query the whole read refuses is refused alike.
    pub fn take(files: &mut Files, params: &Params) -> Result<Option<Sheet>, ApiError> {
        let fits = match &files.table {
            Some(t) if files.pile.is_none() => {
                let opts = files.read_options(params)?;
                use crate::table::blockwise::{cells_fit, fits};
                (fits(t.bytes.len() as u64, &opts) && cells_fit(&t.bytes)).then_some(opts)
            }
            _ => None,
        };
        // the table is taken only where it fits (else it stays for the whole read)
        let Some(opts) = fits else {
            return Ok(None);
        };
        let Some(table) = files.table.take() else {
            return Ok(None);
        };
        let sheet = Sheet {
            name: table.name,
            bytes: Arc::new(table.bytes),
            opts,
        };
        if sheet.open().is_none() {
            sheet.give_back(files);
            return Ok(None);
        }
        Ok(Some(sheet))
    }

    /// The sheet's stream from its start.
    fn open(&self) -> Option<SheetStream> {
        match stream::open_bytes(&self.name, Arc::clone(&self.bytes), &self.opts) {
            Ok(Opened::Stream(s)) => Some(*s),
            _ => None,
        }
    }

    /// The sheet's report, evaluated a block at a time (`eval::blocks`): the page's report made
    /// without the table held whole beside it. `None`: to be read whole.
    pub fn evaluate(
        &self,
        actuals: Option<&crate::eval::ActualsFile>,
        published_dp: Option<u32>,
        opts: &crate::eval::Options<'_>,
    ) -> Option<crate::report::model::Report> {
        crate::eval::blocks::evaluate_blocks(self.open()?, actuals, published_dp, opts, |p| p)
    }

    /// The review's findings its walk may hold (`review::blocks`), in memory (the server
    /// writes nothing to disk): up to four times the upload (all of them, as a rule: the
    /// sheet read once) and never more than the answer's `room` (past it the answer is refused
    /// whatever is held), where that is at most a 32nd of the worker's memory limit (8 GB by
    /// default: uploads to 64 MB); else none (the sheet read twice, as before): a worker
    /// bounded at 64 MB answered an 8 MB sheet's review within a few MB of its limit
    /// (`hostile_web::inspect_and_review_of_a_large_sheet_fit_a_worker_of_a_few_times_its_size`).
    fn hold(&self, room: usize) -> crate::review::blocks::Hold {
        let mut hold = crate::review::blocks::Hold::within(self.bytes.len() as u64);
        hold.memory = hold.memory.min(room.saturating_add(1));
        match super::isolate::work_memory() {
            Some(limit) if hold.memory as u64 > limit / 32 => crate::review::blocks::Hold::NONE,
            _ => hold,
        }
    }

    /// Puts the upload back in `files`, to be read whole.
    pub fn give_back(self, files: &mut Files) {
        let bytes = Arc::try_unwrap(self.bytes).unwrap_or_else(|shared| shared.to_vec());
        files.table = Some(Upload {
            name: self.name,
            bytes,
        });
    }

    /// `/api/inspect`'s answer written into `out`; `Ok(false)`, nothing written: to be read
    /// whole.
    pub fn inspect(&self, format: InspectFormat, out: &mut Answer<'_>) -> Result<bool, ApiError> {
        use std::io::Write as _;
        let cancel = out.cancel();
        let written = match format {
            InspectFormat::Json => {
                let Some(json) = view::findings_json_blocks(self.open().ok_or_else(none)?, {
                    Some(cancel.flag())
                }) else {
                    cancel.check()?;
                    return Ok(false);
                };
                out.write_all(json.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
                    .map(|()| true)
            }
            InspectFormat::Table => {
                view::tree_blocks_to(&mut || self.open(), Some(cancel.flag()), out)
            }
        };
        let written = written.map_err(|e| out.error(&e))?;
        cancel.check()?;
        Ok(written)
    }

    /// `/api/review`'s answer written into `out` (the rules' tries checked before a byte is
    /// written, see `review::blocks`); `Ok(false)`, nothing written: to be read whole.
    pub fn review(
        &self,
        rules: &RuleSet,
        year: Option<i32>,
        format: ReviewFormat,
        out: &mut Answer<'_>,
    ) -> Result<bool, ApiError> {
        let cancel = out.cancel();
        let opts = crate::review::Options { rules, year };
        let hold = self.hold(out.room());
        let written = crate::review::blocks::review_blocks_to(
            &mut || self.open(),
            &opts,
            (format, false),
            (Some(cancel.flag()), hold),
            out,
        )
        .map_err(|e| out.error(&e))?;
        cancel.check()?;
        Ok(written.is_some())
    }
}

/// The error of a stream that opened once and not again (never expected: the bytes are held).
fn none() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        crate::codes::WEB_RENDER,
        "表格读取失败",
        None,
    )
}
