//! The style sheets a web page links to (`<link rel="stylesheet" href="…">`), for
//! [`super`]'s reader: where their text may be read from, and why not where it may not.
//!
//! - **A page on disk** (the command line): a relative path inside the page's own folder, as a
//!   browser's "save page, complete" writes it (`NAME_files/main.css`, `css/a.css?v=3`,
//!   percent-encoded names); never the network (`https://…`, `//host/…`), never outside the
//!   folder (`..`, an absolute path, a link out of it), never what is not a regular file.
//! - **An `.mhtml`**: the `text/css` parts saved with it, found by their `Content-Location`.
//! - **A page in a `.zip`**: the archive's own `.css` entries, by the same rules as a folder on
//!   disk (relative to the page's folder in the archive, never `..`, never absolute, never the
//!   network); the archive keeps at most 64 sheets and 512 KB of them
//!   (`pile::gather`). A frame's page is found among the archive's pages the same way.
//! - **One upload** (the server): none; the page's findings say how to proceed.
//!
//! **Bounds**: the sheets read count against the page's style text
//! ([`MAX_CSS_BYTES`](super::super::page_css::MAX_CSS_BYTES)) with its `<style>` blocks; a sheet
//! past what is left is not read (named); at most [`MAX_SHEETS`] sheets are looked for.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use super::super::page_css::MAX_CSS_BYTES;

/// Linked style sheets looked for at most (the rest are named unread).
pub(crate) const MAX_SHEETS: usize = 32;

/// Every sheet this process has read from a page's folder (its real path): a file the run
/// read, which its output must not replace (the command line's `output.is-input`, looked at
/// before the report is put in place).
static READ_FROM_FOLDERS: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The sheets read from pages' folders so far in this process ([`READ_FROM_FOLDERS`]).
pub(crate) fn sheets_read() -> Vec<PathBuf> {
    READ_FROM_FOLDERS
        .lock()
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

/// Where a page's linked style sheets are read from.
#[derive(Clone, Debug, Default)]
pub(crate) enum StyleSource {
    /// Nowhere: the page came alone (an upload, an archive's entry, bytes in memory).
    #[default]
    Alone,
    /// The page's own folder on disk.
    Folder(PathBuf),
    /// The `text/css` parts of an `.mhtml`, each with its `Content-Location`.
    Parts(Vec<(String, Vec<u8>)>),
    /// The page's folder inside the archive it was unzipped from (`/` between folders, empty
    /// at the top), and the archive's sheets.
    Archive {
        folder: String,
        sheets: std::sync::Arc<crate::table::ArchiveSheets>,
    },
}

/// The linked sheets of one page: where from, how much style text is read so far, and the
/// sheets not read with why.
pub(crate) struct Linked<'s> {
    source: &'s StyleSource,
    looked: usize,
    pub unread: Vec<(String, &'static str)>,
}

impl<'s> Linked<'s> {
    pub(crate) fn new(source: &'s StyleSource) -> Self {
        Linked {
            source,
            looked: 0,
            unread: Vec::new(),
        }
    }

    /// The text of the sheet `href` links to, with `read` bytes of style text read so far on
    /// the page; `None` (and the sheet named in [`Linked::unread`]) where it is not read.
    pub(crate) fn load(&mut self, href: &str, read: usize) -> Option<String> {
        let href = href.trim();
        self.looked += 1;
        let left = MAX_CSS_BYTES.saturating_sub(read);
        let got = if self.looked > MAX_SHEETS {
            Err("网页链接的样式表超过 32 个")
        } else {
            match self.source {
                StyleSource::Alone => Err("网页是单独读取的，不带它旁边的文件"),
                StyleSource::Folder(dir) => from_folder(dir, href, left),
                StyleSource::Parts(parts) => from_parts(parts, href, left),
                StyleSource::Archive { folder, sheets } => {
                    from_archive(folder, &sheets.sheets, href, left)
                }
            }
        };
        match got {
            Ok(text) => Some(text),
            Err(why) => {
                let shown: String = href.chars().take(120).collect();
                self.unread.push((shown, why));
                None
            }
        }
    }
}

/// The sheets a `<style>` block imports (`@import url("a.css");`, `@import 'a.css' screen;`),
/// those for print left out; at most [`MAX_SHEETS`].
pub(crate) fn imports(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("@import") {
        rest = &rest[at + "@import".len()..];
        let end = rest.find(';').unwrap_or(rest.len());
        let rule = rest[..end].trim();
        rest = &rest[end..];
        let rule = rule.strip_prefix("url(").unwrap_or(rule);
        let Some(quote) = rule.chars().next() else {
            continue;
        };
        let (href, media) = if quote == '"' || quote == '\'' {
            let inner = &rule[1..];
            match inner.find(quote) {
                Some(e) => (&inner[..e], &inner[e..]),
                None => continue,
            }
        } else {
            let e = rule.find([')', ' ']).unwrap_or(rule.len());
            (&rule[..e], &rule[e..])
        };
        if !media.to_ascii_lowercase().contains("print") && out.len() < MAX_SHEETS {
            out.push(href.to_owned());
        }
    }
    out
}

/// Why [`relative`] refuses an absolute path (a frame's page says "文件", not "样式表").
const ABSOLUTE: &str = "是绝对路径，jixiao 只读取网页所在文件夹中的样式表";

/// The path `href` names inside a page's folder, or why it names none.
fn relative(href: &str) -> Result<PathBuf, &'static str> {
    let href = href.split(['?', '#']).next().unwrap_or("");
    if href.is_empty() {
        return Err("链接是空的");
    }
    let lower = href.to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .is_some_and(|(s, _)| s.len() > 1 && s.bytes().all(|b| b.is_ascii_alphabetic()));
    if scheme || lower.starts_with("//") || lower.starts_with("\\\\") {
        return Err("是网址，jixiao 不联网读取");
    }
    let decoded = percent_decoded(href).ok_or("链接中的 % 编码不是 UTF-8 文字")?;
    let path = PathBuf::from(decoded.replace('\\', "/"));
    if decoded.starts_with(['/', '\\']) || path.is_absolute() || lower.get(1..2) == Some(":") {
        return Err(ABSOLUTE);
    }
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return Err("在网页所在文件夹之外（..），jixiao 不读取"),
        }
    }
    Ok(out)
}

/// `%E7%BB%A9` and the like decoded (UTF-8); `None` where the bytes are no UTF-8.
fn percent_decoded(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A sheet of the page's folder `dir`: at most `left` bytes.
fn from_folder(dir: &Path, href: &str, left: usize) -> Result<String, &'static str> {
    let too_large = "网页的样式表合计超过 512 KB";
    let (_, real, bytes) = folder_file(dir, &relative(href)?, left as u64, too_large)?;
    if let Ok(mut read) = READ_FROM_FOLDERS.lock() {
        read.insert(real);
    }
    Ok(css_text(&bytes))
}

/// The file `rel` of the page's folder `dir` (a sheet, a frame's page), read whole where it is
/// at most `left` bytes (`too_large` past them): the folder's real place, the file's, and its
/// bytes. A symbolic link may lead out of the folder: the real places are compared.
fn folder_file(
    dir: &Path,
    rel: &Path,
    left: u64,
    too_large: &'static str,
) -> Result<(PathBuf, PathBuf, Vec<u8>), &'static str> {
    let path = dir.join(rel);
    let meta = std::fs::metadata(&path).map_err(|_| "在网页所在文件夹中找不到这个文件")?;
    if !meta.is_file() {
        return Err("不是普通文件");
    }
    let (Ok(real_dir), Ok(real)) = (dir.canonicalize(), path.canonicalize()) else {
        return Err("在网页所在文件夹中找不到这个文件");
    };
    if !real.starts_with(&real_dir) {
        return Err("在网页所在文件夹之外（..），jixiao 不读取");
    }
    if meta.len() > left {
        return Err(too_large);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .and_then(|f| f.take(left.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|_| "无法读取这个文件")?;
    if bytes.len() as u64 > left {
        return Err(too_large);
    }
    Ok((real_dir, real, bytes))
}

/// A sheet of the archive the page was unzipped from, in the page's `folder` there: the same
/// rules as a folder on disk ([`relative`]: relative, inside the page's folder, never out); at
/// most `left` bytes.
fn from_archive(
    folder: &str,
    sheets: &[(String, Vec<u8>)],
    href: &str,
    left: usize,
) -> Result<String, &'static str> {
    let want = in_folder(folder, &relative(href)?);
    let (_, bytes) = sheets
        .iter()
        .find(|(at, _)| *at == want)
        .ok_or("压缩包中网页所在的文件夹里没有这个样式表，或它超出压缩包样式表的限额（64 个、合计 512 KB）")?;
    if bytes.len() > left {
        return Err("网页的样式表合计超过 512 KB");
    }
    Ok(css_text(bytes))
}

/// The path inside an archive of the file `rel` of the page's `folder` there (`/` between the
/// folders).
fn in_folder(folder: &str, rel: &Path) -> String {
    let mut want = folder.trim_matches('/').to_owned();
    for part in rel.components() {
        if !want.is_empty() {
            want.push('/');
        }
        want.push_str(&part.as_os_str().to_string_lossy());
    }
    want
}

/// A frame's page of the archive the page was unzipped from (`pages`, by their paths), in the
/// page's `folder` there, by the same rules as a sheet ([`relative`]); at most `left` bytes:
/// its bytes and its own folder.
fn archive_page(
    folder: &str,
    pages: &[(String, std::sync::Arc<[u8]>)],
    rel: &Path,
    left: u64,
) -> Result<(Vec<u8>, String), &'static str> {
    let want = in_folder(folder, rel);
    let (_, bytes) = pages
        .iter()
        .find(|(at, _)| *at == want)
        .ok_or("压缩包中网页所在的文件夹里没有这个网页")?;
    if bytes.len() as u64 > left {
        return Err("网页与其框架中的网页合计超过输入大小的上限");
    }
    let folder = want.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    Ok((bytes.to_vec(), folder))
}

/// A sheet saved in an `.mhtml`: the part whose `Content-Location` is `href` (or ends with
/// it as a path), at most `left` bytes.
fn from_parts(
    parts: &[(String, Vec<u8>)],
    href: &str,
    left: usize,
) -> Result<String, &'static str> {
    let (_, bytes) = part_at(parts, href).ok_or("单个文件网页中没有保存这个样式表")?;
    if bytes.len() > left {
        return Err("网页的样式表合计超过 512 KB");
    }
    Ok(css_text(bytes))
}

/// The document a frame's `src` names beside the page (a file of the page's folder on disk or
/// in its archive, by [`relative`]'s rules, as a sheet is found), at most `left` bytes, with where that
/// document's own sheets and frames are read from (its folder); why not where it is not read.
/// An `.mhtml`'s frames are its parts ([`part_at`]).
pub(crate) fn frame_file(
    source: &StyleSource,
    src: &str,
    left: u64,
) -> Result<(Vec<u8>, StyleSource), &'static str> {
    let rel = || {
        relative(src.trim()).map_err(|why| match why {
            ABSOLUTE => "是绝对路径，jixiao 只读取网页所在文件夹中的文件",
            other => other,
        })
    };
    let dir = match source {
        StyleSource::Alone => return Err("网页是单独读取的，不带它旁边的文件"),
        StyleSource::Parts(_) => return Err("单个文件网页中没有保存这个框架的网页"),
        StyleSource::Archive { folder, sheets } => {
            let (bytes, folder) = archive_page(folder, &sheets.pages, &rel()?, left)?;
            let sheets = sheets.clone();
            return Ok((bytes, StyleSource::Archive { folder, sheets }));
        }
        StyleSource::Folder(dir) => dir,
    };
    let rel = rel()?;
    let too_large = "网页与其框架中的网页合计超过输入大小的上限";
    let (real_dir, real, bytes) = folder_file(dir, &rel, left, too_large)?;
    if let Ok(mut read) = READ_FROM_FOLDERS.lock() {
        read.insert(real.clone());
    }
    let folder = real.parent().map_or(real_dir, Path::to_path_buf);
    Ok((bytes, StyleSource::Folder(folder)))
}

/// A file of a page's folder read besides it (another printed page of its form), kept as
/// the sheets read are ([`sheets_read`]: the run's output must not replace it).
pub(crate) fn note_read(path: &Path) {
    if let (Ok(real), Ok(mut read)) = (path.canonicalize(), READ_FROM_FOLDERS.lock()) {
        read.insert(real);
    }
}

/// The part of an `.mhtml` whose `Content-Location` is `href` (or ends with it as a path).
pub(crate) fn part_at<'p>(
    parts: &'p [(String, Vec<u8>)],
    href: &str,
) -> Option<&'p (String, Vec<u8>)> {
    let href = href.trim();
    let want = href.trim_start_matches("./");
    parts.iter().find(|(at, _)| {
        at == href
            || (!want.is_empty()
                && at
                    .strip_suffix(want)
                    .is_some_and(|head| head.ends_with('/')))
    })
}

/// A sheet's text: UTF-8 (a BOM dropped), else GB18030.
fn css_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_relative_paths_inside_the_folder_are_sheets() {
        assert_eq!(
            relative("./%E7%BB%A9%E6%95%88_files/main.css?v=3").unwrap(),
            PathBuf::from("绩效_files/main.css")
        );
        assert_eq!(relative("css/a.css#x").unwrap(), PathBuf::from("css/a.css"));
        for (href, why) in [
            ("https://www.example.gov.cn/a.css", "网址"),
            ("//cdn.example.com/a.css", "网址"),
            ("file:///etc/passwd", "网址"),
            ("/static/a.css", "绝对路径"),
            ("C:\\site\\a.css", "绝对路径"),
            ("../a.css", "之外"),
            ("css/../../a.css", "之外"),
            ("%2e%2e/a.css", "之外"),
            ("", "空"),
        ] {
            let e = relative(href).unwrap_err();
            assert!(e.contains(why), "{href}: {e}");
        }
    }

    #[test]
    fn imports_are_read_but_for_print() {
        assert_eq!(
            imports(
                "@import url(\"a.css\"); @import 'b.css' screen;@import url(c.css);@import \"p.css\" print; .x{}"
            ),
            ["a.css", "b.css", "c.css"]
        );
    }

    #[test]
    fn an_archives_sheet_is_found_from_the_pages_folder_and_never_out_of_it() {
        let sheets = vec![
            ("site/绩效_files/main.css".to_owned(), b".a{}".to_vec()),
            ("main.css".to_owned(), b".b{}".to_vec()),
        ];
        let at = |folder: &str, href: &str| from_archive(folder, &sheets, href, 1024);
        assert_eq!(
            at("site", "./%E7%BB%A9%E6%95%88_files/main.css?v=1").unwrap(),
            ".a{}"
        );
        assert_eq!(at("", "main.css").unwrap(), ".b{}");
        assert!(at("site", "../main.css").unwrap_err().contains("之外"));
        assert!(at("site", "/main.css").unwrap_err().contains("绝对路径"));
        assert!(
            at("site", "main.css")
                .unwrap_err()
                .contains("没有这个样式表")
        );
        assert!(from_archive("", &sheets, "main.css", 2).is_err());
    }

    #[test]
    fn an_mhtml_part_is_found_by_its_location() {
        let parts = vec![(
            "https://www.example.gov.cn/css/main.css".to_owned(),
            b".x{display:none}".to_vec(),
        )];
        let source = StyleSource::Parts(parts);
        let mut l = Linked::new(&source);
        assert!(
            l.load("https://www.example.gov.cn/css/main.css", 0)
                .is_some()
        );
        assert!(l.load("css/main.css", 0).is_some());
        assert!(l.load("main2.css", 0).is_none());
        assert!(l.load("css/main.css", MAX_CSS_BYTES).is_none());
        assert_eq!(l.unread.len(), 2);
    }
}
