//! One request's work as data: what was uploaded, the query, and which answer is wanted
//! ([`Job`]), and the answer it gives ([`Reply`]). A job is executed the same way
//! ([`Job::execute_into`], the answer written on as it is made) on a blocking thread of the
//! server or in a worker process ([`super::isolate`]), so the page and the API answer the same
//! bytes either way.
//!
//! Everything that reads an upload happens here, never on the async runtime: the dropped files
//! are sorted by content (which reads them), the table read, the rules compiled, the report
//! evaluated and rendered. The cancel flag is looked at between stages and while the answer is
//! written; in a worker process a cancelled job is killed outright, so every stage stops.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::inputs::{ApiError, Files, Params};
use super::work::Answer;
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

/// A job's answer: what it is, and its bytes whole or sent on as they are made
/// ([`super::flow`]).
pub struct Reply {
    pub head: ReplyHead,
    pub body: ReplyBody,
}

/// A job's answer's bytes.
pub enum ReplyBody {
    /// Within the bytes a server holds ([`super::flow::HOLD`]): whole.
    Whole(Vec<u8>),
    /// Past them: sent on as the work makes them.
    Flowing(super::flow::Flowing),
}

impl ReplyBody {
    /// The body for a response.
    pub fn into_body(self) -> axum::body::Body {
        match self {
            ReplyBody::Whole(bytes) => axum::body::Body::from(bytes),
            ReplyBody::Flowing(flowing) => axum::body::Body::new(flowing),
        }
    }
}

/// What a job's answer is, its bytes written apart ([`Job::execute_into`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyHead {
    pub content_type: String,
    pub disposition: Option<String>,
}

impl ReplyHead {
    pub fn new(content_type: &str) -> ReplyHead {
        ReplyHead {
            content_type: content_type.to_owned(),
            disposition: None,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = (
            [(header::CONTENT_TYPE, self.head.content_type)],
            self.body.into_body(),
        )
            .into_response();
        if let Some(d) = self
            .head
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
    /// What the answer will be (its content type; the xlsx report an attachment), known
    /// before the work: the status and head are sent before the answer is whole
    /// ([`super::flow`]). A format that does not exist is the 400 it always was.
    pub fn head(&self) -> Result<ReplyHead, ApiError> {
        let content_type = match self.kind {
            JobKind::Page => "text/html; charset=utf-8",
            JobKind::Inspect => match self.params.format(InspectFormat::Json)? {
                InspectFormat::Json => "application/json",
                InspectFormat::Table => "text/plain; charset=utf-8",
            },
            JobKind::Review => match self.params.format(ReviewFormat::Json)? {
                ReviewFormat::Json => "application/json",
                ReviewFormat::Markdown => "text/markdown; charset=utf-8",
                ReviewFormat::Human => "text/plain; charset=utf-8",
            },
            JobKind::Evaluate => {
                let format = self.params.format(ReportFormat::Json)?;
                let mut head = ReplyHead::new(format.content_type());
                if format == ReportFormat::Xlsx {
                    head.disposition = Some("attachment; filename=\"jixiao-report.xlsx\"".into());
                }
                return Ok(head);
            }
        };
        Ok(ReplyHead::new(content_type))
    }

    /// Do the work: read, check, score and render, as the command line does, the answer
    /// written into `out` as it goes (in a worker it goes on to the server, and the server
    /// sends it on to the client, as it is written: [`super::flow`]); its limit and cancel
    /// flag are `out`'s. On an error, what was written is no answer. What the answer is:
    /// [`Job::head`].
    pub fn execute_into(self, out: &mut Answer<'_>) -> Result<(), ApiError> {
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
            JobKind::Page => super::page::render_results(files, params, workers, out),
            JobKind::Inspect => {
                let format = params.format(InspectFormat::Json)?;
                // a text self-evaluation sheet a block at a time, never held whole
                if let Some(sheet) = super::blockwise::Sheet::take(&mut files, params)? {
                    if sheet.inspect(format, out)? {
                        return Ok(());
                    }
                    sheet.give_back(&mut files);
                }
                let doc = files.document(params)?;
                cancel.check()?;
                // written into the bounded answer as it goes (a project at a time for the
                // tree): stopped at the limit
                match format {
                    InspectFormat::Json => table::view::findings_json_to(&doc, out),
                    InspectFormat::Table => table::view::tree_to(&doc, out),
                }
                .map_err(|e| out.error(&e))
            }
            JobKind::Review => {
                let format = params.format(ReviewFormat::Json)?;
                // a text self-evaluation sheet a block at a time, never held whole
                let mut rules = None;
                if let Some(sheet) = super::blockwise::Sheet::take(&mut files, params)? {
                    let loaded = rules.insert(files.rules(params)?);
                    cancel.check()?;
                    if sheet.review(loaded, params.year, format, out)? {
                        return Ok(());
                    }
                    sheet.give_back(&mut files);
                }
                let doc = files.document(params)?;
                cancel.check()?;
                let rules = match rules {
                    Some(rules) => rules,
                    None => files.rules(params)?,
                };
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
                match format {
                    ReviewFormat::Json => review::render::json_to(&doc, &findings, out),
                    ReviewFormat::Markdown => {
                        review::render::markdown_to(&doc.source.name, &findings, out)
                    }
                    ReviewFormat::Human => review::render::human_to(&doc, &findings, false, out),
                }
                .map_err(|e| out.error(&e))
            }
            JobKind::Evaluate => {
                let format = params.format(ReportFormat::Json)?;
                let doc = files.document(params)?;
                cancel.check()?;
                if format == ReportFormat::Xlsx {
                    // past the xlsx report's limits: refused as soon as the table is read, not
                    // after its whole report is made and held (issue 27)
                    let counts = doc.counts();
                    report::xlsx::check_counts(counts.projects, counts.indicators)
                        .map_err(xlsx_too_many)?;
                }
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
                    report::xlsx::check_size(&report).map_err(xlsx_too_many)?;
                }
                report::write(&report, format, &methodology.bands.value, out)
                    .map_err(|e| out.error(&e))
            }
        }
    }
}

/// The answer to an xlsx report past its limits (`why`), with the way forward.
fn xlsx_too_many(why: String) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        crate::codes::REPORT_XLSX_TOO_MANY,
        why,
        Some("format=csv 或 format=jsonl 逐行生成，不受此限"),
    )
}
