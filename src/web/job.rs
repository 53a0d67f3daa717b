//! One request's work as data: what was uploaded, the query, and which answer is wanted
//! ([`Job`]), and the answer it gives ([`Reply`]). A job is executed the same way on a blocking
//! thread of the server ([`Job::execute`]) or in a worker process ([`super::isolate`], which
//! writes the answer on as it is made: [`Job::execute_into`]), so the page and the API answer
//! the same bytes either way.
//!
//! Everything that reads an upload happens here, never on the async runtime: the dropped files
//! are sorted by content (which reads them), the table read, the rules compiled, the report
//! evaluated and rendered. The cancel flag is looked at between stages and while the answer is
//! written; in a worker process a cancelled job is killed outright, so every stage stops.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::inputs::{ApiError, Files, Params};
use super::work::{Answer, Cancel};
use crate::eval;
use crate::report::{self, ReportFormat};
use crate::review::render::ReviewFormat;
use crate::table::view::InspectFormat;
use crate::{review, table};

/// Which answer a job gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// `POST /api/inspect`.
    Inspect,
    /// `POST /api/review`.
    Review,
    /// `POST /api/evaluate`.
    Evaluate,
    /// `POST /`: the results section of the page.
    Page,
}

impl JobKind {
    pub fn name(self) -> &'static str {
        match self {
            JobKind::Inspect => "inspect",
            JobKind::Review => "review",
            JobKind::Evaluate => "evaluate",
            JobKind::Page => "page",
        }
    }

    pub fn from_name(name: &str) -> Option<JobKind> {
        [
            JobKind::Inspect,
            JobKind::Review,
            JobKind::Evaluate,
            JobKind::Page,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// A request's work.
#[derive(Debug)]
pub struct Job {
    pub kind: JobKind,
    pub params: Params,
    pub files: Files,
    /// The answer limit, in bytes.
    pub limit: usize,
    /// Threads a pile may be read on (the request's share of the cores).
    pub workers: usize,
}

/// A job's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub content_type: String,
    /// A `Content-Disposition` (the xlsx report is an attachment).
    pub disposition: Option<String>,
    pub body: Vec<u8>,
}

/// What a job's answer is, its bytes written apart ([`Job::execute_into`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyHead {
    pub content_type: String,
    pub disposition: Option<String>,
}

impl ReplyHead {
    fn new(content_type: &str) -> ReplyHead {
        ReplyHead {
            content_type: content_type.to_owned(),
            disposition: None,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = ([(header::CONTENT_TYPE, self.content_type)], self.body).into_response();
        if let Some(d) = self
            .disposition
            .and_then(|d| header::HeaderValue::from_str(&d).ok())
        {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, d);
        }
        response
    }
}

impl Job {
    /// Do the work, its answer kept in memory within the job's limit (on a blocking thread of
    /// the server).
    pub fn execute(self, cancel: &Cancel) -> Result<Reply, ApiError> {
        let mut out = Answer::new(self.limit, cancel);
        let head = self.execute_into(&mut out)?;
        Ok(Reply {
            content_type: head.content_type,
            disposition: head.disposition,
            body: out.bytes,
        })
    }

    /// Do the work: read, check, score and render, as the command line does, the answer
    /// written into `out` as it goes (a worker hands it on to the server as it is written,
    /// never holding it whole); its limit and cancel flag are `out`'s. On an error, what was
    /// written is no answer.
    pub fn execute_into(self, out: &mut Answer<'_>) -> Result<ReplyHead, ApiError> {
        let Job {
            kind,
            params,
            mut files,
            limit: _,
            workers,
        } = self;
        let cancel = out.cancel();
        let params = &params;
        files.sort_dropped()?;
        cancel.check()?;
        match kind {
            JobKind::Page => {
                super::page::render_results(files, params, workers, out)?;
                Ok(ReplyHead::new("text/html; charset=utf-8"))
            }
            JobKind::Inspect => {
                let format = params.format(InspectFormat::Json)?;
                let doc = files.document(params)?;
                cancel.check()?;
                // written into the bounded answer as it goes (a project at a time for the
                // tree): stopped at the limit
                let (content_type, written) = match format {
                    InspectFormat::Json => {
                        ("application/json", table::view::findings_json_to(&doc, out))
                    }
                    InspectFormat::Table => {
                        ("text/plain; charset=utf-8", table::view::tree_to(&doc, out))
                    }
                };
                written.map_err(|e| out.error(&e))?;
                Ok(ReplyHead::new(content_type))
            }
            JobKind::Review => {
                let format = params.format(ReviewFormat::Json)?;
                let doc = files.document(params)?;
                cancel.check()?;
                let rules = files.rules(params)?;
                cancel.check()?;
                let findings = review::review(
                    &doc,
                    &review::Options {
                        rules: &rules,
                        year: params.year,
                    },
                );
                rules.check_tries().map_err(|e| ApiError::diagnostic(&e))?;
                cancel.check()?;
                // every format written into the bounded answer as it goes: stopped at the
                // limit (or when cancelled) before the whole text is held
                let (content_type, written) = match format {
                    ReviewFormat::Json => (
                        "application/json",
                        review::render::json_to(&doc, &findings, out),
                    ),
                    ReviewFormat::Markdown => (
                        "text/markdown; charset=utf-8",
                        review::render::markdown_to(&doc.source.name, &findings, out),
                    ),
                    ReviewFormat::Human => (
                        "text/plain; charset=utf-8",
                        review::render::human_to(&doc, &findings, false, out),
                    ),
                };
                written.map_err(|e| out.error(&e))?;
                Ok(ReplyHead::new(content_type))
            }
            JobKind::Evaluate => {
                let format = params.format(ReportFormat::Json)?;
                let doc = files.document(params)?;
                cancel.check()?;
                let actuals = files.actuals()?;
                let rules = files.rules(params)?;
                cancel.check()?;
                eval::unfilled::check(&doc, actuals.as_ref())
                    .map_err(|e| ApiError::diagnostic(&e))?;
                eval::unmatched::check(&doc, actuals.as_ref())
                    .map_err(|e| ApiError::diagnostic(&e))?;
                cancel.check()?;
                let (report, methodology) = eval::evaluate_with_rules(
                    &doc,
                    actuals.as_ref(),
                    &rules,
                    params.year,
                    Some(cancel.flag()),
                );
                drop(doc);
                rules.check_tries().map_err(|e| ApiError::diagnostic(&e))?;
                cancel.check()?;
                if format == ReportFormat::Xlsx {
                    // past the xlsx report's limits: refused before it is built, with the way
                    // forward (csv, jsonl)
                    report::xlsx::check_size(&report).map_err(|why| {
                        ApiError::new(
                            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                            crate::codes::REPORT_XLSX_TOO_MANY,
                            why,
                            Some("format=csv 或 format=jsonl 逐行生成，不受此限"),
                        )
                    })?;
                }
                report::write(&report, format, &methodology.bands.value, out)
                    .map_err(|e| out.error(&e))?;
                let mut head = ReplyHead::new(format.content_type());
                if format == ReportFormat::Xlsx {
                    head.disposition = Some("attachment; filename=\"jixiao-report.xlsx\"".into());
                }
                Ok(head)
            }
        }
    }
}
