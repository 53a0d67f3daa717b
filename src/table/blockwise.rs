//! A text self-evaluation sheet's documents a block at a time, each read as the whole file
//! reads its rows, or none (issue 27: `inspect` and `review` held the table whole, 12–17× its
//! size). The blocks are [`super::stream`]'s, read one after another on this thread from the
//! state the block before left, each handed to `each` and dropped before the next is read.
//!
//! [`walk`] answers [`Walk::Whole`] wherever the blocks could say otherwise than the whole
//! file: its caller then reads the sheet whole, as before, and says nothing yet. The cases are
//! those of `eval::blocks` (the header or a block has findings, rows skipped, a preamble line
//! below the header, a unit or project that comes back after others, a read that fails), and
//! those the tree of `inspect` would show differently: a unit with amounts of its own, a
//! 合计 row, no project at all. A caller that must know the counts before it writes (the
//! findings JSON opens with them) walks twice: the first walk reads only, the second writes.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};

use super::model::{Counts, Document};
use super::stream::{self, FillDown, SheetStream};

/// A sheet smaller than this is read whole: its blocks would save little, and the whole read
/// is what every small file has always had (as `evaluate`'s blocks).
pub const FROM_BYTES: u64 = 256 * 1024;

/// Whether a text input of `len` bytes, read with `opts`, is to be tried in blocks: from
/// [`FROM_BYTES`] to the input limit (past it the whole read refuses it, and so it stays), no
/// sheet named (a text file has none: the whole read says so).
pub fn fits(len: u64, opts: &super::ReadOptions) -> bool {
    (FROM_BYTES..=crate::limits::INPUT.get()).contains(&len) && opts.sheet.is_none()
}

/// Whether the cells a text of these bytes can hold (a tab, a comma or a line feed each ends
/// one; the last ends with the text) stay within the cell limit: past it the whole read
/// refuses the table (`table.too-many-cells`) and so it stays, where blocks would not.
pub fn cells_fit(bytes: &[u8]) -> bool {
    cell_ends(bytes) < crate::limits::CELLS.get()
}

/// The tabs, commas and line feeds of `bytes` (none is ever inside a character of UTF-8 or
/// GB18030, the encodings read in blocks).
fn cell_ends(bytes: &[u8]) -> u64 {
    memchr::memchr3_iter(b'\t', b',', b'\n', bytes).count() as u64
}

/// [`cells_fit`] of the file at `path`, read a megabyte at a time; `false` where it cannot be
/// read (the whole read then says why).
pub fn file_cells_fit(path: &std::path::Path) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut cells: u64 = 1;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return cells <= crate::limits::CELLS.get(),
            Ok(n) => cells += cell_ends(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// What a [`walk`] gave.
pub enum Walk<E> {
    /// Every block was handed on: the whole table's counts.
    Done(Counts),
    /// The blocks could differ from the whole file: read it whole.
    Whole,
    /// `cancel` was set: the walk stopped between blocks.
    Cancelled,
    /// `each` stopped the walk with this error.
    Stopped(E),
}

/// Hands each block of `stream` to `each`, read in table order, while the blocks read as the
/// whole file would; `cancel` set stops the walk between blocks ([`Walk::Cancelled`]).
pub fn walk<E>(
    mut stream: SheetStream,
    cancel: Option<&AtomicBool>,
    mut each: impl FnMut(&Document) -> Result<(), E>,
) -> Walk<E> {
    let head = stream.head();
    if !head.findings.is_empty() {
        return Walk::Whole;
    }
    let mut state = FillDown::default();
    let mut seen = Seen::default();
    let mut counts = Counts {
        units: 0,
        projects: 0,
        indicators: 0,
        rows_read: 0,
        rows_skipped: 0,
    };
    loop {
        let block = match stream.next_block() {
            Ok(Some(block)) => block,
            Ok(None) => break,
            Err(_) => return Walk::Whole,
        };
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Walk::Cancelled;
        }
        let Ok(read) = stream::read_block(&head, &block, state) else {
            return Walk::Whole;
        };
        state = read.end;
        let doc = read.doc;
        if read.preamble_below
            || !doc.findings.is_empty()
            || doc.rows_skipped > 0
            || doc.total.is_some()
            || doc.units.iter().any(|u| !u.amounts.is_empty())
            || seen.block(&doc).is_none()
        {
            return Walk::Whole;
        }
        let c = doc.counts();
        counts.projects += c.projects;
        counts.indicators += c.indicators;
        counts.rows_read += c.rows_read;
        if let Err(e) = each(&doc) {
            return Walk::Stopped(e);
        }
    }
    counts.units = seen.units.len();
    if counts.projects == 0 {
        return Walk::Whole;
    }
    Walk::Done(counts)
}

/// The units and projects the blocks have held so far: the units' names in table order, and
/// a 64-bit hash of each unit's and each (unit, project)'s name (two names of one hash read as
/// one that comes back: the sheet is then read whole, never shown or scored otherwise). Used
/// by this walk and by `eval::blocks`.
#[derive(Default)]
pub struct Seen {
    /// Units' names in table order (a unit whose projects run on into the next block, once).
    pub units: Vec<String>,
    hashes: rustc_hash::FxHashSet<u64>,
}

/// The hash of a unit's name (`project` none) or of a project's names.
fn hash_of(unit: &str, project: Option<&str>) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    (unit, project).hash(&mut h);
    h.finish()
}

impl Seen {
    /// The units and projects of a block; `None` where one comes back after others (the
    /// whole table joins them).
    pub fn block(&mut self, doc: &Document) -> Option<()> {
        for u in &doc.units {
            // the unit the block before ended in, filled down into this one
            if self.units.last() != Some(&u.name) {
                if !self.hashes.insert(hash_of(&u.name, None)) {
                    return None;
                }
                self.units.push(u.name.clone());
            }
            for p in &u.projects {
                if !self.hashes.insert(hash_of(&u.name, Some(&p.name))) {
                    return None;
                }
            }
        }
        Some(())
    }
}

/// Whether the first unit of `doc` goes on from the block before (its line was shown there):
/// `last` is the last unit's name the walk's blocks before it held.
pub fn continues(doc: &Document, last: Option<&str>) -> bool {
    doc.units.first().map(|u| u.name.as_str()) == last && last.is_some()
}
