//! The allocator's purge delay, shortened while a piece of work frees much of what it made on
//! other threads: the xlsx report, whose project sheets are built and packed on worker threads
//! and freed on the main one ([`Purge`]).
//!
//! mimalloc (the binary's allocator, `src/main.rs`) gives freed pages back to the system
//! `purge_delay` after they are freed: 1000 ms by default in its version 3. A report of
//! 10,000 projects, built in about a second and a half, then peaked at either ~71 or ~82 MB
//! over runs of the same input (bimodal, by whether the threads' frees fell within one
//! delay), and at 64–65 MB every time with 10 ms, 63 MB with 0 (issue 27, H97; ten runs each,
//! `benches/README.md`). 10 ms, not 0: every page freed at once costs a system call and a
//! fault when it is used again (0 took twice the minor faults of 10 and 0.1–0.2 s more CPU).
//! Held around every workbook built and saved (`report::xlsx`), and by the command line for
//! the whole run of `evaluate --format xlsx` (what the table freed just before the workbook
//! was begun was otherwise due back a second later, beside it). The streaming and parsing
//! paths are left as they are (10 ms there took 70 % more minor faults on a 200,000-project
//! sheet, for no memory that matters).
//!
//! Nothing changes where `MIMALLOC_PURGE_DELAY` is set (the server's workers set 0: see
//! `web::isolate`), nor where mimalloc is not the allocator (the option is then unused).

use std::ffi::{c_int, c_long};
use std::sync::Mutex;

// the static library that defines the functions below is linked through this crate (not on
// Windows, where mimalloc is not a dependency: there the delay reads 0 and nothing is held)
#[cfg(not(windows))]
use mimalloc as _;

/// `mi_option_purge_delay` of `mimalloc.h` (the 16th of `mi_option_e`, in versions 2 and 3).
const PURGE_DELAY: c_int = 15;

/// The environment variable that sets the delay for the whole process.
const PURGE_DELAY_ENV: &str = "MIMALLOC_PURGE_DELAY";

#[cfg(not(windows))]
unsafe extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
    fn mi_collect(force: bool);
}

/// The system heap's stand-ins (Windows): no delay to read, nothing to set.
#[cfg(windows)]
unsafe fn mi_option_get(_: c_int) -> c_long {
    0
}
#[cfg(windows)]
unsafe fn mi_option_set(_: c_int, _: c_long) {}
#[cfg(windows)]
unsafe fn mi_collect(_: bool) {}

/// Pieces of work with the delay shortened, and the delay before the first of them.
static HELD: Mutex<(usize, c_long)> = Mutex::new((0, 0));

/// The delay now, in milliseconds.
pub fn purge_delay() -> c_long {
    // SAFETY: reads one of mimalloc's options by its index; any index is answered
    unsafe { mi_option_get(PURGE_DELAY) }
}

/// The purge delay shortened to [`Purge::MS`] while held (several at once from several threads:
/// the delay before the first is given back when the last is dropped).
pub struct Purge {
    held: bool,
}

impl Purge {
    /// The delay while held, in milliseconds (mimalloc version 2's default).
    pub const MS: c_long = 10;

    /// Freed pages given back within [`Purge::MS`] until this is dropped, unless the
    /// environment sets the delay or it is already shorter.
    pub fn soon() -> Purge {
        if std::env::var_os(PURGE_DELAY_ENV).is_some() {
            return Purge { held: false };
        }
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        if held.0 == 0 {
            let before = purge_delay();
            if (0..=Self::MS).contains(&before) {
                return Purge { held: false };
            }
            held.1 = before;
            // SAFETY: sets one of mimalloc's options by its index, as its environment
            // variable would; read again as each purge is scheduled
            unsafe { mi_option_set(PURGE_DELAY, Self::MS) };
            // what is already due back joins the purge scheduled first, a second after it
            // (an arena keeps one expiry until it passes): set alone, the delay changed
            // nothing for the first second (68.3-68.8 MB against 63.4-64.4 by the
            // environment). Purged now, every later free is due within the new delay
            // SAFETY: mimalloc's collection of this thread's heap, forced (what is freed is
            // given back); callable at any time
            unsafe { mi_collect(true) };
        }
        held.0 += 1;
        Purge { held: true }
    }
}

impl Drop for Purge {
    fn drop(&mut self) {
        if !self.held {
            return;
        }
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        held.0 -= 1;
        if held.0 == 0 {
            // SAFETY: as in `soon`
            unsafe { mi_option_set(PURGE_DELAY, held.1) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(windows))]
    fn the_delay_is_shortened_while_held() {
        if std::env::var_os(PURGE_DELAY_ENV).is_some() {
            return;
        }
        // mimalloc's default purge delay where nothing set it (1000 ms in version 3, 10 in
        // version 2; 10 too while another test holds it): the index names that option
        let before = purge_delay();
        assert!(before == 1000 || before == 10, "{before}");
        let a = Purge::soon();
        let b = Purge::soon();
        assert_eq!(purge_delay(), Purge::MS);
        drop(a);
        assert_eq!(purge_delay(), Purge::MS);
        drop(b);
    }
}
