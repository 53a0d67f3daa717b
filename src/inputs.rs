//! What each input file is — a table or form, an actuals file, a rule file, or none of these —
//! told by its content, never by its name (contract §4.3), for a folder given on the command line
//! and for files dropped on the web page alike.
//!
//! A YAML text whose top level has `rules:` is a rule file, one with `projects:` an actuals file;
//! anything else that the table reader reads is a table. Several tables are one table only when
//! they give the same projects and indicators (the same table saved as `.tsv`, `.xlsx` and a GBK
//! `.csv`, as the bundled sample folder holds it): the first by [`preference`] is read and the
//! others named. Tables that differ are not chosen between: the caller names them and stops.

use std::path::{Path, PathBuf};

use crate::table::{self, ReadError, ReadOptions, model::Document};

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A target table, self-evaluation sheet or published form.
    Table,
    /// An actuals file (YAML with `projects:`).
    Actuals,
    /// A rule file (YAML with `rules:`).
    Rules,
    /// None of these (notes, a list of targets for `parse`, a picture).
    Other,
}

/// The kind of a YAML text by its top-level keys, or `None` for text that is not such YAML.
fn yaml_kind(bytes: &[u8]) -> Option<Kind> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(256 * 1024)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // cut inside a character: the valid part
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let mut keys = 0;
    for line in text.lines() {
        let t = line.trim_end();
        if t.is_empty() || t.starts_with('#') || t.starts_with(' ') || t.starts_with('-') {
            continue;
        }
        if t == "---" {
            continue;
        }
        let Some((key, _)) = t.split_once(':') else {
            // a top-level line that is not `key:`: not YAML of ours
            return None;
        };
        if key.contains(['\t', ',']) {
            return None;
        }
        keys += 1;
        match key.trim() {
            "rules" => return Some(Kind::Rules),
            "projects" => return Some(Kind::Actuals),
            _ => {}
        }
        if keys > 50 {
            break;
        }
    }
    None
}

/// Whether bytes start like a workbook or a Word document (zip or OLE).
fn is_binary_document(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// The kind of a file's bytes, and the table it holds where it is one.
pub fn classify(name: &str, bytes: &[u8], opts: &ReadOptions) -> (Kind, Option<Document>) {
    let (kind, read) = classify_why(name, bytes, opts);
    (kind, read.ok().flatten())
}

/// [`classify`], keeping why bytes that are no table could not be read (the reader's error,
/// [`Kind::Other`]): a caller that names the reason has it from this one reading, never reads
/// the file again for it (a dropped Word document of 600,000 merged cells was read twice on
/// the page, its CPU twice the command line's; issue 27, H97).
pub fn classify_why(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> (Kind, Result<Option<Document>, ReadError>) {
    if !is_binary_document(bytes)
        && let Some(kind) = yaml_kind(bytes)
    {
        return (kind, Ok(None));
    }
    match table::read_bytes(name, bytes, opts) {
        Ok(doc) => (Kind::Table, Ok(Some(doc))),
        Err(e) => (Kind::Other, Err(e)),
    }
}

/// The order tables in one folder are preferred in when they are the same table: tab-separated
/// text first (what the seed is), then workbooks, Word, comma-separated text, web pages (each
/// format's endings say where, [`crate::table::formats::preference`]).
pub fn preference(name: &str) -> u8 {
    crate::table::formats::preference(name)
}

/// Reads the table at `path`: a file through [`table::read_path`]; for a folder (a sample
/// folder such as `samples/guangzhou-hpf-2023/`), the table among its files, told by content
/// ([`sort_folder`]): copies of one table in several formats are one table; different tables
/// are named in [`ReadError::FolderTables`]. Folders are handled here and files in `table`, so
/// the table readers never depend on this module.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Document, ReadError> {
    if !path.is_dir() {
        return table::read_path(path, opts);
    }
    let name = path.display().to_string();
    let folder = sort_folder(path, opts).map_err(|source| ReadError::Io {
        name: name.clone(),
        source,
    })?;
    match folder.table {
        Some((first, _)) if !folder.conflicting.is_empty() => {
            let mut all = vec![first];
            all.extend(folder.conflicting);
            Err(ReadError::FolderTables {
                name,
                tables: all
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            })
        }
        Some((_, doc)) => Ok(doc),
        None => Err(ReadError::Io {
            name,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "文件夹中没有能读取的目标表、自评表或表单",
            ),
        }),
    }
}

/// A project's unit and name, its indicators' names and targets, and the figures it gives
/// to score (see [`fingerprint`]).
pub type ProjectPrint = (String, String, Vec<(String, String)>, String);

/// What a table gives, for telling copies of one table apart from different tables: each
/// project's unit and name with its indicators' names and targets, and what is scored and
/// re-checked — each indicator's 实际完成值, 分值 and 得分, the budget row's amounts and 得分,
/// a form's year and 总分 (numbers compared by value: `10` and `10.00` in two formats of one
/// form are one figure). Without the figures, a corrected 自评表 beside the first (600户 for
/// 1000户, 总分 75 for 95) was "the same table" and only one of the two was read.
pub fn fingerprint(doc: &Document) -> Vec<ProjectPrint> {
    doc.projects()
        .map(|(u, p)| {
            (
                u.name.clone(),
                p.name.clone(),
                p.indicators
                    .iter()
                    .map(|i| (i.name.to_string(), i.target.to_string()))
                    .collect(),
                figures(p),
            )
        })
        .collect()
}

/// The figures of `p` that are scored or re-checked, as one text (see [`fingerprint`]).
fn figures(p: &crate::table::model::Project) -> String {
    use std::fmt::Write;
    let n = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
    let mut out = String::new();
    for i in &p.indicators {
        let actual = i.actual.as_deref().unwrap_or("");
        let _ = write!(
            out,
            "{actual}\u{1f}{:?}{:?};",
            n(i.weight),
            n(i.published_score)
        );
    }
    if let Some(b) = &p.budget {
        let _ = write!(
            out,
            "{:?}{:?}{:?}{:?}",
            n(b.budget),
            n(b.spent),
            n(b.weight),
            n(b.published_score)
        );
    }
    if let Some(f) = &p.form {
        let total = f.total.as_ref().map(|t| (n(t.weight), n(t.score)));
        let _ = write!(out, "{:?}{total:?}", f.year);
    }
    out
}

/// The files of a folder, sorted by content.
#[derive(Debug, Default)]
pub struct Folder {
    /// The table to read (the first by [`preference`] of copies of one table).
    pub table: Option<(PathBuf, Document)>,
    /// Copies of the same table in other formats, not read again.
    pub copies: Vec<PathBuf>,
    /// Tables that differ from the chosen one: the caller names them all and stops.
    pub conflicting: Vec<PathBuf>,
    /// Actuals files.
    pub actuals: Vec<PathBuf>,
    /// Rule files.
    pub rules: Vec<PathBuf>,
}

/// The endings of the files in a folder that may be a table, actuals or rules besides the
/// table formats of [`crate::table::formats::SUPPORTED`] (what each is, is told by content):
/// notes, pictures and source code are passed over.
const OTHER_CANDIDATES: &[&str] = &["tab", "yaml", "yml", ""];

/// Sorts the files directly in `dir` by what each holds (not those in subfolders; hidden
/// files and files of other kinds — notes, pictures, source code — are left out).
pub fn sort_folder(dir: &Path, opts: &ReadOptions) -> std::io::Result<Folder> {
    let mut paths: Vec<PathBuf> = candidates(dir)?
        .into_iter()
        .filter(|p| p.is_file())
        .collect();
    paths.sort_by(|a, b| {
        let name = |p: &PathBuf| p.display().to_string();
        (preference(&name(a)), name(a)).cmp(&(preference(&name(b)), name(b)))
    });
    let mut out = Folder::default();
    let mut chosen: Option<Vec<_>> = None;
    for path in paths {
        // within the input limit, through the one bounded reader (a file past it is no table)
        let Ok(bytes) = crate::bounded::read_path(&path, &crate::limits::INPUT) else {
            continue;
        };
        let name = path.display().to_string();
        match classify(&name, &bytes, opts) {
            (Kind::Actuals, _) => out.actuals.push(path),
            (Kind::Rules, _) => out.rules.push(path),
            (Kind::Table, Some(doc)) => match &chosen {
                None => {
                    chosen = Some(fingerprint(&doc));
                    out.table = Some((path, doc));
                }
                Some(f) if *f == fingerprint(&doc) => out.copies.push(path),
                Some(_) => out.conflicting.push(path),
            },
            _ => {}
        }
    }
    Ok(out)
}

/// The entries of the folder `dir` that [`sort_folder`] looks at: not hidden, named with the
/// ending of a table, actuals or rule file. Those that are no regular file (a FIFO, a device, a
/// broken link: never opened) are for the caller to name.
pub fn candidates(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            !name.starts_with('.')
                && !p.is_dir()
                && (crate::table::formats::is_supported_ending(&ext)
                    || OTHER_CANDIDATES.contains(&ext.as_str()))
        })
        .collect())
}

/// The ending of a file's name, where it has one.
fn ending(name: &str) -> Option<&str> {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
}

/// Whether a file's name ends in `.zip` (any case): an archive of forms.
pub fn is_zip_name(name: &str) -> bool {
    ending(name).is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether a file's name ends in `.yaml` or `.yml` (any case): actuals or rules.
pub fn is_yaml_name(name: &str) -> bool {
    ending(name).is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_told_by_its_top_level_keys() {
        assert_eq!(
            yaml_kind("# 说明\nrules:\n  - id: a\n".as_bytes()),
            Some(Kind::Rules)
        );
        assert_eq!(
            yaml_kind("note: x\nyear: 2023\nprojects:\n  - unit: a\n".as_bytes()),
            Some(Kind::Actuals)
        );
        assert_eq!(yaml_kind("物业管理覆盖面积\t年度计划数\n".as_bytes()), None);
        assert_eq!(yaml_kind("项目,总计\n".as_bytes()), None);
        assert_eq!(yaml_kind(b"year: 2023\n"), None);
    }
}
