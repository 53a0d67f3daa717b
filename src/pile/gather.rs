//! Gathering a pile (issue 26): the files named on the command line, the files of folders
//! (`--recursive` walks down) and the entries of `.zip` archives, as one list sorted by name.
//!
//! Decisions where the spec is silent:
//! - A file named on the command line is always taken, whatever its ending; in a folder or an
//!   archive only the endings a table, actuals or rule file may have are taken (as
//!   [`crate::inputs::sort_folder`] does): notes, pictures and source code are passed over, and
//!   hidden files (`.x`, `__MACOSX/`) too.
//! - A folder is walked once: a symbolic link back to a folder already walked (a loop) is not
//!   followed, and said so on stderr. Without `--recursive` subfolders are counted and named in
//!   a note, never read silently.
//! - An archive is read within [`crate::limits::ZIP_ENTRIES`], [`crate::limits::ZIP_UNZIPPED`]
//!   (the bytes unzipped from all the archives of a run together: their entries are held until
//!   read) and [`crate::limits::ZIP_RATIO`], each entry also within [`crate::limits::INPUT`]; the
//!   bytes read are counted, never the sizes the archive claims. An entry whose name leaves the
//!   folder (`../../x`, `/etc/x`) is refused and listed; an archive inside an archive is listed,
//!   not opened. An entry is named `archive.zip!path/in/archive.xlsx`.
//! - An archive's style sheets (`.css`) are kept for its web pages (a page's `<link>` read from
//!   them as from its folder on disk), at most 64 and 512 KB of them, counted in the budget;
//!   its web pages (`.html`, `.htm`, at most 256) are shared with one another, so that a page's
//!   frames and its form's other printed pages are read from the archive as from a folder.
//! - An archive whose central directory names one file twice is refused whole
//!   (`pile.zip-broken`): the zip reader sees only one of them, and the other would vanish
//!   without a word.

use std::collections::HashSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use crate::limits::{self, Limit};

/// Where an item's bytes are.
#[derive(Debug)]
pub enum Origin {
    /// A file, read when its turn comes (so a folder's files are not all held at once).
    File(PathBuf),
    /// An archive entry, already unzipped within the limits.
    Entry(Vec<u8>),
    /// An archive's web page, already unzipped within the limits: its bytes shared with the
    /// archive's pages (`ArchiveSheets::pages`), from which the other pages read the frames
    /// and the other printed pages of their forms.
    Page(std::sync::Arc<[u8]>),
}

/// One file of the pile.
#[derive(Debug)]
pub struct Item {
    /// Its name as shown: the path, or `archive.zip!entry`.
    pub name: String,
    pub origin: Origin,
    /// An archive's entry: its folder there and the archive's style sheets, where it has
    /// some (a web page's linked sheets are read from them).
    pub page_folder: Option<crate::table::PageFolder>,
}

/// Why a file of the pile was not read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Refusal {
    /// The file itself could not be read whole.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] crate::bounded::BoundedError),
    /// It is no table the readers know.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Table(#[from] crate::table::ReadError),
    /// An actuals file that does not parse.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Actuals(Box<crate::eval::actuals_file::ActualsError>),
    /// A table with no actuals at all.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unfilled(Box<crate::eval::unfilled::Unfilled>),
    /// An actuals file that matches nothing of the table it was given with.
    #[error(transparent)]
    #[diagnostic(transparent)]
    MatchesNothing(Box<crate::eval::unmatched::MatchesNothing>),
    /// A folder that cannot be listed.
    #[error("无法读取文件夹 {name}：{reason}")]
    #[diagnostic(code("pile.folder"), help("检查路径和权限"))]
    Folder { name: String, reason: String },
    /// An archive that is not a readable zip.
    #[error("{name} 不是能读取的 zip 压缩包：{reason}")]
    #[diagnostic(code("pile.zip-broken"), help("重新压缩，或解压后给出文件夹"))]
    ZipBroken { name: String, reason: String },
    /// An archive past one of the zip limits.
    #[error("{name} 超过{what}的上限 {max}，未读取")]
    #[diagnostic(code("pile.zip-limit"), help("{help}"))]
    ZipLimit {
        name: String,
        what: &'static str,
        max: String,
        help: String,
    },
    /// A folder (or a file named on the command line) past [`limits::PILE_FILES`]: the folder
    /// not read at all (its listing stopped at the limit), the files named past it not read.
    #[error("{name} 超过{what}的上限 {max}（{more}），未读取")]
    #[diagnostic(code("pile.too-many-files"), help("{help}"))]
    TooManyFiles {
        name: String,
        what: &'static str,
        max: String,
        /// How much was left out, in words.
        more: String,
        help: String,
    },
    /// An entry whose name leaves the folder the archive is unzipped into.
    #[error("{name} 的文件名指向压缩包以外（{entry}），拒绝读取")]
    #[diagnostic(
        code("pile.zip-entry-escapes"),
        help("压缩包中的文件名不得含 ../ 或以 / 开头；请检查压缩包的来源")
    )]
    ZipEscapes { name: String, entry: String },
    /// An archive inside an archive.
    #[error("{name} 是压缩包中的压缩包，不展开")]
    #[diagnostic(code("pile.zip-nested"), help("先解压外层压缩包，再给出里面的压缩包"))]
    ZipNested { name: String },
    /// An actuals file that is not UTF-8 text.
    #[error("实际值文件 {name} 不是 UTF-8 文本")]
    #[diagnostic(code("actuals.encoding"), help("请以 UTF-8 保存"))]
    ActualsEncoding { name: String },
    /// Neither a table nor actuals nor rules.
    #[error("{name} 既不是目标表、自评表或表单，也不是实际值文件或规则文件")]
    #[diagnostic(code("pile.not-a-table"), help("{reason}"))]
    NotATable { name: String, reason: String },
    /// A folder's entry that is no regular file (a FIFO, a socket, a device, a broken link):
    /// never opened (a FIFO would wait for a writer), named instead of passed over.
    #[error("{name} 是{kind}，不是普通文件，未打开、未读取")]
    #[diagnostic(
        code("pile.not-a-file"),
        severity(Warning),
        help("文件夹中只读取普通文件；要读取管道或设备中的内容，把它存成文件，或直接在命令行给出")
    )]
    NotAFile { name: String, kind: &'static str },
    /// Two actuals files match one table.
    #[error("{table} 与多个实际值文件的名称相符：{files}；不知用哪一个，未评价")]
    #[diagnostic(
        code("pile.actuals-ambiguous"),
        help("每张表只给出一个与之相符的实际值文件")
    )]
    ActualsAmbiguous { table: String, files: String },
    /// An actuals file that matches no table of the pile.
    #[error("实际值文件 {name} 与汇总中的任何表都对不上，未使用")]
    #[diagnostic(
        code("pile.actuals-unused"),
        help("核对实际值文件中的 unit、project 和指标名称，或去掉这个文件")
    )]
    ActualsUnused { name: String },
}

impl Refusal {
    /// The stable code.
    pub fn code(&self) -> String {
        miette::Diagnostic::code(self)
            .map(|c| c.to_string())
            .unwrap_or_else(|| crate::codes::PILE_UNREAD.as_str().to_owned())
    }
}

/// A file of the pile that was not read, with why.
#[derive(Debug)]
pub struct Unread {
    pub name: String,
    pub refusal: Refusal,
}

/// What the inputs give: the items sorted by name, the files refused, notes for stderr.
#[derive(Debug, Default)]
pub struct Gathered {
    pub items: Vec<Item>,
    pub unread: Vec<Unread>,
    pub notes: Vec<String>,
    /// The archives opened (or refused), given or found in a folder.
    pub archives: Vec<PathBuf>,
    /// Bytes unzipped from every archive so far, all held until read: one budget,
    /// [`limits::ZIP_UNZIPPED`], for all the archives of a run (each alone within it, ten of
    /// them held ten times it).
    unzipped: u64,
}

impl Gathered {
    /// `other`'s files added to these, in the same order by name.
    pub fn merge(&mut self, other: Gathered) {
        self.items.extend(other.items);
        self.unread.extend(other.unread);
        self.notes.extend(other.notes);
        self.archives.extend(other.archives);
        self.unzipped = self.unzipped.saturating_add(other.unzipped);
        self.items.sort_by(|a, b| a.name.cmp(&b.name));
        self.items.dedup_by(|a, b| a.name == b.name);
        self.unread.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// Files that may still be taken within [`limits::PILE_FILES`].
    fn room(&self) -> usize {
        limits::PILE_FILES
            .get_usize()
            .saturating_sub(self.items.len())
    }

    /// `name` listed unread, past [`limits::PILE_FILES`].
    fn too_many(&mut self, name: String, more: String) {
        let l = &limits::PILE_FILES;
        self.unread.push(Unread {
            name: name.clone(),
            refusal: Refusal::TooManyFiles {
                name,
                what: l.what,
                max: l.shown(),
                more,
                help: l.help(),
            },
        });
    }

    /// The files on disk the pile reads (its files and archives), for the check that the
    /// output is none of them.
    pub fn files(&self) -> Vec<PathBuf> {
        self.items
            .iter()
            .filter_map(|i| match &i.origin {
                Origin::File(p) => Some(p.clone()),
                Origin::Entry(_) | Origin::Page(_) => None,
            })
            .chain(self.archives.iter().cloned())
            .collect()
    }
}

/// Whether a file in a folder or archive may be a table, actuals or rules, by its ending.
fn candidate(name: &str) -> bool {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    crate::table::formats::is_supported_ending(&ext)
        || matches!(ext.as_str(), "tab" | "yaml" | "yml" | "")
}

fn hidden(name: &str) -> bool {
    name.starts_with('.') || name == "__MACOSX"
}

/// Gather `inputs` (files, folders, archives).
pub fn gather(inputs: &[PathBuf], recursive: bool) -> Gathered {
    let mut out = Gathered::default();
    out.gather_more(inputs, recursive);
    out
}

impl Gathered {
    /// `inputs` gathered beside these files, in the same order by name, their archives
    /// unzipped within what is left of the run's budget ([`limits::ZIP_UNZIPPED`]).
    pub fn gather_more(&mut self, inputs: &[PathBuf], recursive: bool) {
        let mut visited = HashSet::new();
        let mut past: Vec<&PathBuf> = Vec::new();
        for input in inputs {
            if input.is_dir() {
                walk(input, recursive, &mut visited, self);
            } else if self.room() == 0 {
                past.push(input);
            } else {
                file(input, self);
            }
        }
        if let Some(first) = past.first() {
            let more = format!("命令行上给出的文件中，从这个起 {} 个", past.len());
            self.too_many(first.display().to_string(), more);
        }
        self.items.sort_by(|a, b| a.name.cmp(&b.name));
        self.items.dedup_by(|a, b| a.name == b.name);
        self.unread.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

/// Files given by name and bytes (the web page's drop): each taken whatever its ending, as a
/// file named on the command line is; a `.zip` unzipped within its limits. Names must differ
/// (the page numbers repeated ones).
pub fn gather_bytes(files: Vec<(String, Vec<u8>)>) -> Gathered {
    let mut out = Gathered::default();
    for (name, bytes) in files {
        if crate::inputs::is_zip_name(&name) {
            unzip(&name, &bytes, &mut out);
        } else {
            out.items.push(Item {
                name,
                origin: Origin::Entry(bytes),
                page_folder: None,
            });
        }
    }
    out.items.sort_by(|a, b| a.name.cmp(&b.name));
    out.unread.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn file(path: &Path, out: &mut Gathered) {
    let name = path.display().to_string();
    if crate::inputs::is_zip_name(&name) {
        out.archives.push(path.to_owned());
        match crate::bounded::read_path(path, &limits::INPUT) {
            Ok(bytes) => unzip(&name, &bytes, out),
            Err(e) => out.unread.push(Unread {
                name,
                refusal: e.into(),
            }),
        }
    } else {
        out.items.push(Item {
            name,
            origin: Origin::File(path.to_owned()),
            page_folder: None,
        });
    }
}

/// What a folder's entry is where it is no regular file (its link followed, never opened):
/// `None` for a regular file.
pub(crate) fn not_a_file(path: &Path) -> Option<&'static str> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(_) => return Some("无法访问的链接或文件"),
    };
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("命名管道（FIFO）");
        }
        if t.is_socket() {
            return Some("套接字");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("设备");
        }
    }
    Some("特殊文件")
}

fn walk(dir: &Path, recursive: bool, visited: &mut HashSet<PathBuf>, out: &mut Gathered) {
    let name = dir.display().to_string();
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if !visited.insert(canon) {
        out.notes.push(format!(
            "提示：{name} 指向已读过的文件夹（符号链接），不再读取"
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.unread.push(Unread {
                name: name.clone(),
                refusal: Refusal::Folder {
                    name,
                    reason: crate::diagnostic::io_reason(&e),
                },
            });
            return;
        }
    };
    // listed no further than the files that may still be taken: a folder of a million files
    // is refused whole, never held
    let room = out.room();
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut files = 0usize;
    for e in entries.flatten() {
        let base = e.file_name();
        let base = base.to_string_lossy();
        if hidden(&base) {
            continue;
        }
        let path = e.path();
        if !path.is_dir() && (crate::inputs::is_zip_name(&base) || candidate(&base)) {
            files += 1;
            if files > room {
                let more = format!("其中可读的文件超过剩余的 {room} 个");
                out.too_many(name, more);
                return;
            }
        }
        paths.push(path);
    }
    paths.sort();
    let mut subfolders = Vec::new();
    for path in paths {
        let base = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if hidden(&base) {
            continue;
        }
        if path.is_dir() {
            if recursive {
                walk(&path, recursive, visited, out);
            } else {
                subfolders.push(base);
            }
        } else if crate::inputs::is_zip_name(&base) || candidate(&base) {
            match not_a_file(&path) {
                None => file(&path, out),
                Some(kind) => out.unread.push(Unread {
                    name: path.display().to_string(),
                    refusal: Refusal::NotAFile {
                        name: path.display().to_string(),
                        kind,
                    },
                }),
            }
        }
    }
    if !subfolders.is_empty() {
        out.notes.push(format!(
            "提示：文件夹 {name} 中的子文件夹 {} 未读取；加 --recursive 一并读取",
            subfolders.join("、")
        ));
    }
}

/// An entry's name: UTF-8 where it is, else GBK (what Chinese Windows writes without the
/// UTF-8 flag), never the CP437 a zip reader would otherwise assume.
fn entry_text(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GBK.decode(raw).0.into_owned(),
    }
}

fn limit_refusal(name: String, limit: &Limit) -> Refusal {
    Refusal::ZipLimit {
        name,
        what: limit.what,
        max: limit.shown(),
        help: limit.help(),
    }
}

/// The archive `name` opened, or its refusal listed in `out`: not a zip, past the entry
/// limit, or naming one file twice.
fn open_archive<'a>(
    name: &str,
    bytes: &'a [u8],
    out: &mut Gathered,
) -> Option<zip::ZipArchive<Cursor<&'a [u8]>>> {
    let zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            out.unread.push(Unread {
                name: name.to_owned(),
                refusal: Refusal::ZipBroken {
                    name: name.to_owned(),
                    reason: e.to_string(),
                },
            });
            return None;
        }
    };
    if zip.len() as u64 > limits::ZIP_ENTRIES.get() {
        out.unread.push(Unread {
            name: name.to_owned(),
            refusal: limit_refusal(name.to_owned(), &limits::ZIP_ENTRIES),
        });
        return None;
    }
    if zip.len() > out.room() {
        let more = format!("其中 {} 个文件超过剩余的 {} 个", zip.len(), out.room());
        out.too_many(name.to_owned(), more);
        return None;
    }
    // two entries of one name: the zip reader keeps one of them (the last), and the other
    // would be passed over without a word; an archiver never writes such a file
    if zip.has_duplicate_names() {
        out.unread.push(Unread {
            name: name.to_owned(),
            refusal: Refusal::ZipBroken {
                name: name.to_owned(),
                reason: "其中有同名的文件，只能读到其中一个，整个压缩包未读取".to_owned(),
            },
        });
        return None;
    }
    Some(zip)
}

/// Unzip the archive `name` within the limits into `out`.
fn unzip(name: &str, bytes: &[u8], out: &mut Gathered) {
    let Some(mut zip) = open_archive(name, bytes, out) else {
        return;
    };
    // the run's budget, shared by its archives (all their entries are held until read)
    let mut total: u64 = out.unzipped;
    // the archive's style sheets, for the pages in it (bounded: 64 of them, 512 KB in all)
    let first = out.items.len();
    let mut sheets = crate::table::ArchiveSheets::default();
    let mut sheet_bytes = 0usize;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                let entry_name = format!("{name}!#{}", i + 1);
                out.unread.push(Unread {
                    name: entry_name.clone(),
                    refusal: Refusal::ZipBroken {
                        name: entry_name,
                        reason: e.to_string(),
                    },
                });
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let raw = entry_text(entry.name_raw());
        let entry_name = format!("{name}!{raw}");
        let leaves = raw.starts_with(['/', '\\'])
            || raw.split(['/', '\\']).any(|c| c == ".." || c.contains(':'));
        let Some(inside) = entry.enclosed_name().filter(|_| !leaves) else {
            out.unread.push(Unread {
                name: entry_name.clone(),
                refusal: Refusal::ZipEscapes {
                    name: entry_name,
                    entry: raw,
                },
            });
            continue;
        };
        if inside
            .components()
            .any(|c| hidden(&c.as_os_str().to_string_lossy()))
        {
            continue;
        }
        if crate::inputs::is_zip_name(&raw) {
            out.unread.push(Unread {
                name: entry_name.clone(),
                refusal: Refusal::ZipNested { name: entry_name },
            });
            continue;
        }
        if is_sheet(&raw) {
            if sheets.sheets.len() < crate::table::page_styles::MAX_ARCHIVE_SHEETS {
                let left = crate::table::formats::page_css::MAX_CSS_BYTES - sheet_bytes;
                let (remaining, by_ratio) = entry_bounds(entry.compressed_size(), total);
                let cap = remaining.min(by_ratio).min(left as u64);
                let hint = entry.size();
                // a sheet past what is left is not kept: the page names it not found
                if let Ok(Some(b)) = crate::bounded::read_to_limit(&mut entry, cap, hint) {
                    total += b.len() as u64;
                    out.unzipped = total;
                    sheet_bytes += b.len();
                    sheets.sheets.push((raw.replace('\\', "/"), b));
                }
            }
            continue;
        }
        if !candidate(&raw) {
            continue;
        }
        let (remaining, by_ratio) = entry_bounds(entry.compressed_size(), total);
        let cap = remaining.min(by_ratio).min(limits::INPUT.get());
        let hint = entry.size();
        match crate::bounded::read_to_limit(&mut entry, cap, hint) {
            Ok(Some(b)) => {
                total += b.len() as u64;
                out.unzipped = total;
                out.items.push(Item {
                    name: entry_name,
                    origin: kept(&raw, b, &mut sheets),
                    page_folder: None,
                });
            }
            Ok(None) => {
                let limit = if cap == remaining {
                    &limits::ZIP_UNZIPPED
                } else if cap == by_ratio {
                    &limits::ZIP_RATIO
                } else {
                    &limits::INPUT
                };
                out.unread.push(Unread {
                    name: entry_name.clone(),
                    refusal: limit_refusal(entry_name, limit),
                });
            }
            Err(e) => out.unread.push(Unread {
                name: entry_name.clone(),
                refusal: Refusal::ZipBroken {
                    name: entry_name,
                    reason: e.to_string(),
                },
            }),
        }
    }
    give_archive_sheets(out, first, name, sheets);
}

/// An entry's bytes `b` as an item holds them: a web page's shared with the archive's pages
/// (its frames and its form's other printed pages are read from them), up to
/// [`MAX_ARCHIVE_PAGES`].
fn kept(raw: &str, b: Vec<u8>, sheets: &mut crate::table::ArchiveSheets) -> Origin {
    if !is_page(raw) || sheets.pages.len() >= MAX_ARCHIVE_PAGES {
        return Origin::Entry(b);
    }
    let shared: std::sync::Arc<[u8]> = b.into();
    sheets.pages.push((raw.replace('\\', "/"), shared.clone()));
    Origin::Page(shared)
}

/// What an entry of `compressed` bytes may unzip to, `total` bytes unzipped so far: the run's
/// budget left, and its compression ratio's bound (at least 1 MB).
fn entry_bounds(compressed: u64, total: u64) -> (u64, u64) {
    let remaining = limits::ZIP_UNZIPPED.get().saturating_sub(total);
    let by_ratio = compressed
        .saturating_mul(limits::ZIP_RATIO.get())
        .max(1024 * 1024);
    (remaining, by_ratio)
}

/// Every entry read from the archive `name` (those from `first` on) knows its archive's style
/// sheets and its folder there (none: a page's links are named not found there).
fn give_archive_sheets(
    out: &mut Gathered,
    first: usize,
    name: &str,
    sheets: crate::table::ArchiveSheets,
) {
    let sheets = std::sync::Arc::new(sheets);
    for item in &mut out.items[first..] {
        let inside = item
            .name
            .get(name.len() + 1..)
            .unwrap_or("")
            .replace('\\', "/");
        let folder = inside.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        item.page_folder = Some(crate::table::PageFolder::Archive {
            folder,
            sheets: sheets.clone(),
        });
    }
}

/// An archive's web pages kept for one another at most (its frames and its forms' other
/// printed pages; each also read on its own).
const MAX_ARCHIVE_PAGES: usize = 256;

/// Whether an archive's entry is a web page (`.html`, `.htm`), kept for the archive's pages.
fn is_page(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Whether an archive's entry is a style sheet (`.css`), kept for the archive's pages.
fn is_sheet(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("css"))
}
