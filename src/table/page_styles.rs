//! A web page's linked style sheets as the page read ([`super::read_page`]) sees them: where
//! they are read from (an `.mhtml`'s parts; the page's folder on the command line; nowhere for
//! an upload), the refusal of a page with no table whose sheets were not read (its layout may
//! be in them), and the note beside the tables read that some sheets were not (a class hiding
//! rows or striking figures there is not seen).

use super::{Document, ReadError, ReadOptions};
use crate::finding::{Finding, Severity, codes};
use crate::table::formats::html::StyleSource;

/// Where a web page's linked style sheets are read from ([`ReadOptions::page_folder`]).
#[derive(Debug, Clone)]
pub enum PageFolder {
    /// The folder of a page on disk.
    Disk(std::path::PathBuf),
    /// The folder of a page unzipped from an archive (its path inside, `/` between the
    /// folders, empty at the top), with the archive's style sheets.
    Archive {
        folder: String,
        sheets: std::sync::Arc<ArchiveSheets>,
    },
}

/// The style sheets (`.css`) of one archive, each by its path inside it (`/` between the
/// folders), within `MAX_ARCHIVE_SHEETS` (64) and the page's 512 KB of style text; and its web
/// pages, by their paths (a page's frames and its form's other printed pages are read from
/// them, as from its folder on disk), each shared with the entry read on its own.
#[derive(Debug, Default)]
pub struct ArchiveSheets {
    pub sheets: Vec<(String, Vec<u8>)>,
    pub pages: Vec<(String, std::sync::Arc<[u8]>)>,
}

/// Style sheets kept from one archive at most.
pub const MAX_ARCHIVE_SHEETS: usize = 64;

/// Where the page's sheets are read from: the `.mhtml`'s parts, else the page's folder (on
/// disk or in its archive).
pub(super) fn source(parts: Option<Vec<(String, Vec<u8>)>>, opts: &ReadOptions) -> StyleSource {
    match (parts, &opts.page_folder) {
        (Some(parts), _) => StyleSource::Parts(parts),
        (None, Some(PageFolder::Disk(dir))) => StyleSource::Folder(dir.clone()),
        (None, Some(PageFolder::Archive { folder, sheets })) => StyleSource::Archive {
            folder: folder.clone(),
            sheets: sheets.clone(),
        },
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

/// Whether `bytes` may be read as a web page (markup, MIME, or text a page's name may
/// claim): a workbook or a Word document is not, and its options are not copied for it.
fn may_be_page(bytes: &[u8]) -> bool {
    use super::formats::{Sniffed, sniff};
    matches!(
        sniff(bytes),
        Sniffed::Html | Sniffed::Mhtml | Sniffed::Other
    )
}

/// Beside a page's tables read with no data row, where a script of the page holds indicator
/// data: the tables are filled by the script when the page is opened (warning).
pub(super) fn note_script_data(doc: &mut Document) {
    doc.findings.push(
        Finding::at_location(
            codes::TABLE_PAGE_SCRIPT_DATA,
            Severity::Warning,
            &doc.source,
            super::PAGE_AT,
            "网页的表格中没有数据行，网页的脚本中却有指标数据：表格是打开网页时由脚本填入的，保存的网页文件中没有".to_owned(),
        )
        .label("这个网页")
        .help("在浏览器中打开网页，等表格显示后另存为“单个文件”（.mhtml，保存的是显示的表格）再读取；或把表格复制到 Excel 后另存为 .xlsx"),
    );
}

/// `opts` for a page unzipped from an archive into `folder`, with the archive's sheets (even
/// none: its links are then named not found in the archive); `opts` itself where it names a
/// folder, `folder` is none (a file not from an archive), or `bytes` are no page.
pub(crate) fn in_archive<'o>(
    opts: &'o ReadOptions,
    folder: Option<&PageFolder>,
    bytes: &[u8],
) -> std::borrow::Cow<'o, ReadOptions> {
    match folder {
        Some(f) if opts.page_folder.is_none() && may_be_page(bytes) => {
            std::borrow::Cow::Owned(ReadOptions {
                page_folder: Some(f.clone()),
                ..opts.clone()
            })
        }
        _ => std::borrow::Cow::Borrowed(opts),
    }
}

/// `opts` for the file at `path` holding `bytes`: a web page's linked sheets are read from its
/// folder (where `opts` names none; copied only for bytes that may be a page).
pub(crate) fn at_path<'o>(
    opts: &'o ReadOptions,
    path: &std::path::Path,
    bytes: &[u8],
) -> std::borrow::Cow<'o, ReadOptions> {
    if opts.page_folder.is_some() || !may_be_page(bytes) {
        return std::borrow::Cow::Borrowed(opts);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::borrow::Cow::Owned(ReadOptions {
        page_folder: Some(PageFolder::Disk(dir)),
        ..opts.clone()
    })
}
