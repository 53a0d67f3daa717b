//! A form printed over several pages and saved as one web page a page, in one folder (a
//! portal's `自评表_1.html`, `自评表_2.html`; pages that write `第1页 共2页`): the page read
//! ([`super::read_page`]) finds the other pages beside it and reads their tables after its own,
//! in page order, so the form is read whole (its rows after a page break joined as the
//! continuation of the table before, its printed totals checked over all of it); a page not
//! found stays a `table.page-form-part` warning ([`super::page_parts`]).
//!
//! A file is another page of the form when its tables (or the lines above them) write `第N页
//! 共M页` with the page's M and only pages the page does not hold (one holding a page held too
//! is another copy of the form, its rows never read twice) — named as the page with another
//! number (`_2`, `-2`, `(2)`), or else, among the folder's other pages, naming the same project
//! or the only one offering that page (a folder of many two-page forms whose pages 2 name no
//! project joins none of them by guess) — or, with no page marks, when its name is the page's
//! with the next (or previous) number and it holds no header of its own (the rows after the
//! break), page 1 holding the form's header. Where both name the project (`项目名称`), the
//! names agree.
//!
//! The folder is the page's on disk, or its folder inside the `.zip` it was unzipped from
//! ([`Beside`]: the archive's pages, `pile::gather`), joined the same way.
//!
//! **Bounds**: forms of at most [`MAX_PAGES`] pages; the names of [`MAX_ENTRIES`] files of the
//! folder listed, and of its web pages the [`MAX_LOOKED`] whose names are nearest the page's
//! (the longest common start, then by name) read; the files read count against
//! [`limits::INPUT`](crate::limits::INPUT) with the page, their cells against
//! [`limits::CELLS`](crate::limits::CELLS). Where a page of the form is still missing and
//! files were left unread by these bounds, the warning says how many, and names the first
//! (`table.page-form-part`): before, only the first 4,096 entries of the folder in the order
//! the disk gave them were listed, and a page past them was lost without a word.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::page_parts::PageParts;
use crate::finding::{Finding, Severity, codes};
use crate::table::formats::SheetCells;
use crate::table::formats::html::{self, PageTable, StyleSource};
use crate::table::model::Document;
use crate::table::{ArchiveSheets, ReadError, ReadOptions};

/// The folder a page's other printed pages are looked for in: its folder on disk, or its
/// folder inside the archive it was unzipped from (`/` between folders, empty at the top) with
/// the archive's pages.
#[derive(Clone, Copy)]
pub(super) enum Beside<'a> {
    Disk(&'a Path),
    Archive {
        folder: &'a str,
        sheets: &'a Arc<ArchiveSheets>,
    },
}

impl Beside<'_> {
    /// The path inside the archive of its folder's `file`.
    fn inside(folder: &str, file: &str) -> String {
        match folder.trim_matches('/') {
            "" => file.to_owned(),
            f => format!("{f}/{file}"),
        }
    }

    /// Whether the folder holds `file`.
    fn has(&self, file: &str) -> bool {
        match self {
            Beside::Disk(dir) => dir.join(file).is_file(),
            Beside::Archive { folder, sheets } => {
                let want = Self::inside(folder, file);
                sheets.pages.iter().any(|(at, _)| *at == want)
            }
        }
    }

    /// The names of the folder's web pages (of its first [`MAX_ENTRIES`] files on disk), and
    /// whether the folder holds more files than those.
    fn pages(&self) -> (Vec<String>, bool) {
        match self {
            Beside::Disk(dir) => {
                let mut entries = std::fs::read_dir(dir).into_iter().flatten();
                let names = (entries.by_ref())
                    .take(MAX_ENTRIES)
                    .flatten()
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|f| is_page_name(f))
                    .collect();
                (names, entries.next().is_some())
            }
            Beside::Archive { folder, sheets } => {
                let folder = folder.trim_matches('/');
                let names = (sheets.pages.iter())
                    .filter_map(|(at, _)| {
                        let (dir, file) = at.rsplit_once('/').unwrap_or(("", at));
                        (dir == folder && is_page_name(file)).then(|| file.to_owned())
                    })
                    .collect();
                (names, false)
            }
        }
    }

    /// The bytes of the folder's `file` where it is a regular file (not a link) of at most
    /// `left` bytes.
    fn bytes(&self, file: &str, left: u64) -> Option<Vec<u8>> {
        match self {
            Beside::Disk(dir) => {
                let path: PathBuf = dir.join(file);
                let meta = std::fs::symlink_metadata(&path).ok()?;
                if !meta.is_file() || meta.len() > left {
                    return None;
                }
                std::fs::read(&path).ok()
            }
            Beside::Archive { folder, sheets } => {
                let want = Self::inside(folder, file);
                let (_, bytes) = sheets.pages.iter().find(|(at, _)| *at == want)?;
                (bytes.len() as u64 <= left).then(|| bytes.to_vec())
            }
        }
    }

    /// Where a page of the folder reads its own sheets from.
    fn source(&self) -> StyleSource {
        match self {
            Beside::Disk(dir) => StyleSource::Folder(dir.to_path_buf()),
            Beside::Archive { folder, sheets } => StyleSource::Archive {
                folder: (*folder).to_owned(),
                sheets: Arc::clone(sheets),
            },
        }
    }

    /// `file` read beside the page: a file on disk is one the run's output must not replace.
    fn read_from(&self, file: &str) {
        if let Beside::Disk(dir) = self {
            html::note_read(&dir.join(file));
        }
    }
}

/// The pages of a form joined at most.
pub(super) const MAX_PAGES: u32 = 16;

/// Other web pages of the folder looked at for the missing pages at most.
pub(super) const MAX_LOOKED: usize = 32;

/// Files of the folder whose names are listed at most (the web pages among them looked for).
pub(super) const MAX_ENTRIES: usize = 65_536;

/// The other pages joined (each page's number and file name), and where a page is still
/// missing, the files the bounds left unread ([`Unread`]).
#[derive(Debug, Default)]
pub(super) struct Joined {
    pub pages: Vec<(u32, String)>,
    pub unread: Option<Unread>,
}

/// The pages of a form still missing, and the folder's files the bounds left unread: the web
/// pages not looked at (their count and the first few names), and whether the folder held
/// more files than were listed.
#[derive(Debug, Default)]
pub(super) struct Unread {
    pub missing: Vec<u32>,
    pub pages: usize,
    pub first: Vec<String>,
    pub unlisted: bool,
}

/// The page's tables with those of the other pages of its form found beside it, in page
/// order, and the pages joined (page number, file name) for [`note`]; the tables as they were
/// where the page is no part of a form saved page by page.
pub(super) fn join(
    name: &str,
    dir: Beside<'_>,
    tables: Vec<PageTable>,
    opts: &ReadOptions,
    budget: (u64, u64),
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
        _ => return Ok((tables, Joined::default())),
    };
    let held = match want {
        Want::Marks(_) => marks.pages(),
        Want::Names(k) => vec![k],
    };
    let mut form = Form {
        name,
        dir,
        opts,
        budget,
        project: project_of(&tables),
        own: held[0],
        held,
        pages: vec![(0, tables)],
        joined: Vec::new(),
        tried: vec![own_file.clone()],
        unread: Unread::default(),
    };
    form.pages[0].0 = form.own;
    if let Want::Names(k) = want {
        // page 1 holds the form's header, a later page none (the rows after the break)
        let mut own = std::mem::take(&mut form.pages[0].1);
        let header = any_header(name, &mut own)?;
        form.pages[0].1 = own;
        if header != (k == 1) {
            return Ok(form.own_alone());
        }
    }
    if let Some(n) = &numbered {
        form.by_names(n, want)?;
    }
    if let Want::Marks(total) = want
        && (1..=total).any(|p| !form.held.contains(&p))
    {
        form.by_marks(total)?;
    }
    form.finish(want)
}

/// A form being joined: the page's own number and project, the pages held so far (each
/// page's number and tables), the files joined and those looked at, the bytes and cells left.
struct Form<'a> {
    name: &'a str,
    dir: Beside<'a>,
    opts: &'a ReadOptions,
    budget: (u64, u64),
    project: Option<String>,
    own: u32,
    held: Vec<u32>,
    pages: Vec<(u32, Vec<PageTable>)>,
    joined: Vec<(u32, String)>,
    tried: Vec<String>,
    /// What the bounds left unread (the pages missing are set at the end).
    unread: Unread,
}

impl Form<'_> {
    /// The page's own tables, nothing joined.
    fn own_alone(self) -> (Vec<PageTable>, Joined) {
        let own = self.own;
        let tables = self.pages.into_iter().find(|(p, _)| *p == own);
        (
            tables.map(|(_, t)| t).unwrap_or_default(),
            Joined::default(),
        )
    }

    /// Whether a page naming `project` may be of this form: the names agree where both say.
    fn same_project(&self, project: Option<&String>) -> bool {
        match (&self.project, project) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// The pages named as the page's other numbers (nearest first): by marks, a page of the
    /// same total not held; by names, the next number of one held, with no marks, holding a
    /// header only as page 1.
    fn by_names(&mut self, own: &Numbered, want: Want) -> Result<(), ReadError> {
        let mut numbers: Vec<u32> = (1..=MAX_PAGES).filter(|k| *k != own.number).collect();
        numbers.sort_by_key(|k| k.abs_diff(own.number));
        for k in numbers {
            let file = own.page(k);
            let next_to = self.held.contains(&(k - 1)) || self.held.contains(&(k + 1));
            if !self.dir.has(&file) || (matches!(want, Want::Names(_)) && !next_to) {
                continue;
            }
            self.tried.push(file.clone());
            let total = match want {
                Want::Marks(total) => Some(total),
                Want::Names(_) => None,
            };
            let Some(mut got) = read_other(self.dir, &file, total, self.opts, &mut self.budget)?
            else {
                continue;
            };
            let their = marks_of(&got);
            let pages = match want {
                // (of a form of another number of pages: not of this form)
                Want::Marks(total) if their.total() == Some(total) => their.pages(),
                Want::Marks(_) => continue,
                Want::Names(_) if their.total().is_none() => {
                    let header = any_header(self.name, &mut got)?;
                    if header != (k == 1) {
                        continue;
                    }
                    vec![k]
                }
                Want::Names(_) => continue,
            };
            // a page holding one held already is another copy of the form (the whole form
            // saved again, its page 1 beside the page 1 read): its rows would be read twice
            if pages.iter().any(|p| self.held.contains(p))
                || !self.same_project(project_of(&got).as_ref())
            {
                continue;
            }
            self.take(pages, file, got);
        }
        Ok(())
    }

    /// The folder's other pages (by name, up to [`MAX_LOOKED`]) writing `共{total}页`: a page
    /// missing is taken from one naming the same project, else from the only one offering it
    /// (a page naming no project among several offering it is no page of this form: a folder
    /// of many forms printed over two pages).
    fn by_marks(&mut self, total: u32) -> Result<(), ReadError> {
        let (pages, unlisted) = self.dir.pages();
        let mut others: Vec<String> = (pages.into_iter())
            .filter(|f| !self.tried.contains(f))
            .collect();
        // the names nearest the page's first (`自评表_第2页` beside `自评表_第1页`)
        let own = self.tried[0].clone();
        let common = |f: &str| {
            own.chars()
                .zip(f.chars())
                .take_while(|(a, b)| a == b)
                .count()
        };
        others.sort_by(|a, b| common(b).cmp(&common(a)).then_with(|| a.cmp(b)));
        let mut left = others.split_off(others.len().min(MAX_LOOKED));
        left.sort();
        self.unread = Unread {
            missing: Vec::new(),
            pages: left.len(),
            first: left.into_iter().take(3).collect(),
            unlisted,
        };
        let mut offers = Vec::new();
        for file in others {
            if let Some(got) =
                read_other(self.dir, &file, Some(total), self.opts, &mut self.budget)?
            {
                let their = marks_of(&got);
                // (a page holding a page held is another copy of the form: never joined, nor
                // counted among the offers of the pages it adds)
                let copy = their.pages().iter().any(|p| self.held.contains(p));
                if their.total() == Some(total) && !copy {
                    offers.push(Offer {
                        pages: their.pages(),
                        project: project_of(&got),
                        file,
                        tables: got,
                    });
                }
            }
        }
        let offered = |p: u32| offers.iter().filter(|o| o.pages.contains(&p)).count();
        let mut chosen = Vec::new();
        for (i, o) in offers.iter().enumerate() {
            let new: Vec<u32> = (o.pages.iter().copied())
                .filter(|p| !self.held.contains(p))
                .collect();
            let named = self.project.is_some() && o.project == self.project;
            let only = new.iter().all(|p| offered(*p) == 1);
            // every page it holds new (one chosen before may have taken some)
            let all_new = !new.is_empty() && new.len() == o.pages.len();
            if all_new && self.same_project(o.project.as_ref()) && (named || only) {
                self.held.extend(&new);
                chosen.push(i);
            }
        }
        for (i, o) in offers.into_iter().enumerate() {
            if chosen.contains(&i) {
                self.take(o.pages, o.file, o.tables);
            }
        }
        Ok(())
    }

    /// Takes the pages `pages` of `file`, its tables `got` named after it.
    fn take(&mut self, pages: Vec<u32>, file: String, mut got: Vec<PageTable>) {
        for t in &mut got {
            t.sheet.name = format!("{file}·{}", t.sheet.name);
        }
        let first = pages
            .iter()
            .copied()
            .find(|p| *p != self.own)
            .unwrap_or(self.own);
        for p in pages {
            if !self.held.contains(&p) {
                self.held.push(p);
            }
        }
        self.joined.push((first, file));
        self.pages.push((first, got));
    }

    /// The tables in page order (a later page's repeated title and header dropped, by marks),
    /// and the pages joined; by names, only a form of pages 1, 2, … with no gap.
    fn finish(mut self, want: Want) -> Result<(Vec<PageTable>, Joined), ReadError> {
        self.pages.sort_by_key(|(p, _)| *p);
        let numbers: Vec<u32> = self.pages.iter().map(|(p, _)| *p).collect();
        match want {
            Want::Names(_) => {
                let gapless = numbers.iter().enumerate().all(|(i, p)| *p == i as u32 + 1);
                if numbers.len() < 2 || !gapless {
                    return Ok(self.own_alone());
                }
            }
            Want::Marks(_) => {
                let first = numbers.first().copied().unwrap_or(1);
                for (_, tables) in self.pages.iter_mut().filter(|(p, _)| *p > first) {
                    for t in tables.iter_mut() {
                        strip_header(self.name, t)?;
                    }
                }
            }
        }
        self.joined.sort();
        let mut unread = self.unread;
        if let Want::Marks(total) = want {
            unread.missing = (1..=total).filter(|p| !self.held.contains(p)).collect();
        }
        let unread =
            (!unread.missing.is_empty() && (unread.pages > 0 || unread.unlisted)).then_some(unread);
        let tables = self.pages.into_iter().flat_map(|(_, t)| t).collect();
        let joined = Joined {
            pages: self.joined,
            unread,
        };
        Ok((tables, joined))
    }
}

/// A page of the folder offering pages of a form of the same total: its pages, the project it
/// names, its file and tables.
struct Offer {
    pages: Vec<u32>,
    project: Option<String>,
    file: String,
    tables: Vec<PageTable>,
}

/// Whether any of `tables` holds a header ([`super::holds_a_table`]).
fn any_header(name: &str, tables: &mut [PageTable]) -> Result<bool, ReadError> {
    for t in tables {
        if super::holds_a_table(name, &mut t.sheet)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `text` writes `共{total}页` (spaces allowed around the number).
fn writes_total(text: &str, total: u32) -> bool {
    text.match_indices('共').any(|(at, _)| {
        let rest = text[at + '共'.len_utf8()..].trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse() == Ok(total) && rest[digits.len()..].trim_start().starts_with('页')
    })
}

/// A later page's table from its header on (the form's title, project and grid header
/// printed again on each page): the rows after the header, moved up, and no lines above; as
/// it was where it holds no header, or the header's row is not found.
fn strip_header(name: &str, t: &mut PageTable) -> Result<(), ReadError> {
    if let Some(cut) = header_cut(name, t)? {
        cut_above(t, cut);
    }
    Ok(())
}

/// The first row after `t`'s header (its row found by the header's texts); `None` where it
/// holds no header or its row is not found.
pub(super) fn header_cut(name: &str, t: &mut PageTable) -> Result<Option<u32>, ReadError> {
    let Some((texts, rows)) = super::header_of(name, &mut t.sheet)? else {
        return Ok(None);
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
    Ok(found.map(|at| at + rows))
}

/// `t` from row `cut` on, moved up, with no lines above.
fn cut_above(t: &mut PageTable, cut: u32) {
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
}

/// How the other pages are known: by the page marks (of so many pages), or by the file names
/// (the page's number).
#[derive(Clone, Copy)]
enum Want {
    Marks(u32),
    Names(u32),
}

/// A file name ending in a page number: `自评表_2.html` is `自评表`, `_`, 2, `.html`; its
/// digits' width where zero-padded (`自评表_01.html`: the other pages are `_02`, `_03`, …).
struct Numbered {
    stem: String,
    sep: &'static str,
    close: &'static str,
    number: u32,
    width: usize,
    ext: String,
}

impl Numbered {
    /// The file name of page `k` numbered as this one is.
    fn page(&self, k: u32) -> String {
        let Numbered {
            stem,
            sep,
            close,
            width,
            ext,
            ..
        } = self;
        format!("{stem}{sep}{k:0width$}{close}.{ext}")
    }
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
        // (digits only: `+1` is no page's number)
        let plain = digits.bytes().all(|b| b.is_ascii_digit());
        let number: u32 = (plain && !digits.is_empty() && digits.len() <= 2 && !head.is_empty())
            .then(|| digits.parse().ok())
            .flatten()?;
        (1..=MAX_PAGES).contains(&number).then(|| Numbered {
            stem: head.to_owned(),
            sep,
            close,
            number,
            // zero-padded (`01`): the others are too
            width: if digits.starts_with('0') {
                digits.len()
            } else {
                1
            },
            ext: ext.to_owned(),
        })
    })
}

/// Whether a file name is a web page's (`.html`, `.htm`).
fn is_page_name(file: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The tables of the web page `file` of `dir`, within the `budget` of bytes and cells left;
/// `None` where it is not read (not a regular file of the folder, too large, no page, or not
/// writing `共{total}页` where `total` is given).
fn read_other(
    dir: Beside<'_>,
    file: &str,
    total: Option<u32>,
    opts: &ReadOptions,
    budget: &mut (u64, u64),
) -> Result<Option<Vec<PageTable>>, ReadError> {
    let Some(bytes) = dir.bytes(file, budget.0) else {
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
    // a quick look before the page is read: it writes the total its pages must
    if total.is_some_and(|t| !writes_total(&text, t)) {
        return Ok(None);
    }
    let source = dir.source();
    let page = html::read_page_tables_within(file, &text, &source, budget.1)?;
    budget.1 = budget.1.saturating_sub(page.cells);
    dir.read_from(file);
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
pub(super) fn note(doc: &mut Document, joined: Joined, sheets: &[String]) {
    if let Some(u) = &joined.unread {
        note_unread(doc, u);
    }
    let mut joined = joined.pages;
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

/// The warning that a page of the form is missing while files of its folder were left unread
/// by the bounds: how many, the first names.
fn note_unread(doc: &mut Document, u: &Unread) {
    let missing: Vec<String> = u.missing.iter().map(|p| format!("第 {p} 页")).collect();
    let mut left = Vec::new();
    if u.pages > 0 {
        left.push(format!(
            "文件夹中另有 {} 个网页未查看（只查看名称与这个网页最接近的 {MAX_LOOKED} 个），如 {}",
            u.pages,
            u.first.join("、")
        ));
    }
    if u.unlisted {
        left.push(format!("文件夹中的文件超过 {MAX_ENTRIES} 个，其余的未列出"));
    }
    doc.findings.push(
        Finding::at_location(
            codes::PAGE_FORM_PART,
            Severity::Warning,
            &doc.source,
            super::PAGE_AT,
            format!(
                "表单的{}没有找到；{}：缺的页可能在其中，没有读取",
                missing.join("、"),
                left.join("；")
            ),
        )
        .label("这个网页")
        .help("把表单的各页放在只有这张表单的文件夹中，或把各页的表格放进同一个网页后再评"),
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
        assert!(numbered("表_+1.html").is_none());
        let padded = numbered("表_01.html").unwrap();
        assert_eq!(
            (padded.number, padded.page(2)),
            (1, "表_02.html".to_owned())
        );
        assert_eq!(numbered("表(3).htm").unwrap().page(4), "表(4).htm");
        assert!(writes_total("第2页 共 2 页", 2));
        assert!(
            writes_total("共2页", 2) && !writes_total("共12页", 2) && !writes_total("共2人", 2)
        );
    }
}
