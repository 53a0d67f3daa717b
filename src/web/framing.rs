//! Requests whose length is told two ways: a request head that carries both `Content-Length`
//! and `Transfer-Encoding` is answered 400 (`web.bad-framing`), never read. RFC 9112 §6.3: such a
//! message "ought to be handled as an error", since a proxy in front of the server may take the
//! length one way and the server the other (request smuggling). hyper reads the body as chunked
//! and drops the `Content-Length` before the request reaches the service, so the head is looked
//! at here, in the bytes the connection reads ([`Framed`]): each request head's verdict is
//! queued ([`Verdicts`]) in order, and the service takes one a request, in the same order
//! hyper parses them. The scan follows each body (a length, or chunks to their last) to find
//! the next head; where it cannot follow (a size it cannot read) it stops judging, and hyper's
//! own parser refuses what follows.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Bytes of a head's line kept to judge it (a header's name and its value). A line longer
/// than this (a length after a kilobyte of spaces) may be misjudged; that only ever costs the
/// connection that sent it (a 400 of its own, or a head it told two ways not refused here,
/// which hyper still reads as chunked and closes the connection after).
const LINE_KEPT: usize = 1024;

/// The verdicts of a connection's request heads, in order: `true` where a head named both
/// `Content-Length` and `Transfer-Encoding`.
#[derive(Default)]
pub struct Verdicts(Mutex<VecDeque<bool>>);

impl Verdicts {
    /// Whether the next request (in hyper's order) told its length two ways.
    pub fn next_is_ambiguous(&self) -> bool {
        self.0
            .lock()
            .map(|mut q| q.pop_front().unwrap_or(false))
            .unwrap_or(false)
    }

    fn push(&self, ambiguous: bool) {
        if let Ok(mut q) = self.0.lock() {
            q.push_back(ambiguous);
        }
    }
}

/// Where the scan is in the connection's bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// In a request head: the request line seen or not, the two headers seen.
    Head {
        started: bool,
        length: Option<u64>,
        named_length: bool,
        chunked: bool,
    },
    /// `n` bytes of a body to pass over.
    Body(u64),
    /// A chunk's size line: the size so far, past its digits (an extension).
    Size {
        size: u64,
        digits_done: bool,
    },
    /// A chunk's data, then its line end.
    Data(u64),
    DataEnd,
    /// The trailer lines after the last chunk, until an empty one.
    Trailer,
    /// Past what the scan can follow: it judges nothing more.
    Lost,
}

const NEW_HEAD: State = State::Head {
    started: false,
    length: None,
    named_length: false,
    chunked: false,
};

/// The scan of a connection's bytes for request heads.
pub(crate) struct Scan {
    state: State,
    line: Vec<u8>,
    line_len: usize,
}

impl Scan {
    pub(crate) fn new() -> Scan {
        Scan {
            state: NEW_HEAD,
            line: Vec::with_capacity(64),
            line_len: 0,
        }
    }

    /// Scan `bytes`, pushing a verdict for each head ended in them.
    pub(crate) fn feed(&mut self, mut bytes: &[u8], verdicts: &Verdicts) {
        while !bytes.is_empty() {
            match self.state {
                State::Lost => return,
                State::Body(n) | State::Data(n) => {
                    let take = (bytes.len() as u64).min(n);
                    bytes = &bytes[take as usize..];
                    let left = n - take;
                    self.state = match (self.state, left) {
                        (State::Body(_), 0) => NEW_HEAD,
                        (State::Body(_), _) => State::Body(left),
                        (_, 0) => State::DataEnd,
                        _ => State::Data(left),
                    };
                }
                _ => {
                    let b = bytes[0];
                    bytes = &bytes[1..];
                    self.byte(b, verdicts);
                }
            }
        }
    }

    /// One byte of a head, a size line or a trailer.
    fn byte(&mut self, b: u8, verdicts: &Verdicts) {
        if let State::Size {
            size,
            digits_done: false,
        } = self.state
            && let Some(d) = (b as char).to_digit(16)
        {
            self.state = match size.checked_mul(16) {
                Some(s) => State::Size {
                    size: s + u64::from(d),
                    digits_done: false,
                },
                None => State::Lost,
            };
            return;
        }
        if b != b'\n' {
            if let State::Size { size, .. } = self.state {
                self.state = State::Size {
                    size,
                    digits_done: true,
                };
            }
            if self.line.len() < LINE_KEPT {
                self.line.push(b);
            }
            self.line_len += 1;
            return;
        }
        let line = std::mem::take(&mut self.line);
        let empty = self.line_len == 0 || (self.line_len == 1 && line == b"\r");
        self.line_len = 0;
        self.line = line;
        self.line_end(empty, verdicts);
        self.line.clear();
    }

    /// A line ended (`empty`: nothing but its CR).
    fn line_end(&mut self, empty: bool, verdicts: &Verdicts) {
        self.state = match self.state {
            // empty lines before a request line are passed over, as hyper's parser does
            State::Head { started: false, .. } if empty => NEW_HEAD,
            State::Head {
                length,
                named_length,
                chunked,
                ..
            } if empty => {
                verdicts.push(named_length && chunked);
                match (chunked, length) {
                    (true, _) => State::Size {
                        size: 0,
                        digits_done: false,
                    },
                    (false, Some(n)) if n > 0 => State::Body(n),
                    _ => NEW_HEAD,
                }
            }
            State::Head { started: false, .. } => State::Head {
                started: true,
                length: None,
                named_length: false,
                chunked: false,
            },
            State::Head { .. } => self.header(),
            State::Size { size: 0, .. } => State::Trailer,
            State::Size { size, .. } => State::Data(size),
            State::DataEnd => State::Size {
                size: 0,
                digits_done: false,
            },
            State::Trailer if empty => NEW_HEAD,
            other => other,
        };
    }

    /// A header line of a head (in `self.line`, its start).
    fn header(&self) -> State {
        let State::Head {
            started,
            mut length,
            mut named_length,
            mut chunked,
        } = self.state
        else {
            return self.state;
        };
        let line = &self.line;
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return self.state;
        };
        let name = &line[..colon];
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"content-length") {
            named_length = true;
            // `5` or the same length listed again (`5, 5`), as hyper takes it
            length = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse().ok());
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            // hyper reads any transfer coding as chunked or refuses the request
            chunked = true;
        }
        State::Head {
            started,
            length,
            named_length,
            chunked,
        }
    }
}

/// The answer to a request whose head told its length two ways: 400, its body never read (the
/// connection is closed after it, as hyper closes such a connection).
pub fn refused() -> axum::response::Response {
    use axum::response::IntoResponse as _;
    super::inputs::ApiError::new(
        axum::http::StatusCode::BAD_REQUEST,
        crate::codes::WEB_BAD_FRAMING,
        "请求同时给出 Content-Length 和 Transfer-Encoding，长度有两种读法，不予处理",
        Some("只用其中一种：分块上传时不写 Content-Length"),
    )
    .into_response()
}

/// A connection's stream whose read bytes are scanned for request heads ([`Scan`]).
pub struct Framed<S> {
    inner: S,
    scan: Scan,
    verdicts: Arc<Verdicts>,
}

impl<S> Framed<S> {
    pub fn new(inner: S, verdicts: Arc<Verdicts>) -> Framed<S> {
        Framed {
            inner,
            scan: Scan::new(),
            verdicts,
        }
    }
}

impl<S: super::slow_reader::Discard> super::slow_reader::Discard for Framed<S> {
    fn discard_unsent(&self) {
        self.inner.discard_unsent();
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Framed<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = poll {
            this.scan.feed(&buf.filled()[before..], &this.verdicts);
        }
        poll
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Framed<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::{Scan, Verdicts};

    /// The verdicts of `bytes` fed in pieces of `step`.
    fn verdicts(bytes: &[u8], step: usize) -> Vec<bool> {
        let v = Verdicts::default();
        let mut scan = Scan::new();
        for piece in bytes.chunks(step) {
            scan.feed(piece, &v);
        }
        let q = v.0.lock().unwrap();
        q.iter().copied().collect()
    }

    #[test]
    fn each_head_is_judged_across_bodies_of_either_framing() {
        let stream = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n\
            POST /api/parse HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\nabcde\
            POST /api/parse HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
            3;ext=1\r\nxyz\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: 1\r\n\r\n\
            \r\nPOST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n\
            POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-length: 4\r\n\r\n0\r\n\r\n\
            GET / HTTP/1.1\r\nX-Long: Content-Length: 1\r\n\r\n";
        let want = vec![false, false, false, true, true, false];
        for step in [1, 2, 7, stream.len()] {
            assert_eq!(verdicts(stream, step), want, "pieces of {step}");
        }
    }

    #[test]
    fn a_size_past_u64_stops_the_judging() {
        let stream = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
            fffffffffffffffffffff\r\nGET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert_eq!(verdicts(stream, 3), vec![false]);
    }
}
