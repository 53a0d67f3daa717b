//! An answer handed to its client as the work makes it: the work writes into a [`Spout`], which
//! holds the answer's first bytes ([`HOLD`], or the answer limit when that is smaller) and, past
//! them, sends the answer on to the response's body ([`Flowing`]) through a channel of a few
//! chunks ([`CHANNEL`] × [`CHUNK`]), the work waiting while the client reads slower than it
//! writes. The server then holds at most the held bytes and the channel of an answer, never the
//! answer whole: a 42 MB upload's `/api/review` (a 190 MB answer) was held whole by the server
//! once its worker had written it (issue 27, H52).
//!
//! The status is decided when the held bytes are passed. An answer that ends (well, or with an
//! error) within them is answered whole, with its status, as before: every 400, 413 and 500 of
//! an answer within 8 MB, and of every answer when the answer limit is 8 MB or less
//! (`--max-answer-mb 8`), is the JSON error it always was. The server holds at most that much
//! an admitted request: (max-work + max-queue) × 8 MB, where it held up to the answer limit
//! each (256 MB). Past them the status is 200 and the body goes out as it comes (chunked). An error after
//! that (the answer limit passed, the worker crashed, the request cancelled) can no longer
//! change the status: the body then ends with an error, which closes the connection before the
//! chunked body's last chunk — a client sees an incomplete answer (curl: "transfer closed with
//! outstanding read data remaining", exit 18), never a shorter one that looks whole. A work that
//! ends without saying how (a panic on its thread) is such an error too, never a quiet end. The
//! page writes its own Chinese box instead (`super::page`).

use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::Bytes;
use axum::http::StatusCode;
use tokio::sync::{mpsc, oneshot};

use super::inputs::ApiError;

/// The most bytes of an answer held before it is sent on (its status then 200).
pub const HOLD: usize = 8 * 1024 * 1024;

/// The bytes a [`Spout`] sends on at a time, past the held bytes.
pub const CHUNK: usize = 64 * 1024;

/// Chunks waiting between the work and the client at most.
pub const CHANNEL: usize = 8;

/// What the work sends on past the held bytes.
enum Piece {
    Data(Bytes),
    /// The work failed after the status was sent.
    Failed(ApiError),
}

/// The work's side of an answer: a `Write` that holds the first bytes, then sends them on.
pub struct Spout {
    hold: usize,
    held: Vec<u8>,
    /// Until the held bytes are passed: where the answer's body is handed to the response.
    start: Option<oneshot::Sender<Flowing>>,
    /// After: the channel to the response's body, and the bytes not yet sent on.
    tx: Option<mpsc::Sender<Piece>>,
    pending: Vec<u8>,
    /// Set when the work ended well after the held bytes were passed: the body ends cleanly
    /// only then.
    done: Arc<AtomicBool>,
}

/// How a work that wrote into a [`Spout`] ended: the answer kept whole (or its error), or sent
/// on ([`Flowing`], given to the response already).
pub enum Ended {
    Whole(Result<Vec<u8>, ApiError>),
    SentOn,
}

impl Spout {
    /// A spout that holds up to `hold` bytes; the receiver gets the body once they are passed
    /// (never, when the work ends within them: the sender is then dropped).
    pub fn new(hold: usize) -> (Spout, oneshot::Receiver<Flowing>) {
        let (start, started) = oneshot::channel();
        (
            Spout {
                hold,
                held: Vec::new(),
                start: Some(start),
                tx: None,
                pending: Vec::new(),
                done: Arc::default(),
            },
            started,
        )
    }

    /// Whether the held bytes were passed (the status sent).
    pub fn sent_on(&self) -> bool {
        self.tx.is_some()
    }

    fn gone() -> io::Error {
        io::Error::new(io::ErrorKind::BrokenPipe, "the client is gone")
    }

    /// Past the held bytes: the body handed to the response with what was held.
    fn begin(&mut self) -> io::Result<()> {
        let (tx, rx) = mpsc::channel(CHANNEL);
        let flowing = Flowing {
            first: Some(Bytes::from(std::mem::take(&mut self.held))),
            rx,
            done: self.done.clone(),
            guard: None,
        };
        let start = self.start.take().ok_or_else(Self::gone)?;
        start.send(flowing).map_err(|_| Self::gone())?;
        self.tx = Some(tx);
        Ok(())
    }

    fn send_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let data = Bytes::from(std::mem::replace(
            &mut self.pending,
            Vec::with_capacity(CHUNK),
        ));
        let tx = self.tx.as_ref().ok_or_else(Self::gone)?;
        tx.blocking_send(Piece::Data(data))
            .map_err(|_| Self::gone())
    }

    /// The work's end, `result` its outcome: the whole answer (or its error) when the held
    /// bytes were never passed; else the rest sent on and the body ended (with an error on a
    /// failure, see the module's doc).
    pub fn finish(mut self, result: Result<(), ApiError>) -> Ended {
        if self.tx.is_none() {
            return Ended::Whole(result.map(|()| std::mem::take(&mut self.held)));
        }
        match result {
            Ok(()) => {
                if self.send_pending().is_ok() {
                    self.done.store(true, Ordering::Release);
                }
            }
            Err(e) => {
                if let Some(tx) = &self.tx {
                    let _ = tx.blocking_send(Piece::Failed(e));
                }
            }
        }
        Ended::SentOn
    }
}

impl Write for Spout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.tx.is_none() {
            if self.held.len() + buf.len() <= self.hold {
                // a small answer's first, then at once all that may be held, never grown by
                // doubling (the old and the new buffer held together while it grew): the
                // pages it never reaches are never touched
                if self.held.len() + buf.len() > self.held.capacity() {
                    let want = if self.held.capacity() == 0 {
                        CHUNK
                    } else {
                        self.hold
                    };
                    let want = want.max(self.held.len() + buf.len()).min(self.hold);
                    self.held.reserve_exact(want - self.held.len());
                }
                self.held.extend_from_slice(buf);
                return Ok(buf.len());
            }
            self.begin()?;
            self.pending.reserve(CHUNK);
        }
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            self.send_pending()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The response's side of an answer sent on as it is made: the held bytes, then the chunks.
pub struct Flowing {
    first: Option<Bytes>,
    rx: mpsc::Receiver<Piece>,
    done: Arc<AtomicBool>,
    /// Held for the body's life (the request's cancel: set when the body is dropped, sent or
    /// not, so that a client gone mid-answer stops the work).
    guard: Option<Box<dyn Send + Sync>>,
}

impl Flowing {
    /// The body holding `guard` until it is dropped.
    pub fn holding(mut self, guard: impl Send + Sync + 'static) -> Flowing {
        self.guard = Some(Box::new(guard));
        self
    }

    /// The next bytes, the error the work ended with, or the end.
    pub fn poll_piece(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, ApiError>>> {
        if let Some(first) = self.first.take().filter(|f| !f.is_empty()) {
            return Poll::Ready(Some(Ok(first)));
        }
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Piece::Data(data))) => Poll::Ready(Some(Ok(data))),
            Poll::Ready(Some(Piece::Failed(e))) => {
                self.rx.close();
                self.done.store(true, Ordering::Release);
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) if self.done.swap(true, Ordering::AcqRel) => Poll::Ready(None),
            // the work's side dropped without ending well: never a quiet end
            Poll::Ready(None) => Poll::Ready(Some(Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::codes::WEB_INTERNAL,
                "处理这个文件时程序出错，结果未能生成完",
                None,
            )))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl http_body::Body for Flowing {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        match self.get_mut().poll_piece(cx) {
            Poll::Ready(Some(Ok(data))) => Poll::Ready(Some(Ok(http_body::Frame::data(data)))),
            Poll::Ready(Some(Err(e))) => {
                // the status was sent: the connection ends before the body's last chunk
                eprintln!(
                    "jixiao serve: 结果发送中途出错，连接已结束：{}",
                    e.message()
                );
                Poll::Ready(Some(Err(axum::Error::new(io::Error::other(e.message())))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A response's body cut at its request's deadline: an answer sent on as it is made
/// ([`Flowing`]) has its status (200) out before its work ends, so the request's time limit
/// (`--timeout`) can no longer answer 408; past the deadline the body ends with an error (the
/// connection closes before the last chunk, as for any error after the status) and the inner
/// body is dropped, with it the request's cancel, which stops the work. A body whose length is
/// known (an answer held whole) is not wrapped: its work is done.
pub struct Deadline {
    inner: Option<axum::body::Body>,
    sleep: Pin<Box<tokio::time::Sleep>>,
    limit: std::time::Duration,
}

impl Deadline {
    /// `response` with its body cut at `deadline` (`limit` is the request's time limit, named
    /// in the log), unless the body's length is known.
    pub fn cut(
        response: axum::response::Response,
        deadline: tokio::time::Instant,
        limit: std::time::Duration,
    ) -> axum::response::Response {
        use http_body::Body as _;
        if response.body().size_hint().exact().is_some() {
            return response;
        }
        response.map(|inner| {
            axum::body::Body::new(Deadline {
                inner: Some(inner),
                sleep: Box::pin(tokio::time::sleep_until(deadline)),
                limit,
            })
        })
    }
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.inner = None; // the request's cancel goes with it: the work stops
            eprintln!(
                "jixiao serve: 请求超时：超过 {} 秒仍未发送完，处理已停止，连接已结束",
                this.limit.as_secs()
            );
            return Poll::Ready(Some(Err(axum::Error::new(io::Error::other("请求超时")))));
        }
        Pin::new(inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(|b| b.is_end_stream())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(mut body: Flowing) -> (Vec<u8>, Option<ApiError>) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async move {
            let mut got = Vec::new();
            loop {
                match std::future::poll_fn(|cx| body.poll_piece(cx)).await {
                    Some(Ok(b)) => got.extend_from_slice(&b),
                    Some(Err(e)) => return (got, Some(e)),
                    None => return (got, None),
                }
            }
        })
    }

    #[test]
    fn an_answer_within_the_held_bytes_is_whole_and_past_them_flows() {
        let (mut spout, started) = Spout::new(10);
        spout.write_all(b"0123456789").unwrap();
        assert!(!spout.sent_on());
        assert!(matches!(spout.finish(Ok(())), Ended::Whole(Ok(b)) if b == b"0123456789"));
        assert!(started.blocking_recv().is_err());

        let (mut spout, started) = Spout::new(10);
        let work = std::thread::spawn(move || {
            spout.write_all(b"0123456789").unwrap();
            for _ in 0..100 {
                spout.write_all(&[b'x'; 10_000]).unwrap();
            }
            matches!(spout.finish(Ok(())), Ended::SentOn)
        });
        let (got, err) = drain(started.blocking_recv().unwrap());
        assert!(work.join().unwrap());
        assert!(err.is_none());
        assert_eq!(got.len(), 10 + 1_000_000);
    }

    #[test]
    fn a_failure_past_the_held_bytes_ends_the_body_with_an_error_never_quietly() {
        for panics in [false, true] {
            let (mut spout, started) = Spout::new(4);
            let work = std::thread::spawn(move || {
                spout.write_all(b"0123456789").unwrap();
                if panics {
                    drop(spout);
                } else {
                    let e = super::super::work::too_large(4);
                    let _ = spout.finish(Err(e));
                }
            });
            let (got, err) = drain(started.blocking_recv().unwrap());
            work.join().unwrap();
            assert!(got.len() < 10, "{got:?}");
            assert!(err.is_some(), "panics: {panics}");
        }
    }
}
