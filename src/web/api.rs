//! The API: each handler reads its inputs and hands the work ([`super::job`]) to the server's
//! slots ([`super::work`]: on a blocking thread or in a worker process, cancelled when the
//! request ends, its answer bounded); the work renders through the same library functions as
//! the command line.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::inputs::{ApiError, Files, Params};
use super::job::{Job, JobKind, ReplyHead};
use super::work::{Answer, Shared};
use crate::report::ReportFormat;
use crate::review::render::ReviewFormat;
use crate::rules::RuleSet;
use crate::table::view::InspectFormat;

/// The query as the handlers take it: its name–value pairs, decoded, in order (read into
/// [`Params`] by [`params`], which names each fault in Chinese).
pub type Query = Result<axum::extract::Query<Vec<(String, String)>>, QueryRejection>;

/// The names a query may carry.
const QUERY_NAMES: [&str; 6] = [
    "format",
    "year",
    "encoding",
    "sheet",
    "columns",
    "no_default_rules",
];

fn bad_query(message: String) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        crate::codes::WEB_BAD_QUERY,
        message,
        Some("可用的参数：format、year、encoding、sheet、columns、no_default_rules，各至多一次"),
    )
}

/// The query, or 400 naming the parameter: one not known, one given twice (which would win is
/// not guessed), a year or a `no_default_rules` that is not one. Read here rather than by serde,
/// whose messages are English ("duplicate field `format`").
pub fn params(query: Query) -> Result<Params, ApiError> {
    let pairs = query
        .map(|axum::extract::Query(pairs)| pairs)
        .map_err(|e| bad_query(format!("查询参数读不懂：{}", e.body_text())))?;
    let mut p = Params::default();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        let shown: String = name.chars().take(64).collect();
        let Some(known) = QUERY_NAMES.iter().copied().find(|n| *n == name) else {
            return Err(bad_query(format!("不认识的查询参数「{shown}」")));
        };
        if seen.contains(&known) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                crate::codes::WEB_REPEATED_QUERY,
                format!("查询参数「{known}」出现了两次；用哪一个不猜测"),
                Some("每个查询参数至多给一次，如 ?format=csv&year=2023"),
            ));
        }
        seen.push(known);
        match known {
            "format" => p.format = Some(value),
            "year" => p.year = Some(query_year(&value)?),
            "encoding" => p.encoding = Some(value),
            "sheet" => p.sheet = Some(value),
            "columns" => p.columns = Some(value),
            _ => {
                p.no_default_rules = Some(match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(bad_query(format!(
                            "查询参数「no_default_rules」的值「{}」读不懂：应为 true 或 false",
                            value.chars().take(64).collect::<String>()
                        )));
                    }
                });
            }
        }
    }
    Ok(p)
}

/// `?year=`: a four-digit year from 1900 to 2100.
fn query_year(value: &str) -> Result<i32, ApiError> {
    let bad = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_YEAR,
            format!(
                "查询参数「year」的值「{}」不是 1900 到 2100 之间的年份",
                value.chars().take(64).collect::<String>()
            ),
            Some("year 写作四位数年份，如 2023"),
        )
    };
    value
        .parse::<i32>()
        .ok()
        .filter(|y| crate::years::YEARS.contains(y))
        .ok_or_else(bad)
}

/// `POST /api/parse`: a text body, one target a line (`target` or `indicator<TAB>target`), →
/// the jsonl of `jixiao parse --format jsonl`.
pub async fn parse(
    State(shared): State<Arc<Shared>>,
    query: Query,
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
    let ticket = shared.admit(body.len() as u64)?;
    let limit = shared.config.max_answer;
    let reply = shared
        .flow(
            ReplyHead::new("application/jsonl; charset=utf-8"),
            body.len() as u64,
            move |cancel, spout| {
                parse_lines(&body, params.year, &mut Answer::to(spout, limit, cancel))
            },
        )
        .await?;
    // the place is held until the answer is sent (see `work::Ticket`)
    Ok(ticket.hold(reply.into_response()))
}

/// The jsonl of `jixiao parse --format jsonl` (as [`crate::lang::record::jsonl`]), written
/// into a bounded answer (sent on as it is made) that stops when the request is cancelled.
fn parse_lines(body: &[u8], year: Option<i32>, out: &mut Answer<'_>) -> Result<(), ApiError> {
    use crate::lang::record::{Record, decode_line, parse_line, split_line};
    use std::io::Write as _;
    // each distinct direction question answered once, as `jixiao parse` does
    let rules = crate::lang::direction::Memo::new(RuleSet::bundled());
    for (i, raw) in body.split_inclusive(|b| *b == b'\n').enumerate() {
        let text = decode_line(raw);
        let (indicator, target_text) = split_line(&text);
        let parsed = parse_line(indicator, target_text, &rules, year);
        let record = Record::new(i + 1, indicator, target_text, &parsed);
        serde_json::to_writer(&mut *out, &record)
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"))
            .map_err(|e| out.error(&e))?;
    }
    Ok(())
}

/// What a request says its body holds (`Content-Length`), if it says.
pub fn body_size(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(axum::http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// Read a request's uploads and do its work ([`Job`]) within the server's slots.
async fn job(
    shared: &Arc<Shared>,
    kind: JobKind,
    query: Query,
    headers: &HeaderMap,
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
    let files = Files::read(multipart, shared.config.max_upload, body_size(headers)).await?;
    // admitted once the upload is in (see `parse`)
    let ticket = shared.admit(files.bytes())?;
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
    Ok(ticket.hold(reply.into_response()))
}

/// `POST /api/inspect`: the table's findings JSON (`?format=json`, default) or its tree
/// (`?format=table`), as `jixiao inspect`.
pub async fn inspect(
    State(shared): State<Arc<Shared>>,
    query: Query,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Inspect, query, &headers, multipart).await
}

/// `POST /api/review`: the review's findings (`?format=json`, default; `human`, `markdown`), as
/// `jixiao review`.
pub async fn review(
    State(shared): State<Arc<Shared>>,
    query: Query,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Review, query, &headers, multipart).await
}

/// `POST /api/evaluate`: the scored report in `?format=` (default `json`), as `jixiao
/// evaluate`.
pub async fn evaluate(
    State(shared): State<Arc<Shared>>,
    query: Query,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    job(&shared, JobKind::Evaluate, query, &headers, multipart).await
}
