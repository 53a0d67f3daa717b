//! Text an `.xlsb` (BIFF12) sets raised or lowered (issue 27): a shared string whose runs name a
//! font of superscript or subscript escapement. calamine gives a `BrtSSTItem`'s characters
//! only, so `80` + a raised `1` + `人` read `801人` (达标 against ≥500人). The digits of such
//! runs are written raised (lowered) as the other readers write them (`80¹人`, to a person).
//!
//! Read as [MS-XLSB] lays them out: `BrtFont` (43) in `xl/styles.bin`, its `sss` at bytes 6–7
//! (1 superscript, 2 subscript; a run's `ifnt` is the zero-based index of the `BrtFont` in the
//! part, with no BIFF8 gap at 4); `BrtSSTItem` (19) in `xl/sharedStrings.bin` is a `RichStr`:
//! a flags byte (`fRichStr` 0x01, `fExtStr` 0x02), an `XLWideString`, then where rich a count
//! (4 bytes) of `StrRun`s (`ich`, `ifnt`: 2 bytes each). Strings are counted as calamine counts
//! them (each `BrtSSTItem` outside a future-record block, 35–36). The sheets' `BrtCellIsst`
//! (7) cells naming one are kept by place (`xlsb_formats::cells`, the walk that reads their
//! styles): the join is by place and string index, and a cell takes the raised text only where
//! calamine's text for it is the string read here (`xlsx_raised::Marked::shown_for`).
//! **Bounded**: the shared strings are read again only where a font is raised or lowered; a
//! plain string's body is skipped, a rich one read whole only up to Excel's 32 767 characters
//! and their runs ([`RICH_MAX`]; past it, left as calamine reads it).

use std::io::Read;

use super::xlsx_raised::{Marked, SharedMarks};

/// The `BrtFont` records' escapement, in order (`sss` at bytes 6–7).
pub(crate) type XlsbFonts = super::xls_raised::FontScripts<6>;

impl XlsbFonts {
    /// The escapement of the font a run names: `ifnt` is the `BrtFont`'s index, no gap.
    fn script(&self, ifnt: u16) -> Option<bool> {
        self.nth(usize::from(ifnt))
    }
}

/// The largest rich `BrtSSTItem` read: a flags byte, Excel's 32 767 UTF-16 units with their
/// length, and a run for each.
pub(crate) const RICH_MAX: u64 = 1 + 4 + 2 * 32_767 + 4 + 4 * 32_768;

/// The shared strings of `xl/sharedStrings.bin` (`r`) with a run in a raised or lowered font of
/// `fonts`, by index. Linear; a part cut short gives the strings read so far.
pub(crate) fn shared_marks(r: &mut dyn Read, fonts: &XlsbFonts) -> SharedMarks {
    let mut out = SharedMarks::new();
    if !fonts.any {
        return out;
    }
    let (mut index, mut future, mut buf) = (0u32, false, Vec::new());
    while let Some((typ, size)) = super::xlsb_formats::header(r) {
        // a string's flags first: only a rich one is read whole
        let want = match typ {
            19 if !future && (1..=RICH_MAX).contains(&size) => 1,
            _ => 0,
        };
        let mut flags = [0u8];
        if want == 1 && r.read_exact(&mut flags).is_err() {
            break;
        }
        let rest = size - want;
        if want == 1 && flags[0] & 0x01 != 0 {
            buf.clear();
            if r.take(rest).read_to_end(&mut buf).ok() != Some(rest as usize) {
                break;
            }
            if let Some(m) = rich_str(&buf, fonts) {
                out.insert(index, m);
            }
        } else if super::xlsb_formats::body(r, rest, 0, &mut buf).is_none() {
            break;
        }
        match typ {
            35 => future = true,
            36 => future = false,
            19 if !future => index = index.saturating_add(1),
            _ => {}
        }
    }
    out
}

/// A `RichStr` past its flags byte (a rich one: its string, then its runs), as shown where a
/// digit is in a raised or lowered run.
pub(crate) fn rich_str(b: &[u8], fonts: &XlsbFonts) -> Option<Marked> {
    let (units, end) = super::xlsb_formats::wide_units(b)?;
    let count = super::xlsb_formats::u32_at(b, end)? as usize;
    let runs = super::xls_raised::runs_of(b.get(end + 4..)?, count, |i| fonts.script(i));
    super::xls_raised::marked(&units, &runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u8, body: &[u8]) -> Vec<u8> {
        assert!(typ < 0x80 && body.len() < 0x80);
        let mut out = vec![typ, body.len() as u8];
        out.extend_from_slice(body);
        out
    }

    /// A `BrtSSTItem` of `text` and, where given, its runs.
    fn item(text: &str, runs: Option<&[(u16, u16)]>) -> Vec<u8> {
        let mut b = vec![u8::from(runs.is_some())];
        b.extend((text.encode_utf16().count() as u32).to_le_bytes());
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        if let Some(runs) = runs {
            b.extend((runs.len() as u32).to_le_bytes());
            for (ich, ifnt) in runs {
                b.extend(ich.to_le_bytes());
                b.extend(ifnt.to_le_bytes());
            }
        }
        record(19, &b)
    }

    fn font(sss: u16) -> Vec<u8> {
        let mut b = vec![0u8; 12];
        b[6..8].copy_from_slice(&sss.to_le_bytes());
        b
    }

    #[test]
    fn a_run_in_a_raised_font_is_read_raised_by_its_strings_index() {
        let mut fonts = XlsbFonts::default();
        for sss in [0, 1, 2] {
            fonts.push(&font(sss));
        }
        let mut part = item("801人", None);
        part.extend(item("801人", Some(&[(0, 0), (2, 1), (3, 0)])));
        // a future-record block: not counted, as calamine skips it
        part.extend(record(35, &[]));
        part.extend(item("x", None));
        part.extend(record(36, &[]));
        part.extend(item("82次", Some(&[(0, 0), (1, 2), (2, 0)])));
        part.extend(item("80人注", Some(&[(0, 0), (3, 1)])));
        let marks = shared_marks(&mut part.as_slice(), &fonts);
        let mut got: Vec<(u32, &str)> =
            marks.iter().map(|(i, m)| (*i, m.shown_for_any())).collect();
        got.sort();
        assert_eq!(got, [(1, "80¹人"), (2, "8₂次")]);
        assert_eq!(marks[&1].shown_for("801人"), Some("80¹人"));
        // no raised font: the part is not read
        assert!(shared_marks(&mut part.as_slice(), &XlsbFonts::default()).is_empty());
        // a string cut short ends the walk, what was read stays
        let mut torn = item("801人", Some(&[(0, 0), (2, 1)]));
        torn.extend([19, 0x40, 1, 2]);
        assert_eq!(shared_marks(&mut torn.as_slice(), &fonts).len(), 1);
    }
}
