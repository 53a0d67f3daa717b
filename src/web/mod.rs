//! `jixiao serve`: a local web page and an HTTP API over the same verbs as the command line.
//!
//! The page (`GET /`, results by `POST /`) is server-rendered HTML with its style and a small
//! script embedded in the binary; nothing is fetched from the network. The API (`POST
//! /api/parse`, `/api/inspect`, `/api/review`, `/api/evaluate`) answers with the same bytes as
//! the command line for the same inputs, and with 400 and the diagnostics as JSON where the
//! command line would end with exit code 2. Uploads are held in memory for the request only,
//! bounded by [`Config::max_upload`]; every request by [`Config::timeout`], answers by
//! [`Config::max_answer`], work at once by [`Config::max_work`] ([`work`]), connections and
//! slow clients by [`serve`]; other web sites are kept out by [`guard`]. Each request's work
//! (`job`) runs on a blocking thread, or — under `jixiao serve`, [`Config::worker`] — in a worker
//! process of its own ([`isolate`]): a crash or a runaway upload ends that request only, and a
//! cancelled request's worker is killed. An answer past a few MB is sent on to its client as the
//! work makes it (`flow`), never held whole by the server. This module owns the HTTP side only: reading, rules,
//! evaluation and rendering are the library's.
//!
//! The page and the command line are two doors onto the same rooms: nothing here imports
//! `crate::cli` (the format enums and the years both take live below them; `tests/layers.rs`
//! checks it). Several different tables or an archive dropped on the page give the pile's
//! roll-up (`pile_page`, over [`crate::pile`]).

mod api;
mod bars;
mod blockwise;
mod conns;
mod flow;
mod framing;
pub mod guard;
mod inputs;
pub mod isolate;
mod job;
mod page;
mod pile_page;
pub mod queue;
mod slow_reader;
pub mod work;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use inputs::ApiError;
use work::Shared;

/// Limits of the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted, in bytes (`--max-upload-mb`).
    pub max_upload: usize,
    /// Longest time a request may take, upload included (`--timeout`); its work is cancelled
    /// when it is up.
    pub timeout: Duration,
    /// The address listened on: the `Host` of every request must name it (`None` in-process,
    /// where there is none; see [`guard`]).
    pub listen: Option<SocketAddr>,
    /// Requests worked on at once (`--max-work`, default the number of cores).
    pub max_work: usize,
    /// Requests admitted besides those at work (their upload read, waiting for a slot); more
    /// are answered 503 (`--max-queue`). Uploads in progress hold at most (max_work +
    /// max_queue) × max_upload bytes together ([`work::Steady`]).
    pub max_queue: usize,
    /// Largest answer, in bytes (`--max-answer-mb`): past it the answer is refused with 413;
    /// one already under way (past the first 8 MB, sent on as it is made) is cut short instead,
    /// the connection closed before its last chunk (`flow`).
    pub max_answer: usize,
    /// Open connections at once (`--max-connections`); more are closed as they arrive.
    pub max_connections: usize,
    /// Longest wait for a request's head, on a new connection or between requests of one kept
    /// open (the idle timeout): a slow or silent client cannot hold a connection.
    pub header_timeout: Duration,
    /// The program to do each request's work in a process of its own (`jixiao serve` names
    /// itself; see [`isolate`]); `None` works on the server's blocking threads.
    pub worker: Option<std::path::PathBuf>,
    /// The address space a worker process may take, in bytes (`--max-work-memory-mb`, default
    /// 8 GB): past it that request answers 500 and the server goes on. Address space runs ahead
    /// of resident memory by a GB or two (the allocator reserves its arenas ahead): a worker
    /// reading a 45 MB sheet peaked at 0.96 GB resident, 3.2 GB of address space.
    pub work_memory: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_upload: 50 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            listen: None,
            max_work: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queue: 16,
            max_answer: 256 * 1024 * 1024,
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            worker: None,
            work_memory: Some(8192 * 1024 * 1024),
        }
    }
}

/// The application: page, API and limits, ready for [`serve`] or an in-process test.
pub fn router(config: Config) -> Router {
    let shared = Arc::new(Shared::new(config));
    Router::new()
        .route("/", get(page::index).post(page::results))
        .route("/api/parse", post(api::parse))
        .route("/api/inspect", post(api::inspect))
        .route("/api/review", post(api::review))
        .route("/api/evaluate", post(api::evaluate))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(shared.config.max_upload))
        .layer(middleware::from_fn_with_state(shared.clone(), timeout))
        .layer(middleware::from_fn_with_state(shared.clone(), checked))
        .with_state(shared)
}

async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        crate::codes::WEB_NOT_FOUND,
        "没有这个地址",
        Some("页面在 /，接口为 POST /api/parse、/api/inspect、/api/review、/api/evaluate"),
    )
    .into_response()
}

/// `Host`, `Origin` and the page's token, before anything is read ([`guard`]).
async fn checked(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let authority = req.uri().authority().map(|a| a.as_str());
    if let Err(e) = guard::check_target(authority, req.headers(), shared.config.listen)
        .and_then(|()| guard::check(req.method(), req.headers(), shared.config.listen))
    {
        return e.into_response();
    }
    // the page's script calls the API with its token; a browser's request without one is refused
    if req.uri().path().starts_with("/api/")
        && guard::from_browser(req.headers())
        && !guard::token_ok(
            req.headers()
                .get(guard::TOKEN_HEADER)
                .and_then(|v| v.to_str().ok()),
        )
    {
        return guard::bad_token().into_response();
    }
    // an upload that says it is past the limit is refused at its head, before a byte of it
    // is asked for (read, a `100 Continue` invited it: 1 GB declared waited for the stall
    // rule's 408, H97); the page's drop answers with the page
    if api::body_size(req.headers()).is_some_and(|n| n > shared.config.max_upload) {
        let e = ApiError::body(StatusCode::PAYLOAD_TOO_LARGE, "", shared.config.max_upload);
        return if req.uri().path().starts_with("/api/") {
            e.into_response()
        } else {
            page::refused(&e)
        };
    }
    // an upload must keep moving: after the header timeout, 128 KB/s at least on average over
    // the whole upload (a trickle cannot hold a connection); the bytes it holds are drawn from
    // the uploads' budget, given back once the request is answered
    let grace = shared.config.header_timeout;
    let held = work::Held::new(shared.clone());
    let (server, drawn) = (shared.clone(), held.counter());
    let req = req.map(|body| {
        axum::body::Body::new(work::Steady::new(
            body,
            grace,
            work::MIN_UPLOAD_RATE,
            server,
            drawn,
        ))
    });
    let mut response = next.run(req).await;
    drop(held);
    let h = response.headers_mut();
    for (k, v) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        // the page's own inline style and script only; nothing loaded or sent elsewhere
        (
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
             connect-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    ] {
        h.insert(k, axum::http::HeaderValue::from_static(v));
    }
    response
}

/// Every request, upload included, ends within the configured time; its work is cancelled.
async fn timeout(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let limit = shared.config.timeout;
    let deadline = tokio::time::Instant::now() + limit;
    match tokio::time::timeout_at(deadline, next.run(req)).await {
        // an answer sent on as it is made is bounded by the same deadline while it is sent
        Ok(response) => flow::Deadline::cut(response, deadline, limit),
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            crate::codes::WEB_TIMEOUT,
            format!("请求超时：超过 {} 秒仍未完成，处理已停止", limit.as_secs()),
            Some("表格太大或网络太慢时，可用命令行 jixiao evaluate 处理，或用 --timeout 放宽时限"),
        )
        .into_response(),
    }
}

/// Whether an address reaches only this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serve until the process ends: each connection within [`Config::max_connections`], its
/// request heads within [`Config::header_timeout`] (also the idle time between requests, and
/// the longest a write of its answer may stay blocked; an answer must be read at 128 KB/s at
/// least on average once it has fallen behind: `web::slow_reader`), its whole life within
/// twice the request timeout plus the header timeout once a request started.
pub async fn serve(listener: tokio::net::TcpListener, mut config: Config) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    // the page's promise (不写入磁盘) holds for work done in this process too
    crate::report::keep_off_disk();
    if config.listen.is_none() {
        config.listen = listener.local_addr().ok();
    }
    // at most `max_connections`; when all are open, the oldest idle one is closed for a new
    // one (`conns`)
    let connections = conns::Conns::new(config.max_connections);
    let header_timeout = config.header_timeout;
    let lifetime = config.timeout.saturating_mul(2) + header_timeout;
    let app = router(config);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            // too many open files and the like: wait a moment rather than spin
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(open) = connections.open() else {
            drop(stream);
            continue;
        };
        // each request head's framing judged in the bytes read, before hyper drops a
        // `Content-Length` beside `Transfer-Encoding` (`framing`)
        let verdicts = Arc::new(framing::Verdicts::default());
        let service = counted(
            TowerToHyperService::new(app.clone()),
            open.busy.clone(),
            verdicts.clone(),
        );
        let id = open.id();
        let task = tokio::spawn(async move {
            let _open = open;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_buf_size(64 * 1024);
            // a client that stops reading its answer is let go after the same silence, one
            // that reads it too slowly once behind the least rate
            let stream = framing::Framed::new(stream, verdicts);
            let stream = slow_reader::Patient::new(stream, header_timeout);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(lifetime, conn).await;
        });
        connections.spawned(id, task.abort_handle());
    }
}

/// `service` with each request counted on its connection while it is served, its answer's
/// body included ([`conns::Serving`]): a connection so counted is never closed for another. A
/// request whose head told its length two ways (`verdicts`) is answered 400 unserved.
fn counted(
    service: hyper_util::service::TowerToHyperService<Router>,
    busy: Arc<std::sync::atomic::AtomicUsize>,
    verdicts: Arc<framing::Verdicts>,
) -> impl hyper::service::Service<
    hyper::Request<hyper::body::Incoming>,
    Response = hyper::Response<conns::Counted>,
    Error = std::convert::Infallible,
    Future: Send,
> + Send {
    hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        use hyper::service::Service as _;
        let serving = conns::Serving::new(&busy);
        let answer = match verdicts.next_is_ambiguous() {
            true => None,
            false => Some(service.call(req)),
        };
        async move {
            let response = match answer {
                Some(answer) => answer.await?,
                None => framing::refused(),
            };
            Ok::<_, std::convert::Infallible>(response.map(|inner| conns::Counted {
                inner,
                _serving: serving,
            }))
        }
    })
}
