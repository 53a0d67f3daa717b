//! A connection whose client stops reading its answer, or reads it too slowly, is closed: a
//! write to it that stays blocked (the client's window full, nothing taken) longer than the
//! longest silence — the header timeout, as for a stalled upload — ends the connection, and with
//! it the answer (and the work making it) the server held for it; so does an answer that, once
//! its writes first blocked, falls behind [`MIN_ANSWER_RATE`] on average (the silence as grace).
//!
//! Without the first, a finished answer waited for its reader for the connection's whole life
//! (twice the request timeout plus the header timeout): clients that asked for large answers (an
//! `inspect` tree, a page of downloads) and never read them held the answers in the server's
//! own memory, 20 of them 100 MB (H47), up to the answer limit each — a way past the worker's
//! memory limit to the server's. Without the second, a client reading slowly but steadily (a
//! few KB every few seconds: never silent long enough) held its admission place, and now that
//! answers are sent on as they are made its work slot too, for the connection's whole life
//! (H52). A client reading at the rate or faster is never cut; the connection's life still
//! bounds every one.
//!
//! A client let go is reset ([`Discard`]), not closed in order: closed in order, what the
//! kernel had taken of its answer (its send buffer, ~4 MB on loopback) stayed in the machine's
//! memory, still sent to it at its own pace long after the server had let it go, for as long
//! as it kept reading a little (FIN-WAIT-1, no longer counted among the server's connections:
//! one such client per request, each holding its buffer; a 20 KB/s reader cut at 10 s still
//! held 2.4 MB at 145 s, issue 27, H97).
//!
//! **While others wait** ([`Pressure`]: a request waits for a work slot, or one was refused a
//! place in the last [`PRESSURE_WINDOW`]), a write may stay blocked [`BUSY_SILENCE`] only: a
//! client that takes nothing of its answer for that long is let go at once, and its place and
//! slot with it. Before, 30 clients that sent a request each and never read their answers held
//! every place for about 52 s (each let go only after the whole silence, two at a time), and
//! everyone else was answered 503 (issue 27, H138). A client reading at all (a write going
//! through within the second) is never cut by it; when nobody waits, the silence is as before.

use std::future::Future as _;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// The least average rate at which a client must read an answer once it has fallen behind,
/// bytes a second: the same as an upload's least rate ([`super::work::MIN_UPLOAD_RATE`]).
pub const MIN_ANSWER_RATE: u64 = super::work::MIN_UPLOAD_RATE;

/// A pause in writing longer than this begins a new answer (the next request of a connection
/// kept open): its reading is timed afresh.
const NEW_ANSWER: Duration = Duration::from_secs(1);

/// The longest a write may stay blocked while others wait for a place or a slot ([`Pressure`]).
pub const BUSY_SILENCE: Duration = Duration::from_secs(1);

/// How long a request refused a place keeps the server under pressure.
pub const PRESSURE_WINDOW: Duration = Duration::from_secs(2);

/// How often a blocked write looks at the pressure once past [`BUSY_SILENCE`].
const PRESSURE_TICK: Duration = Duration::from_millis(200);

/// Whether others wait: requests waiting for a work slot, and when one was last refused a
/// place (the process's: one server a process).
pub struct Pressure;

/// Requests waiting for a work slot.
static WAITING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// When a request was last refused a place, in ms after [`since`] (0: never).
static REFUSED_AT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The instant the pressure's times are counted from.
fn since() -> std::time::Instant {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *START.get_or_init(std::time::Instant::now)
}

/// A request waiting for a work slot, counted until dropped ([`Pressure::waiting`]).
pub struct Waiting(());

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Pressure {
    /// A request begins to wait for a work slot (until the guard is dropped).
    pub fn waiting() -> Waiting {
        WAITING.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Waiting(())
    }

    /// A request was refused a place.
    pub fn refused() {
        let ms = since().elapsed().as_millis().max(1);
        REFUSED_AT.store(
            u64::try_from(ms).unwrap_or(u64::MAX),
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// Whether others wait now.
    pub fn on() -> bool {
        if WAITING.load(std::sync::atomic::Ordering::Relaxed) > 0 {
            return true;
        }
        let at = REFUSED_AT.load(std::sync::atomic::Ordering::Relaxed);
        at != 0 && since().elapsed().saturating_sub(Duration::from_millis(at)) < PRESSURE_WINDOW
    }
}

/// A connection that can drop what it has not yet sent when it is let go.
pub trait Discard {
    /// The connection's close made a reset: the bytes the client has not taken are dropped
    /// with it, not sent on at the client's pace.
    fn discard_unsent(&self);
}

impl Discard for tokio::net::TcpStream {
    fn discard_unsent(&self) {
        // `SO_LINGER` of zero: the close is a reset, and never waits
        let _ = self.set_zero_linger();
    }
}

/// A stream whose writes may not stay blocked longer than `silence`, nor fall behind
/// [`MIN_ANSWER_RATE`] on average once they first blocked.
pub struct Patient<S> {
    inner: S,
    silence: Duration,
    rate: u64,
    /// Armed while a write is blocked: when it fires, the write fails.
    timer: Option<Pin<Box<Sleep>>>,
    /// When the write now blocked began to be.
    blocked: Option<Instant>,
    /// The answer being read slowly: when its writes first blocked, and the bytes written
    /// since. Timed from its first blocked write, not its first byte: the kernel's buffers
    /// (several MB on loopback) take an answer's first bytes at once, which would otherwise
    /// earn a slow reader half a minute of credit.
    behind: Option<(Instant, u64)>,
    /// When the last write went through.
    last: Option<Instant>,
}

impl<S: Discard> Patient<S> {
    pub fn new(inner: S, silence: Duration) -> Patient<S> {
        Patient {
            inner,
            silence,
            rate: MIN_ANSWER_RATE,
            timer: None,
            blocked: None,
            behind: None,
            last: None,
        }
    }

    /// When a blocked write fails: the longest silence after it began, or when the answer
    /// falls behind the least rate (the silence, plus the time its bytes since it first
    /// blocked are worth at the rate), whichever comes first.
    fn deadline(&self, blocked: Instant, (since, bytes): (Instant, u64)) -> Instant {
        let earned = Duration::from_secs_f64(bytes as f64 / self.rate as f64);
        (blocked + self.silence).min(since + self.silence + earned)
    }

    /// What a write that returned `poll` becomes: blocked too long, or behind the rate, an
    /// error.
    fn watch(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        let now = Instant::now();
        match poll {
            Poll::Pending => {
                let blocked = *self.blocked.get_or_insert(now);
                let behind = *self.behind.get_or_insert((now, 0));
                let deadline = self.deadline(blocked, behind);
                loop {
                    let now = Instant::now();
                    let why = if now >= deadline {
                        Some(if deadline == blocked + self.silence {
                            "the client stopped reading its answer"
                        } else {
                            "the client reads its answer too slowly"
                        })
                    } else if now >= blocked + BUSY_SILENCE && Pressure::on() {
                        Some("the client stopped reading its answer while others wait")
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        self.inner.discard_unsent();
                        return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, why)));
                    }
                    // woken at the deadline, or to look at the pressure again
                    let look = (blocked + BUSY_SILENCE).max(now + PRESSURE_TICK);
                    let wake = deadline.min(look);
                    let timer = self
                        .timer
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(wake)));
                    if timer.deadline() != wake {
                        timer.as_mut().reset(wake);
                    }
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                }
            }
            Poll::Ready(Ok(n)) => {
                if let Some((_, bytes)) = &mut self.behind {
                    *bytes += n as u64;
                }
                self.last = Some(now);
                self.blocked = None;
                self.timer = None;
                Poll::Ready(Ok(n))
            }
            done => {
                self.blocked = None;
                self.timer = None;
                done
            }
        }
    }

    /// Before a write: a pause since the last one longer than [`NEW_ANSWER`] begins a new
    /// answer.
    fn begin(&mut self) {
        if self.blocked.is_none() && self.last.is_none_or(|last| last.elapsed() > NEW_ANSWER) {
            self.behind = None;
        }
    }

    /// What a flush that returned `poll` becomes: blocked longer than the silence, an error.
    fn watch_flush(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<()>>,
    ) -> Poll<io::Result<()>> {
        match poll {
            Poll::Pending => {
                let silence = self.silence;
                let timer = self.timer.get_or_insert_with(|| {
                    Box::pin(tokio::time::sleep_until(Instant::now() + silence))
                });
                match timer.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        self.inner.discard_unsent();
                        Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "the client stopped reading its answer",
                        )))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
            done => {
                self.timer = None;
                done
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Patient<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin + Discard> AsyncWrite for Patient<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.begin();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(cx, poll)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.begin();
        let poll = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch_flush(cx, poll)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A client that takes `chunk` bytes every `every`, and nothing between.
    struct Trickle {
        chunk: usize,
        every: Duration,
        next: Pin<Box<Sleep>>,
        /// Whether it was let go with its unsent bytes dropped.
        discarded: std::rc::Rc<std::cell::Cell<bool>>,
    }

    impl Trickle {
        fn new(chunk: usize, every: Duration) -> Trickle {
            Trickle {
                chunk,
                every,
                next: Box::pin(tokio::time::sleep(every)),
                discarded: Default::default(),
            }
        }
    }

    impl Discard for Trickle {
        fn discard_unsent(&self) {
            self.discarded.set(true);
        }
    }

    impl AsyncWrite for Trickle {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            let this = self.get_mut();
            match this.next.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    let every = this.every;
                    this.next.as_mut().reset(Instant::now() + every);
                    Poll::Ready(Ok(buf.len().min(this.chunk)))
                }
                Poll::Pending => Poll::Pending,
            }
        }

        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    /// Writes `bytes` to a client taking `chunk` every `every` behind a 300 ms silence: how
    /// long it took, and whether it was let go.
    fn write_to(chunk: usize, every: Duration, bytes: usize) -> (Duration, io::Result<()>) {
        let (took, result, _) = write_to_seen(chunk, every, bytes);
        (took, result)
    }

    /// [`write_to`], and whether the client's unsent bytes were dropped.
    fn write_to_seen(
        chunk: usize,
        every: Duration,
        bytes: usize,
    ) -> (Duration, io::Result<()>, bool) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        rt.block_on(async move {
            let trickle = Trickle::new(chunk, every);
            let discarded = trickle.discarded.clone();
            let mut client = Patient::new(trickle, Duration::from_millis(300));
            let start = std::time::Instant::now();
            let data = vec![b'x'; bytes];
            let mut left = &data[..];
            let result = loop {
                if left.is_empty() {
                    break Ok(());
                }
                match std::future::poll_fn(|cx| Pin::new(&mut client).poll_write(cx, left)).await {
                    Ok(n) => left = &left[n..],
                    Err(e) => break Err(e),
                }
            };
            (start.elapsed(), result, discarded.get())
        })
    }

    #[test]
    fn a_client_reading_slowly_but_steadily_is_let_go_and_one_at_the_rate_is_not() {
        // issue 27 (H52): each write of this client goes through within a tenth of a second
        // (never silent for the 300 ms), but it takes 4 KB a time: 40 KB/s, below the 128 KB/s
        // least rate. Before, it was served for the connection's whole life (its 1 MB here, 25 s)
        let (took, result) = write_to(4096, Duration::from_millis(100), 1 << 20);
        let e = result.expect_err("a slow reader is let go");
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(e.to_string().contains("too slowly"), "{e}");
        // the silence, then the rate: behind after about 0.3 / (1 - 40/128) = 0.44 s
        assert!(took < Duration::from_secs(5), "{took:?}");
        // a client taking 64 KB every 20 ms (3.2 MB/s) is served whole
        let (_, result) = write_to(64 * 1024, Duration::from_millis(20), 4 << 20);
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn a_client_let_go_has_its_unsent_bytes_dropped_and_one_served_whole_not() {
        // the kernel's buffered answer was sent on to a client let go, at its pace, long
        // after the server had closed it (H97)
        let (_, result, discarded) = write_to_seen(4096, Duration::from_millis(100), 1 << 20);
        assert!(result.is_err());
        assert!(discarded, "let go with its unsent bytes kept");
        let (_, result, discarded) = write_to_seen(1, Duration::from_secs(1), 10);
        assert!(result.is_err(), "a silent client is let go");
        assert!(discarded, "let go with its unsent bytes kept");
        let (_, result, discarded) = write_to_seen(64 * 1024, Duration::from_millis(20), 1 << 20);
        assert!(result.is_ok(), "{result:?}");
        assert!(!discarded);
    }
}
