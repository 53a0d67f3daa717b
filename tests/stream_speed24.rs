//! The streamed path's buffers are made at their size, not grown by copying (issue 28, session
//! 24: the `memcpy` of `eval::stream::work`'s reallocations was most of the +0.5 % owed on the
//! streamed sheets). A growing reallocation copies the buffer's whole old capacity, even an
//! emptied one: a block's line buffer taken back from the pool and grown for a larger block
//! copied up to 256 KB of nothing, and a block's list of rows grew project by project.
//!
//! The test binary's allocator counts the bytes every growing reallocation copies (its old
//! size), by size class; a generated sheet (actuals that rarely repeat, the ordinary block size,
//! two workers) is streamed through `evaluate_stream` as `evaluate --format jsonl` does, and
//! no reallocation of 64 KB or more may be made (the line buffers: a block's lines are about
//! 6 times its 32 KB of text). The count is of calls, not of time: it holds under any load.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use jixiao::eval::Methodology;
use jixiao::eval::stream::{StreamOptions, evaluate_stream};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::table::ReadOptions;
use jixiao::table::stream::{Opened, open};

#[path = "support/sheets.rs"]
#[allow(dead_code)]
mod sheets;

/// Reallocations that grew a buffer of at least [`LARGE`] bytes, and the bytes they copied.
static LARGE_GROWN: AtomicUsize = AtomicUsize::new(0);
static LARGE_COPIED: AtomicUsize = AtomicUsize::new(0);
/// Whether the counts are being taken (only while the sheet streams).
static COUNTING: AtomicUsize = AtomicUsize::new(0);

const LARGE: usize = 64 * 1024;

/// The system allocator, counting growing reallocations of large buffers.
struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size()
            && layout.size() >= LARGE
            && COUNTING.load(Ordering::Relaxed) == 1
        {
            LARGE_GROWN.fetch_add(1, Ordering::Relaxed);
            LARGE_COPIED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Streams `path` as `evaluate --format jsonl` does (two workers, the ordinary block size) and
/// returns the bytes written.
fn stream_jsonl(path: &std::path::Path) -> Vec<u8> {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let Opened::Stream(stream) = open(path, &ReadOptions::default()).expect("opens") else {
        panic!("{} should stream", path.display());
    };
    let render = |_: &jixiao::table::model::Document| String::new();
    let mut out = Vec::with_capacity(64 << 20);
    let mut notes = Vec::with_capacity(1 << 20);
    COUNTING.store(1, Ordering::SeqCst);
    evaluate_stream(
        *stream,
        &StreamOptions {
            lines: &json::JsonLines,
            methodology: &m,
            rules,
            year: None,
            actuals: None,
            published_dp: None,
            workers: 2,
            render: &render,
            hold_unfilled: false,
        },
        &mut out,
        &mut notes,
    )
    .expect("streams");
    COUNTING.store(0, Ordering::SeqCst);
    out
}

/// Anchor (`8737cee`): reallocations of the line buffers taken back from the pool and grown,
/// each copying its old 256 KB or more.
#[test]
fn a_streamed_sheets_line_buffers_are_never_grown_by_copying() {
    // about 2,500 projects, some 2.5 MB of text: some 80 blocks of 32 KB, of varied lengths
    let text = sheets::generated(2_500, 7, 2_401);
    let path = sheets::write_file("stream-speed24", "varied.tsv", text.as_bytes());
    let out = stream_jsonl(&path);
    // the sheet was streamed and written, whole
    let lines = out.iter().filter(|&&b| b == b'\n').count();
    assert!(lines > 10_000, "{lines} lines written");
    assert!(out.len() > 3 * text.len(), "{} bytes of lines", out.len());
    let (grown, copied) = (
        LARGE_GROWN.load(Ordering::SeqCst),
        LARGE_COPIED.load(Ordering::SeqCst),
    );
    assert_eq!(
        (grown, copied),
        (0, 0),
        "buffers of 64 KB or more grown by copying while streaming: {grown} copying {copied} bytes"
    );
}
