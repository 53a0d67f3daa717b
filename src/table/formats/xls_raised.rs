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
//! fonts are all on the line reads no string again.
//!
//! An RSTRING cell (0x00D6: a string of its own with its runs, as Excel 5 and 95 wrote rich
//! text; Excel 97 and later write LabelSst) is read as the walk passes it ([`rstring`]) and
//! kept by its place (`CellMark::Inline`). BIFF5's is a byte string in the workbook's code
//! page (GBK for 936, else Windows-1252, as `xls_formats` decodes one; a string calamine
//! decodes otherwise is left as calamine reads it), its runs a byte each of position and font;
//! **decision**: a run's position counts the string's bytes, as the byte string holds it (a
//! GBK character is two), so `培训80` + a raised `1` starts the run at byte 6, the `1`; a run
//! starting inside a double-byte character starts after it. BIFF8's is an `XLUnicodeString`
//! and runs of two 2-byte fields, positions in characters.

use super::xlsx_raised::{Marked, SharedMarks};

/// A workbook's font records' escapement, in order: raised (`Some(false)`), lowered
/// (`Some(true)`), read from the 2 bytes (`sss`: 1 superscript, 2 subscript) at `SSS_AT` of
/// each body: an `.xls`'s FONT records ([`XlsFonts`]), an `.xlsb`'s `BrtFont`s
/// (`xlsb_raised::XlsbFonts`). How a run names a font is each format's (`script`).
#[derive(Debug, Default)]
pub(crate) struct FontScripts<const SSS_AT: usize> {
    fonts: Vec<Option<bool>>,
    /// Whether any is raised or lowered.
    pub any: bool,
}

impl<const SSS_AT: usize> FontScripts<SSS_AT> {
    /// The bytes of a font record's body that say its escapement.
    pub(crate) const WANT: usize = SSS_AT + 2;

    /// Reads a font record's body (a body cut short is on the line).
    pub(crate) fn push(&mut self, body: &[u8]) {
        let script = match body
            .get(SSS_AT..Self::WANT)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
        {
            Some(1) => Some(false),
            Some(2) => Some(true),
            _ => None,
        };
        self.any |= script.is_some();
        self.fonts.push(script);
    }

    /// The count of fonts read.
    pub(crate) fn len(&self) -> usize {
        self.fonts.len()
    }

    /// The escapement of the `at`th font record read (0-based).
    pub(crate) fn nth(&self, at: usize) -> Option<bool> {
        self.fonts.get(at).copied().flatten()
    }
}

/// The FONT records' escapement (`sss` at byte 8).
pub(crate) type XlsFonts = FontScripts<8>;

impl XlsFonts {
    /// The escapement of font index `i` as a run names it: index 4 is never written, so the
    /// fifth FONT record is index 5 ([MS-XLS] 2.5.129).
    fn script(&self, i: u16) -> Option<bool> {
        let at = match i {
            0..=3 => usize::from(i),
            4 => return None,
            _ => usize::from(i) - 1,
        };
        self.nth(at)
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
        if let Some(m) = marked(&units, &raised) {
            marks.insert(index, m);
        }
        index = index.saturating_add(1);
    }
    (lengths, marks)
}

/// An RSTRING cell's body: its string (BIFF5's bytes in `byte_strings`, the workbook's code
/// page; BIFF8's `XLUnicodeString` where `None`) with its runs applied, where a digit is in a
/// raised or lowered run of `fonts`.
pub(crate) fn rstring(
    body: &[u8],
    byte_strings: Option<&'static encoding_rs::Encoding>,
    fonts: &XlsFonts,
) -> Option<Marked> {
    if !fonts.any {
        return None;
    }
    let cch = usize::from(u16::from_le_bytes([*body.get(6)?, *body.get(7)?]));
    let (units, runs) = match byte_strings {
        Some(enc) => {
            let bytes = body.get(8..8 + cch)?;
            let count = usize::from(*body.get(8 + cch)?);
            let runs = body.get(9 + cch..)?.chunks_exact(2).take(count);
            let units: Vec<u16> = enc
                .decode_without_bom_handling(bytes)
                .0
                .encode_utf16()
                .collect();
            // each run's byte position as the UTF-16 position of the character it starts
            let runs: Vec<(u16, Option<bool>)> = runs
                .map(|r| {
                    let at = usize::from(r[0]).min(bytes.len());
                    let before = enc.decode_without_bom_handling(&bytes[..at]).0;
                    let ich = u16::try_from(before.encode_utf16().count()).unwrap_or(u16::MAX);
                    (ich, fonts.script(u16::from(r[1])))
                })
                .collect();
            (units, runs)
        }
        None => {
            let wide = body.get(8)? & 0x01 != 0;
            let mut p = Parts {
                parts: vec![body],
                part: 0,
                at: 9,
            };
            let mut units = Vec::with_capacity(cch);
            p.chars(cch, wide, Some(&mut units)).then_some(())?;
            let count = usize::from(p.u16()?);
            let runs = runs_of(body.get(p.at..)?, count, |i| fonts.script(i));
            (units, runs)
        }
    };
    marked(&units, &runs)
}

/// The first `count` runs of `b`, each a character position and a font index of 2 bytes (BIFF8's
/// FormatRun, BIFF12's StrRun), with the font's escapement as `script` says it.
pub(crate) fn runs_of(
    b: &[u8],
    count: usize,
    script: impl Fn(u16) -> Option<bool>,
) -> Vec<(u16, Option<bool>)> {
    b.chunks_exact(4)
        .take(count)
        .map(|r| {
            let ich = u16::from_le_bytes([r[0], r[1]]);
            (ich, script(u16::from_le_bytes([r[2], r[3]])))
        })
        .collect()
}

/// A string's characters (`units`, UTF-16) with its runs applied: `Some` where a digit is in a
/// raised or lowered run (the characters not looked at where no run is).
pub(crate) fn marked(units: &[u16], runs: &[(u16, Option<bool>)]) -> Option<Marked> {
    if !runs.iter().any(|r| r.1.is_some()) {
        return None;
    }
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

    #[test]
    fn an_rstring_cell_is_read_raised_by_its_own_runs() {
        let mut fonts = XlsFonts::default();
        for sss in [0, 0, 0, 0, 1, 2] {
            fonts.push(&font(sss));
        }
        // BIFF5: `培训80` + raised `1` + `人` in GBK; the run's position counts bytes
        let (gbk, _, _) = encoding_rs::GBK.encode("培训801人");
        let mut b5 = vec![0u8; 6];
        b5.extend((gbk.len() as u16).to_le_bytes());
        b5.extend(gbk.iter());
        b5.extend([3, 0, 0, 6, 5, 7, 0]);
        let m = rstring(&b5, Some(encoding_rs::GBK), &fonts).expect("raised");
        assert_eq!(m.shown_for("培训801人"), Some("培训80¹人"));
        // BIFF8: an XLUnicodeString (compressed), runs of 4 bytes, positions in characters
        let mut b8 = vec![0u8; 6];
        b8.extend([3, 0, 0, b'8', b'2', b'x']);
        b8.extend([2, 0, 1, 0, 6, 0, 2, 0, 0, 0]);
        let m = rstring(&b8, None, &fonts).expect("lowered");
        assert_eq!(m.shown_for("82x"), Some("8₂x"));
        // runs on the line only, or a record cut short: nothing
        let mut plain = b8.clone();
        plain[16] = 0;
        assert_eq!(rstring(&plain, None, &fonts), None);
        assert_eq!(rstring(&b8[..10], None, &fonts), None);
        assert_eq!(rstring(&b8, None, &XlsFonts::default()), None);
    }
}
