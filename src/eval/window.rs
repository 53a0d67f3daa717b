//! How far ahead of the writer a streamed run's workers may go (`eval::stream`): the writer puts
//! blocks back in file order, so while one worker is slow on a block (a heavy project, a thread
//! the system left waiting) the others' later blocks pile up at the writer. The window holds a
//! worker before it starts a block more than [`Window::ahead`] past the first block not yet
//! written, so the writer never holds more than that many blocks out of order (memory stays a
//! bounded number of blocks, not a share of the file).
//!
//! The block being waited for is never held back (its number is below the window's end); the
//! window opens for good when a worker or the writer stops (a failed run, a panic), so no
//! worker waits for a block that will never be written.

use std::sync::{Condvar, Mutex};

/// The window: the first block not yet written, and whether it is open for good.
pub struct Window {
    state: Mutex<(usize, bool)>,
    moved: Condvar,
    ahead: usize,
}

impl Window {
    /// A window of `ahead` blocks (at least one) past the first not yet written.
    pub fn new(ahead: usize) -> Self {
        Window {
            state: Mutex::new((0, false)),
            moved: Condvar::new(),
            ahead: ahead.max(1),
        }
    }

    /// Waits until block `seq` is within the window (or the window is open).
    pub fn wait_for(&self, seq: usize) {
        let Ok(mut s) = self.state.lock() else { return };
        while !s.1 && seq >= s.0 + self.ahead {
            s = match self.moved.wait(s) {
                Ok(s) => s,
                Err(_) => return,
            };
        }
    }

    /// The writer has written every block before `next`.
    pub fn written(&self, next: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.0 = next;
        }
        self.moved.notify_all();
    }

    /// Opens the window for good (a thread stopped: no block is held back any more).
    pub fn open(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.1 = true;
        }
        self.moved.notify_all();
    }
}

/// Opens the window when dropped: a thread that stops, whatever the reason (its work done, a
/// failed run, a panic), never leaves another waiting for it.
pub struct OpensOnDrop<'a>(pub &'a Window);

impl Drop for OpensOnDrop<'_> {
    fn drop(&mut self) {
        self.0.open();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn a_block_past_the_window_waits_for_the_writer() {
        let w = Window::new(2);
        w.wait_for(0);
        w.wait_for(1); // within: no wait
        let started = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                w.wait_for(2);
                started.store(true, Ordering::SeqCst);
            });
            std::thread::sleep(Duration::from_millis(50));
            assert!(
                !started.load(Ordering::SeqCst),
                "block 2 started before block 0 was written"
            );
            w.written(1);
        });
        assert!(started.load(Ordering::SeqCst));
    }

    #[test]
    fn an_open_window_holds_nothing_back() {
        let w = Window::new(1);
        std::thread::scope(|s| {
            s.spawn(|| w.wait_for(100));
            std::thread::sleep(Duration::from_millis(20));
            drop(OpensOnDrop(&w));
        });
        w.wait_for(1000);
    }
}
