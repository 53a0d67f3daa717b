//! What a request brings: the multipart fields (`table`, optional `actuals`, repeated `rules`,
//! repeated `file` sorted by content), the query (`format`, `year`, `encoding`, `sheet`,
//! `no_default_rules`), and the errors that answer bad input with a status and the diagnostics
//! as JSON.
//!
//! Decisions where the spec is silent:
//! - Files of the `file` field that are copies of the table read are named
//!   ([`Files::copies`]); files that are neither a table nor actuals nor rules are named with
//!   why ([`Files::unread`]) when a table was found among them: nothing dropped disappears.
//! - Several different tables, or a `.zip`, among the `file` field make a pile (issue 26):
//!   every file is kept for the roll-up ([`Files::pile`]) instead of refused. The page shows
//!   the roll-up; the API, which answers with one report, still refuses it (`web.two-tables`).
//! - Two files of the same name (a folder's subfolders each with `自评表.xlsx`) are told apart
//!   by a number: `自评表（2）.xlsx`.

use std::borrow::Cow;

use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::eval::ActualsFile;
use crate::rules::{RuleSet, RuleSource};
use crate::table::{self, EncodingChoice, ReadOptions, model::Document};

/// A request that cannot be answered: its status and a JSON body
/// `{"error":{"code","message","help","diagnostic"},"findings":…}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: serde_json::Value,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: crate::codes::Code,
        message: impl Into<String>,
        help: Option<&str>,
    ) -> ApiError {
        ApiError {
            status,
            body: serde_json::json!({"error": {"code": code.as_str(), "message": message.into(), "help": help}}),
        }
    }

    /// 400 for a diagnostic of the library (a table that cannot be read, a broken actuals file),
    /// with its text as the command line prints it (without colour).
    pub fn diagnostic(d: &dyn miette::Diagnostic) -> ApiError {
        let rendered = crate::diagnostic::render(d, false);
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: serde_json::json!({"error": {
                "code": d.code().map(|c| c.to_string()),
                "message": d.to_string(),
                "help": d.help().map(|h| h.to_string()),
                "diagnostic": rendered,
            }}),
        }
    }

    /// The message, for the page.
    pub fn message(&self) -> String {
        let e = &self.body["error"];
        let mut s = e["message"].as_str().unwrap_or("").to_owned();
        if let Some(h) = e["help"].as_str() {
            s.push('。');
            s.push_str(h);
        }
        s
    }

    fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::codes::WEB_TOO_LARGE,
            format!("上传的文件太大：超过 {} MB 的上限", limit / (1024 * 1024)),
            Some("按单位拆分后分别上传，或用命令行 jixiao 处理；启动时可用 --max-upload-mb 放宽"),
        )
    }

    /// A body that could not be read: too large (413), else 400.
    pub fn body(status: StatusCode, detail: &str, limit: usize) -> ApiError {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::too_large(limit);
        }
        if detail.contains(super::work::UPLOADS_FULL) {
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                crate::codes::WEB_BUSY,
                super::work::UPLOADS_FULL,
                Some("稍等片刻后重新提交；大批文件请用命令行 jixiao evaluate 处理"),
            );
        }
        for stalled in [super::work::STALLED, super::work::SILENT] {
            if detail.contains(stalled) {
                return ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    crate::codes::WEB_STALLED,
                    stalled,
                    Some("上传在数秒内没有进展，连接已结束；请检查网络后重新上传"),
                );
            }
        }
        ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_BODY,
            format!("请求内容读不下去：{detail}"),
            Some("用 multipart/form-data 上传：字段 table（必需）、actuals、rules（可重复）"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut text = self.body.to_string();
        text.push('\n');
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            text,
        )
            .into_response()
    }
}

/// One uploaded file: the name the client gave and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a request.
#[derive(Debug, Default)]
pub struct Files {
    pub table: Option<Upload>,
    pub actuals: Option<Upload>,
    pub rules: Vec<Upload>,
    /// Plain form fields (the page's `year`).
    pub fields: Vec<(String, String)>,
    /// Files of the `file` field (the page's drop zone): sorted by content into the above by
    /// [`Files::sort_dropped`], in the request's work (it reads them).
    pub dropped: Vec<Upload>,
    /// Files of the `file` field that hold the same table as [`Files::table`] (another format).
    pub copies: Vec<String>,
    /// Files of the `file` field that are no table, actuals or rules, with why.
    pub unread: Vec<(String, String)>,
    /// A pile (several different tables, or an archive): every file but the rule files, for
    /// the roll-up; `table` and `actuals` are then empty.
    pub pile: Option<Vec<Upload>>,
    /// `table` as [`Files::sort_dropped`] read it (with the default options) to tell what it
    /// is: [`Files::take_document`] hands it on instead of reading the bytes a second time.
    pub read: Option<Document>,
}

/// Names made unique: a second `自评表.xlsx` becomes `自评表（2）.xlsx`, its ending kept for the
/// readers.
fn unique_names(files: &mut [Upload]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for f in files.iter_mut() {
        let n = seen.entry(f.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let (stem, ext) = match f.name.rsplit_once('.') {
                Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
                _ => (f.name.clone(), String::new()),
            };
            f.name = format!("{stem}（{n}）{ext}");
        }
    }
}

/// The plain (not file) fields a request may carry: the page's year and token.
const PLAIN_FIELDS: [&str; 3] = ["year", "columns", super::guard::TOKEN_FIELD];

/// Rule files one request may upload.
const MAX_RULE_FILES: usize = 64;

/// 400 for a field given twice: which one would win is not guessed.
fn repeated(field: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        crate::codes::WEB_REPEATED_FIELD,
        format!("上传字段「{field}」出现了两次；一次只处理一个目标表和一个实际值文件"),
        Some("table 与 actuals 各给一个文件；规则文件（rules）可以有多个"),
    )
}

/// 400 for a request of more dropped files than [`crate::limits::UPLOAD_FILES`].
fn too_many_dropped() -> ApiError {
    let max = crate::limits::UPLOAD_FILES.shown();
    ApiError::new(
        StatusCode::BAD_REQUEST,
        crate::codes::WEB_TOO_MANY_FILES,
        format!("一次上传的文件超过 {max} 个的上限"),
        Some(&format!(
            "把文件打成一个 .zip 压缩包再拖入（压缩包最多 {} 个文件），或分几次上传；{}",
            crate::limits::ZIP_ENTRIES.shown(),
            crate::limits::UPLOAD_FILES.help()
        )),
    )
}

fn multipart_error(e: MultipartError, limit: usize) -> ApiError {
    // a stalled upload is named as such (the multipart reader wraps its error)
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(c) = cause {
        let text = c.to_string();
        for mark in [
            super::work::STALLED,
            super::work::SILENT,
            super::work::UPLOADS_FULL,
            super::work::TINY_CHUNKS,
        ] {
            if text.contains(mark) {
                return ApiError::body(e.status(), mark, limit);
            }
        }
        cause = c.source();
    }
    ApiError::body(e.status(), &e.body_text(), limit)
}

/// The file name of a part whose `Content-Disposition` gives it as `filename*=` only (RFC 5987:
/// `UTF-8''%E8%A1%A8.xlsx`; ISO-8859-1 too), or `None` when it gives none (a plain field). A
/// name in another charset, badly percent-encoded or holding a control character is a 400
/// naming the parameter: without this the part was taken for a plain field, refused as an
/// unknown one ("不认识的表单字段「table」").
fn extended_file_name(headers: &axum::http::HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(disposition) = headers.get(header::CONTENT_DISPOSITION) else {
        return Ok(None);
    };
    let disposition = String::from_utf8_lossy(disposition.as_bytes());
    let Some(value) = disposition.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("filename*")
            .then(|| v.trim().trim_matches('"'))
    }) else {
        return Ok(None);
    };
    let shown: String = value.chars().take(64).collect();
    let bad = |why: &str| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_FILE_NAME,
            format!("上传文件名参数 filename*=「{shown}」读不懂：{why}"),
            Some(
                "写作 filename*=UTF-8''后接百分号编码的文件名（RFC 5987），或用 filename=\"文件名\"",
            ),
        )
    };
    let mut parts = value.splitn(3, '\'');
    let (Some(charset), Some(_language), Some(encoded)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("缺少字符集（应为 UTF-8''文件名）"));
    };
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&b, after)) = rest.split_first() {
        if b == b'%' {
            let hex = after
                .get(..2)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| bad("百分号后应为两位十六进制数"))?;
            bytes.push(hex);
            rest = &after[2..];
        } else {
            bytes.push(b);
            rest = after;
        }
    }
    let name = if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).map_err(|_| bad("不是 UTF-8 编码"))?
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        bytes.into_iter().map(char::from).collect()
    } else {
        return Err(bad("字符集只能是 UTF-8 或 ISO-8859-1"));
    };
    if name.chars().any(char::is_control) {
        return Err(bad("含控制字符"));
    }
    Ok(Some(name))
}

/// A part's bytes, in one buffer reserved at once for `room` (what is left of the body, when
/// the request says) and given back down to the part's size: multer's own `Field::bytes` grew
/// its buffer by doubling, the old and the new held together while it grew (a 42 MB table
/// held 96 MB of the server for a moment, then 64 MB: 110 MB of the server's peak, H52).
/// Pages of the room that the part never reaches are never touched.
async fn part_bytes(
    field: &mut axum::extract::multipart::Field<'_>,
    room: usize,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::with_capacity(room);
    while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(e, limit))? {
        bytes.extend_from_slice(&chunk);
    }
    if bytes.capacity() - bytes.len() > bytes.len() / 8 + 4096 {
        bytes.shrink_to_fit();
    }
    Ok(bytes)
}

impl Files {
    /// The bytes of every file uploaded (what a request's turn in the queue is weighed by:
    /// `super::queue`).
    pub fn bytes(&self) -> u64 {
        let files = self.table.iter().chain(&self.actuals).chain(&self.rules);
        let more = self.dropped.iter().chain(self.pile.iter().flatten());
        files.chain(more).map(|u| u.bytes.len() as u64).sum()
    }

    /// Read every field into memory (nothing touches the disk). A file input left empty by a
    /// browser (no name, no bytes) counts as absent.
    ///
    /// `size` is what the request says its body holds (`Content-Length`, when it says): each
    /// file's bytes are read into one buffer reserved for what is left of it ([`part_bytes`]).
    pub async fn read(
        multipart: Result<Multipart, MultipartRejection>,
        limit: usize,
        size: Option<usize>,
    ) -> Result<Files, ApiError> {
        let mut multipart =
            multipart.map_err(|e| ApiError::body(e.status(), &e.body_text(), limit))?;
        let mut files = Files::default();
        // at most what is left of the body (an upper bound: the parts' heads are in it too)
        let mut left = size.unwrap_or(0).min(limit);
        while let Some(mut field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_error(e, limit))?
        {
            let field_name = field.name().unwrap_or("").to_owned();
            let file_name = match field.file_name() {
                Some(name) => Some(name.to_owned()),
                // a part named by `filename*=` only (RFC 5987; multer reads `filename=`)
                None => extended_file_name(field.headers())?,
            };
            // the dropped files are counted before the part's bytes are read: 100,000 one-byte
            // parts took 6 s to sort before their 400
            if field_name == "file"
                && files.dropped.len() as u64 >= crate::limits::UPLOAD_FILES.get()
            {
                return Err(too_many_dropped());
            }
            let room = if file_name.is_some() { left } else { 0 };
            let bytes = part_bytes(&mut field, room, limit).await?;
            left = left.saturating_sub(bytes.len());
            let Some(name) = file_name else {
                // the page's own fields only (a flood of made-up ones would cost time and memory)
                if !PLAIN_FIELDS.contains(&field_name.as_str()) {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        crate::codes::WEB_UNKNOWN_FIELD,
                        format!(
                            "不认识的表单字段「{}」",
                            field_name.chars().take(64).collect::<String>()
                        ),
                        Some("表单字段为 year 和 csrf；文件字段为 table、actuals、rules"),
                    ));
                }
                if files.fields.iter().any(|(n, _)| *n == field_name) {
                    return Err(repeated(&field_name));
                }
                files
                    .fields
                    .push((field_name, String::from_utf8_lossy(&bytes).into_owned()));
                continue;
            };
            if name.is_empty() && bytes.is_empty() {
                continue;
            }
            let upload = Upload {
                name: if name.is_empty() {
                    field_name.clone()
                } else {
                    name
                },
                bytes,
            };
            match field_name.as_str() {
                "table" if files.table.is_some() => return Err(repeated("table")),
                "actuals" if files.actuals.is_some() => return Err(repeated("actuals")),
                "table" => files.table = Some(upload),
                "actuals" => files.actuals = Some(upload),
                "rules" if files.rules.len() >= MAX_RULE_FILES => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        crate::codes::WEB_TOO_MANY_FILES,
                        format!("规则文件超过 {MAX_RULE_FILES} 个"),
                        Some("把规则合并到较少的文件中"),
                    ));
                }
                "rules" => files.rules.push(upload),
                "file" => files.dropped.push(upload),
                other => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        crate::codes::WEB_UNKNOWN_FIELD,
                        format!("不认识的上传字段「{other}」"),
                        Some(
                            "字段为 table（目标表、自评表或表单）、actuals（实际值 .yaml）、rules（规则文件，可重复）、file（任意文件，按内容分辨，可重复）",
                        ),
                    ));
                }
            }
        }
        // the dropped files are read (sorted by content) in the request's work, off the runtime:
        // see `super::job`
        Ok(files)
    }

    /// Sorts the files of the `file` field by what each holds ([`crate::inputs`]): tables,
    /// actuals and rule files; copies of one table in several formats are one table. Several
    /// different tables, or an archive, make a pile ([`Files::pile`]). Two actuals files for
    /// one table, or no table among files of which some could not be read, answer 400 naming
    /// them.
    pub(super) fn sort_dropped(&mut self) -> Result<(), ApiError> {
        if self.dropped.is_empty() {
            return Ok(());
        }
        let mut dropped = std::mem::take(&mut self.dropped);
        unique_names(&mut dropped);
        dropped.sort_by(|a, b| {
            (crate::inputs::preference(&a.name), &a.name)
                .cmp(&(crate::inputs::preference(&b.name), &b.name))
        });
        if dropped.iter().any(|u| crate::inputs::is_zip_name(&u.name)) {
            self.make_pile(dropped);
            return Ok(());
        }
        // first what each file is, without moving it: a second table found makes a pile; the
        // table's own reading kept for the work (read once, not again)
        let mut read = None;
        let mut chosen = self.table.as_ref().and_then(|t| {
            table::read_bytes(&t.name, &t.bytes, &ReadOptions::default())
                .ok()
                .map(|d| crate::inputs::fingerprint(read.insert(d)))
        });
        let mut kinds = Vec::with_capacity(dropped.len());
        for up in &dropped {
            let kind =
                match crate::inputs::classify_why(&up.name, &up.bytes, &ReadOptions::default()) {
                    (crate::inputs::Kind::Table, Ok(Some(doc))) => {
                        let print = crate::inputs::fingerprint(&doc);
                        match &chosen {
                            None => {
                                chosen = Some(print);
                                // the table the work reads, unless one was given apart (unread)
                                if self.table.is_none() {
                                    read = Some(doc);
                                }
                                Sorted::Table
                            }
                            Some(c) if *c == print => Sorted::Copy,
                            Some(_) => {
                                self.make_pile(dropped);
                                return Ok(());
                            }
                        }
                    }
                    (crate::inputs::Kind::Rules, _) => Sorted::Rules,
                    (crate::inputs::Kind::Actuals, _) => Sorted::Actuals,
                    // why it is no table (a PDF, a picture, a page without a form), in the
                    // reader's words, from this reading
                    (_, read) => Sorted::Other(read.err()),
                };
            kinds.push(kind);
        }
        let mut unreadable = Vec::new();
        for (up, kind) in dropped.into_iter().zip(kinds) {
            match kind {
                Sorted::Rules => self.rules.push(up),
                Sorted::Actuals => {
                    if let Some(first) = &self.actuals {
                        return Err(ApiError::new(
                            StatusCode::BAD_REQUEST,
                            crate::codes::WEB_TWO_ACTUALS,
                            format!(
                                "给出了两个实际值文件：{}、{}；只能用一个",
                                first.name, up.name
                            ),
                            Some("只拖入要用的那个实际值文件"),
                        ));
                    }
                    self.actuals = Some(up);
                }
                Sorted::Table if self.table.is_none() => self.table = Some(up),
                Sorted::Table | Sorted::Copy => self.copies.push(up.name),
                Sorted::Other(why) => unreadable.push((up.name, why)),
            }
        }
        if self.table.is_none() && !unreadable.is_empty() {
            let names: Vec<String> = unreadable
                .iter()
                .map(|(name, why)| match why {
                    Some(e) => format!("{name}（{e}）"),
                    None => name.clone(),
                })
                .collect();
            let own_help = match unreadable.as_slice() {
                [(_, Some(e))] => miette::Diagnostic::help(e).map(|h| h.to_string()),
                _ => None,
            };
            let help = own_help.unwrap_or_else(|| {
                format!(
                    "支持的表格：{}（目标表、自评表或逐项目表单）；实际值和规则文件为 .yaml",
                    crate::table::formats::endings_shown()
                )
            });
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                crate::codes::WEB_UNSUPPORTED_FILE,
                format!("读不出表格：{}", names.join("、")),
                Some(&help),
            ));
        }
        self.unread = unreadable
            .into_iter()
            .map(|(name, why)| {
                let why = why.map_or_else(
                    || "既不是表格，也不是实际值或规则文件".to_owned(),
                    |e| e.to_string(),
                );
                (name, why)
            })
            .collect();
        self.read = read;
        Ok(())
    }

    /// Every file for the roll-up: the `table` and `actuals` fields too; rule files (told by
    /// their YAML, read only for `.yaml` names) stay rules for every table.
    fn make_pile(&mut self, dropped: Vec<Upload>) {
        let mut pile: Vec<Upload> = self.table.take().into_iter().collect();
        pile.extend(self.actuals.take());
        for up in dropped {
            let rules = crate::inputs::is_yaml_name(&up.name)
                && matches!(
                    crate::inputs::classify(&up.name, &up.bytes, &ReadOptions::default()).0,
                    crate::inputs::Kind::Rules
                );
            if rules {
                self.rules.push(up);
            } else {
                pile.push(up);
            }
        }
        unique_names(&mut pile);
        self.pile = Some(pile);
    }

    /// A plain form field, trimmed, when not empty.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The table, read as the command line reads a file of that name.
    pub fn document(&self, query: &Params) -> Result<Document, ApiError> {
        if let Some(pile) = &self.pile {
            let names: Vec<&str> = pile.iter().map(|u| u.name.as_str()).collect();
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                crate::codes::WEB_TWO_TABLES,
                format!("给出了多张不同的表或压缩包：{}", names.join("、")),
                Some(
                    "接口一次只评价一张表：逐个上传；多张表的汇总请在网页上拖入，或用命令行 jixiao evaluate 文件夹",
                ),
            ));
        }
        let table = self.table.as_ref().ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                crate::codes::WEB_NO_TABLE,
                "缺少目标表或自评表",
                Some(&format!(
                    "上传字段 table（或 file）：{}",
                    crate::table::formats::endings_shown()
                )),
            )
        })?;
        let opts = self.read_options(query)?;
        table::read_bytes(&table.name, &table.bytes, &opts).map_err(|e| ApiError::diagnostic(&e))
    }

    /// [`Files::document`], handing on the table [`Files::sort_dropped`] read where the query
    /// reads it as that did (no encoding, sheet or 列名对应 given): the same document, read once.
    pub fn take_document(&mut self, query: &Params) -> Result<Document, ApiError> {
        let as_sorted = query.encoding.is_none()
            && query.sheet.is_none()
            && self.field("columns").or(query.columns.as_deref()).is_none();
        match self.read.take() {
            Some(doc) if as_sorted && self.pile.is_none() && self.table.is_some() => Ok(doc),
            _ => self.document(query),
        }
    }

    /// How the tables are read: `?encoding=`, `?sheet=`, and the 列名对应 (the page's field,
    /// else `?columns=`).
    pub fn read_options(&self, query: &Params) -> Result<ReadOptions, ApiError> {
        let encoding = match &query.encoding {
            Some(e) => e.parse::<EncodingChoice>().map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    crate::codes::WEB_BAD_QUERY,
                    format!("不认识的编码「{e}」"),
                    Some("encoding 可为 auto、utf-8、gbk"),
                )
            })?,
            None => EncodingChoice::Auto,
        };
        // 列名对应: the page's field, else `?columns=`
        let columns = match self.field("columns").or(query.columns.as_deref()) {
            Some(c) => c
                .parse::<crate::table::columns::ColumnMap>()
                .map_err(|e| ApiError::diagnostic(&e))?,
            None => Default::default(),
        };
        Ok(ReadOptions {
            encoding,
            sheet: query.sheet.clone(),
            format: None,
            columns,
            page_folder: None,
            year: query.year,
        })
    }

    /// The actuals file, where one was given.
    pub fn actuals(&self) -> Result<Option<ActualsFile>, ApiError> {
        let Some(a) = &self.actuals else {
            return Ok(None);
        };
        let bytes = a.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&a.bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                crate::codes::ACTUALS_ENCODING,
                format!("实际值文件 {} 不是 UTF-8 文本", a.name),
                Some("实际值文件是 YAML 文本，请以 UTF-8 保存"),
            )
        })?;
        ActualsFile::parse(&a.name, text)
            .map(Some)
            .map_err(|e| ApiError::diagnostic(&*e))
    }

    /// The rule set: the bundled rules (unless `no_default_rules`), then the uploaded files in
    /// order. Errors answer 400 with the findings of `jixiao rules check --format json`.
    pub fn rules(&self, query: &Params) -> Result<Cow<'static, RuleSet>, ApiError> {
        let no_default = query.no_default_rules.unwrap_or(false);
        if self.rules.is_empty() && !no_default {
            return Ok(Cow::Borrowed(RuleSet::bundled()));
        }
        let mut sources = Vec::new();
        for r in &self.rules {
            let bytes = r.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&r.bytes);
            match std::str::from_utf8(bytes) {
                Ok(text) => sources.push(RuleSource::new(r.name.clone(), text)),
                Err(_) => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        crate::codes::RULES_IO,
                        format!("规则文件 {} 不是 UTF-8 文本", r.name),
                        Some("规则文件是 YAML 文本，请以 UTF-8 保存"),
                    ));
                }
            }
        }
        match RuleSet::with_files(&sources, !no_default) {
            Ok((set, _warnings)) => Ok(Cow::Owned(set)),
            Err(errors) => {
                let mut body = crate::rules::error::findings_json(&errors, sources.len());
                body["error"] = serde_json::json!({
                    "code": crate::codes::RULES_FILE,
                    "message": "规则文件有错误",
                    "help": "用 jixiao rules check FILE 查看每处错误的行和列",
                });
                Err(ApiError {
                    status: StatusCode::BAD_REQUEST,
                    body,
                })
            }
        }
    }
}

/// What a file of the `file` field was found to be.
enum Sorted {
    Table,
    /// The same table as the one read, in another file.
    Copy,
    Actuals,
    Rules,
    /// No table, and why (the reader's error), as its one reading found.
    Other(Option<crate::table::ReadError>),
}

/// The query of the API (`?format=json&year=2023`).
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
pub struct Params {
    pub format: Option<String>,
    pub year: Option<i32>,
    pub encoding: Option<String>,
    pub sheet: Option<String>,
    /// Which header is which column (`年度指标值=年度数值,实际完成值=完成情况`).
    pub columns: Option<String>,
    pub no_default_rules: Option<bool>,
}

impl Params {
    /// `?format=` as one of `choices` (their clap names), else `default`.
    pub fn format<T: clap::ValueEnum + Copy>(&self, default: T) -> Result<T, ApiError> {
        match &self.format {
            None => Ok(default),
            Some(f) => T::from_str(f, true).map_err(|_| {
                let names: Vec<String> = T::value_variants()
                    .iter()
                    .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
                    .collect();
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    crate::codes::WEB_BAD_QUERY,
                    format!("不认识的格式「{f}」"),
                    Some(&format!("format 可为 {}", names.join("、"))),
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_numbered_and_keep_their_ending() {
        let up = |n: &str| Upload {
            name: n.to_owned(),
            bytes: Vec::new(),
        };
        let mut files = vec![
            up("自评表.xlsx"),
            up("自评表.xlsx"),
            up("a"),
            up("a"),
            up("自评表.xlsx"),
        ];
        unique_names(&mut files);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "自评表.xlsx",
                "自评表（2）.xlsx",
                "a",
                "a（2）",
                "自评表（3）.xlsx"
            ]
        );
    }
    #[test]
    fn a_dropped_file_that_is_no_table_is_read_once_and_named_with_its_reason() {
        // a page drop's file that no reader takes: its reason is the one reading's, the
        // file not read a second time for it (a large Word document took twice the CPU)
        let reason = table::read_bytes(
            "说明.txt",
            "这不是表格\n只是一段说明\n".as_bytes(),
            &ReadOptions::default(),
        )
        .expect_err("no table")
        .to_string();
        let mut files = Files {
            dropped: vec![Upload {
                name: "说明.txt".to_owned(),
                bytes: "这不是表格\n只是一段说明\n".as_bytes().to_vec(),
            }],
            ..Files::default()
        };
        table::READS.with(|n| n.set(0));
        let e = files.sort_dropped().expect_err("no table among the files");
        assert_eq!(table::READS.with(|n| n.get()), 1, "read once");
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        let named = format!("读不出表格：说明.txt（{reason}）");
        assert!(e.message().starts_with(&named), "{}", e.message());
    }
}
