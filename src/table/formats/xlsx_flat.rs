//! The first pass over an `.xlsx` sheet (issue 28, H188's plan, step 1): whether the sheet is
//! **certainly flat**, so that a streamed reader could read it a block at a time and give what
//! the whole reading gives, and if not, the first reason why (a stable code and a sentence,
//! Chinese first). Flat means: one sheet chosen (named with `--sheet`, or the workbook's only
//! one), the sheet itself not hidden, no hidden row or column, no merge at or below the first
//! row of three filled cells (the header's first row: a title row above it may be merged), and
//! no formula without a saved value. The pass also gives the sheet's width as
//! `grid::row_widths` pads its rows (the used columns up to the first gap of more than
//! `grid::STRAY_GAP` empty ones), which a streamed reader must know before its first row.
//!
//! The cells are walked by calamine's cell reader, as the whole reading walks them, keeping a
//! bit a column and the first row of three cells; no text, no shared string is held (the memory
//! is the workbook's bytes, calamine's shared strings, and the places of cells calamine gives
//! as empty, looked at for formulas only where there are such). The pass trusts the workbook to
//! have met the whole reading's guards (`grid::check_zip`: the cell and unzipped limits): run
//! it after them. Whether the sheet reads as a flat self-evaluation table (no form, no target
//! table) is the layout reader's to say, not this pass's (`cli::inspect` asks both).

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetVisible, Xlsx};

/// Filled cells a row needs to be taken for the header's first row (as the grid takes a data
/// row: three or more).
const HEADER_CELLS: usize = 3;

/// Cells calamine gives as empty looked at for a formula without a value, at most (the whole
/// reading's `MAX_EMPTY_LOOKED_AT`): past them the sheet is not certainly flat.
const MAX_EMPTY: usize = 100_000;

/// A sheet certainly flat: what a streamed reader needs before its first row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flat {
    /// The sheet read.
    pub sheet: String,
    /// The width every row is padded to (columns).
    pub width: u32,
    /// The header's first row (0-based): the first row of three filled cells.
    pub header_row: u32,
}

/// Why a workbook is not certainly flat: it is read whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFlat {
    /// Not an `.xlsx` calamine opens as one (`.xls`, `.xlsb`, `.ods`, a document, a page).
    #[error("不是 .xlsx 工作簿（.xls、.xlsb、.ods、Word 文档、网页等），整表读取")]
    NotXlsx,
    /// The sheet named is not in the workbook.
    #[error("工作簿中没有工作表「{0}」")]
    NoSheet(String),
    /// Several sheets are read (none named).
    #[error("工作簿有 {0} 个工作表，未用 --sheet 指定其一，各表都要读取")]
    Sheets(usize),
    /// The sheet itself is hidden.
    #[error("工作表「{0}」本身是隐藏的")]
    HiddenSheet(String),
    /// A hidden row (0-based).
    #[error("第 {} 行是隐藏行", .0 + 1)]
    HiddenRow(u32),
    /// A hidden column (0-based).
    #[error("第 {} 列（{}）是隐藏列", .0 + 1, column_letters(*.0))]
    HiddenColumn(u32),
    /// A merged range at or below the header's first row (first and last cell, 0-based).
    #[error("表头或其下有合并单元格 {}:{}", place(.0.0), place(.0.1))]
    Merge(((u32, u32), (u32, u32))),
    /// A formula with no saved value (0-based place).
    #[error("单元格 {} 是没有保存结果的公式", place(*.0))]
    FormulaWithoutValue((u32, u32)),
    /// More cells calamine gives as empty than are looked at for formulas.
    #[error("无值的单元格超过 {MAX_EMPTY} 个，未逐一核对是否为公式")]
    ManyEmpty,
    /// No row of three filled cells: no header found.
    #[error("没有找到表头（任何一行都不足 {HEADER_CELLS} 个非空单元格）")]
    NoHeader,
    /// The sheet's cells could not be walked.
    #[error("工作表的单元格无法逐个读取")]
    Unreadable,
}

impl NotFlat {
    /// The stable code of the reason (`inspect --reading --format json`).
    pub fn code(&self) -> &'static str {
        match self {
            NotFlat::NotXlsx => "read.whole.not-xlsx",
            NotFlat::NoSheet(_) => "read.whole.no-sheet",
            NotFlat::Sheets(_) => "read.whole.sheets",
            NotFlat::HiddenSheet(_) => "read.whole.hidden-sheet",
            NotFlat::HiddenRow(_) => "read.whole.hidden-row",
            NotFlat::HiddenColumn(_) => "read.whole.hidden-column",
            NotFlat::Merge(_) => "read.whole.merge",
            NotFlat::FormulaWithoutValue(_) => "read.whole.formula-without-value",
            NotFlat::ManyEmpty => "read.whole.many-empty",
            NotFlat::NoHeader => "read.whole.no-header",
            NotFlat::Unreadable => "read.whole.unreadable",
        }
    }
}

/// The A1 letters of 0-based column `c`.
fn column_letters(c: u32) -> String {
    let (mut k, mut s) = (c + 1, Vec::new());
    while k > 0 {
        s.push(b'A' + ((k - 1) % 26) as u8);
        k = (k - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The A1 name of a 0-based `(row, column)`.
fn place((r, c): (u32, u32)) -> String {
    format!("{}{}", column_letters(c), r + 1)
}

/// The first pass over the `.xlsx` `bytes`: the sheet `sheet` (or the only one) certainly
/// flat, or the first reason it is not (module docs).
pub fn first_pass(bytes: &[u8], sheet: Option<&str>) -> Result<Flat, NotFlat> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| NotFlat::NotXlsx)?;
    let names = wb.sheet_names();
    let chosen = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_owned(),
        Some(s) => return Err(NotFlat::NoSheet(s.to_owned())),
        None if names.len() == 1 => names[0].clone(),
        None => return Err(NotFlat::Sheets(names.len())),
    };
    let hidden_sheet = wb
        .sheets_metadata()
        .iter()
        .any(|m| m.name == chosen && m.visible != SheetVisible::Visible);
    if hidden_sheet {
        return Err(NotFlat::HiddenSheet(chosen));
    }
    let hidden = super::xlsx_parts::hidden_places(bytes, &chosen);
    if let Some(&r) = hidden.rows.iter().min() {
        return Err(NotFlat::HiddenRow(r));
    }
    if let Some(&(c, _)) = hidden.cols.iter().min() {
        return Err(NotFlat::HiddenColumn(c));
    }
    let walked = walk(&mut wb, &chosen)?;
    let header_row = walked.header_row.ok_or(NotFlat::NoHeader)?;
    if !walked.empty.is_empty()
        && let Some(&at) = super::xlsx_parts::formulas_without_values(bytes, &chosen, &walked.empty)
            .iter()
            .min()
    {
        return Err(NotFlat::FormulaWithoutValue(at));
    }
    let below = super::workbook::merges_apart(bytes, &chosen)
        .into_iter()
        .filter(|m| m.1.0 >= header_row)
        .min();
    if let Some(m) = below {
        return Err(NotFlat::Merge(m));
    }
    Ok(Flat {
        sheet: chosen,
        width: walked.width(),
        header_row,
    })
}

/// What the walk over the cells keeps.
struct Walked {
    /// A bit a column used (16,384 columns at most in an `.xlsx`; a larger place widens it).
    used: Vec<u64>,
    /// The first row of [`HEADER_CELLS`] filled cells.
    header_row: Option<u32>,
    /// The cells calamine gave as empty (looked at for formulas).
    empty: HashSet<(u32, u32)>,
}

impl Walked {
    /// The sheet's width as `grid::row_widths` pads its rows: the used columns up to the first
    /// gap of more than `grid::STRAY_GAP` empty columns.
    fn width(&self) -> u32 {
        let mut last: Option<u32> = None;
        for (w, &bits) in self.used.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let c = w as u32 * 64 + bits.trailing_zeros();
                bits &= bits - 1;
                match last {
                    Some(l) if c - l > crate::table::grid::STRAY_GAP => return l + 1,
                    _ => last = Some(c),
                }
            }
        }
        last.map_or(0, |l| l + 1)
    }
}

/// The cells of `sheet` walked in order (module docs).
fn walk<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    sheet: &str,
) -> Result<Walked, NotFlat> {
    let mut reader = wb
        .worksheet_cells_reader(sheet)
        .map_err(|_| NotFlat::Unreadable)?;
    let mut out = Walked {
        used: vec![0; 16_384 / 64],
        header_row: None,
        empty: HashSet::new(),
    };
    let (mut row, mut in_row) = (u32::MAX, 0usize);
    while let Some(cell) = reader.next_cell().map_err(|_| NotFlat::Unreadable)? {
        let (r, c) = cell.get_position();
        if matches!(cell.get_value(), DataRef::Empty) {
            if out.empty.len() == MAX_EMPTY {
                return Err(NotFlat::ManyEmpty);
            }
            out.empty.insert((r, c));
            continue;
        }
        let word = c as usize / 64;
        if word >= out.used.len() {
            out.used.resize(word + 1, 0);
        }
        out.used[word] |= 1 << (c % 64);
        if r != row {
            (row, in_row) = (r, 0);
        }
        in_row += 1;
        if in_row == HEADER_CELLS && out.header_row.is_none() {
            out.header_row = Some(r);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_places() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(place((3, 5)), "F4");
    }

    #[test]
    fn width_stops_at_a_gap_past_the_stray_gap() {
        let mut w = Walked {
            used: vec![0; 256],
            header_row: Some(0),
            empty: HashSet::new(),
        };
        for c in [0u32, 1, 2, 5] {
            w.used[c as usize / 64] |= 1 << (c % 64);
        }
        assert_eq!(w.width(), 6);
        w.used[16_383 / 64] |= 1 << (16_383 % 64);
        assert_eq!(w.width(), 6, "a stray far cell widens its own row only");
        let within = 5 + crate::table::grid::STRAY_GAP;
        w.used[within as usize / 64] |= 1 << (within % 64);
        assert_eq!(
            w.width(),
            within + 1,
            "a gap of the stray gap exactly is no gap"
        );
    }
}
