//! A form cut at a page break on one web page whose later table prints the form's head again
//! (Word's "save as web page" of a form of two printed pages, each page with its title, its
//! `项目名称` row and its grid header): the later table is the same form's rows, not a second
//! form of the same name. Decided here from the two tables' own text: the later one names the
//! same project, every row it prints above its grid header is a row of the form read before,
//! and that form has not ended (its last row is no 总分 / 合计 row). The repeated head is then
//! dropped and the rows read on as the form's (`table.page-table-continued` says so).

use std::collections::BTreeMap;

use super::ReadError;
use super::formats::SheetCells;
use super::formats::html::PageTable;
use super::page_files::header_cut;

/// Each row's texts (trimmed, empty ones left out, in column order).
fn row_texts(sheet: &SheetCells) -> BTreeMap<u32, Vec<String>> {
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    for ((r, c), text) in sheet.iter() {
        let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !bare.is_empty() {
            rows.entry(r).or_default().push((c, bare));
        }
    }
    rows.into_iter()
        .map(|(r, mut cells)| {
            cells.sort_by_key(|(c, _)| *c);
            (r, cells.into_iter().map(|(_, t)| t).collect())
        })
        .collect()
}

/// The project a table names: the text after its `项目名称` cell on that row.
fn project(rows: &BTreeMap<u32, Vec<String>>) -> Option<&str> {
    rows.values().find_map(|cells| {
        let at = cells
            .iter()
            .position(|t| t.trim_end_matches(['：', ':']) == "项目名称")?;
        cells.get(at + 1).map(String::as_str)
    })
}

/// Whether a form's table ends with its total (`总分`, `合计`, `总计` first on its last row).
fn ends_with_total(rows: &BTreeMap<u32, Vec<String>>) -> bool {
    rows.values().next_back().is_some_and(|cells| {
        cells
            .first()
            .is_some_and(|t| ["总分", "合计", "总计"].iter().any(|w| t.starts_with(w)))
    })
}

/// Whether `t` (a table holding a header) goes on with the form whose first table is `first`
/// and whose last table read is `last`, printing its head again; where it does, the repeated
/// head is cut from `t`.
pub(super) fn continues_form(
    name: &str,
    (first, last): (&SheetCells, &SheetCells),
    t: &mut PageTable,
) -> Result<bool, ReadError> {
    let form = row_texts(first);
    if ends_with_total(&row_texts(last)) {
        return Ok(false);
    }
    let own = row_texts(&t.sheet);
    let named = project(&own);
    if named.is_none() || named != project(&form) {
        return Ok(false);
    }
    let Some(cut) = header_cut(name, t)? else {
        return Ok(false);
    };
    let printed: Vec<&Vec<String>> = form.values().collect();
    let repeated = own.range(..cut).all(|(_, cells)| printed.contains(&cells));
    if repeated {
        blank_above(t, cut);
    }
    Ok(repeated)
}

/// `t` without its rows above `cut`, the rows below kept where they are on the page (a
/// finding names the cell as the page shows it), and no lines above.
fn blank_above(t: &mut PageTable, cut: u32) {
    let mut kept = SheetCells::named(std::mem::take(&mut t.sheet.name));
    for ((r, c), text) in t.sheet.iter().filter(|((r, _), _)| *r >= cut) {
        kept.push((r, c), text);
    }
    kept.merges = t
        .sheet
        .merges
        .iter()
        .filter(|(_, (end, _))| *end >= cut)
        .map(|((r0, c0), end)| (((*r0).max(cut), *c0), *end))
        .collect();
    kept.notes = std::mem::take(&mut t.sheet.notes)
        .into_iter()
        .filter(|((r, _), _)| *r >= cut)
        .collect();
    t.sheet = kept;
    t.above.clear();
}
