//! How much work the server takes on: at most [`Config::max_work`] requests are worked on at
//! once, and at most [`Config::max_queue`] more are admitted (their upload read, waiting their
//! turn, or their answer being sent: a request holds its place until its answer has gone out,
//! [`Ticket`]); the rest are answered 503 with a Chinese message. A request is admitted once its
//! upload is in, not at its head: uploads in progress are bounded instead by the bytes they hold
//! ([`Steady`] draws each chunk from one budget of (max_work + max_queue) × max_upload; past it
//! the upload ends with 503) — so the memory of uploads held keeps that bound, and a client that
//! sends a head and nothing else holds a connection only, never a place. (Admitted at the head,
//! 20 such clients reconnecting each time the stall rule cut them held every place for ever at
//! two connections a second: 1 small request of 188 answered in 40 s, the sixth probe.) A request that
//! ends (its time is up, or the client went away) cancels its work: the work checks [`Cancel`]
//! between stages and while writing its answer, and its slot is held until the work has really
//! stopped, so abandoned work can never pile up. Every answer is written into [`Answer`], which
//! refuses to grow past [`Config::max_answer`]. The work never runs on the async runtime's
//! threads: on a blocking thread (a panic there is a 500, the server goes on), or in a worker
//! process ([`super::isolate`]) when the server was started from the command line.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::http::StatusCode;

use super::Config;
use super::flow::{Ended, Spout};
use super::inputs::ApiError;
use super::job::{Job, Reply, ReplyBody, ReplyHead};

/// The server's shared state: its limits and the slots for work.
#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    /// The slots for work, given to the waiting requests smallest upload first (aged by their
    /// wait: [`super::queue`]).
    queue: Arc<super::queue::Queue>,
    /// Requests admitted and not yet answered.
    admitted: AtomicUsize,
    /// Bytes of uploads received and not yet released (their request answered).
    held: AtomicUsize,
}

/// The bytes one request's upload drew from the server's budget ([`Steady`]), given back when
/// dropped: when its request is answered, or its connection is gone mid-upload.
pub struct Held {
    shared: Arc<Shared>,
    bytes: Arc<AtomicUsize>,
}

impl Held {
    pub fn new(shared: Arc<Shared>) -> Held {
        Held {
            shared,
            bytes: Arc::default(),
        }
    }

    /// The count the request's body adds its bytes to.
    pub fn counter(&self) -> Arc<AtomicUsize> {
        self.bytes.clone()
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let bytes = self.bytes.load(Ordering::Relaxed);
        self.shared.held.fetch_sub(bytes, Ordering::Relaxed);
    }
}

/// The message (and the mark a body's error carries) of an upload past the bytes that uploads
/// in progress may hold together.
pub const UPLOADS_FULL: &str = "服务器正忙：正在上传的数据已达上限";

/// Set when the request that asked for the work is gone.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Whether the work should stop.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The flag itself, for work that checks it as it goes ([`crate::eval::Options::cancel`]).
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// `Err` (a 408 that nobody will read) once cancelled: `cancel.check()?` between stages.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.is_set() {
            Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                crate::codes::WEB_CANCELLED,
                "请求已结束，处理已停止",
                None,
            ))
        } else {
            Ok(())
        }
    }
}

/// Sets the flag when dropped: the handler's future is dropped when the request's time is up.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.0.store(true, Ordering::Relaxed);
    }
}

/// A request admitted: counted until its answer has been sent, or its connection is gone
/// ([`Ticket::hold`]): an answer waiting for its reader holds its place, so the answers the
/// server holds are as bounded as the places, (max_work + max_queue) × max_answer. (Released
/// when the handler returned, finished answers waited for slow readers beyond any count: one
/// 256 MB answer every second or two, each held for the connection's life.)
pub struct Ticket(Arc<Shared>);

impl Drop for Ticket {
    fn drop(&mut self) {
        self.0.admitted.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Ticket {
    /// `response` with this ticket held by its body until the body is sent or dropped.
    pub fn hold(self, response: axum::response::Response) -> axum::response::Response {
        response.map(|inner| {
            axum::body::Body::new(Holding {
                inner,
                pending: axum::body::Bytes::new(),
                _ticket: self,
            })
        })
    }
}

/// A body that holds its request's [`Ticket`] until its last bytes are taken. Its data is
/// handed on [`HELD_CHUNK`] bytes at a time (slices of the same buffer, no copy): hyper asks
/// for the next only once its own buffer has room, so the ticket is held while the answer is
/// being sent, not only until hyper has taken it whole.
struct Holding {
    inner: axum::body::Body,
    /// Data taken from `inner`, not yet handed on.
    pending: axum::body::Bytes,
    _ticket: Ticket,
}

/// The bytes a [`Holding`] body hands on at a time.
const HELD_CHUNK: usize = 64 * 1024;

impl http_body::Body for Holding {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        let this = self.get_mut();
        if this.pending.is_empty() {
            match std::pin::Pin::new(&mut this.inner).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) => this.pending = data,
                    Err(frame) => return Poll::Ready(Some(Ok(frame))),
                },
                other => return other,
            }
        }
        let chunk = this.pending.split_to(this.pending.len().min(HELD_CHUNK));
        Poll::Ready(Some(Ok(http_body::Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.pending.is_empty() && self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        let inner = self.inner.size_hint();
        let pending = self.pending.len() as u64;
        let mut hint = http_body::SizeHint::new();
        hint.set_lower(inner.lower() + pending);
        if let Some(upper) = inner.upper() {
            hint.set_upper(upper + pending);
        }
        hint
    }
}

impl Shared {
    pub fn new(config: Config) -> Shared {
        Shared {
            queue: super::queue::Queue::new(config.max_work.max(1), config.timeout / 4),
            admitted: AtomicUsize::new(0),
            held: AtomicUsize::new(0),
            config,
        }
    }

    /// The bytes uploads in progress and admitted may hold together: (max_work + max_queue)
    /// × max_upload, the bound a count of places taken at the head gave.
    fn upload_budget(&self) -> usize {
        (self.config.max_work.max(1) + self.config.max_queue).saturating_mul(self.config.max_upload)
    }

    /// Takes `bytes` more from the upload budget, or `false` when they do not fit.
    fn hold(&self, bytes: usize) -> bool {
        let before = self.held.fetch_add(bytes, Ordering::Relaxed);
        if before.saturating_add(bytes) > self.upload_budget() {
            self.held.fetch_sub(bytes, Ordering::Relaxed);
            return false;
        }
        true
    }

    fn busy(&self) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::codes::WEB_BUSY,
            format!(
                "服务器正忙：已有 {} 个请求在处理、{} 个在排队，请稍后再试",
                self.config.max_work.max(1),
                self.config.max_queue
            ),
            Some("稍等片刻后重新提交；大批文件请用命令行 jixiao evaluate 处理"),
        )
    }

    /// Admit a request of `cost` upload bytes once its upload is read, or 503 when as many as
    /// `max_work + max_queue` are already in (at work, waiting, or their answers being sent)
    /// and no larger upload is waiting whose place it can take ([`super::queue::Queue::shed_larger`]:
    /// that one is answered 503 instead; until its handler has ended, one place more is taken).
    pub fn admit(self: &Arc<Self>, cost: u64) -> Result<Ticket, ApiError> {
        let cap = self.config.max_work.max(1) + self.config.max_queue;
        if self.admitted.fetch_add(1, Ordering::Relaxed) >= cap && !self.queue.shed_larger(cost) {
            self.admitted.fetch_sub(1, Ordering::Relaxed);
            // a client not reading its answer is let go sooner while others are refused
            super::slow_reader::Pressure::refused();
            return Err(self.busy());
        }
        Ok(Ticket(self.clone()))
    }

    /// Requests admitted and waiting for a slot.
    pub fn waiting(&self) -> usize {
        self.queue.waiting()
    }

    /// Do a request's work ([`Job`]) once a slot is free: in a worker process of its own when
    /// [`Config::worker`] names the program ([`super::isolate`]: a crash or an exhausted memory
    /// limit ends that process only, and a cancelled job is killed), else on a blocking thread.
    /// Its answer is sent on as it is made (`super::flow`).
    pub async fn run_job(&self, job: Job) -> Result<Reply, ApiError> {
        let head = job.head()?;
        let limit = job.limit;
        let cost = job.files.bytes();
        match self.config.worker.clone() {
            Some(program) => {
                let memory = self.config.work_memory;
                self.flow(head, cost, move |cancel, spout| {
                    super::isolate::run(&program, memory, job, cancel, spout)
                })
                .await
            }
            None => {
                self.flow(head, cost, move |cancel, spout| {
                    job.execute_into(&mut Answer::to(spout, limit, cancel))
                })
                .await
            }
        }
    }

    /// Run `work` on a blocking thread once a slot is free (in its turn among those waiting,
    /// by its upload's `cost` in bytes: [`super::queue`]), its answer written into a
    /// `Spout`: whole when it ends within the bytes the server holds, else sent on as it is
    /// made, the slot held (and the work cancelled when the body is dropped, sent or not)
    /// until the work ends. A panic answers 500 with a message, never a trace; after the
    /// status was sent, it ends the body with an error (never a quiet end).
    pub async fn flow(
        &self,
        head: ReplyHead,
        cost: u64,
        work: impl FnOnce(&Cancel, &mut Spout) -> Result<(), ApiError> + Send + 'static,
    ) -> Result<Reply, ApiError> {
        // (counted while it waits: a client not reading its answer is let go sooner)
        let waiting = super::slow_reader::Pressure::waiting();
        let permit = self.queue.take(cost).await.map_err(|_| self.busy())?;
        drop(waiting);
        let cancel = Cancel::default();
        let guard = CancelOnDrop(cancel.clone());
        let (spout, started) = Spout::new(self.config.max_answer.min(super::flow::HOLD));
        let task = tokio::task::spawn_blocking(move || {
            // the slot is freed when the work ends, not when the request does
            let _permit = permit;
            let mut spout = spout;
            let result = work(&cancel, &mut spout);
            spout.finish(result)
        });
        // the body once the held bytes are passed; else (the sender dropped) the work ended
        // within them
        if let Ok(flowing) = started.await {
            return Ok(Reply {
                head,
                body: ReplyBody::Flowing(flowing.holding(guard)),
            });
        }
        let ended = task.await;
        drop(guard);
        match ended {
            Ok(Ended::Whole(result)) => result.map(|bytes| Reply {
                head,
                body: ReplyBody::Whole(bytes),
            }),
            // sent on is seen above; a panic is the work's
            Ok(Ended::SentOn) | Err(_) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::codes::WEB_INTERNAL,
                "处理这个文件时程序出错",
                Some("这是 jixiao 的缺陷：请把文件和这条信息报告给维护者"),
            )),
        }
    }
}

/// An answer being written: refused past its limit, and stopped when the request is cancelled.
/// Kept in [`Answer::bytes`], or handed on as it is written ([`Answer::to`]: a worker's
/// standard output), so that the worker never holds its answer whole.
pub struct Answer<'c> {
    pub bytes: Vec<u8>,
    /// Where the bytes go as they are written; `None`: into `bytes`.
    sink: Option<&'c mut dyn Write>,
    written: usize,
    limit: usize,
    cancel: &'c Cancel,
    over: bool,
}

impl<'c> Answer<'c> {
    pub fn new(limit: usize, cancel: &'c Cancel) -> Self {
        Answer {
            bytes: Vec::new(),
            sink: None,
            written: 0,
            limit,
            cancel,
            over: false,
        }
    }

    /// An answer written on to `sink` as it goes, within the same limit.
    pub fn to(sink: &'c mut dyn Write, limit: usize, cancel: &'c Cancel) -> Self {
        Answer {
            sink: Some(sink),
            ..Answer::new(limit, cancel)
        }
    }

    /// The bytes written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// The most bytes the answer may hold.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The bytes that may still be written.
    pub fn room(&self) -> usize {
        self.limit.saturating_sub(self.written)
    }

    /// The cancel flag the answer stops at.
    pub fn cancel(&self) -> &'c Cancel {
        self.cancel
    }

    /// The error for a write that failed: too large (413), cancelled, or another.
    pub fn error(&self, e: &io::Error) -> ApiError {
        if self.over {
            return too_large(self.limit);
        }
        if let Err(cancelled) = self.cancel.check() {
            return cancelled;
        }
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::codes::WEB_RENDER,
            format!("生成结果失败：{e}"),
            None,
        )
    }

    /// `text` written whole, or the error the write gives ([`Answer::error`]).
    pub fn put(&mut self, text: &str) -> Result<(), ApiError> {
        self.write_all(text.as_bytes()).map_err(|e| self.error(&e))
    }
}

/// 413 for an answer past the limit.
pub fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        crate::codes::WEB_ANSWER_TOO_LARGE,
        format!(
            "结果太大：超过 {} MB 的上限，已停止生成",
            limit / (1024 * 1024)
        ),
        Some(
            "上传较小的文件（如按单位拆分），或用命令行 jixiao 处理；启动时可用 --max-answer-mb 放宽",
        ),
    )
}

impl Write for Answer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.cancel.is_set() {
            return Err(io::Error::other("cancelled"));
        }
        if self.written.saturating_add(buf.len()) > self.limit {
            self.over = true;
            return Err(io::Error::other("answer too large"));
        }
        match &mut self.sink {
            Some(sink) => sink.write_all(buf)?,
            None => self.bytes.extend_from_slice(buf),
        }
        self.written += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Some(sink) => sink.flush(),
            None => Ok(()),
        }
    }
}

/// An upload that must keep moving: after a grace period (`grace`: the header timeout), it must
/// have brought at least `rate` bytes a second on average over the whole upload so far, and it
/// may never be silent longer than `grace` (no byte at all), else it ends with an error (408
/// `web.stalled`, its bytes given back). A minimum rate over the whole upload, not a minimum in
/// each window: a client that trickles just enough for every window (70 KB every 5 s) would
/// otherwise hold an admission slot for the whole request timeout, and a few of them every
/// slot. The longest silence besides: the rate alone lets a client that sent most of a large
/// body quickly then stall on credit (45 MB in a second earns 350 s at 128 KB/s), holding its
/// bytes of the uploads' budget and its connection until the request timeout.
pub struct Steady {
    inner: axum::body::Body,
    grace: std::time::Duration,
    rate: u64,
    got: u64,
    start: tokio::time::Instant,
    /// When the last bytes arrived (the start until the first).
    last: tokio::time::Instant,
    /// Armed at a deadline no later than [`Steady::deadline`]: moved on only when it fires
    /// (resetting a timer for every chunk cost more than the chunk, H180).
    timer: std::pin::Pin<Box<tokio::time::Sleep>>,
    /// The pieces (chunks) the body came in so far ([`MIN_CHUNK_BYTES`]).
    frames: u64,
    /// The server, whose upload budget each chunk is drawn from.
    shared: Arc<Shared>,
    /// The bytes this upload drew, given back when its request is answered.
    held: Arc<AtomicUsize>,
}

/// The least average rate of an upload, bytes a second (a slow local network moves megabytes
/// a second; the largest upload, 50 MB, needs 850 KB/s to arrive within the 60 s timeout).
pub const MIN_UPLOAD_RATE: u64 = 128 * 1024;

impl Steady {
    /// `held` counts the bytes drawn from `shared`'s upload budget ([`Held::counter`]: given
    /// back when the request's [`Held`] is dropped).
    pub fn new(
        inner: axum::body::Body,
        grace: std::time::Duration,
        rate: u64,
        shared: Arc<Shared>,
        held: Arc<AtomicUsize>,
    ) -> Steady {
        let start = tokio::time::Instant::now();
        Steady {
            inner,
            grace,
            rate: rate.max(1),
            got: 0,
            start,
            last: start,
            timer: Box::pin(tokio::time::sleep_until(start + grace)),
            frames: 0,
            shared,
            held,
        }
    }

    /// When the upload falls behind the rate unless more arrives (the grace, plus the time the
    /// bytes so far are worth at the rate), or has been silent the longest allowed (the grace
    /// after its last bytes), whichever comes first.
    fn deadline(&self) -> tokio::time::Instant {
        self.rate_deadline().min(self.silence_deadline())
    }

    fn rate_deadline(&self) -> tokio::time::Instant {
        let earned = std::time::Duration::from_secs_f64(self.got as f64 / self.rate as f64);
        self.start + self.grace + earned
    }

    fn silence_deadline(&self) -> tokio::time::Instant {
        self.last + self.grace
    }

    /// The timer polled: pending while the upload's deadline is ahead (the timer moved on to
    /// it where it fired early), the stall's error once it has passed.
    fn fired(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<axum::body::Bytes>, axum::Error>>> {
        use std::future::Future;
        use std::task::Poll;
        loop {
            if self.timer.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let deadline = self.deadline();
            if deadline <= self.timer.deadline() {
                return Poll::Ready(Some(Err(axum::Error::new(io::Error::new(
                    io::ErrorKind::TimedOut,
                    self.why(),
                )))));
            }
            self.timer.as_mut().reset(deadline);
        }
    }

    /// Why the upload is ended when its deadline passes.
    fn why(&self) -> &'static str {
        if self.got > 0 && self.silence_deadline() <= self.rate_deadline() {
            SILENT
        } else {
            STALLED
        }
    }
}

/// The pieces an upload may come in besides one for every [`MIN_CHUNK_BYTES`] bytes it brings.
pub const FREE_CHUNKS: u64 = 65_536;

/// The least average size of an upload's pieces (its chunks, `Transfer-Encoding: chunked`) past
/// [`FREE_CHUNKS`]: every piece costs the server about a microsecond whatever its size (the
/// connection's hand-over, the multipart reader, this rule), and a body of a million one-byte
/// chunks (6 MB on the wire for 1 MB) took 1.1 s of the server's CPU where the same bytes in one
/// piece took 0.1 s. Browsers send a form's files in one piece; a client streaming lines sends
/// tens of bytes a piece at the least.
pub const MIN_CHUNK_BYTES: u64 = 16;

/// The error of an upload in pieces too small ([`MIN_CHUNK_BYTES`]).
pub const TINY_CHUNKS: &str = "上传的分块太小：平均每块不足 16 字节（Transfer-Encoding: chunked），服务器逐块处理的开销远超数据本身";

/// The error a stalled upload ends with.
pub const STALLED: &str = "上传停滞或太慢：客户端送来数据的平均速度低于每秒 128 KB";

/// The error of an upload that sent bytes, then none for longer than the header timeout.
pub const SILENT: &str = "上传停滞：已送来部分数据，之后长时间没有再收到任何数据";

impl http_body::Body for Steady {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        let this = self.get_mut();
        match std::pin::Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if !this.shared.hold(data.len()) {
                        return Poll::Ready(Some(Err(axum::Error::new(io::Error::other(
                            UPLOADS_FULL,
                        )))));
                    }
                    this.held.fetch_add(data.len(), Ordering::Relaxed);
                    this.got += data.len() as u64;
                    this.frames += 1;
                    if this.frames > FREE_CHUNKS + this.got / MIN_CHUNK_BYTES {
                        return Poll::Ready(Some(Err(axum::Error::new(io::Error::other(
                            TINY_CHUNKS,
                        )))));
                    }
                    // the deadline only moves later as bytes arrive: the timer, armed earlier,
                    // is moved on when it fires (`fired`), not at every chunk
                    this.last = tokio::time::Instant::now();
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Pending => this.fired(cx),
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_stops_at_its_limit_and_when_cancelled() {
        let cancel = Cancel::default();
        let mut a = Answer::new(10, &cancel);
        a.write_all(b"0123456789").unwrap();
        let e = a.write_all(b"x").unwrap_err();
        assert_eq!(a.error(&e).status, StatusCode::PAYLOAD_TOO_LARGE);
        let mut b = Answer::new(10, &cancel);
        cancel.0.store(true, Ordering::Relaxed);
        let e = b.write_all(b"x").unwrap_err();
        assert_eq!(b.error(&e).status, StatusCode::REQUEST_TIMEOUT);
    }

    #[test]
    fn an_answer_handed_on_keeps_nothing_and_stops_at_the_same_limit() {
        let cancel = Cancel::default();
        let mut sink = Vec::new();
        let mut a = Answer::to(&mut sink, 10, &cancel);
        a.write_all(b"01234").unwrap();
        a.write_all(b"56789").unwrap();
        assert!(a.bytes.is_empty());
        assert_eq!((a.written(), a.room()), (10, 0));
        let e = a.write_all(b"x").unwrap_err();
        assert_eq!(a.error(&e).status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(sink, b"0123456789");
    }
}
