//! A form printed over several pages and saved as one web page a page, in one folder (a
//! portal's `自评表_1.html`, `自评表_2.html`; pages that write `第1页 共2页`): the page read
//! ([`super::read_page`]) finds the other pages beside it and reads their tables after its own,
//! in page order, so the form is read whole (its rows after a page break joined as the
//! continuation of the table before, its printed totals checked over all of it); a page not
//! found stays a `table.page-form-part` warning ([`super::page_parts`]).
//!
//! A file is another page of the form when its tables (or the lines above them) write `第N页
//! 共M页` with the page's M and a page the page does not hold, or, with no page marks, when
//! its name is the page's with the next (or previous) number (`_2`, `-2`, `(2)`) and it holds
//! no header of its own (the rows after the break); where both name the project (`项目名称`),
//! the names agree. Page 1 must hold the form's header.
//!
//! **Bounds**: forms of at most [`MAX_PAGES`] pages; [`MAX_LOOKED`] other pages of the folder
//! looked at; the files read count against [`limits::INPUT`](crate::limits::INPUT) with the
//! page, their cells against [`limits::CELLS`](crate::limits::CELLS).

use std::path::{Path, PathBuf};

use super::page_parts::PageParts;
use crate::finding::{Finding, Severity, codes};
use crate::table::formats::SheetCells;
use crate::table::formats::html::{self, PageTable, StyleSource};
use crate::table::model::Document;
use crate::table::{ReadError, ReadOptions};

/// The pages of a form joined at most.
pub(super) const MAX_PAGES: u32 = 16;

/// Other web pages of the folder looked at for the missing pages at most.
pub(super) const MAX_LOOKED: usize = 32;

/// The other pages joined: each page's number and file name.
pub(super) type Joined = Vec<(u32, String)>;

/// The page's tables with those of the other pages of its form found beside it, in page
/// order, and the pages joined (page number, file name) for [`note`]; the tables as they were
/// where the page is no part of a form saved page by page.
pub(super) fn join(
    name: &str,
    dir: &Path,
    tables: Vec<PageTable>,
    opts: &ReadOptions,
    (bytes_left, cells_left): (u64, u64),
) -> Result<(Vec<PageTable>, Joined), ReadError> {
    let own_file = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let marks = marks_of(&tables);
    let numbered = numbered(&own_file);
    let want = match (marks.total(), &numbered) {
        (Some(total), _) if total <= MAX_PAGES && !marks.whole() => Want::Marks(total),
        (None, Some(n)) => Want::Names(n.number),
        _ => return Ok((tables, Vec::new())),
    };
    let own_project = project_of(&tables);
    let own_pages: Vec<u32> = match want {
        Want::Marks(_) => marks.pages(),
        Want::Names(k) => vec![k],
    };
    let mut pages: Vec<(u32, Vec<PageTable>)> = vec![(own_pages[0], tables)];
    let mut held = own_pages.clone();
    let mut joined = Vec::new();
    let mut budget = (bytes_left, cells_left);
    for file in candidates(dir, &own_file, numbered.as_ref(), want) {
        let Some(got) = read_other(dir, &file, opts, &mut budget)? else {
            continue;
        };
        let their = marks_of(&got);
        let page = match want {
            Want::Marks(total) => match their.total() {
                Some(t) if t == total => their.pages().into_iter().find(|p| !held.contains(p)),
                _ => None,
            },
            Want::Names(_) => match (their.total(), numbered_as(&file, numbered.as_ref())) {
                (None, Some(k)) if !held.contains(&k) => Some(k),
                _ => None,
            },
        };
        let Some(page) = page else { continue };
        if let (Some(a), Some(b)) = (&own_project, project_of(&got))
            && *a != b
        {
            continue;
        }
        match want {
            Want::Marks(_) => held.extend(their.pages()),
            Want::Names(_) => held.push(page),
        }
        let mut got = got;
        for t in &mut got {
            t.sheet.name = format!("{file}·{}", t.sheet.name);
        }
        joined.push((page, file));
        pages.push((page, got));
    }
    pages.sort_by_key(|(p, _)| *p);
    if let (Want::Marks(_), Some(first)) = (want, pages.first().map(|(p, _)| *p)) {
        // a later page repeating the form's title and header: the rows after it continue
        for (_, tables) in pages.iter_mut().filter(|(p, _)| *p > first) {
            for t in tables.iter_mut() {
                strip_header(name, t)?;
            }
        }
    }
    if let Want::Names(_) = want {
        // by names alone: pages from 1 on, one after another, the later ones holding no
        // header of their own (the rows after the break), page 1 the form's header
        if !names_hold(&mut pages, name)? {
            let own = own_pages[0];
            let tables = pages.into_iter().find(|(p, _)| *p == own).map(|(_, t)| t);
            return Ok((tables.unwrap_or_default(), Vec::new()));
        }
    }
    joined.sort();
    Ok((pages.into_iter().flat_map(|(_, t)| t).collect(), joined))
}

/// A later page's table from its header on (the form's title, project and grid header
/// printed again on each page): the rows after the header, moved up, and no lines above; as
/// it was where it holds no header, or the header's row is not found.
fn strip_header(name: &str, t: &mut PageTable) -> Result<(), ReadError> {
    let Some((texts, rows)) = super::header_of(name, &mut t.sheet)? else {
        return Ok(());
    };
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, &str)>> = Default::default();
    for ((r, c), text) in t.sheet.iter() {
        if !text.trim().is_empty() {
            by_row.entry(r).or_default().push((c, text.trim()));
        }
    }
    let found = by_row.iter_mut().find_map(|(r, cells)| {
        cells.sort_by_key(|(c, _)| *c);
        let same = cells.len() == texts.len()
            && cells.iter().zip(&texts).all(|((_, a), b)| *a == b.trim());
        same.then_some(*r)
    });
    let Some(at) = found else { return Ok(()) };
    let cut = at + rows;
    let mut kept = SheetCells::named(std::mem::take(&mut t.sheet.name));
    for ((r, c), text) in t.sheet.iter() {
        if r >= cut {
            kept.push((r - cut, c), text);
        }
    }
    kept.merges = t
        .sheet
        .merges
        .iter()
        .filter(|(_, (end, _))| *end >= cut)
        .map(|((r0, c0), (r1, c1))| (((*r0).max(cut) - cut, *c0), (r1 - cut, *c1)))
        .collect();
    kept.notes = std::mem::take(&mut t.sheet.notes)
        .into_iter()
        .filter(|((r, _), _)| *r >= cut)
        .map(|((r, c), n)| ((r - cut, c), n))
        .collect();
    t.sheet = kept;
    t.above.clear();
    Ok(())
}

/// Whether the pages found by their names make a form: numbered 1, 2, … with no gap, the
/// first holding a header, the others none.
fn names_hold(pages: &mut [(u32, Vec<PageTable>)], name: &str) -> Result<bool, ReadError> {
    if pages.len() < 2
        || pages
            .iter()
            .enumerate()
            .any(|(i, (p, _))| *p != i as u32 + 1)
    {
        return Ok(false);
    }
    for (i, (_, tables)) in pages.iter_mut().enumerate() {
        let mut any = false;
        for t in tables.iter_mut() {
            any |= super::holds_a_table(name, &mut t.sheet)?;
        }
        if any != (i == 0) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How the other pages are known: by the page marks (of so many pages), or by the file names
/// (the page's number).
#[derive(Clone, Copy)]
enum Want {
    Marks(u32),
    Names(u32),
}

/// A file name ending in a page number: `自评表_2.html` is `自评表`, `_`, 2, `.html`.
struct Numbered {
    stem: String,
    sep: &'static str,
    close: &'static str,
    number: u32,
    ext: String,
}

/// The separators a page number follows in a file name (and what closes it).
const SEPARATORS: &[(&str, &str)] = &[("_", ""), ("-", ""), ("(", ")"), ("（", "）")];

/// `name` as a numbered page's file (a web page's ending: `.html`, `.htm`).
fn numbered(name: &str) -> Option<Numbered> {
    let (stem, ext) = name.rsplit_once('.')?;
    if !matches!(ext.to_ascii_lowercase().as_str(), "html" | "htm") {
        return None;
    }
    SEPARATORS.iter().find_map(|(sep, close)| {
        let body = stem.strip_suffix(close)?;
        let (head, digits) = body.rsplit_once(sep)?;
        let number: u32 = (!digits.is_empty() && digits.len() <= 2 && !head.is_empty())
            .then(|| digits.parse().ok())
            .flatten()?;
        (1..=MAX_PAGES).contains(&number).then(|| Numbered {
            stem: head.to_owned(),
            sep,
            close,
            number,
            ext: ext.to_owned(),
        })
    })
}

/// The number of `file` as a page of the same form as `own` (its stem, separator, ending).
fn numbered_as(file: &str, own: Option<&Numbered>) -> Option<u32> {
    let (own, n) = (own?, numbered(file)?);
    (n.stem == own.stem && n.sep == own.sep && n.ext.eq_ignore_ascii_case(&own.ext))
        .then_some(n.number)
}

/// The files that may be other pages: those named as the page's other numbers first, then
/// (by page marks) the folder's other web pages, by name, up to [`MAX_LOOKED`].
fn candidates(dir: &Path, own: &str, numbered: Option<&Numbered>, want: Want) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(n) = numbered {
        for k in (1..=MAX_PAGES).filter(|k| *k != n.number) {
            let file = format!("{}{}{k}{}.{}", n.stem, n.sep, n.close, n.ext);
            if dir.join(&file).is_file() {
                out.push(file);
            }
        }
    }
    if let Want::Marks(_) = want {
        let mut others: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .take(4096)
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|f| f != own && !out.contains(f) && is_page_name(f))
            .collect();
        others.sort();
        out.extend(others);
    }
    out.truncate(MAX_LOOKED);
    out
}

/// Whether a file name is a web page's (`.html`, `.htm`).
fn is_page_name(file: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The tables of the web page `file` of `dir`, within the `budget` of bytes and cells left;
/// `None` where it is not read (not a regular file of the folder, too large, no page).
fn read_other(
    dir: &Path,
    file: &str,
    opts: &ReadOptions,
    budget: &mut (u64, u64),
) -> Result<Option<Vec<PageTable>>, ReadError> {
    let path: PathBuf = dir.join(file);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    if !meta.is_file() || meta.len() > budget.0 {
        return Ok(None);
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(None);
    };
    if bytes.len() as u64 > budget.0 || !html::looks_like(&bytes) {
        return Ok(None);
    }
    budget.0 -= bytes.len() as u64;
    let Ok((text, _)) = html::decode_page(file, &bytes, opts.encoding, None) else {
        return Ok(None);
    };
    drop(bytes);
    // a quick look before the page is read: no page mark and no number in its name, no page
    if !text.contains('页') && numbered(file).is_none() {
        return Ok(None);
    }
    let source = StyleSource::Folder(dir.to_path_buf());
    let page = html::read_page_tables_within(file, &text, &source, budget.1)?;
    budget.1 = budget.1.saturating_sub(page.cells);
    html::note_read(&path);
    Ok(Some(page.tables))
}

/// The page marks (`第1页 共2页`) of tables and the lines above them.
fn marks_of(tables: &[PageTable]) -> PageParts {
    let mut parts = PageParts::default();
    for t in tables {
        if !t.above.is_empty() {
            let mut above = SheetCells::named("段落");
            for (i, line) in t.above.iter().enumerate() {
                above.push((i as u32, 0), line);
            }
            parts.look(&above);
        }
        parts.look(&t.sheet);
    }
    parts
}

/// The project a page's tables name: the text after the first `项目名称` cell on its row.
fn project_of(tables: &[PageTable]) -> Option<String> {
    let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    tables.iter().find_map(|t| {
        let cells: Vec<((u32, u32), &str)> = t.sheet.iter().collect();
        let ((row, col), _) = *cells
            .iter()
            .find(|(_, text)| bare(text).trim_end_matches(['：', ':']) == "项目名称")?;
        cells
            .iter()
            .filter(|((r, c), text)| *r == row && *c > col && !text.trim().is_empty())
            .min_by_key(|((_, c), _)| *c)
            .map(|(_, text)| bare(text))
    })
}

/// The note that other pages of the form were read from files beside the page: those of
/// `joined` whose tables are among the `sheets` read.
pub(super) fn note(doc: &mut Document, mut joined: Joined, sheets: &[String]) {
    joined.retain(|(_, file)| {
        let of_file = format!("{file}·");
        sheets.iter().any(|s| s.starts_with(&of_file))
    });
    if joined.is_empty() {
        return;
    }
    let listed: Vec<String> = joined
        .iter()
        .map(|(p, f)| format!("第 {p} 页：{f}"))
        .collect();
    doc.findings.push(
        Finding::at_location(
            codes::PAGE_FILES_JOINED,
            Severity::Info,
            &doc.source,
            super::PAGE_AT,
            format!(
                "表单分页保存为几个网页，网页旁边的文件是它的其余各页（{}），按页序接在这个网页之后一起读取，合计按整张表单核对",
                listed.join("、")
            ),
        )
        .label("这个网页")
        .help("如果它们不是同一张表单，把它们分开放在不同的文件夹中"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_file_names() {
        let n = numbered("自评表_2.html").unwrap();
        assert_eq!((n.stem.as_str(), n.sep, n.number), ("自评表", "_", 2));
        assert_eq!(numbered("表（3）.htm").unwrap().number, 3);
        assert_eq!(numbered("a-1.HTML").unwrap().number, 1);
        assert!(numbered("自评表.html").is_none());
        assert!(numbered("_2.html").is_none());
        assert!(numbered("表_2.xlsx").is_none());
        assert!(numbered("表_2024.html").is_none());
        assert!(numbered("表_0.html").is_none());
        let own = numbered("自评表_1.html");
        assert_eq!(numbered_as("自评表_2.html", own.as_ref()), Some(2));
        assert_eq!(numbered_as("自评表-2.html", own.as_ref()), None);
        assert_eq!(numbered_as("其他_2.html", own.as_ref()), None);
    }
}
