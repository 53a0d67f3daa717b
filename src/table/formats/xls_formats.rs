//! The number formats of an `.xls`: its FORMAT and XF records, and the XF of each cell, read
//! as `workbook::guard_xls` walks the records (calamine keeps only whether a format is a date).
//!
//! **Decisions**: a cell is shown through its format as an `.xlsx` cell is
//! ([`super::number_format`]: percentages, decimals, a trailing comma's scaling, literal text;
//! a date written the Chinese way as written). Only cells whose format shows something other
//! than General are remembered (their place and their style, 12 bytes each; of two records
//! at one cell, the last); a format index
//! with no FORMAT record is Excel's built-in one (`0%` is 9, `0.00%` 10 …). BIFF8 codes are
//! UTF-16 or Latin-1 as the record says; BIFF5's are in the workbook's code page (GBK for 936,
//! else Windows-1252). A cell whose XF is missing is shown as General.

use std::collections::HashMap;

use super::number_format::CellFormat;
use super::workbook::WrittenDate;
use crate::table::ReadError;

/// How a style shows a cell: its format (`None`: General) and, for a date, the Chinese way.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    pub format: Option<CellFormat>,
    pub date: Option<WrittenDate>,
    /// An `.ods` cell with no style of its own, shown through its row's default cell style
    /// where its column's would show it otherwise (`ods_formats`): the column's format, for
    /// a note where the cell reads otherwise through it.
    pub column: Option<Option<CellFormat>>,
    /// An `.ods` cell whose value type is a percentage (`office:value-type="percentage"`,
    /// its value the fraction) and whose style shows General: read as the percentage it is
    /// (`0.945` as `94.5%`; as its fraction it went to a person, "看起来是 1 的分数").
    pub percentage: bool,
}

/// The cells of a sheet shown through a style: (row, column) and the style's index, sorted.
pub(crate) type Styled = Vec<((u32, u32), u32)>;

/// Where an `.xls`'s number format codes are, as a refusal names it.
const PART: &str = "工作簿流的数字格式（FORMAT）记录";

/// The style of a cell record shown as General, while a sheet's records are gathered (each
/// record is kept until the sheet ends: the last at a cell decides its style).
const GENERAL: u32 = u32::MAX;

/// What the walk gathers of an `.xls`'s formats.
#[derive(Default)]
pub(crate) struct XlsFormats {
    biff5: bool,
    codepage: u16,
    /// FORMAT records: index → code.
    codes: HashMap<u16, String>,
    /// Each XF's format index, in order.
    xfs: Vec<u16>,
    /// Each XF's style (an index into `styles`), once the globals are read.
    looks: Option<Vec<Option<u32>>>,
    pub styles: Vec<Style>,
    current: Styled,
    /// The current sheet's hidden rows (ROW records' `fDyZero`) and columns (COLINFO's
    /// `fHidden`), and each sheet's by where its BOF is.
    current_hidden: super::hidden::HiddenPlaces,
    hidden: HashMap<usize, super::hidden::HiddenPlaces>,
    /// The styled cells of each sheet, by where its BOF is.
    sheets: HashMap<usize, Styled>,
    /// A FORMULA record whose result is a string (in the STRING record that should follow),
    /// its cell, until the next record says whether the string is there.
    string_due: Option<(u32, u32)>,
    /// The current sheet's cells holding a formula with no saved result, and each sheet's by
    /// where its BOF is ([`XlsFormats::take_no_value`]).
    current_no_value: Vec<(u32, u32)>,
    no_value: HashMap<usize, Vec<(u32, u32)>>,
}

impl XlsFormats {
    /// A record of the globals of the workbook `name`: a FORMAT record's code past
    /// [`crate::limits::FORMAT_CODE`] (Excel's 255 characters; the record's length field allows
    /// 32 767) is refused, as an `.xlsx`'s is: each cell it shows with literal text holds its
    /// own copy of what it shows.
    pub(crate) fn global(&mut self, name: &str, typ: u16, body: &[u8]) -> Result<(), ReadError> {
        match typ {
            0x0809 => self.biff5 = u16_at(body, 0) == Some(0x0500),
            0x0042 => self.codepage = u16_at(body, 0).unwrap_or(0),
            0x041E => {
                if let (Some(i), Some(code)) =
                    (u16_at(body, 0), self.string(&body[2.min(body.len())..]))
                {
                    super::xlsx_parts::format_code_within(name, PART, &code)?;
                    self.codes.insert(i, code);
                }
            }
            0x00E0 => {
                if let Some(f) = u16_at(body, 2) {
                    self.xfs.push(f);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// BIFF5's byte strings' encoding (the workbook's code page: GBK for 936, else
    /// Windows-1252; [`XlsFormats::string`] decodes a FORMAT's so); `None` in BIFF8.
    pub(crate) fn byte_strings(&self) -> Option<&'static encoding_rs::Encoding> {
        self.biff5.then_some(if self.codepage == 936 {
            encoding_rs::GBK
        } else {
            encoding_rs::WINDOWS_1252
        })
    }

    /// A FORMAT record's string: BIFF8's `XLUnicodeString`, BIFF5's byte string.
    fn string(&self, b: &[u8]) -> Option<String> {
        if let Some(enc) = self.byte_strings() {
            let n = usize::from(*b.first()?);
            let bytes = b.get(1..1 + n)?;
            return Some(enc.decode_without_bom_handling(bytes).0.into_owned());
        }
        let n = usize::from(u16_at(b, 0)?);
        let wide = b.get(2)? & 1 == 1;
        if wide {
            let units: Vec<u16> = b
                .get(3..3 + 2 * n)?
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        } else {
            Some(b.get(3..3 + n)?.iter().map(|&c| char::from(c)).collect())
        }
    }

    /// Each XF's style, made once from the globals' records.
    fn looks(&mut self) -> &[Option<u32>] {
        if self.looks.is_none() {
            self.looks = Some(looks_of(&self.codes, &self.xfs, &mut self.styles));
        }
        self.looks.as_deref().unwrap_or(&[])
    }

    /// A record of a sheet (depth 1): a cell with its XF is remembered where its style shows
    /// more than General.
    pub(crate) fn cell(&mut self, typ: u16, body: &[u8]) {
        self.formula_result(typ, body);
        match typ {
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x00D6 | 0x0006 => {
                let (Some(r), Some(c), Some(xf)) =
                    (u16_at(body, 0), u16_at(body, 2), u16_at(body, 4))
                else {
                    return;
                };
                let s = self.look(xf);
                self.current.push(((u32::from(r), u32::from(c)), s));
            }
            // ROW: a row whose height is zero is hidden (`fDyZero`, bit 5 of its flags)
            0x0208 if body.len() >= 16 => {
                if let (Some(r), Some(flags)) = (u16_at(body, 0), u16_at(body, 12))
                    && flags & 0x20 != 0
                    && self.current_hidden.rows.len() < MAX_HIDDEN
                {
                    self.current_hidden.rows.push(u32::from(r));
                }
            }
            // COLINFO: columns `first..=last` hidden (`fHidden`, bit 0 of its flags)
            0x007D if body.len() >= 10 => {
                if let (Some(first), Some(last), Some(flags)) =
                    (u16_at(body, 0), u16_at(body, 2), u16_at(body, 8))
                    && flags & 1 != 0
                    && last >= first
                    && self.current_hidden.cols.len() < MAX_HIDDEN
                {
                    self.current_hidden
                        .cols
                        .push((u32::from(first), u32::from(last)));
                }
            }
            0x00BD if body.len() >= 12 => {
                let (Some(r), Some(c0)) = (u16_at(body, 0), u16_at(body, 2)) else {
                    return;
                };
                let n = (body.len() - 6) / 6;
                for i in 0..n {
                    let Some(xf) = u16_at(body, 4 + 6 * i) else {
                        break;
                    };
                    let s = self.look(xf);
                    let c = u32::from(c0) + i as u32;
                    self.current.push(((u32::from(r), c), s));
                }
            }
            _ => {}
        }
    }

    /// A FORMULA record (`typ` 6) whose result is a string is followed by a STRING record
    /// (519) holding it, after the formula's SHRFMLA, ARRAY or TABLE record if any (MS-XLS
    /// 2.4.127): where none follows, the file keeps no result (a script wrote it and no
    /// spreadsheet calculated it) and calamine reads the cell as empty; its place is kept for
    /// a `table.formula-no-value` note.
    fn formula_result(&mut self, typ: u16, body: &[u8]) {
        if let Some(at) = self.string_due {
            match typ {
                0x0207 => self.string_due = None,
                0x04BC | 0x0221 | 0x0236 => {}
                _ => {
                    self.string_due = None;
                    if self.current_no_value.len() < MAX_HIDDEN {
                        self.current_no_value.push(at);
                    }
                }
            }
        }
        if typ == 0x0006
            && let (Some(r), Some(c), Some(&0), Some(&[0xFF, 0xFF])) = (
                u16_at(body, 0),
                u16_at(body, 2),
                body.get(6),
                body.get(12..14),
            )
        {
            self.string_due = Some((u32::from(r), u32::from(c)));
        }
    }

    /// The style of cells of XF `xf`, [`GENERAL`] for a cell shown as General.
    fn look(&mut self, xf: u16) -> u32 {
        match self.looks().get(usize::from(xf)) {
            Some(Some(s)) => *s,
            _ => GENERAL,
        }
    }

    /// A sheet (its BOF at `at`) ends. Of two cell records at one cell (Excel writes one) the
    /// last stands, as calamine keeps the last one's value: the records are sorted stably
    /// from last to first, and the first of each cell kept; then the cells shown as General
    /// are left out.
    pub(crate) fn close(&mut self, at: usize) {
        if let Some(due) = self.string_due.take() {
            self.current_no_value.push(due);
        }
        let no_value = std::mem::take(&mut self.current_no_value);
        if !no_value.is_empty() {
            self.no_value.insert(at, no_value);
        }
        let hidden = std::mem::take(&mut self.current_hidden);
        if !hidden.is_empty() {
            self.hidden.insert(at, hidden);
        }
        let mut cells = std::mem::take(&mut self.current);
        cells.reverse();
        cells.sort_by_key(|c| c.0);
        cells.dedup_by_key(|c| c.0);
        cells.retain(|c| c.1 != GENERAL);
        if !cells.is_empty() {
            self.sheets.insert(at, cells);
        }
    }

    /// The styled cells of the sheet whose BOF is at `at`.
    pub(crate) fn take(&mut self, at: usize) -> Styled {
        self.sheets.remove(&at).unwrap_or_default()
    }

    /// The cells holding a formula with no saved result of the sheet whose BOF is at `at`.
    pub(crate) fn take_no_value(&mut self, at: usize) -> Vec<(u32, u32)> {
        self.no_value.remove(&at).unwrap_or_default()
    }

    /// The hidden rows and columns of the sheet whose BOF is at `at`.
    pub(crate) fn take_hidden(&mut self, at: usize) -> super::hidden::HiddenPlaces {
        self.hidden.remove(&at).unwrap_or_default()
    }
}

/// Hidden rows (or column ranges) of a sheet noted at most (the rest read without a note).
const MAX_HIDDEN: usize = 100_000;

/// Excel's built-in number formats a workbook names by index alone (ECMA-376 §18.8.30; the
/// dates are calamine's and `WrittenDate::builtin`'s).
pub(crate) fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_($* #,##0_);_($* (#,##0);_($* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_($* #,##0.00_);_($* (#,##0.00);_($* \"-\"??_);_(@_)",
        _ => return None,
    })
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

/// Each cell XF's style (an index into `styles`, `None`: shown as General), from the number
/// formats by index (`codes`, else the built-ins) and the XFs' format indexes (`xfs`): a style
/// made once for each format that shows something (BIFF8 `.xls` and BIFF12 `.xlsb` alike).
pub(super) fn looks_of(
    codes: &HashMap<u16, String>,
    xfs: &[u16],
    styles: &mut Vec<Style>,
) -> Vec<Option<u32>> {
    let mut by_format: HashMap<u16, Option<u32>> = HashMap::new();
    xfs.iter()
        .map(|&f| {
            *by_format.entry(f).or_insert_with(|| {
                let code = codes.get(&f).map(String::as_str).or(builtin(f));
                let format = code.and_then(CellFormat::of);
                let date = code
                    .and_then(WrittenDate::of)
                    .or_else(|| WrittenDate::builtin(u32::from(f)));
                if format.is_none() && date.is_none() {
                    return None;
                }
                styles.push(Style {
                    format,
                    date,
                    column: None,
                    percentage: false,
                });
                Some(styles.len() as u32 - 1)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::number_format::{CellNote, read_cell};
    use super::*;
    use calamine::Data;

    /// A NUMBER record at `(r, c)` of XF `xf`.
    fn number(r: u16, c: u16, xf: u16) -> Vec<u8> {
        [r, c, xf]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .chain(1.0f64.to_le_bytes())
            .collect()
    }

    #[test]
    fn of_two_cell_records_at_one_cell_the_last_gives_its_style() {
        // XF 0 General, 1 `0%`, 2 `0.00`: two records at A1, at B1, at C1 (Excel writes one;
        // calamine keeps the last one's value, so the last one's style shows it)
        let mut f = XlsFormats::default();
        for format in [0u16, 9, 2] {
            f.global(
                "t.xls",
                0x00E0,
                &[0, 0, format.to_le_bytes()[0], format.to_le_bytes()[1]],
            )
            .expect("an XF");
        }
        for (c, first, last) in [(0u16, 1u16, 2u16), (1, 2, 1), (2, 1, 0)] {
            f.cell(0x0203, &number(0, c, first));
            f.cell(0x0203, &number(0, c, last));
        }
        f.close(7);
        let styled = f.take(7);
        let code = |s: u32| {
            let format = f.styles[s as usize].format.as_ref();
            read_cell(&Data::Float(0.5), format).0
        };
        let shown: Vec<(u32, String)> = styled.iter().map(|&((_, c), s)| (c, code(s))).collect();
        // A1 shown `0.00`, B1 `0%`, C1 General (no style: left out)
        assert_eq!(shown, vec![(0, "0.50".to_owned()), (1, "50%".to_owned())]);
    }

    /// A BIFF8 FORMAT record: index `i`, `code` as Latin-1 (`chars` of it).
    fn format_record(i: u16, code: &str) -> Vec<u8> {
        let mut b = i.to_le_bytes().to_vec();
        b.extend((code.len() as u16).to_le_bytes());
        b.push(0);
        b.extend(code.bytes());
        b
    }

    #[test]
    fn a_format_code_past_excels_255_characters_is_refused_as_an_xlsx_one_is() {
        // a code of literal text: every cell it shows held its own copy of the text (before:
        // taken, 8 000 characters a cell)
        let within = format!("0{}", "\\x".repeat(127));
        let past = format!("0{}", "\\x".repeat(128));
        assert_eq!(within.chars().count(), 255);
        let mut f = XlsFormats::default();
        f.global("t.xls", 0x041E, &format_record(200, &within))
            .expect("255 characters are Excel's own limit");
        let long = format!("0\"{}\"", "x".repeat(8000));
        for code in [past, long] {
            let e = f
                .global("t.xls", 0x041E, &format_record(201, &code))
                .expect_err("past the limit");
            assert!(
                matches!(&e, ReadError::FormatCodeTooLong { chars, .. } if *chars == code.chars().count() as u64),
                "{e:?}"
            );
            assert!(e.to_string().contains("FORMAT"), "{e}");
        }
        assert_eq!(f.codes.len(), 1, "the code past the limit is not kept");
    }

    #[test]
    fn the_accounting_built_ins_show_a_zero_as_a_dash_and_a_negative_in_brackets() {
        for id in [41, 43] {
            let format = builtin(id).and_then(CellFormat::of);
            let read = |v: f64| read_cell(&Data::Float(v), format.as_ref());
            assert_eq!(
                read(0.0),
                ("0".into(), Some(CellNote::Literal { shown: "-".into() })),
                "{id}"
            );
            assert!(read(-5.0).0.starts_with("-5"), "{id}: {:?}", read(-5.0));
            assert_eq!(read(-5.0).1, None, "{id}");
        }
    }
}
