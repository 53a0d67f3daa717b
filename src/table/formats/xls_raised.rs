//! Text an `.xls` (BIFF8) sets raised or lowered (issue 27): a shared string of the SST with
//! formatting runs ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString: `cRun` runs of a character
//! position and a font index, 2.5.129 FormatRun) whose font's escapement is superscript or
//! subscript (2.4.122 FONT, `sss`: 1 raised, 2 lowered). calamine gives the string's characters
//! only, so `80` + a raised `1` + `人` read `801人`. The digits of such runs are written raised
//! (lowered) as the other readers write them (`super::raised_digits`: `80¹人`).
//!
//! Gathered as `workbook::guard_xls` walks the records (no second walk): the FONT records'
//! escapement ([`XlsFonts`]); where one is raised or lowered, the walk of the SST that measures
//! its strings keeps those with a run in such a font ([`read_sst`], linear, crossing CONTINUE
//! records as [MS-XLS] 2.4.58 says); each LabelSst cell naming one is kept by its place
//! (`xlsx_raised::CellMark::Shared`, the join by place and index). A cell takes the raised text
//! only where calamine's text for it is the string's characters read here. A workbook whose
//! fonts are all on the line reads no string again. Not read: BIFF5's RSTRING cells (a string
//! of its own with runs; Excel 97 and later write LabelSst).

use super::xlsx_raised::{Marked, SharedMarks};

/// The FONT records' escapement, in order: raised (`Some(false)`), lowered (`Some(true)`).
#[derive(Debug, Default)]
pub(crate) struct XlsFonts {
    fonts: Vec<Option<bool>>,
    /// Whether any is raised or lowered.
    pub any: bool,
}

impl XlsFonts {
    /// Reads a FONT record's body (`sss` at byte 8; a body cut short is on the line).
    pub(crate) fn push(&mut self, body: &[u8]) {
        let script = match body.get(8..10).map(|b| u16::from_le_bytes([b[0], b[1]])) {
            Some(1) => Some(false),
            Some(2) => Some(true),
            _ => None,
        };
        self.any |= script.is_some();
        self.fonts.push(script);
    }

    /// The escapement of font index `i` as a run names it: index 4 is never written, so the
    /// fifth FONT record is index 5 ([MS-XLS] 2.5.129).
    fn script(&self, i: u16) -> Option<bool> {
        let at = match i {
            0..=3 => usize::from(i),
            4 => return None,
            _ => usize::from(i) - 1,
        };
        self.fonts.get(at).copied().flatten()
    }
}

/// The SST's body and its CONTINUE records' bodies, read byte by byte across them.
struct Parts<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    at: usize,
}

impl Parts<'_> {
    /// The next byte, crossing into the next part as needed.
    fn byte(&mut self) -> Option<u8> {
        while self.parts.get(self.part)?.len() <= self.at {
            self.part += 1;
            self.at = 0;
        }
        let b = self.parts[self.part][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    /// `n` bytes on (false past the end).
    fn skip(&mut self, mut n: usize) -> bool {
        loop {
            let Some(p) = self.parts.get(self.part) else {
                return n == 0;
            };
            let left = p.len().saturating_sub(self.at);
            if n <= left {
                self.at += n;
                return true;
            }
            n -= left;
            self.part += 1;
            self.at = 0;
        }
    }

    /// `n` characters, `wide` (2 bytes each) or not (1), a part crossed into starting with the
    /// width of the rest; kept in `out` where given, else passed over.
    fn chars(&mut self, mut n: usize, mut wide: bool, mut out: Option<&mut Vec<u16>>) -> bool {
        while n > 0 {
            let Some(p) = self.parts.get(self.part) else {
                return false;
            };
            let width = if wide { 2 } else { 1 };
            let here = (p.len().saturating_sub(self.at) / width).min(n);
            if let Some(out) = out.as_deref_mut() {
                let bytes = &p[self.at..self.at + here * width];
                if wide {
                    out.extend(
                        bytes
                            .chunks_exact(2)
                            .map(|b| u16::from_le_bytes([b[0], b[1]])),
                    );
                } else {
                    out.extend(bytes.iter().map(|&b| u16::from(b)));
                }
            }
            self.at += here * width;
            n -= here;
            if n > 0 {
                self.part += 1;
                let Some(&flag) = self.parts.get(self.part).and_then(|p| p.first()) else {
                    return false;
                };
                wide = flag & 0x01 != 0;
                self.at = 1;
            }
        }
        true
    }
}

impl<'a> Parts<'a> {
    /// The SST's body and each CONTINUE's, in order (`records` starts at the SST record), read
    /// from the SST's first string (past its two counts).
    fn of_sst(records: &'a [u8]) -> Self {
        let mut parts = Vec::new();
        let mut pos = 0usize;
        while pos + 4 <= records.len() {
            let typ = u16::from_le_bytes([records[pos], records[pos + 1]]);
            let len = usize::from(u16::from_le_bytes([records[pos + 2], records[pos + 3]]));
            if !parts.is_empty() && typ != 0x003C {
                break;
            }
            parts.push(&records[pos + 4..(pos + 4 + len).min(records.len())]);
            pos += 4 + len;
        }
        Parts {
            parts,
            part: 0,
            at: 8,
        }
    }
}

/// An `.xls`'s shared-string table in one walk (`records` starts at the SST record, its
/// CONTINUE records follow; a string's characters may run on into the next CONTINUE record,
/// which then starts with the width of the rest, 1 or 2 bytes a character: [MS-XLS] 2.4.265,
/// 2.5.293): the byte length of each string (at most 3 bytes a character, as UTF-8), and the
/// strings with a run in a raised or lowered font of `fonts`, by index (none read where no
/// font is). Linear; a table cut short gives the strings read so far (a length for a string
/// whose characters are cut short, no mark).
pub(crate) fn read_sst(records: &[u8], fonts: &XlsFonts) -> (Vec<u64>, SharedMarks) {
    let (mut lengths, mut marks) = (Vec::new(), SharedMarks::new());
    let mut p = Parts::of_sst(records);
    let mut index: u32 = 0;
    let mut units: Vec<u16> = Vec::new();
    // each run: from its character on, in its font
    let mut raised: Vec<(u16, Option<bool>)> = Vec::new();
    while let (Some(chars), Some(flags)) = (p.u16(), p.byte()) {
        let runs = if flags & 0x08 != 0 { p.u16() } else { Some(0) };
        let ext = if flags & 0x04 != 0 { p.u32() } else { Some(0) };
        let (Some(runs), Some(ext)) = (runs, ext) else {
            break;
        };
        lengths.push(u64::from(chars) * 3);
        units.clear();
        raised.clear();
        let rich = fonts.any && runs > 0;
        if !p.chars(
            usize::from(chars),
            flags & 0x01 != 0,
            rich.then_some(&mut units),
        ) {
            break;
        }
        if rich {
            for _ in 0..runs {
                let (Some(ich), Some(font)) = (p.u16(), p.u16()) else {
                    return (lengths, marks);
                };
                raised.push((ich, fonts.script(font)));
            }
        } else if !p.skip(4 * usize::from(runs)) {
            break;
        }
        if !p.skip(ext as usize) {
            break;
        }
        if raised.iter().any(|r| r.1.is_some())
            && let Some(m) = marked(&units, &raised)
        {
            marks.insert(index, m);
        }
        index = index.saturating_add(1);
    }
    (lengths, marks)
}

/// A string's characters (`units`, UTF-16) with its runs applied: `Some` where a digit is in a
/// raised or lowered run.
fn marked(units: &[u16], runs: &[(u16, Option<bool>)]) -> Option<Marked> {
    let mut shown = Vec::with_capacity(units.len());
    let mut any = false;
    let mut run = 0usize;
    let mut script = None;
    for (i, &u) in units.iter().enumerate() {
        while let Some(&(ich, s)) = runs.get(run)
            && usize::from(ich) <= i
        {
            script = s;
            run += 1;
        }
        match (script, char::from_u32(u32::from(u))) {
            (Some(sub), Some(c)) if c.is_ascii_digit() => {
                any = true;
                shown.push(super::raised_digit(c, sub) as u16);
            }
            _ => shown.push(u),
        }
    }
    any.then(|| {
        Marked::new(
            String::from_utf16_lossy(units),
            String::from_utf16_lossy(&shown),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FONT record's body of escapement `sss`.
    fn font(sss: u16) -> Vec<u8> {
        let mut b = vec![0u8; 16];
        b[8..10].copy_from_slice(&sss.to_le_bytes());
        b
    }

    /// A record of type `typ` holding `body`.
    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    }

    #[test]
    fn a_run_in_a_raised_font_is_read_raised_across_a_continue_record() {
        let mut fonts = XlsFonts::default();
        for sss in [0, 0, 0, 0, 0, 1, 2] {
            fonts.push(&font(sss));
        }
        // index 6 is the sixth record (raised), 7 the seventh (lowered); 4 is never written
        assert_eq!(
            [
                fonts.script(5),
                fonts.script(6),
                fonts.script(7),
                fonts.script(4)
            ],
            [None, Some(false), Some(true), None]
        );
        let mut sst = vec![0u8; 8];
        // "801人": wide, two runs (raised from 2, plain from 3)
        sst.extend([4, 0, 0x09, 2, 0]);
        for u in "801人".encode_utf16() {
            sst.extend(u.to_le_bytes());
        }
        sst.extend([2, 0, 6, 0, 3, 0, 0, 0]);
        // "8" then a CONTINUE: "2次" with run 1 lowered (font 7: the seventh record)
        sst.extend([3, 0, 0x08, 1, 0, b'8']);
        let mut cont = vec![0x01];
        for u in "2次".encode_utf16() {
            cont.extend(u.to_le_bytes());
        }
        cont.extend([1, 0, 7, 0]);
        // a plain string after
        cont.extend([3, 0, 0, b'8', b'0', b'1']);
        let mut records = record(0x00FC, &sst);
        records.extend(record(0x003C, &cont));
        let (lengths, marks) = read_sst(&records, &fonts);
        assert_eq!(lengths, [4 * 3, 3 * 3, 3 * 3]);
        let shown: Vec<(u32, &str)> = {
            let mut v: Vec<_> = marks.iter().map(|(i, m)| (*i, m.shown_for_any())).collect();
            v.sort();
            v
        };
        assert_eq!(shown, [(0, "80¹人"), (1, "8₂次")]);
        assert_eq!(marks[&0].shown_for("801人"), Some("80¹人"));
        // no raised font: the lengths alone
        let (plain, marks) = read_sst(&records, &XlsFonts::default());
        assert_eq!((plain, marks.is_empty()), (lengths, true));
    }
}
