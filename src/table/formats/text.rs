//! Bytes to text: detects UTF-8 (with or without BOM), UTF-16 (by BOM, or without one by where
//! its zero bytes are: `utf16_without_bom`) and GB18030/GBK, or decodes with the encoding the
//! user forced. Refuses empty and binary input with a typed error. It does not split lines or
//! cells.
//!
//! Line breaks: a text whose lines end in CR alone (classic Mac OS, and some exports that copy
//! it) has its CRs made LFs here (`cr_lines`), byte for byte, so every offset, line and column
//! stays as in the file; without it the whole file read as one line (one row, "no actuals").
//! A file with any LF keeps its CRs as they are (a CR inside a CRLF file is part of a cell).

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::table::ReadError;
use crate::table::source::InputFormat;

/// Which encoding to read a text file in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// BOM, else valid UTF-8, else GB18030 (a superset of GBK).
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    Utf8,
    /// GB18030 / GBK / GB2312.
    Gbk,
}

impl std::str::FromStr for EncodingChoice {
    type Err = UnknownEncoding;
    fn from_str(s: &str) -> Result<Self, UnknownEncoding> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(EncodingChoice::Auto),
            "utf-8" | "utf8" => Ok(EncodingChoice::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Ok(EncodingChoice::Gbk),
            other => Err(UnknownEncoding(other.to_owned())),
        }
    }
}

/// An `--encoding` value that is not one of `auto`, `utf-8`, `gbk`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知编码 `{0}`：可用 auto、utf-8、gbk")]
pub struct UnknownEncoding(pub String);

/// Decoded text and the name of the encoding it was in.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Whether the encoding was guessed from the bytes alone (UTF-16 without a BOM): said
    /// beside the table (`table.encoding-guessed`).
    pub guessed: bool,
}

/// Decodes `bytes` of the file `name`, without copying them when they are UTF-8 already.
pub(crate) fn decode_owned(
    name: &str,
    bytes: Vec<u8>,
    choice: EncodingChoice,
) -> Result<Decoded, ReadError> {
    let has_other_bom = Encoding::for_bom(&bytes).is_some_and(|(enc, _)| enc != UTF_8);
    if choice == EncodingChoice::Auto
        && !has_other_bom
        && let Some(decoded) = utf16_without_bom(name, &bytes)
    {
        return decoded;
    }
    if choice == EncodingChoice::Gbk || has_other_bom || bytes.iter().all(u8::is_ascii_whitespace) {
        return decode(name, &bytes, choice);
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            finish(name, text, "UTF-8")
        }
        Err(e) => decode(name, e.as_bytes(), choice),
    }
}

/// Decodes `bytes` of the file `name`.
pub(crate) fn decode(
    name: &str,
    bytes: &[u8],
    choice: EncodingChoice,
) -> Result<Decoded, ReadError> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { name: name.into() });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes)
        && enc != UTF_8
        && choice == EncodingChoice::Auto
    {
        // UTF-16 text, as Excel's "Unicode text" saves it
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ReadError::Decode {
                name: name.into(),
                encoding: enc.name(),
                offset: 0,
            });
        }
        return finish(name, text.into_owned(), enc.name());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if choice == EncodingChoice::Auto
        && let Some(decoded) = utf16_without_bom(name, body)
    {
        return decoded;
    }
    let utf8 = std::str::from_utf8(body);
    match (choice, utf8) {
        (EncodingChoice::Auto | EncodingChoice::Utf8, Ok(text)) => {
            finish(name, text.to_owned(), "UTF-8")
        }
        (EncodingChoice::Utf8, Err(e)) => Err(ReadError::Decode {
            name: name.into(),
            encoding: "UTF-8",
            offset: e.valid_up_to() + (bytes.len() - body.len()),
        }),
        (EncodingChoice::Auto | EncodingChoice::Gbk, _) => {
            if looks_binary(body) {
                return Err(ReadError::Binary { name: name.into() });
            }
            match GB18030.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => finish(name, text.into_owned(), "GB18030"),
                None => Err(ReadError::Decode {
                    name: name.into(),
                    encoding: "GB18030",
                    offset: first_gb_error(body),
                }),
            }
        }
    }
}

fn finish(name: &str, text: String, encoding: &'static str) -> Result<Decoded, ReadError> {
    if looks_binary(text.as_bytes()) {
        return Err(ReadError::Binary { name: name.into() });
    }
    Ok(Decoded {
        text: cr_lines(text),
        encoding,
        guessed: false,
    })
}

/// UTF-16 text without a byte-order mark (Excel's "Unicode text" or a script's export with the
/// mark cut off), told from its bytes: zero bytes in one place of each pair and (nearly) never
/// in the other — the high byte of ASCII's tabs, line breaks and digits, which every table has
/// many of (the second of a pair: little-endian; the first: big-endian) — no pair of two zeros
/// (U+0000), a line break and a tab or comma, every unit pair decoded (no lone surrogate) and
/// at most one character in twenty outside the ranges a Chinese table writes (ASCII, Latin,
/// general and CJK punctuation, CJK, full-width forms). Looked at only where the first 64 KB
/// hold a zero byte (no other text does). `None`: not such a text (a binary file stays
/// refused as binary).
fn utf16_without_bom(name: &str, bytes: &[u8]) -> Option<Result<Decoded, ReadError>> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        match pair {
            [0, 0] => return None,
            [0, _] => first += 1,
            [_, 0] => second += 1,
            _ => {}
        }
    }
    let units = sample.len() / 2;
    let (enc, zeros, other) = if second >= first {
        (encoding_rs::UTF_16LE, second, first)
    } else {
        (encoding_rs::UTF_16BE, first, second)
    };
    // ASCII makes up at least an eighth of a table's units; a CJK character whose low byte
    // is zero (一 is U+4E00) puts a zero in the other place, rarely
    if zeros * 8 < units || other * 20 > zeros {
        return None;
    }
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes[..bytes.len() & !1]);
    if had_errors || bytes.len() % 2 == 1 {
        return None;
    }
    let head: Vec<char> = text.chars().take(16 * 1024).collect();
    let odd = head.iter().filter(|&&c| !table_char(c)).count();
    if odd * 20 > head.len()
        || !head.contains(&'\n')
        || !head.iter().any(|c| matches!(c, '\t' | ','))
    {
        return None;
    }
    Some(finish(name, text.into_owned(), enc.name()).map(|mut d| {
        d.guessed = true;
        d
    }))
}

/// Whether `c` is a character a Chinese table writes: ASCII text and white space, Latin,
/// general punctuation and symbols (≥, ≤, ±, №), CJK punctuation, ideographs and full-width
/// forms.
fn table_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{a0}'..='\u{24f}'
        | '\u{2000}'..='\u{22ff}'
        | '\u{2460}'..='\u{24ff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}')
}

/// Whether `bytes` end their lines in CR alone: a CR and no LF.
pub(crate) fn is_cr_only(bytes: &[u8]) -> bool {
    memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some()
}

/// `text` with its line breaks as LF where it ends its lines in CR alone ([`is_cr_only`]);
/// otherwise as it is (one search, which stops at the first LF of an ordinary file).
pub(crate) fn cr_lines(text: String) -> String {
    if is_cr_only(text.as_bytes()) {
        text.replace('\r', "\n")
    } else {
        text
    }
}

/// NUL bytes, or many control characters, mean this is not a text table.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 20 > sample.len().max(1)
}

/// Byte offset of the first sequence GB18030 cannot decode.
fn first_gb_error(bytes: &[u8]) -> usize {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

/// The text format (`.csv`, `.tsv`, `.txt`): bytes no other format claims. A workbook or Word
/// name on them is an error, not a guess; `.txt` and other names are tab-separated if the text
/// has a tab, else comma-separated ([`sniff_delimiter`]).
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[
        super::Ending::listed("csv", Some(InputFormat::Csv), 5),
        super::Ending::listed("tsv", Some(InputFormat::Tsv), 0),
        super::Ending::listed("txt", None, 0),
        super::Ending::unlisted("tab", Some(InputFormat::Tsv)),
    ],
    what: "文本表格（逗号或制表符分隔）",
    claims: |peek| peek.sniffed == super::Sniffed::Other,
    read: |input| {
        if matches!(
            input.asked,
            Some(InputFormat::Xlsx | InputFormat::Docx | InputFormat::Doc)
        ) {
            return Err(ReadError::NotWorkbook {
                name: input.name.into(),
            });
        }
        let decoded = decode_owned(input.name, input.bytes, input.opts.encoding)?;
        let format = delimiter_of(input.asked.filter(|f| f.is_text()), &decoded.text);
        let guessed = decoded.guessed;
        let mut grid =
            crate::table::grid::from_text(input.name, decoded.text, format, decoded.encoding)?;
        if guessed {
            grid.notes.push((
                crate::table::source::Location {
                    offset: 0,
                    len: 0,
                    line: 1,
                    column: 1,
                    cell: None,
                },
                super::number_format::CellNote::EncodingGuessed(decoded.encoding),
            ));
        }
        Ok(super::Read::Grid(grid))
    },
};

/// The delimiter a text table is read with: the one `asked` (by `--format` or the name), but
/// a `.csv` whose first line with a tab or a comma has tabs and no comma is tab-separated and
/// read with tabs (Excel's "Unicode text" and many exports are saved under a `.csv` name; read
/// with commas they were one column and "no header"). `inspect` names what was used
/// (制表符分隔). Without a format asked, [`sniff_delimiter`].
pub(crate) fn delimiter_of(asked: Option<InputFormat>, text: &str) -> InputFormat {
    match asked {
        Some(InputFormat::Csv) if tabs_not_commas(text) => InputFormat::Tsv,
        Some(f) => f,
        None => sniff_delimiter(text),
    }
}

/// Whether the first line of `text`'s head with a tab or a comma has tabs and no comma.
fn tabs_not_commas(text: &str) -> bool {
    let head = &text[..crate::table::source::floor_char_boundary(text, 64 * 1024)];
    head.lines()
        .find(|l| l.contains(['\t', ',']))
        .is_some_and(|l| !l.contains(','))
}

/// `.txt` and unknown names: tabs if the text has any, else commas if it has any.
pub(crate) fn sniff_delimiter(text: &str) -> InputFormat {
    let head = &text[..crate::table::source::floor_char_boundary(text, 64 * 1024)];
    if head.contains('\t') || !head.contains(',') {
        InputFormat::Tsv
    } else {
        InputFormat::Csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_bom_and_gbk() {
        let d = decode("a", "\u{feff}合计".as_bytes(), EncodingChoice::Auto)
            .ok()
            .unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("合计", "UTF-8"));
        let (gbk, _, _) = encoding_rs::GBK.encode("合计\t12");
        let d = decode("a", &gbk, EncodingChoice::Auto).ok().unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("合计\t12", "GB18030"));
    }

    #[test]
    fn utf16_without_a_bom_is_told_from_its_bytes_and_binary_stays_refused() {
        let table = "项目\t三级指标\t年度指标值\t实际完成值\nP\t人数\t≥100人\t120人\n";
        let le: Vec<u8> = table.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = table.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            for d in [
                decode("a", &bytes, EncodingChoice::Auto),
                decode_owned("a", bytes.clone(), EncodingChoice::Auto),
            ] {
                let d = d.ok().unwrap();
                assert_eq!(
                    (d.text.as_str(), d.encoding, d.guessed),
                    (table, encoding, true)
                );
            }
            // an encoding the user forced is not second-guessed
            assert!(decode("a", &bytes, EncodingChoice::Utf8).is_err());
        }
        // ASCII alone (valid UTF-8, NULs and all)
        let ascii: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_owned("a", ascii, EncodingChoice::Auto)
                .ok()
                .unwrap()
                .text,
            "a,b\n1,2\n"
        );
        // zeros in one place of each pair, the rest random: binary still
        let mut x: u32 = 7;
        let random: Vec<u8> = (0..4000)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                if i % 2 == 1 { 0 } else { (x >> 16) as u8 }
            })
            .collect();
        assert!(matches!(
            decode_owned("a", random, EncodingChoice::Auto),
            Err(ReadError::Binary { .. })
        ));
        // an odd length or a U+0000 is no UTF-16 text
        let mut odd: Vec<u8> = table.encode_utf16().flat_map(u16::to_le_bytes).collect();
        odd.push(b'x');
        assert!(decode_owned("a", odd, EncodingChoice::Auto).is_err());
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(matches!(
            decode("a", b"", EncodingChoice::Auto),
            Err(ReadError::Empty { .. })
        ));
        assert!(matches!(
            decode(
                "a",
                b"\x00\x01\x02garbage\xff\xfe\x00",
                EncodingChoice::Auto
            ),
            Err(ReadError::Binary { .. })
        ));
    }

    #[test]
    fn cr_only_lines_become_lf_and_crlf_files_stay() {
        let d = decode("a", b"a\tb\rc\td\r", EncodingChoice::Auto)
            .ok()
            .unwrap();
        assert_eq!(d.text, "a\tb\nc\td\n");
        let d = decode("a", b"a\tb\r\nc\r\n", EncodingChoice::Auto)
            .ok()
            .unwrap();
        assert_eq!(d.text, "a\tb\r\nc\r\n");
        let d = decode_owned("a", b"x\ry".to_vec(), EncodingChoice::Auto)
            .ok()
            .unwrap();
        assert_eq!(d.text, "x\ny");
    }

    #[test]
    fn forced_utf8_reports_offset() {
        let (gbk, _, _) = encoding_rs::GBK.encode("ab合计");
        match decode("a", &gbk, EncodingChoice::Utf8) {
            Err(ReadError::Decode { offset, .. }) => assert_eq!(offset, 2),
            _ => panic!("expected a decode error"),
        }
    }
}
