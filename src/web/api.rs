//! The API: each handler reads its inputs, does the work on a blocking thread (the request's
//! timeout still answers), and renders through the same library functions as the command line.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::Config;
use super::inputs::{ApiError, Files, Params};
use crate::cli::inspect::OutputFormat as InspectFormat;
use crate::cli::review::Format as ReviewFormat;
use crate::eval;
use crate::report::{self, Format};
use crate::rules::RuleSet;
use crate::{review, table};

/// The query, or 400.
pub fn params(query: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    query.map(|Query(p)| p).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "web.bad-query",
            format!("查询参数有误：{}", e.body_text()),
            Some("可用的参数：format、year、encoding、sheet、no_default_rules"),
        )
    })
}

/// Run `work` on a blocking thread; a panic answers 500 with a message, never a trace.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "web.internal",
            "处理这个文件时程序出错",
            Some("这是 jixiao 的缺陷：请把文件和这条信息报告给维护者"),
        ))
    })
}

fn text(content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}

/// `POST /api/parse`: a text body, one target a line (`target` or `indicator<TAB>target`), →
/// the jsonl of `jixiao parse --format jsonl`.
pub async fn parse(
    State(config): State<Arc<Config>>,
    query: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    let body = body.map_err(|e| ApiError::body(e.status(), &e.body_text(), config.max_upload))?;
    let out = blocking(move || {
        Ok(crate::target::record::jsonl(
            &body,
            RuleSet::bundled(),
            params.year,
        ))
    })
    .await?;
    Ok(text("application/jsonl; charset=utf-8", out))
}

/// `POST /api/inspect`: the table's findings JSON (`?format=json`, default) or its tree
/// (`?format=table`), as `jixiao inspect`.
pub async fn inspect(
    State(config): State<Arc<Config>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    let format = params.format(InspectFormat::Json)?;
    let files = Files::read(multipart, config.max_upload).await?;
    blocking(move || {
        let doc = files.document(&params)?;
        Ok(match format {
            InspectFormat::Json => {
                let mut s = table::view::findings_json(&doc);
                s.push('\n');
                text("application/json", s)
            }
            InspectFormat::Table => text("text/plain; charset=utf-8", table::view::tree(&doc)),
        })
    })
    .await
}

/// `POST /api/review`: the review's findings (`?format=json`, default; `human`, `markdown`), as
/// `jixiao review`.
pub async fn review(
    State(config): State<Arc<Config>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    let format = params.format(ReviewFormat::Json)?;
    let files = Files::read(multipart, config.max_upload).await?;
    blocking(move || {
        let doc = files.document(&params)?;
        let rules = files.rules(&params)?;
        let findings = review::review(
            &doc,
            &review::Options {
                rules: &rules,
                year: params.year,
            },
        );
        Ok(match format {
            ReviewFormat::Json => text("application/json", review::render::json(&doc, &findings)),
            ReviewFormat::Markdown => text(
                "text/markdown; charset=utf-8",
                review::render::markdown(&doc.source.name, &findings),
            ),
            ReviewFormat::Human => text(
                "text/plain; charset=utf-8",
                review::render::human(&doc, &findings, false),
            ),
        })
    })
    .await
}

/// `POST /api/evaluate`: the scored report in `?format=` (default `json`), as `jixiao
/// evaluate`.
pub async fn evaluate(
    State(config): State<Arc<Config>>,
    query: Result<Query<Params>, QueryRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let params = params(query)?;
    let format = params.format(Format::Json)?;
    let files = Files::read(multipart, config.max_upload).await?;
    blocking(move || {
        let doc = files.document(&params)?;
        let actuals = files.actuals()?;
        let rules = files.rules(&params)?;
        let (report, methodology) =
            eval::evaluate_with_rules(&doc, actuals.as_ref(), &rules, params.year);
        let mut out = Vec::new();
        report::write(&report, format, &methodology.bands.value, &mut out).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "web.render",
                format!("生成报告失败：{e}"),
                None,
            )
        })?;
        let mut response = text(format.content_type(), out);
        if format == Format::Xlsx {
            response.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_static("attachment; filename=\"jixiao-report.xlsx\""),
            );
        }
        Ok(response)
    })
    .await
}
