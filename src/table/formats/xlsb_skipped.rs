//! The cell records of an `.xlsb` sheet that calamine's reader skips (issue 27): a rich string
//! stored in its cell (`BrtCellRString`, 62) and a formula's cached error (`BrtFmlaError`,
//! 11). calamine's `next_cell` reads the other ten cell records and passes over these without
//! a word, so such a cell was empty: an actual `520人` written with a bold `0人`, or a `#DIV/0!`,
//! read as not filled (`missing`, 0 points).
//!
//! Read as [MS-XLSB] lays them out, after the `Cell` (column, 4 bytes; style, 4): a
//! `BrtCellRString`'s `RichStr` (a flags byte, `fRichStr` 0x01; an `XLWideString`; where rich,
//! a count of `StrRun`s, `ich` and `ifnt`) is its text, a digit in a raised or lowered run
//! written raised or lowered as a shared string's is (`xlsb_raised`: `80¹人`, to a person); a
//! `BrtFmlaError`'s `BErr` byte is the error Excel shows (`#DIV/0!`; an unknown code shows as
//! `#错误` and its code, never read as a figure). **Bounded**: a text is held to one unit past
//! the cell limit ([`limits::CELL`]: a longer one is refused on its row as any cell is,
//! `table.cell-too-long`), the rest skipped.

use calamine::{CellErrorType, Data};

use super::xlsb_raised::XlsbFonts;
use crate::limits;

/// `BrtCellRString`: a rich string in its cell.
pub(crate) const RSTRING: u32 = 62;
/// `BrtFmlaError`: a formula's cached error.
pub(crate) const FMLA_ERROR: u32 = 11;

/// The bytes of a skipped record's body read: the `Cell`, a `RichStr`'s flags and length,
/// its text to one UTF-16 unit past the cell limit (each unit is at least a byte of text)
/// and a run for each unit of Excel's 32 767.
pub(crate) fn want(typ: u32) -> usize {
    match typ {
        RSTRING => {
            let units = limits::CELL.get_usize().saturating_add(1).max(32_767);
            (8 + 1 + 4 + 4usize)
                .saturating_add(units.saturating_mul(2))
                .saturating_add(4 * 32_768)
        }
        FMLA_ERROR => 9,
        _ => 0,
    }
}

/// The value of a skipped cell record `typ` from its body's first [`want`] bytes; `None`
/// where it is another record, or too short to hold one.
pub(crate) fn value(typ: u32, body: &[u8], fonts: &XlsbFonts) -> Option<Data> {
    match typ {
        RSTRING => rich_text(body.get(8..)?, fonts).map(Data::String),
        FMLA_ERROR => Some(error(*body.get(8)?)),
        _ => None,
    }
}

/// A `RichStr` (flags first) as shown: raised or lowered digits written so; a text longer
/// than what was read of it cut there (past the cell limit).
fn rich_text(b: &[u8], fonts: &XlsbFonts) -> Option<String> {
    let (&flags, rest) = b.split_first()?;
    if flags & 0x01 != 0
        && let Some(m) = super::xlsb_raised::rich_str(rest, fonts)
    {
        return Some(m.into_shown());
    }
    let claimed = usize::try_from(super::xlsb_formats::u32_at(rest, 0)?).ok()?;
    let held = rest.get(4..)?;
    let units: Vec<u16> = held
        .chunks_exact(2)
        .take(claimed)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// A `BErr` as Excel shows it.
fn error(code: u8) -> Data {
    let e = match code {
        0x00 => CellErrorType::Null,
        0x07 => CellErrorType::Div0,
        0x0F => CellErrorType::Value,
        0x17 => CellErrorType::Ref,
        0x1D => CellErrorType::Name,
        0x24 => CellErrorType::Num,
        0x2A => CellErrorType::NA,
        0x2B => CellErrorType::GettingData,
        other => return Data::String(format!("#错误({other:#04x})")),
    };
    Data::Error(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rstring(text: &str, runs: &[(u16, u16)]) -> Vec<u8> {
        let mut b = vec![2, 0, 0, 0, 0, 0, 0, 0, u8::from(!runs.is_empty())];
        b.extend((text.encode_utf16().count() as u32).to_le_bytes());
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        if !runs.is_empty() {
            b.extend((runs.len() as u32).to_le_bytes());
            for (ich, ifnt) in runs {
                b.extend(ich.to_le_bytes());
                b.extend(ifnt.to_le_bytes());
            }
        }
        b
    }

    #[test]
    fn a_cells_rich_string_is_its_text_a_raised_digit_written_raised() {
        let mut fonts = XlsbFonts::default();
        for sss in [0u16, 1] {
            let mut f = vec![0u8; 12];
            f[6..8].copy_from_slice(&sss.to_le_bytes());
            fonts.push(&f);
        }
        let plain = rstring("520人", &[(0, 0), (2, 0)]);
        assert_eq!(
            value(RSTRING, &plain, &fonts),
            Some(Data::String("520人".into()))
        );
        let raised = rstring("801人", &[(0, 0), (2, 1), (3, 0)]);
        assert_eq!(
            value(RSTRING, &raised, &fonts),
            Some(Data::String("80¹人".into()))
        );
        // not rich at all; cut short (the text held is what is read)
        assert_eq!(
            value(RSTRING, &rstring("12次", &[]), &fonts),
            Some(Data::String("12次".into()))
        );
        let cut = &rstring("12345", &[])[..8 + 1 + 4 + 6];
        assert_eq!(
            value(RSTRING, cut, &fonts),
            Some(Data::String("123".into()))
        );
        assert_eq!(value(RSTRING, &[0; 8], &fonts), None);
    }

    #[test]
    fn a_formulas_error_is_the_error_excel_shows() {
        let body = |e: u8| [1, 0, 0, 0, 0, 0, 0, 0, e];
        let fonts = XlsbFonts::default();
        assert_eq!(
            value(FMLA_ERROR, &body(0x07), &fonts),
            Some(Data::Error(CellErrorType::Div0))
        );
        assert_eq!(
            value(FMLA_ERROR, &body(0x2A), &fonts),
            Some(Data::Error(CellErrorType::NA))
        );
        assert_eq!(
            value(FMLA_ERROR, &body(0x99), &fonts),
            Some(Data::String("#错误(0x99)".into()))
        );
        assert_eq!(value(FMLA_ERROR, &[0; 8], &fonts), None);
        assert_eq!(value(5, &body(0), &fonts), None);
    }
}
