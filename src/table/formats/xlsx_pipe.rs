//! One large `.xlsx` sheet read on two cores (issue 28): calamine's cell reader (unzipping the
//! sheet's part and parsing its XML into cells, most of a flat sheet's reading) runs on a
//! thread of its own and hands the cells, in batches of [`BATCH`] and in the order it reads
//! them, through a channel of [`QUEUED`] batches to the caller's thread, which reads each as it
//! comes (its number format, its text, the cell limit: `workbook::read_xlsx_sheets`). Memory
//! stays flat: the reader waits while the channel is full.
//!
//! Every stop is the one-thread read's: an error of the reader (XML that does not read) ends
//! the channel with that error; an error of the caller (the cell limit, the text limit) drops
//! the channel, and the reader stops at its next batch; a panic of the reader is a named error
//! ([`PANICKED`]), never a hang. [`Threads::from_env`] says whether a sheet is read so
//! (`JIXIAO_XLSX_READ_THREADS=1` keeps every sheet on one thread; tests pass the switch).

use std::io::{Read, Seek};

use calamine::{Cell, DataRef, XlsxCellReader, XlsxError};

/// Cells a batch holds (about 48 bytes each).
const BATCH: usize = 1024;
/// Batches the channel holds before the reader waits.
const QUEUED: usize = 8;
/// A sheet whose part unzips to fewer bytes than this is read on one thread (a thread and a
/// channel cost more than they give on a form).
pub(super) const FROM_BYTES: u64 = 1024 * 1024;

/// What the reader thread's panic is reported as.
pub(super) const PANICKED: &str = "sheet reader panicked";

/// The environment variable that keeps every sheet on one thread (`1`).
pub const ENV: &str = "JIXIAO_XLSX_READ_THREADS";

/// Whether a large sheet's cells may be read on a second thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Threads {
    /// One thread reads and takes every cell.
    One,
    /// A sheet of at least [`FROM_BYTES`] is read on a second thread, where the machine has
    /// two cores or more.
    Two,
    /// Every sheet read on a second thread, whatever its size and the cores (tests).
    #[cfg(test)]
    Always,
}

impl Threads {
    /// [`Threads::One`] where [`ENV`] is `1`, else [`Threads::Two`].
    pub(crate) fn from_env() -> Threads {
        match std::env::var_os(ENV) {
            Some(v) if v == "1" => Threads::One,
            _ => Threads::Two,
        }
    }

    /// Whether a sheet whose part unzips to `size` bytes (where known) is read on two threads.
    pub(super) fn pipes(self, size: Option<u64>) -> bool {
        match self {
            Threads::One => false,
            Threads::Two => {
                size.is_some_and(|s| s >= FROM_BYTES)
                    && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
            }
            #[cfg(test)]
            Threads::Always => true,
        }
    }
}

/// Calls `each` with every cell `reader` gives (and its style id), in order: on this thread
/// where `piped` is false or no thread can be started (an address-space limit), else with the
/// reading on a second thread ([module docs](self)). `each`'s error stops the read and is
/// returned; the reader's is returned through `err`.
pub(super) fn each_cell<'a, RS, E>(
    reader: XlsxCellReader<'a, RS>,
    piped: bool,
    err: impl Fn(XlsxError) -> E,
    mut each: impl FnMut(Cell<DataRef<'a>>, usize) -> Result<(), E>,
) -> Result<(), E>
where
    RS: Read + Seek + Send,
{
    let mut reader = match piped {
        true => match on_a_thread(reader, &err, &mut each) {
            Ok(read) => return read,
            Err(unstarted) => *unstarted,
        },
        false => reader,
    };
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(&err)? {
        each(cell, style)?;
    }
    Ok(())
}

/// [`each_cell`] with the reading on a second thread; the reader given back where the thread
/// could not be started.
fn on_a_thread<'a, RS, E>(
    reader: XlsxCellReader<'a, RS>,
    err: &impl Fn(XlsxError) -> E,
    each: &mut impl FnMut(Cell<DataRef<'a>>, usize) -> Result<(), E>,
) -> Result<Result<(), E>, Box<XlsxCellReader<'a, RS>>>
where
    RS: Read + Seek + Send,
{
    type Batch<'a> = Result<Vec<(Cell<DataRef<'a>>, usize)>, XlsxError>;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<'a>>(QUEUED);
        // the reader is handed over once the thread runs, so that it is kept where none can
        let (give, take) = std::sync::mpsc::sync_channel::<XlsxCellReader<'a, RS>>(1);
        let started = std::thread::Builder::new().spawn_scoped(scope, move || {
            let Ok(mut reader) = take.recv() else {
                return;
            };
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                match reader.next_cell_with_style_id() {
                    Ok(Some(cell)) => {
                        batch.push(cell);
                        if batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if tx.send(Ok(full)).is_err() {
                                // the caller stopped (its own error)
                                return;
                            }
                        }
                    }
                    Ok(None) => {
                        let _ = tx.send(Ok(batch));
                        return;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        let Ok(reading) = started else {
            return Err(Box::new(reader));
        };
        if let Err(back) = give.send(reader) {
            // the thread is gone before taking it (it cannot be: it waits for it)
            let _ = reading.join();
            return Err(Box::new(back.0));
        }
        let mut taken = Ok(());
        'batches: for batch in rx.iter() {
            match batch {
                Ok(cells) => {
                    for (cell, style) in cells {
                        if let Err(e) = each(cell, style) {
                            taken = Err(e);
                            break 'batches;
                        }
                    }
                }
                Err(e) => {
                    taken = Err(err(e));
                    break 'batches;
                }
            }
        }
        // the reader, blocked on a full channel, stops when it is gone
        drop(rx);
        Ok(match reading.join() {
            Ok(()) => taken,
            Err(_) => taken.and(Err(err(XlsxError::Unexpected(PANICKED)))),
        })
    })
}
