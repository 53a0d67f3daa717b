//! The page: a form to drop a table (and actuals, rule files) on, a parse box, and after a
//! drop the results rendered on the server — the files used, counts and integrity findings,
//! review findings with the offending text marked, the scored 自评表 and chart of the HTML
//! report, the rules behind the verdicts, and the report in every format as download links
//! (`data:` URLs: nothing is kept on the server). Every text from an input goes through
//! [`escape`]. Several different tables, or an archive, give the roll-up instead
//! ([`super::pile_page`]).
//!
//! Decisions where the spec is silent:
//! - Each finding is shown once: the reader's in 表格检查, the review's own in 绩效目标审核, and
//!   under the report's 输入提示 only those of the evaluation (actuals that matched nothing).
//! - Downloads are named after the input (`f03-selfeval.docx` → `f03-selfeval-评分结果.xlsx`),
//!   never the name twice over.
//! - At narrow widths (a phone, 400 px) each indicator of the 自评表 is a card (name, target,
//!   actual, 分值, 得分, verdict) by the page's style alone, and the chart is drawn as bars in
//!   the page's own markup whose labels wrap ([`super::bars`]); the wide layout is unchanged.
//! - Nothing is shown on hover only: the rules behind a verdict fold out on a tap
//!   (`<details>`), and hints are written out.
//! - A large report's page shows the 自评表 of its first [`PROJECTS_SHOWN`] (200) projects and
//!   says how many more there are; the summary, grades, chart counts, differences and findings
//!   are the whole report's, and the downloads hold every project. Every project on the page
//!   cost 130–200× a mid-sized upload (a 10 MB sheet's page was 176 MB of HTML).
//! - The page is written into the bounded answer section by section (findings a row at a
//!   time, each download's base64 a few KB at a time), never gathered whole: in a worker it
//!   goes on to the server as it is written, and the server hands it to the client between
//!   the page's head and tail without a copy.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::{Html, IntoResponse, Response};

use super::api::params;
use super::flow::Flowing;
use super::guard;
use super::inputs::{ApiError, Files, Params};
use super::job::{Job, JobKind, ReplyBody};
use super::work::{Answer, Shared};
use crate::eval;
use crate::finding::Finding;
use crate::report::html::{FirstProjects, STYLE, escape, write_body_first};
use crate::report::{self, ReportFormat};
use crate::review;
use crate::table::model::Document;

const CSS: &str = include_str!("page.css");

/// Projects whose 自评表 the page shows; past them a line says how many more there are, and
/// the downloads hold them all. The report's chart draws a bar a project up to the same count
/// (past it, counts per grade), so every bar's link finds its project on the page. A page of
/// every project of a large table was 100 MB or more of HTML, held by the worker and the
/// server (the sixth probe, O2).
pub(super) const PROJECTS_SHOWN: usize = 200;
const SCRIPT: &str = include_str!("page.js");

/// `GET /`: the empty page, with a token of its own for its requests.
pub async fn index() -> Html<String> {
    Html(page(""))
}

/// A page of an error found before any work, with its status (the form without a valid
/// token, a bad year, an upload said to be past the limit).
pub(super) fn refused(e: &ApiError) -> Response {
    let html = format!(
        "<h2>无法处理</h2>\n<div class=\"error-box\">{}</div>\n",
        escape(&e.message())
    );
    (e.status, Html(page(&html))).into_response()
}

/// `POST /`: the page with the results of the dropped files (or what was wrong with them).
pub async fn results(
    State(shared): State<Arc<Shared>>,
    query: super::api::Query,
    headers: axum::http::HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let outcome = async {
        let mut params = params(query)?;
        let files = Files::read(
            multipart,
            shared.config.max_upload,
            super::api::body_size(&headers),
        )
        .await?;
        if !guard::token_ok(files.field(guard::TOKEN_FIELD)) {
            return Err(guard::bad_token());
        }
        // admitted once the upload is in (see `api::parse`); the place held until the page is
        // sent (see `work::Ticket`)
        let ticket = shared.admit(files.bytes())?;
        if let Some(y) = files.field("year") {
            params.year = Some(year(y)?);
        }
        let limit = shared.config.max_answer;
        // a pile is read on this request's share of the cores (the others may serve others)
        let workers = (std::thread::available_parallelism().map_or(1, |n| n.get())
            / shared.config.max_work.max(1))
        .max(1);
        let job = Job {
            kind: JobKind::Page,
            params,
            files,
            limit,
            workers,
        };
        shared.run_job(job).await.map(|reply| (reply, ticket))
    }
    .await;
    match outcome {
        // the results handed through between the page's head and tail, never copied (the
        // server held three copies of a page of downloads, 1.28 GB for a 10 MB sheet, the sixth
        // probe), and past the bytes the server holds sent on as they are made (`flow`)
        Ok((reply, ticket)) => {
            let (head, tail) = page_parts(true);
            let results = match reply.body {
                ReplyBody::Whole(bytes) => Results::Whole(Some(Bytes::from(bytes))),
                ReplyBody::Flowing(flowing) => Results::Flowing(flowing),
            };
            ticket.hold(
                (
                    [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    axum::body::Body::new(PageBody {
                        head: Some(Bytes::from(head)),
                        results: Some(results),
                        tail: Some(Bytes::from(tail)),
                    }),
                )
                    .into_response(),
            )
        }
        Err(e) if e.status == axum::http::StatusCode::FORBIDDEN => refused(&e),
        Err(e) => {
            let html = format!(
                "<h2>无法处理</h2>\n<div class=\"error-box\">{}</div>\n{}",
                escape(&e.message()),
                e.body["error"]["diagnostic"]
                    .as_str()
                    .map(|d| format!("<pre class=\"src\">{}</pre>", escape(d)))
                    .unwrap_or_default()
                    + &rule_errors(&e.body)
            );
            (e.status, Html(page(&html))).into_response()
        }
    }
}

/// The page's year field: 1900 to 2100, as `--year`; anything else is a 400, never ignored.
fn year(text: &str) -> Result<i32, ApiError> {
    crate::years::parse(text).map_err(|why| {
        ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_YEAR,
            format!("年度「{text}」读不懂：{why}"),
            None,
        )
    })
}

fn rule_errors(body: &serde_json::Value) -> String {
    let Some(findings) = body["findings"].as_array() else {
        return String::new();
    };
    let mut out = String::from(
        "<table><tr><th>文件</th><th>行:列</th><th>代码</th><th>问题</th><th>建议</th></tr>\n",
    );
    for f in findings {
        let s = |k: &str| escape(f[k].as_str().unwrap_or(""));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}:{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s("file"),
            f["line"],
            f["column"],
            s("code"),
            s("message"),
            s("help")
        );
    }
    out.push_str("</table>\n");
    // past the errors shown in full (`JIXIAO_MAX_ERRORS_SHOWN`), the rest counted
    if let Some(n) = body["counts"]["not_shown"].as_u64() {
        let _ = writeln!(
            out,
            "<p>另有 {n} 处错误和警告未逐条显示（共 {} 处，rules.errors-not-shown）；先改正以上的，再用 jixiao rules check 查看。</p>",
            body["counts"]["findings"]
        );
    }
    out
}

/// The page around a worker's results: its head, the results (each piece handed on whole, no
/// copy), its tail.
struct PageBody {
    head: Option<Bytes>,
    results: Option<Results>,
    tail: Option<Bytes>,
}

/// The results of a page: whole, or sent on as they are made.
enum Results {
    Whole(Option<Bytes>),
    Flowing(Flowing),
}

/// Where the results stop when their work fails once the page is being sent (its status 200
/// already): said on the page, in Chinese, so that a page cut short never looks whole.
fn cut_short(e: &ApiError) -> String {
    format!(
        "\n<div class=\"error-box\" id=\"results-cut-short\">结果没有生成完，以上内容不完整：{}</div>\n",
        escape(&e.message())
    )
}

impl http_body::Body for PageBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        use std::task::Poll;
        let this = self.get_mut();
        let data = |b: Bytes| Poll::Ready(Some(Ok(http_body::Frame::data(b))));
        if let Some(head) = this.head.take() {
            return data(head);
        }
        match &mut this.results {
            Some(Results::Whole(bytes)) => {
                if let Some(b) = bytes.take() {
                    return data(b);
                }
            }
            Some(Results::Flowing(flowing)) => match flowing.poll_piece(cx) {
                Poll::Ready(Some(Ok(b))) => return data(b),
                Poll::Ready(Some(Err(e))) => {
                    this.results = None;
                    return data(Bytes::from(cut_short(&e)));
                }
                Poll::Ready(None) => {}
                Poll::Pending => return Poll::Pending,
            },
            None => {}
        }
        this.results = None;
        Poll::Ready(this.tail.take().map(|t| Ok(http_body::Frame::data(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none() && self.results.is_none() && self.tail.is_none()
    }
}

/// The page with `results` in its place.
fn page(results: &str) -> String {
    let (head, tail) = page_parts(!results.is_empty());
    head + results + &tail
}

/// The page before its results and after them.
fn page_parts(with_results: bool) -> (String, String) {
    let token = guard::mint();
    let head = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="jixiao-token" content="{token}">
<title>jixiao 绩效自评</title>
<style>{STYLE}{CSS}</style>
</head>
<body>
<header class="top"><h1>jixiao 绩效自评</h1><p>文件只在本机处理：不上传到任何地方，不写入磁盘。</p></header>
<form id="upload" method="post" action="/" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{token}">
<div id="drop">
<p class="hint">把目标表、自评表或逐项目表单（{endings}）拖到这里，可同时拖入实际值和规则文件（.yaml，按内容分辨，文件名不限），或整个文件夹、.zip 压缩包：多张不同的表给出复核汇总（一次最多拖入 {max_files} 个文件，更多的请打成一个 .zip）。网页上刊登的表格，在浏览器中“另存为”网页后拖入；PDF 和图片中的表格不能读取，请索取 Excel 或 Word 原件。</p>
<div class="pickers">
<span class="pick"><label class="button" for="pick-table">选择表格文件</label><input id="pick-table" class="picker" type="file" name="file" multiple accept="{accept},.zip,.yaml,.yml"><span class="chosen" data-for="pick-table">未选择文件</span></span>
<span class="pick"><label class="button" for="pick-folder">选择文件夹</label><input id="pick-folder" class="picker" type="file" name="file" webkitdirectory multiple><span class="chosen" data-for="pick-folder">未选择文件夹</span></span>
<span class="pick"><label class="button" for="pick-actuals">选择实际值文件</label><input id="pick-actuals" class="picker" type="file" name="actuals" accept=".yaml,.yml"><span class="chosen" data-for="pick-actuals">未选择文件</span></span>
<span class="pick"><label class="button" for="pick-rules">选择规则文件</label><input id="pick-rules" class="picker" type="file" name="rules" accept=".yaml,.yml" multiple><span class="chosen" data-for="pick-rules">未选择文件</span></span>
</div>
<input id="dropped" type="file" name="file" multiple hidden>
<label>年度 <input type="number" name="year" min="1900" max="2100" style="width:6em"></label>
<label>列名对应 <input type="text" name="columns" placeholder="实际完成值=完成情况" style="width:14em"></label>
<small class="hint-line">列名对应：表头的列名 jixiao 不认得时写明哪一列是哪一列，如 年度指标值=年度数值,实际完成值=完成情况</small>
<button type="submit">评价</button>
</div>
</form>
<details{parse_open}><summary><b>指标值试读</b>：每行一个指标值，或 指标名⇥指标值</summary>
<textarea id="parse-input" placeholder="518万人以上&#10;响应时间	4秒&#10;9月前"></textarea>
<table><thead><tr><th>行</th><th>指标</th><th>指标值</th><th>类型</th><th>规范式</th><th>来源</th></tr></thead><tbody id="parse-output"></tbody></table>
</details>
<main id="results">
"#,
        endings = crate::table::formats::endings_shown(),
        max_files = crate::limits::UPLOAD_FILES.shown(),
        accept = crate::table::formats::accept_attribute(),
        // the parse box folds away once there are results, so they come right after the form
        parse_open = if with_results { "" } else { " open" },
    );
    let tail = format!(
        r#"</main>
<script>{SCRIPT}</script>
</body>
</html>
"#
    );
    (head, tail)
}

/// The results section, written into `answer` as it goes (a worker hands it on to the server:
/// the page is never held whole) within its limit — the downloads are in it, base64 — and
/// stopping between stages when the request is cancelled ([`super::job`] runs it).
pub(super) fn render_results(
    mut files: Files,
    params: &Params,
    workers: usize,
    answer: &mut Answer<'_>,
) -> Result<(), ApiError> {
    let cancel = answer.cancel();
    if let Some(pile) = files.pile.take() {
        return super::pile_page::render(pile, &files, params, workers, answer);
    }
    // the table as sorting the dropped files read it (read once)
    let doc = files.take_document(params)?;
    cancel.check()?;
    let actuals = files.actuals()?;
    // an actuals file that matches nothing is refused with the nearest names, as on the
    // command line (scoring it would show every project 0.00)
    eval::unmatched::check(&doc, actuals.as_ref()).map_err(|e| ApiError::diagnostic(&e))?;
    let rules = files.rules(params)?;
    // rules that may stop trying (past their limit for an indicator) review first, as always:
    // their error is then the page's, before a byte of it. Else the review is made once the
    // report is dropped: its findings and the report are never held together (issue 27, H77)
    let early = rules
        .counts_tries()
        .then(|| review_own(&doc, &rules, params.year));
    cancel.check()?;
    let unfilled = actuals.is_none() && !doc.has_actuals();
    let mut out = String::new();
    files_used(&mut out, &files, &doc, params, unfilled);
    let counts = doc.counts();
    let _ = writeln!(
        out,
        "<div class=\"cards\" id=\"counts\"><div class=\"card\">单位<b>{}</b></div><div class=\"card\">项目<b id=\"project-count\">{}</b></div><div class=\"card\">指标<b>{}</b></div><div class=\"card\">读取行<b>{}</b></div><div class=\"card\">跳过行<b>{}</b></div></div>",
        counts.units, counts.projects, counts.indicators, counts.rows_read, counts.rows_skipped
    );
    let stem = stem(&doc.source.name);
    // the report; where the sheet reads in blocks, made without the table held beside it
    let (doc, (mut report, methodology)) =
        scored(&mut files, doc, actuals.as_ref(), &rules, params, cancel)?;
    rules.check_tries().map_err(|e| ApiError::diagnostic(&e))?;
    cancel.check()?;
    // A table with no actuals at all is not scored as zeros: the forms to fill are offered.
    if unfilled {
        drop(report);
        let doc = doc.map_or_else(|| files.take_document(params), Ok)?;
        answer.put(&out)?;
        fill_in_section(answer, &doc, &stem, params.year)?;
        findings_section(answer, "表格检查（勾稽与读取）", &doc, &doc.findings)?;
        let own = early.unwrap_or_else(|| review_own(&doc, &rules, params.year));
        return findings_section(answer, "绩效目标审核", &doc, &own);
    }
    answer.put(&out)?;
    out.clear();
    report_downloads(answer, &report, &methodology, &stem)?;
    // the scores first, what to check in the table and its targets after them; the report's
    // input notes that the reader gave are under 表格检查, not twice (left out while the body
    // is written, not a copy of the report). The body is written into what is left of the
    // answer limit and stops there with 413: rendered whole first, a 22.8 MB sheet's page
    // held 2.9 GB before its 413 (the sixth probe). A table read in blocks has no reader's
    // finding (else it is read whole).
    if let Some(doc) = &doc {
        keep_not_the_readers(&mut report.findings, &doc.findings);
    }
    // the 自评表 of the first projects only: the rest are in the downloads, whole
    let note = format!(
        "共 {} 个项目，网页只列出前 {PROJECTS_SHOWN} 个项目的自评表（上面的汇总、等级，下面的差异和提示是全部项目的）。全部项目的自评表在上方的下载报告中；下载太大时，用命令行 jixiao evaluate 生成。",
        report.projects.len()
    );
    let first = FirstProjects {
        shown: PROJECTS_SHOWN,
        note: &note,
    };
    let mut shown = Answer::new(answer.room(), cancel);
    write_body_first(&report, &methodology.bands.value, &first, &mut shown)
        .map_err(|e| shown.error(&e))?;
    let shown = String::from_utf8(shown.bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    answer.put(&super::bars::with_bars(&shown, &report, ""))?;
    drop(shown);
    rules_used(&mut out, &report, &rules);
    drop(report);
    // the table again where it was dropped for the report (the same bytes read the same way):
    // the review and the findings' excerpts
    let doc = doc.map_or_else(|| files.take_document(params), Ok)?;
    cancel.check()?;
    findings_section(answer, "表格检查（勾稽与读取）", &doc, &doc.findings)?;
    let own = early.unwrap_or_else(|| review_own(&doc, &rules, params.year));
    findings_section(answer, "绩效目标审核", &doc, &own)?;
    answer.put(&out)
}

/// The review's own findings of `doc`: the reader's, which come first in the review's, are
/// shown under 表格检查 only (their copies dropped, H72).
fn review_own(doc: &Document, rules: &crate::rules::RuleSet, year: Option<i32>) -> Vec<Finding> {
    let mut findings = review::review(doc, &review::Options { rules, year });
    findings.drain(..doc.findings.len().min(findings.len()));
    findings.shrink_to_fit();
    findings
}

/// The report of `doc` and its methodology. A text self-evaluation sheet that reads in blocks
/// (no reader's finding, within the blocks' sizes) is evaluated a block at a time from its
/// bytes, `doc` dropped first: the report is the whole table's exactly (`eval::blocks`), and
/// the table and its report are never held together (issue 27, H77: a page of 20,000 projects
/// held both, 16 and 28 MB, with the review's 11 MB). The document is given back where it was
/// kept (read whole, or the blocks could not answer for the sheet).
fn scored(
    files: &mut Files,
    doc: Document,
    actuals: Option<&eval::ActualsFile>,
    rules: &crate::rules::RuleSet,
    params: &Params,
    cancel: &super::work::Cancel,
) -> Result<(Option<Document>, (report::model::Report, eval::Methodology)), ApiError> {
    // (a table without actuals is evaluated whole, as always: the blocks would not answer)
    let blocks = doc.findings.is_empty()
        && !rules.counts_tries()
        && (actuals.is_some() || doc.has_actuals());
    let doc = match blocks.then(|| super::blockwise::Sheet::take(files, params)) {
        Some(Ok(Some(sheet))) => {
            let published_dp = eval::evaluate::published_precision(&doc);
            drop(doc);
            let methodology = eval::Methodology::from_rules(rules);
            let opts = eval::Options {
                methodology: &methodology,
                rules,
                year: params.year,
                progress: None,
                cancel: Some(cancel.flag()),
            };
            let report = sheet.evaluate(actuals, published_dp, &opts);
            sheet.give_back(files);
            if let Some(report) = report {
                return Ok((None, (report, methodology)));
            }
            cancel.check()?;
            files.take_document(params)?
        }
        Some(Err(e)) => return Err(e),
        _ => doc,
    };
    let scored = eval::evaluate_with_rules(&doc, actuals, rules, params.year, Some(cancel.flag()));
    Ok((Some(doc), scored))
}

/// Keeps of the report's `findings` those that are not the reader's own (`readers`): shown
/// under 表格检查 already, and nothing after the body reads them. Told apart by code, message
/// and position through a set of the reader's, one look a finding: each was searched for among
/// all the reader's, and a sheet of 20,000 rows the reader skipped (each an error in both
/// lists, with the same message) compared 2·10⁸ pairs, formatting both positions each time;
/// and the report's were copied beside the kept ones while the body was written (issue 27, H72).
fn keep_not_the_readers(findings: &mut Vec<Finding>, readers: &[Finding]) {
    if readers.is_empty() {
        return;
    }
    let readers: std::collections::HashSet<_> = readers.iter().map(ReadersKey::of).collect();
    findings.retain(|f| !readers.contains(&ReadersKey::of(f)));
}

/// What tells a reader's finding: code, message and position.
#[derive(Eq)]
struct ReadersKey<'f>(&'f str, &'f str, String);

impl std::hash::Hash for ReadersKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.0, self.1, &self.2).hash(h);
    }
}

impl<'f> ReadersKey<'f> {
    fn of(f: &'f Finding) -> Self {
        ReadersKey(&f.code, &f.message, f.position())
    }
}

impl PartialEq for ReadersKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        // the unit test counts the keys compared (work, not time: a loaded machine's CPU
        // time says little)
        #[cfg(test)]
        tests::COMPARED.with(|c| c.set(c.get() + 1));
        (self.0, self.1, &self.2) == (other.0, other.1, &other.2)
    }
}

/// Downloads: every format, rendered by the same function as the command line.
fn report_downloads(
    answer: &mut Answer<'_>,
    report: &crate::report::model::Report,
    methodology: &eval::Methodology,
    stem: &str,
) -> Result<(), ApiError> {
    answer.put("<h2>下载报告</h2>\n<p class=\"downloads\">")?;
    for format in [
        ReportFormat::Xlsx,
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Json,
    ] {
        // the workbook is made in memory, the page's largest piece: past the page's own
        // project limit it is named, with the way to get it
        let limit = &crate::limits::PAGE_XLSX_PROJECTS;
        if format == ReportFormat::Xlsx && report.projects.len() as u64 > limit.get() {
            answer.put(&format!(
                "<span class=\"too-large\" id=\"xlsx-left-out\">xlsx（项目太多）<small>这张表有 {} 个项目，超过网页内 xlsx 下载的 {} 个项目上限（环境变量 {}）；完整的 xlsx 报告请用命令行 jixiao evaluate 表格文件 --format xlsx 生成；其余格式照常下载</small></span>",
                report.projects.len(),
                limit.shown(),
                limit.env
            ))?;
            continue;
        }
        let name = format!("{stem}-评分结果.{}", format.extension());
        let write = |w: &mut Answer<'_>| report::write(report, format, &methodology.bands.value, w);
        if format == ReportFormat::Xlsx {
            download_workbook(answer, &name, format.extension(), write)?;
        } else {
            download(
                answer,
                &name,
                format.extension(),
                format.content_type(),
                write,
            )?;
        }
    }
    answer.put("</p>\n")
}

/// The rules behind the verdicts: each rule used, where it is written (or 表中给出), and the
/// verdicts it gave with their counts.
fn rules_used(
    out: &mut String,
    report: &crate::report::model::Report,
    rules: &crate::rules::RuleSet,
) {
    let mut used: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for p in &report.projects {
        for i in &p.indicators {
            for r in i.rules.iter() {
                *used
                    .entry(r)
                    .or_default()
                    .entry(i.verdict.zh())
                    .or_default() += 1;
            }
        }
    }
    if used.is_empty() {
        return;
    }
    out.push_str("<h2>依据的规则</h2>\n<table><tr><th>规则</th><th>出处</th><th>用于的结论（指标数）</th></tr>\n");
    for (id, verdicts) in used {
        let at = rules
            .rule(id)
            .map(|r| format!("{}:{}", r.rref.file, r.rref.line))
            .unwrap_or_else(|| "表中给出".to_owned());
        let v: Vec<String> = verdicts.iter().map(|(v, n)| format!("{v} {n}")).collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(id),
            escape(&at),
            escape(&v.join("，"))
        );
    }
    out.push_str("</table>\n");
}

/// A file name without its folder and ending: what downloads are named after.
pub(super) fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\', '／']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s).trim();
    if stem.is_empty() {
        "jixiao".to_owned()
    } else {
        stem.to_owned()
    }
}

/// One download link (`data:` URL) written by `write`, within a tenth of the answer limit
/// (base64 is 4/3 of it); one that does not fit is named, with the way to get it, and the rest
/// of the page still shows. The link's base64 is written into `answer` as it is made: a
/// download within [`HELD`] bytes is rendered once and held while its base64 is written; a
/// larger one is rendered again, counted (is it within the limit?), and a third time, its base64
/// written as it comes, never held whole (issue 27: a 20,000-project page held each download
/// whole, up to a tenth of the answer limit, 25.6 MB, beside the table and its report).
pub(super) fn download(
    answer: &mut Answer<'_>,
    name: &str,
    label: &str,
    content_type: &str,
    write: impl Fn(&mut Answer<'_>) -> std::io::Result<()>,
) -> Result<(), ApiError> {
    download_within(answer, HELD, (name, label, content_type), write)
}

/// [`download`] of a workbook, rendered once and held while its base64 is written: it is
/// built whole in memory anyway (the server writes nothing to disk) and bounded by its own
/// limits ([`crate::limits::PAGE_XLSX_PROJECTS`]); rendered again it would be built three times.
pub(super) fn download_workbook(
    answer: &mut Answer<'_>,
    name: &str,
    label: &str,
    write: impl Fn(&mut Answer<'_>) -> std::io::Result<()>,
) -> Result<(), ApiError> {
    let content_type = ReportFormat::Xlsx.content_type();
    download_within(answer, usize::MAX, (name, label, content_type), write)
}

/// Bytes of a download held while its base64 is written; past them it is not held at all.
const HELD: usize = 2 * 1024 * 1024;

/// [`download`], holding at most `held` bytes of it (`(name, label, content type)`).
fn download_within(
    answer: &mut Answer<'_>,
    held: usize,
    (name, label, content_type): (&str, &str, &str),
    write: impl Fn(&mut Answer<'_>) -> std::io::Result<()>,
) -> Result<(), ApiError> {
    let room = (answer.limit() / 10).min(answer.room() / 4 * 3);
    let cancel = answer.cancel();
    let mut made = Answer::new(room.min(held), cancel);
    let kept = match write(&mut made) {
        Ok(()) => Some(std::mem::take(&mut made.bytes)),
        Err(e) => {
            let refused = made.error(&e);
            if refused.status != axum::http::StatusCode::PAYLOAD_TOO_LARGE || room <= held {
                return left_out(answer, label, &e, refused);
            }
            // larger than is held: counted first, within the download's own limit
            let mut nowhere = std::io::sink();
            let mut counted = Answer::to(&mut nowhere, room, cancel);
            if let Err(e) = write(&mut counted) {
                let refused = counted.error(&e);
                return left_out(answer, label, &e, refused);
            }
            None
        }
    };
    drop(made);
    answer.put(&format!(
        "<a download=\"{}\" href=\"data:{};base64,",
        escape(name),
        content_type.replace(' ', "")
    ))?;
    match kept {
        Some(bytes) => base64_to(&bytes, answer)?,
        None => {
            let mut base64 = Base64Into::new(answer);
            let written = {
                let mut streamed = Answer::to(&mut base64, room, cancel);
                write(&mut streamed).map_err(|e| streamed.error(&e))
            };
            // the page's own error (its limit, its request gone) before the render's
            base64.finish()?;
            written?;
        }
    }
    answer.put(&format!("\">{}</a>", escape(label)))
}

/// A download that could not be made, named in its place (`e`, and `refused`, the error its
/// answer gives): the page goes on, unless the request's time is up.
fn left_out(
    answer: &mut Answer<'_>,
    label: &str,
    e: &std::io::Error,
    refused: ApiError,
) -> Result<(), ApiError> {
    match refused.status {
        // the request's time is up: the page is not finished
        axum::http::StatusCode::REQUEST_TIMEOUT => Err(refused),
        axum::http::StatusCode::PAYLOAD_TOO_LARGE => answer.put(&format!(
            "<span class=\"too-large\">{}（太大）<small>超过网页内下载的大小上限；请用命令行 jixiao evaluate</small></span>",
            escape(label)
        )),
        // a download that cannot be made (past the xlsx report's limits) is named
        // with why, and the rest of the page still shows
        _ => answer.put(&format!(
            "<span class=\"too-large\">{}（无法生成）<small>{}</small></span>",
            escape(label),
            escape(&e.to_string())
        )),
    }
}

/// Bytes written as base64 into an answer as they come, a few KB at a time (the last one to
/// three bytes, padded, by [`Base64Into::finish`]); the answer's error kept for `finish`.
struct Base64Into<'a, 'c> {
    answer: &'a mut Answer<'c>,
    /// Bytes not yet written: fewer than [`Base64Into::CHUNK`].
    pending: Vec<u8>,
    failed: Option<ApiError>,
}

impl<'a, 'c> Base64Into<'a, 'c> {
    /// Bytes encoded at a time (a multiple of 3: no padding but at the end).
    const CHUNK: usize = 3 * 4096;

    fn new(answer: &'a mut Answer<'c>) -> Self {
        Base64Into {
            answer,
            pending: Vec::with_capacity(Self::CHUNK),
            failed: None,
        }
    }

    /// The bytes left written, padded; the answer's first error, if it gave one.
    fn finish(mut self) -> Result<(), ApiError> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let rest = std::mem::take(&mut self.pending);
        base64_to(&rest, self.answer)
    }
}

impl std::io::Write for Base64Into<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            return Err(std::io::Error::other("the page stopped"));
        }
        let take = buf.len().min(Self::CHUNK - self.pending.len());
        self.pending.extend_from_slice(&buf[..take]);
        if self.pending.len() == Self::CHUNK {
            if let Err(e) = self.answer.put(&base64(&self.pending)) {
                self.failed = Some(e);
                return Err(std::io::Error::other("the page stopped"));
            }
            self.pending.clear();
        }
        Ok(take)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A row of the list of files used: the file, what it was used as, a note.
pub(super) struct Used {
    pub name: String,
    pub role: &'static str,
    pub note: String,
    /// A file that was not read (shown as such).
    pub unread: bool,
}

/// The list of the files used, at the top of the results.
pub(super) fn files_table(out: &mut String, rows: &[Used]) {
    let _ = writeln!(
        out,
        "<h2>使用的文件（{} 个）</h2>\n<table class=\"files cardable\" id=\"files-used\"><thead><tr><th>文件</th><th>用作</th><th>说明</th></tr></thead><tbody>",
        rows.len()
    );
    for r in rows {
        let _ = writeln!(
            out,
            "<tr{}><td data-label=\"文件\">{}</td><td data-label=\"用作\">{}</td><td data-label=\"说明\">{}</td></tr>",
            if r.unread { " class=\"unread\"" } else { "" },
            escape(&r.name),
            r.role,
            escape(&r.note)
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The rule files used: the bundled rules unless left out, then those given.
pub(super) fn rule_rows(files: &Files, params: &Params, rows: &mut Vec<Used>) {
    if !params.no_default_rules.unwrap_or(false) {
        rows.push(Used {
            name: "（内置规则）".to_owned(),
            role: "规则",
            note: "jixiao 自带的方向、类别和评分规则".to_owned(),
            unread: false,
        });
    }
    for r in &files.rules {
        rows.push(Used {
            name: r.name.clone(),
            role: "规则",
            note: "在内置规则之后载入".to_owned(),
            unread: false,
        });
    }
}

/// The files one table's results came from: the table, its copies, the actuals, the rules and
/// the files not read.
fn files_used(out: &mut String, files: &Files, doc: &Document, params: &Params, unfilled: bool) {
    let c = doc.counts();
    let mut rows = vec![Used {
        name: doc.source.name.clone(),
        role: "表格",
        note: format!(
            "{} 个单位、{} 个项目、{} 个指标",
            c.units, c.projects, c.indicators
        ),
        unread: false,
    }];
    for copy in &files.copies {
        rows.push(Used {
            name: copy.clone(),
            role: "副本",
            note: format!("与 {} 是同一张表，未重复读取", doc.source.name),
            unread: false,
        });
    }
    rows.push(match &files.actuals {
        Some(a) => Used {
            name: a.name.clone(),
            role: "实际值",
            note: "按单位、项目和指标名称对应到表中".to_owned(),
            unread: false,
        },
        None if unfilled => Used {
            name: "（没有）".to_owned(),
            role: "实际值",
            note: "表中没有实际完成值，也没有实际值文件：下面提供填报用的自评表".to_owned(),
            unread: false,
        },
        None => Used {
            name: "（表中已填）".to_owned(),
            role: "实际值",
            note: "用表中的实际完成值".to_owned(),
            unread: false,
        },
    });
    rule_rows(files, params, &mut rows);
    for (name, why) in &files.unread {
        rows.push(Used {
            name: name.clone(),
            role: "未能读取",
            note: why.clone(),
            unread: true,
        });
    }
    files_table(out, &rows);
}

/// The year-end step for a table without actuals: the 自评表 workbook to fill (one form a
/// project) and the actuals file, as `jixiao template` writes them, instead of a report of
/// zeros.
fn fill_in_section(
    answer: &mut Answer<'_>,
    doc: &Document,
    stem: &str,
    year: Option<i32>,
) -> Result<(), ApiError> {
    let year = year.or_else(|| doc.form_year());
    let forms = crate::eval::actuals_file::fill_forms(doc, year);
    answer.put("<h2>填报实际完成值</h2>\n<p class=\"notice\" id=\"fill-in\">这张表还没有实际完成值，所以不评分。下载填报用的自评表（每个项目一张工作表，目标已填好），在黄色单元格填写全年执行数、实际完成值和偏差原因，再把它拖回本页即可评分；也可以填写实际值文件（YAML）与目标表一起拖入。</p>\n<p class=\"downloads\">")?;
    // each within a tenth of the answer limit, as the report's downloads; its base64 written
    // into the answer as it is made
    let room = |answer: &Answer<'_>| (answer.limit() / 10).min(answer.room() / 4 * 3);
    let too_large = "超过网页内下载的大小上限；请用命令行 jixiao template 生成";
    // a workbook that cannot be written (a cell past Excel's limit, too many projects) is
    // named in its place; the actuals file is still offered
    match crate::report::form_workbook::workbook(&forms) {
        Ok(xlsx) if xlsx.len() <= room(answer) => {
            answer.put(&format!(
                "<a id=\"fill-in-xlsx\" download=\"{}-填报自评表.xlsx\" href=\"data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,",
                escape(stem)
            ))?;
            base64_to(&xlsx, answer)?;
            answer.put("\">填报用自评表（xlsx）</a>")?;
        }
        Ok(_) => answer.put(&format!(
            "<span class=\"too-large\" id=\"fill-in-xlsx-error\">填报用自评表（xlsx）太大：{too_large}</span>"
        ))?,
        Err(e) => answer.put(&format!(
            "<span class=\"too-large\" id=\"fill-in-xlsx-error\">填报用自评表（xlsx）无法生成：{}</span>",
            escape(&e.to_string())
        ))?,
    }
    drop(forms);
    let yaml = crate::eval::actuals_file::template(doc, year);
    if yaml.len() <= room(answer) {
        answer.put(&format!(
            "<a download=\"{}-实际值.yaml\" href=\"data:application/yaml;base64,",
            escape(stem)
        ))?;
        base64_to(yaml.as_bytes(), answer)?;
        answer.put("\">实际值文件（yaml）</a>")?;
    } else {
        answer.put(&format!(
            "<span class=\"too-large\">实际值文件（yaml）太大：{too_large}</span>"
        ))?;
    }
    answer.put("</p>\n")
}

/// Findings with the line of the source they point at, the offending characters marked;
/// written into `answer` a row at a time (a table of a million findings is stopped at the
/// answer limit, never gathered first).
fn findings_section(
    answer: &mut Answer<'_>,
    title: &str,
    doc: &Document,
    findings: &[Finding],
) -> Result<(), ApiError> {
    answer.put(&format!("<h2>{title}：{} 个问题</h2>\n", findings.len()))?;
    if findings.is_empty() {
        return answer.put("<p class=\"none\">没有发现问题。</p>\n");
    }
    answer.put("<table class=\"cardable\"><thead><tr><th>位置</th><th>级别</th><th>代码</th><th>单位 / 项目 / 指标</th><th>问题与原文</th></tr></thead><tbody>\n")?;
    let mut row = String::new();
    for f in findings {
        row.clear();
        let what = f.concerns();
        let _ = writeln!(
            row,
            "<tr><td data-label=\"位置\">{}</td><td data-label=\"级别\" class=\"sev-{}\">{}</td><td data-label=\"代码\">{}</td><td data-label=\"单位 / 项目 / 指标\">{}</td><td data-label=\"问题与原文\">{}{}<div class=\"src\">{}</div></td></tr>",
            escape(&f.position()),
            f.severity.as_str(),
            f.severity.zh(),
            escape(&f.code),
            escape(&what),
            escape(&f.message),
            f.help
                .as_deref()
                .map(|h| format!("<br><small>{}</small>", escape(h)))
                .unwrap_or_default(),
            excerpt(doc, f)
        );
        answer.put(&row)?;
    }
    answer.put("</tbody></table>\n")
}

/// Up to 40 characters either side of the finding's characters, which are marked.
fn excerpt(doc: &Document, f: &Finding) -> String {
    let Some(at) = &f.at else {
        return String::new();
    };
    let src = &doc.source;
    let text = src.text.as_str();
    let range = at.range();
    if range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return String::new();
    }
    let line = src.line_index(range.start);
    let (start, end) = (
        src.line_start(line),
        src.line_end(line).max(range.end).min(text.len()),
    );
    let before: Vec<char> = text[start..range.start].chars().collect();
    let before: String = before[before.len().saturating_sub(40)..].iter().collect();
    let after: String = text[range.end..end].chars().take(40).collect();
    format!(
        "{}<mark>{}</mark>{}",
        escape(&before),
        escape(&text[range]),
        escape(after.trim_end_matches(['\r', '\n']))
    )
}

/// [`base64`] of `bytes` written into `answer` a few KB at a time.
fn base64_to(bytes: &[u8], answer: &mut Answer<'_>) -> Result<(), ApiError> {
    for chunk in bytes.chunks(3 * 4096) {
        answer.put(&base64(chunk))?;
    }
    Ok(())
}

/// Standard base64 (RFC 4648) for the `data:` download links.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    thread_local! {
        /// The keys `keep_not_the_readers` compared on this thread.
        pub(super) static COMPARED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn the_readers_findings_are_told_apart_in_one_look_each() {
        use crate::finding::{Finding, Severity};
        // a sheet of 20,000 rows the reader skipped: each an error among the reader's findings
        // and the report's, with the same message; and one finding of the evaluation each
        let at = |f: Finding, line: u32| {
            let mut f = f;
            f.line = Some(line);
            f.column = Some(38);
            f
        };
        let skipped = |line| {
            at(
                Finding::new(
                    crate::codes::BAD_NUMBER,
                    Severity::Error,
                    "s.csv",
                    "分值「abc」不是数字；该行未读取",
                ),
                line,
            )
        };
        let readers: Vec<Finding> = (0..20_000).map(|k| skipped(4 + 2 * k)).collect();
        let mut report = readers.clone();
        report.extend((0..20_000).map(|k| {
            at(
                Finding::new(
                    crate::codes::EVAL_POINTS_NOT_100,
                    Severity::Warning,
                    "s.csv",
                    "分值合计 10 分，不是 100 分",
                ),
                3 + 2 * k,
            )
        }));
        // and one of the evaluation's at a reader's place, with its own code: kept
        report.push(at(
            Finding::new(
                crate::codes::EVAL_POINTS_NOT_100,
                Severity::Warning,
                "s.csv",
                "分值「abc」不是数字；该行未读取",
            ),
            4,
        ));
        let mut own = report.clone();
        COMPARED.with(|c| c.set(0));
        super::keep_not_the_readers(&mut own, &readers);
        let compared = COMPARED.with(|c| c.get());
        assert_eq!(own.len(), 20_001);
        assert!(
            own.iter()
                .all(|f| f.code == crate::codes::EVAL_POINTS_NOT_100.as_str())
        );
        // each was searched for among all the reader's: 2·10⁸ pairs, minutes in a debug build;
        // one look a finding compares a key about once (a hash shared by chance aside). A
        // count of work, not a time: it cannot pass or fail with the machine's load
        assert!(
            compared <= 2 * 40_001,
            "{compared} keys compared for 40,001 findings against 20,000"
        );
        // and with no reader's finding, every finding is the report's own
        let mut all = report.clone();
        super::keep_not_the_readers(&mut all, &[]);
        assert_eq!(all, report);
    }

    /// The page's bytes for downloads of `sizes` bytes (0..=255 repeated), holding at most
    /// `held` of each, within an answer limit of `limit`.
    fn page_of(sizes: &[usize], held: usize, limit: usize) -> Vec<u8> {
        let cancel = super::super::work::Cancel::default();
        let mut answer = super::Answer::new(limit, &cancel);
        for (k, &n) in sizes.iter().enumerate() {
            let bytes: Vec<u8> = (0..n).map(|i| (i % 256) as u8).collect();
            super::download_within(
                &mut answer,
                held,
                (
                    &format!("d{k}.bin"),
                    &format!("d{k}"),
                    "application/octet-stream",
                ),
                |w| {
                    // in pieces of odd sizes, as a renderer writes
                    for piece in bytes.chunks(1 + k % 7) {
                        std::io::Write::write_all(w, piece)?;
                    }
                    Ok(())
                },
            )
            .expect("the page goes on");
        }
        answer.bytes
    }

    #[test]
    fn a_download_past_what_is_held_is_written_as_it_comes_to_the_same_bytes() {
        let sizes = [0, 1, 2, 3, 4, 12_287, 12_288, 12_289, 40_000, 200_000];
        let whole = page_of(&sizes, usize::MAX, 64 << 20);
        for held in [0, 1, 5, 4096, 50_000] {
            assert!(page_of(&sizes, held, 64 << 20) == whole, "held {held}");
        }
        // one past its tenth of the answer limit is named, held or not
        let text = String::from_utf8(page_of(&[2_000_000], 10, 10 << 20)).expect("text");
        assert!(
            text.contains("（太大）") && !text.contains("base64"),
            "{text}"
        );
        let text = String::from_utf8(whole).expect("text");
        assert!(text.contains("d9.bin") && text.matches("base64,").count() == sizes.len());
    }

    #[test]
    fn base64_of_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn downloads_are_named_after_the_file_without_its_folder_or_ending() {
        for (name, stem) in [
            ("自评表.docx", "自评表"),
            ("各单位／f02.xlsx", "f02"),
            ("a/b/t.2023.tsv", "t.2023"),
            ("C:\\表\\目标表.xls", "目标表"),
            ("无后缀", "无后缀"),
            (".xlsx", "jixiao"),
        ] {
            assert_eq!(super::stem(name), stem, "{name}");
        }
    }
}
