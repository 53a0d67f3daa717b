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
//! findings JSON opens with them) walks twice: the first walk reads (and may hold what it
//! would write of its first blocks), the second writes; a [`Walker`] marked between two blocks
//! resumes there, so the second walk reads only the blocks after the mark.

use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::model::{Counts, Document};
use super::stream::{self, FillDown, Head, SheetStream};

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
/// GB18030, the encodings read in blocks). Counted 64 bytes at a time, a loop the compiler
/// turns into vector compares: `memchr3_iter` stopped at each one, a few bytes apart in a
/// sheet (16 instructions a byte of a review's input, twice a run: H84).
fn cell_ends(bytes: &[u8]) -> u64 {
    let is_end = |b: &u8| u8::from(matches!(*b, b'\t' | b',' | b'\n'));
    let mut chunks = bytes.chunks_exact(64);
    let mut n: u64 = 0;
    for chunk in chunks.by_ref() {
        // at most 64 a chunk: a byte's sum cannot overflow
        n += u64::from(chunk.iter().map(is_end).fold(0u8, u8::wrapping_add));
    }
    n + chunks
        .remainder()
        .iter()
        .map(|b| u64::from(is_end(b)))
        .sum::<u64>()
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
    stream: SheetStream,
    cancel: Option<&AtomicBool>,
    mut each: impl FnMut(&Document) -> Result<(), E>,
) -> Walk<E> {
    let Some(mut walker) = Walker::new(stream) else {
        return Walk::Whole;
    };
    loop {
        match walker.step(cancel) {
            Step::Block(doc) => {
                if let Err(e) = each(&doc) {
                    return Walk::Stopped(e);
                }
            }
            Step::Done(counts) => return Walk::Done(counts),
            Step::Whole => return Walk::Whole,
            Step::Cancelled => return Walk::Cancelled,
        }
    }
}

/// A [`walk`] a block at a time, which can be marked between two blocks and resumed there on
/// the same sheet opened again (`review::blocks`: the blocks after the mark read a second
/// time, the blocks before it not).
pub struct Walker {
    stream: SheetStream,
    head: Arc<Head>,
    at: Mark,
}

/// Where a [`Walker`] stands between two blocks: the blocks read, the fill-down state they
/// left, the units and projects they held and their counts.
#[derive(Clone)]
pub struct Mark {
    blocks: usize,
    state: FillDown,
    seen: Seen,
    counts: Counts,
}

/// What a [`Walker`]'s step gave.
pub enum Step {
    /// The next block, read as the whole file reads its rows.
    Block(Box<Document>),
    /// No block is left: the whole table's counts.
    Done(Counts),
    /// The blocks could differ from the whole file: read it whole.
    Whole,
    /// `cancel` was set.
    Cancelled,
}

impl Walker {
    /// A walk of `stream` from its first block; `None` where the header has findings (read it
    /// whole).
    pub fn new(stream: SheetStream) -> Option<Walker> {
        let head = stream.head();
        if !head.findings.is_empty() {
            return None;
        }
        let at = Mark {
            blocks: 0,
            state: FillDown::default(),
            seen: Seen::default(),
            counts: Counts {
                units: 0,
                projects: 0,
                indicators: 0,
                rows_read: 0,
                rows_skipped: 0,
            },
        };
        Some(Walker { stream, head, at })
    }

    /// A walk of `stream` (the sheet a walk was marked on, opened again) from `mark`: the
    /// blocks before it are cut and passed over, not read. `None` where they cannot be cut as
    /// they were (the sheet is not what it was).
    pub fn resume(stream: SheetStream, mark: Mark) -> Option<Walker> {
        let mut walker = Walker::new(stream)?;
        for _ in 0..mark.blocks {
            walker.stream.next_block().ok()??;
        }
        walker.at = mark;
        Some(walker)
    }

    /// Where the walk stands: before the block the next step reads.
    pub fn mark(&self) -> Mark {
        self.at.clone()
    }

    /// The next block, or the end of the walk.
    pub fn step(&mut self, cancel: Option<&AtomicBool>) -> Step {
        let block = match self.stream.next_block() {
            Ok(Some(block)) => block,
            Ok(None) => {
                let mut counts = self.at.counts;
                counts.units = self.at.seen.units.len();
                if counts.projects == 0 {
                    return Step::Whole;
                }
                return Step::Done(counts);
            }
            Err(_) => return Step::Whole,
        };
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Step::Cancelled;
        }
        let at = &mut self.at;
        let Ok(read) = stream::read_block_alone(&self.head, &block, std::mem::take(&mut at.state))
        else {
            return Step::Whole;
        };
        at.state = read.end;
        let doc = read.doc;
        if read.preamble_below
            || !doc.findings.is_empty()
            || doc.rows_skipped > 0
            || doc.total.is_some()
            || doc.units.iter().any(|u| !u.amounts.is_empty())
            || at.seen.block(&doc).is_none()
        {
            return Step::Whole;
        }
        let c = doc.counts();
        at.counts.projects += c.projects;
        at.counts.indicators += c.indicators;
        at.counts.rows_read += c.rows_read;
        at.blocks += 1;
        Step::Block(Box::new(doc))
    }
}

/// The units and projects the blocks have held so far: the units' names in table order, and
/// a 64-bit hash of each unit's and each (unit, project)'s name (two names of one hash read as
/// one that comes back: the sheet is then read whole, never shown or scored otherwise). Used
/// by this walk and by `eval::blocks`.
#[derive(Default, Clone)]
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
