//! The slots for work and the order the waiting requests get them (issue 27, H162).
//!
//! A request waiting for a slot is served in the order of its *turn*: the moment it began to
//! wait, pushed back by its upload's size at [`PRIORITY_RATE`] (a MB waits a second more), at
//! most by [`Queue::new`]'s cap. One form dropped on the page is no longer answered behind every
//! large upload that came a moment before it (a FIFO served 8 uploads of a 3,000-project sheet
//! first: the sample waited for all of them), and a large upload still gets its turn within
//! the cap however many small ones follow. When every place is taken ([`super::work`]'s
//! admission), a request may take the place of the largest upload still waiting if that one
//! is larger than its own ([`Queue::shed_larger`]): the large one is answered 503 and may come
//! again, where before the small one was refused and the large ones, perhaps hostile, kept
//! every place. What this does not own: admission counting, cancelling work (a waiting request
//! whose time is up simply stops waiting: its place in the line is dropped with it).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

/// Bytes of upload that push a request's turn back by a second.
pub const PRIORITY_RATE: u64 = 1024 * 1024;

/// The slots for work, and the requests waiting for one.
#[derive(Debug)]
pub struct Queue {
    state: Mutex<State>,
    /// The most a request's turn is pushed back by its size.
    cap: Duration,
}

#[derive(Debug)]
struct State {
    free: usize,
    /// Arrival order, to break ties between equal turns.
    next: u64,
    /// Few (at most the server's places): searched, not kept sorted.
    waiting: Vec<Waiting>,
}

#[derive(Debug)]
struct Waiting {
    turn: Instant,
    seq: u64,
    cost: u64,
    tx: oneshot::Sender<Result<Slot, Shed>>,
}

/// A request given up while it waited, to let a smaller one in: answered 503.
#[derive(Debug)]
pub struct Shed;

/// One slot for work, given back to the queue (to the next in turn) when dropped.
#[derive(Debug)]
pub struct Slot {
    queue: Option<Arc<Queue>>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(q) = self.queue.take() {
            q.release();
        }
    }
}

impl Slot {
    /// The slot without giving it back (handed to the next in turn instead).
    fn disarm(mut self) {
        self.queue = None;
    }
}

impl Queue {
    /// `slots` slots; a request's turn pushed back by its size at most `cap`.
    pub fn new(slots: usize, cap: Duration) -> Arc<Queue> {
        Arc::new(Queue {
            state: Mutex::new(State {
                free: slots.max(1),
                next: 0,
                waiting: Vec::new(),
            }),
            cap,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // a panic while the lock was held leaves the counts as they were: go on with them
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Requests waiting for a slot.
    pub fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }

    /// A slot for a request of `cost` upload bytes: at once when one is free and nobody
    /// waits, else in its turn; `Err(Shed)` when a smaller request took its place.
    pub async fn take(self: &Arc<Self>, cost: u64) -> Result<Slot, Shed> {
        let rx = {
            let mut s = self.lock();
            if s.free > 0 && s.waiting.is_empty() {
                s.free -= 1;
                return Ok(Slot {
                    queue: Some(self.clone()),
                });
            }
            let back = Duration::from_secs_f64(cost as f64 / PRIORITY_RATE as f64).min(self.cap);
            let (tx, rx) = oneshot::channel();
            let seq = s.next;
            s.next += 1;
            s.waiting.push(Waiting {
                turn: Instant::now() + back,
                seq,
                cost,
                tx,
            });
            rx
        };
        // dropped while waiting (the request's time is up): its entry's sender finds the
        // receiver gone and the slot goes to the next; a slot sent and never received is
        // dropped with the channel, and so given back
        rx.await.unwrap_or(Err(Shed))
    }

    /// A slot given back: to the waiting request whose turn comes first, else freed.
    fn release(self: Arc<Self>) {
        let mut s = self.lock();
        loop {
            let Some(first) =
                (0..s.waiting.len()).min_by_key(|&i| (s.waiting[i].turn, s.waiting[i].seq))
            else {
                s.free += 1;
                return;
            };
            let w = s.waiting.swap_remove(first);
            let slot = Slot {
                queue: Some(self.clone()),
            };
            match w.tx.send(Ok(slot)) {
                Ok(()) => return,
                // that request stopped waiting: the next one
                Err(back) => {
                    if let Ok(slot) = back {
                        slot.disarm();
                    }
                }
            }
        }
    }

    /// Gives up the largest waiting request if it is larger than `cost` bytes (it is
    /// answered 503): `true` when one was given up, its place free for the newcomer.
    pub fn shed_larger(&self, cost: u64) -> bool {
        let mut s = self.lock();
        // entries whose request stopped waiting are no one's: dropped first
        s.waiting.retain(|w| !w.tx.is_closed());
        let Some(largest) =
            (0..s.waiting.len()).max_by_key(|&i| (s.waiting[i].cost, s.waiting[i].seq))
        else {
            return false;
        };
        if s.waiting[largest].cost <= cost {
            return false;
        }
        let w = s.waiting.swap_remove(largest);
        drop(s);
        // its request may have stopped waiting just now: its place is free all the same
        let _ = w.tx.send(Err(Shed));
        true
    }
}
