//! The API: each handler reads its inputs and hands the work ([`super::job`]) to the server's
//! slots ([`super::work`]: on a blocking thread or in a worker process, cancelled when the
//! request ends, its answer bounded); the work renders through the same library functions as
//! the command line.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::inputs::{ApiError, Files, Params};
use super::job::{Job, JobKind};
use super::work::{Answer, Shared};
use crate::report::ReportFormat;
use crate::review::render::ReviewFormat;
use crate::rules::RuleSet;
use crate::table::view::InspectFormat;

/// The query, or 400.
pub fn params(query: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    let p = query.map(|Query(p)| p).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_QUERY,
            format!("查询参数有误：{}", e.body_text()),
            Some("可用的参数：format、year、encoding、sheet、columns、no_default_rules"),
        )
    })?;
    if let Some(y) = p.year
        && !crate::years::YEARS.contains(&y)
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_YEAR,
            format!("年度 {y} 不在 1900 到 2100 之间"),
            Some("year 写作四位数年份，如 2023"),
        ));
    }
    Ok(p)
}

fn text(content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}

/// `POST /api/parse`: a text body, one target a line (`target` or `indicator<TAB>target`), →
/// the jsonl of `jixiao parse --format jsonl`.
pub async fn parse(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    // admitted once the body is in: a stalled upload holds a connection, never a place (the
    // bytes of uploads in progress are bounded by `work::Steady`)
    let body = <Bytes as axum::extract::FromRequest<()>>::from_request(request, &())
        .await
        .map_err(|e: BytesRejection| {
            ApiError::body(e.status(), &e.body_text(), shared.config.max_upload)
        })?;
    let _ticket = shared.admit()?;
    let limit = shared.config.max_answer;
    let out = shared
        .run(move |cancel| parse_lines(&body, params.year, limit, cancel))
        .await?;
    Ok(text("application/jsonl; charset=utf-8", out))
}

/// The jsonl of `jixiao parse --format jsonl` (as [`crate::lang::record::jsonl`]), written
/// into a bounded answer that stops when the request is cancelled.
fn parse_lines(
    body: &[u8],
    year: Option<i32>,
    limit: usize,
    cancel: &super::work::Cancel,
) -> Result<Vec<u8>, ApiError> {
    use crate::lang::record::{Record, decode_line, parse_line, split_line};
    use std::io::Write as _;
    // each distinct direction question answered once, as `jixiao parse` does
    let rules = crate::lang::direction::Memo::new(RuleSet::bundled());
    let mut out = Answer::new(limit, cancel);
    for (i, raw) in body.split_inclusive(|b| *b == b'\n').enumerate() {
        let text = decode_line(raw);
        let (indicator, target_text) = split_line(&text);
        let parsed = parse_line(indicator, target_text, &rules, year);
        let record = Record::new(i + 1, indicator, target_text, &parsed);
        serde_json::to_writer(&mut out, &record)
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"))
            .map_err(|e| out.error(&e))?;
    }
    Ok(out.bytes)
}

/// Read a request's uploads and do its work ([`Job`]) within the server's slots.
async fn job(
    shared: &Shared,
    kind: JobKind,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    // a format that does not exist is a 400 before the upload is read
    match kind {
        JobKind::Inspect => params.format(InspectFormat::Json).map(drop)?,
        JobKind::Review => params.format(ReviewFormat::Json).map(drop)?,
        JobKind::Evaluate => params.format(ReportFormat::Json).map(drop)?,
        JobKind::Page => {}
    }
    let files = Files::read(multipart, shared.config.max_upload).await?;
    // admitted once the upload is in (see `parse`)
    let _ticket = shared.admit()?;
    let limit = shared.config.max_answer;
    let reply = shared
        .run_job(Job {
            kind,
            params,
            files,
            limit,
            // the API reads one table: a pile is the page's
            workers: 1,
        })
        .await?;
    Ok(reply.into_response())
}

/// `POST /api/inspect`: the table's findings JSON (`?format=json`, default) or its tree
/// (`?format=table`), as `jixiao inspect`.
pub async fn inspect(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Inspect, query, multipart).await
}

/// `POST /api/review`: the review's findings (`?format=json`, default; `human`, `markdown`), as
/// `jixiao review`.
pub async fn review(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Review, query, multipart).await
}

/// `POST /api/evaluate`: the scored report in `?format=` (default `json`), as `jixiao
/// evaluate`.
pub async fn evaluate(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Evaluate, query, multipart).await
}
