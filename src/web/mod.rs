//! `jixiao serve`: a local web page and an HTTP API over the same verbs as the command line.
//!
//! The page (`GET /`, results by `POST /`) is server-rendered HTML with its style and a small
//! script embedded in the binary; nothing is fetched from the network. The API (`POST
//! /api/parse`, `/api/inspect`, `/api/review`, `/api/evaluate`) answers with the same bytes as
//! the command line for the same inputs, and with 400 and the diagnostics as JSON where the
//! command line would end with exit code 2. Uploads are held in memory for the request only,
//! bounded by [`Config::max_upload`]; every request by [`Config::timeout`]. This module owns
//! the HTTP side only: reading, rules, evaluation and rendering are the library's.

mod api;
mod inputs;
mod page;

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

/// Limits of the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted, in bytes (`--max-upload-mb`).
    pub max_upload: usize,
    /// Longest time a request may take, upload included (`--timeout`).
    pub timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_upload: 50 * 1024 * 1024,
            timeout: Duration::from_secs(60),
        }
    }
}

/// The application: page, API and limits, ready for [`serve`] or an in-process test.
pub fn router(config: Config) -> Router {
    let config = Arc::new(config);
    Router::new()
        .route("/", get(page::index).post(page::results))
        .route("/api/parse", post(api::parse))
        .route("/api/inspect", post(api::inspect))
        .route("/api/review", post(api::review))
        .route("/api/evaluate", post(api::evaluate))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_upload))
        .layer(middleware::from_fn_with_state(config.clone(), timeout))
        .with_state(config)
}

async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "web.not-found",
        "没有这个地址",
        Some("页面在 /，接口为 POST /api/parse、/api/inspect、/api/review、/api/evaluate"),
    )
    .into_response()
}

/// Every request, upload included, ends within the configured time.
async fn timeout(State(config): State<Arc<Config>>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(config.timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "web.timeout",
            format!("请求超时：超过 {} 秒仍未完成", config.timeout.as_secs()),
            Some("表格太大或网络太慢时，可用命令行 jixiao evaluate 处理，或用 --timeout 放宽时限"),
        )
        .into_response(),
    }
}

/// Whether an address reaches only this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serve until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}
