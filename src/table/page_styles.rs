//! A web page's linked style sheets as the page read ([`super::read_page`]) sees them: where
//! they are read from (an `.mhtml`'s parts; the page's folder on the command line; nowhere for
//! an upload), the refusal of a page with no table whose sheets were not read (its layout may
//! be in them), and the note beside the tables read that some sheets were not (a class hiding
//! rows or striking figures there is not seen).

use super::{Document, ReadError, ReadOptions};
use crate::finding::{Finding, Severity, codes};
use crate::table::formats::html::StyleSource;

/// Where the page's sheets are read from: the `.mhtml`'s parts, else the page's folder.
pub(super) fn source(parts: Option<Vec<(String, Vec<u8>)>>, opts: &ReadOptions) -> StyleSource {
    match (parts, &opts.page_folder) {
        (Some(parts), _) => StyleSource::Parts(parts),
        (None, Some(dir)) => StyleSource::Folder(dir.clone()),
        (None, None) => StyleSource::Alone,
    }
}

/// The sheets not read, named with why (`a.css（是网址，jixiao 不联网读取）、…`).
fn named(unread: &[(String, &'static str)]) -> String {
    let mut out: Vec<String> = unread
        .iter()
        .take(4)
        .map(|(href, why)| format!("{href}（{why}）"))
        .collect();
    if unread.len() > 4 {
        out.push(format!("等 {} 个", unread.len()));
    }
    out.join("、")
}

/// How to proceed: a page read alone (an upload) is saved as one file with its sheets, or
/// read on the command line beside them.
fn help(source: &StyleSource) -> String {
    match source {
        StyleSource::Alone => "上传的只是网页本身，不带它旁边的样式表：请在浏览器中把网页另存为“单个文件”（.mhtml，样式表保存在其中）后上传；或在命令行中读取保存的网页（jixiao evaluate 网页.html，浏览器保存的样式表文件夹“名称_files”留在网页旁边）".into(),
        _ => "jixiao 只读取网页所在文件夹中以相对路径链接的样式表（不联网、不读文件夹之外的文件）：请在浏览器中“另存为 → 网页，全部”（样式表存入旁边的“名称_files”文件夹）或“单个文件”（.mhtml）后读取；或把表格复制到 Excel 后另存为 .xlsx".into(),
    }
}

/// The refusal of a page with no table whose linked sheets were not read.
pub(super) fn unread(
    name: &str,
    unread: &[(String, &'static str)],
    source: &StyleSource,
) -> ReadError {
    ReadError::PageStylesheet {
        name: name.into(),
        sheets: named(unread),
        help: help(source),
    }
}

/// Beside the tables read: the sheets not read (info).
pub(super) fn note_unread(
    doc: &mut Document,
    unread: &[(String, &'static str)],
    source: &StyleSource,
) {
    if unread.is_empty() {
        return;
    }
    doc.findings.push(
        Finding::at_location(
            codes::TABLE_PAGE_STYLESHEET,
            Severity::Info,
            &doc.source,
            super::PAGE_AT,
            format!(
                "网页链接的样式表没有读取：{}；其中如有隐藏行、删除线或排版的样式，这里看不到",
                named(unread)
            ),
        )
        .label("这个网页")
        .help(help(source)),
    );
}

/// `opts` for the file at `path`: a web page's linked sheets are read from its folder (where
/// `opts` names none).
pub(crate) fn at_path<'o>(
    opts: &'o ReadOptions,
    path: &std::path::Path,
) -> std::borrow::Cow<'o, ReadOptions> {
    if opts.page_folder.is_some() {
        return std::borrow::Cow::Borrowed(opts);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::borrow::Cow::Owned(ReadOptions {
        page_folder: Some(dir),
        ..opts.clone()
    })
}
