//! Streaming memory is flat in the number of projects and indicators (issue 28): the streaming
//! path (`evaluate SHEET --format jsonl` and `--format csv`) run as a process on a generated
//! sheet of 100k and of 1M indicators (varied actuals, so the memos fill), its peak resident
//! memory taken from the kernel (`wait4`'s `ru_maxrss` of that one child, not guessed), the
//! larger run allowed at most a few MB more than the smaller one.
//!
//! It fails today and is ignored until it passes (run it with `cargo test --release --test
//! stream_memory -- --ignored --nocapture`): measured 2026-12-04 (release build), `jsonl` peaks
//! at 117–124 MB on 100k indicators, 133–155 MB on 1M and 151 MB on 3M — the memos fill towards their
//! cap and the split-project check keeps a hash of every (unit, project) written; `csv` is not
//! streamed at all (the whole table is read: 1.39 GB at 3M before the cell limit refuses it).
//!
//! The sizes can be raised to see the 10M of the issue: `JIXIAO_MEMORY_BIG=10000000 cargo test
//! --release --test stream_memory -- --nocapture`.

#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::{Command, Stdio};

use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};

/// A generated sheet of about `indicators` indicators whose actuals rarely repeat.
fn sheet(indicators: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("stream-tests");
    std::fs::create_dir_all(&dir).expect("target dir");
    let path = dir.join(format!("memory-{indicators}.tsv"));
    let spec = Spec {
        projects: usize::MAX,
        indicators: Some(indicators),
        projects_per_unit: 7,
        seed: 28,
        varied_actuals: true,
    };
    let vocab = Vocabulary::bundled(&mut Rng::new(28));
    let file = std::fs::File::create(&path).expect("sheet file");
    let mut out = std::io::BufWriter::new(file);
    write_sheet(&vocab, spec, &mut out).expect("writes the sheet");
    std::io::Write::flush(&mut out).expect("flush");
    path
}

/// Peak resident memory (kB) of `jixiao evaluate SHEET --format FORMAT`, output discarded.
fn peak_kb(sheet: &PathBuf, format: &str) -> u64 {
    let child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .arg(sheet)
        .args(["--format", format])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs jixiao");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills; the child is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4");
    assert!(libc::WIFEXITED(status), "jixiao ended by a signal");
    // evaluate exits 1 where findings are errors; 2 and above is a failure of the run
    assert!(
        libc::WEXITSTATUS(status) <= 1,
        "exit {}",
        libc::WEXITSTATUS(status)
    );
    std::mem::forget(child); // waited for above
    usage.ru_maxrss as u64
}

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "fails today (issue 28): jsonl grows 10–35 MB from 100k to 1M indicators, csv is not streamed"]
fn streaming_memory_does_not_grow_with_the_sheet() {
    let small = sheet(size("JIXIAO_MEMORY_SMALL", 100_000));
    let big = sheet(size("JIXIAO_MEMORY_BIG", 1_000_000));
    // both sheets are real: the big one has ten times the rows
    let rows = |p: &PathBuf| std::fs::metadata(p).expect("sheet").len();
    assert!(rows(&big) > 5 * rows(&small));
    for format in ["jsonl", "csv"] {
        let a = peak_kb(&small, format);
        let b = peak_kb(&big, format);
        eprintln!("{format}: peak {a} kB at the small sheet, {b} kB at the big one");
        // a few MB apart at most (allocator arenas, a larger block read): no growth per project
        assert!(
            b <= a + 8 * 1024,
            "{format}: peak {b} kB on the big sheet against {a} kB on the small one"
        );
    }
}
