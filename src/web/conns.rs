//! The server's open connections (issue 27, H162): at most [`super::Config::max_connections`],
//! and when they are all open, the oldest *idle* one is closed for the newcomer, where before
//! the newcomer was. Idle is a connection with no request being served: one still sending its
//! head, or kept open between requests. (Closing the newcomer, 1,024 connections that sent
//! nothing, opened again as the header timeout closed them, kept every other client out: `GET
//! /` was reset at once.) A connection whose request is being served, its upload read or its
//! answer sent, is never closed for another; when every one is, the newcomer is closed as
//! before. What this does not own: the timeouts of a connection (`super::serve`,
//! `super::slow_reader`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::task::AbortHandle;

/// The open connections.
#[derive(Debug)]
pub struct Conns {
    max: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    next: u64,
    /// In the order they were opened.
    open: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    id: u64,
    /// Requests of it being served (their answers not yet sent whole).
    busy: Arc<AtomicUsize>,
    /// Its task, once spawned.
    task: Option<AbortHandle>,
}

/// A connection counted open until dropped (its task has ended).
#[derive(Debug)]
pub struct Open {
    conns: Arc<Conns>,
    id: u64,
    /// Counts its requests being served ([`Serving`]).
    pub busy: Arc<AtomicUsize>,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.conns.lock().open.retain(|e| e.id != self.id);
    }
}

impl Open {
    /// Its number, for [`Conns::spawned`].
    pub fn id(&self) -> u64 {
        self.id
    }
}

/// A request being served, counted on its connection until dropped (with its answer's body,
/// once sent or given up).
#[derive(Debug)]
pub struct Serving(Arc<AtomicUsize>);

impl Serving {
    pub fn new(busy: &Arc<AtomicUsize>) -> Serving {
        busy.fetch_add(1, Ordering::SeqCst);
        Serving(busy.clone())
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Conns {
    pub fn new(max: usize) -> Arc<Conns> {
        Arc::new(Conns {
            max: max.max(1),
            state: Mutex::default(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The task of connection `id`, which [`Conns::open`] aborts when it closes the
    /// connection for another (nothing when it has already ended).
    pub fn spawned(&self, id: u64, task: AbortHandle) {
        if let Some(e) = self.lock().open.iter_mut().find(|e| e.id == id) {
            e.task = Some(task);
        }
    }

    /// A new connection counted open: at once when there is room, else in the place of the
    /// oldest idle one (closed: its task aborted); `None` when every open one is serving.
    pub fn open(self: &Arc<Self>) -> Option<Open> {
        let mut s = self.lock();
        if s.open.len() >= self.max {
            let idle = s
                .open
                .iter()
                .position(|e| e.task.is_some() && e.busy.load(Ordering::SeqCst) == 0)?;
            let closed = s.open.remove(idle);
            if let Some(task) = closed.task {
                task.abort();
            }
        }
        let id = s.next;
        s.next += 1;
        let busy = Arc::new(AtomicUsize::new(0));
        s.open.push(Entry {
            id,
            busy: busy.clone(),
            task: None,
        });
        Some(Open {
            conns: self.clone(),
            id,
            busy,
        })
    }
}

/// An answer's body that keeps its request counted as being served ([`Serving`]) until it is
/// sent whole or dropped.
pub struct Counted {
    pub inner: axum::body::Body,
    pub _serving: Serving,
}

impl http_body::Body for Counted {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
