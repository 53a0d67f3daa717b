//! Formats: the bytes of one input into sheets of positioned cells, whatever the format — a
//! workbook (`.xlsx` `.xls` `.ods`), a Word document (`.docx`, Word 97–2003 `.doc`), a saved
//! web page (`.html` `.htm`, `.mhtml`), or text (`.csv` `.tsv` `.txt`, through [`text`]).
//!
//! Every reader here gives the same thing, `SheetCells`: each sheet's (or table's) filled
//! cells at 0-based row and column, their text as shown, and its merged ranges. None of them
//! knows a layout (target table, self-evaluation sheet, form): the layout readers in
//! `crate::table` take the grid `grid` builds from these sheets and never ask which format it
//! came from. What a file is, is told by its bytes (`sniff`) before its name: a `.doc` that
//! is an OLE container holding `WordDocument` is read as Word, a `.xls` that is a web page (as
//! many systems export) as a web page, a PDF or a picture is refused with the way forward.
//!
//! [`SUPPORTED`] is the one list of readable formats: the CLI help, every error's help text,
//! the web page's file picker and the docs are made from it.

pub(crate) mod doc;
pub(crate) mod docx;
pub(crate) mod html;
pub(crate) mod mhtml;
pub mod text;
pub(crate) mod workbook;
pub(crate) mod xlsx_parts;

use std::sync::LazyLock;

/// One sheet's filled cells, and its merged ranges (0-based, inclusive ends).
#[derive(Default)]
pub(crate) struct SheetCells {
    pub name: String,
    pub cells: Vec<((u32, u32), String)>,
    pub merges: Vec<((u32, u32), (u32, u32))>,
    /// Cells whose text is the value the cell holds where the sheet shows it rounded (a
    /// workbook's percentage cell): the text shown, by cell. Empty for most sheets.
    pub rounded: Vec<((u32, u32), String)>,
}

/// One readable format: its file endings and what it is, in Chinese.
#[derive(Debug, Clone, Copy)]
pub struct SupportedFormat {
    /// File endings, without the dot.
    pub endings: &'static [&'static str],
    /// What it is (`Excel 工作簿`).
    pub what: &'static str,
}

/// The formats jixiao reads tables from, in the order they are listed everywhere.
pub const SUPPORTED: &[SupportedFormat] = &[
    SupportedFormat {
        endings: &["xlsx", "xlsm", "xls", "ods"],
        what: "Excel 或 WPS 工作簿",
    },
    SupportedFormat {
        endings: &["docx", "doc"],
        what: "Word 文档",
    },
    SupportedFormat {
        endings: &["html", "htm", "mhtml", "mht"],
        what: "网页（浏览器“另存为”的网页或单个文件网页）",
    },
    SupportedFormat {
        endings: &["csv", "tsv", "txt"],
        what: "文本表格（逗号或制表符分隔）",
    },
];

/// The supported endings as shown in messages: `.xlsx .xlsm .xls … .txt`.
pub fn endings_shown() -> &'static str {
    static SHOWN: LazyLock<String> = LazyLock::new(|| {
        SUPPORTED
            .iter()
            .flat_map(|f| f.endings.iter())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    &SHOWN
}

/// The supported endings as an HTML file picker's `accept` attribute: `.xlsx,.xlsm,…`.
pub fn accept_attribute() -> &'static str {
    static ACCEPT: LazyLock<String> = LazyLock::new(|| {
        SUPPORTED
            .iter()
            .flat_map(|f| f.endings.iter())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(",")
    });
    &ACCEPT
}

/// The supported formats as one line of help: each kind with its endings.
pub fn formats_help() -> &'static str {
    static HELP: LazyLock<String> = LazyLock::new(|| {
        SUPPORTED
            .iter()
            .map(|f| {
                let endings: Vec<String> = f.endings.iter().map(|e| format!(".{e}")).collect();
                format!("{} {}", f.what, endings.join(" "))
            })
            .collect::<Vec<_>>()
            .join("；")
    });
    &HELP
}

/// The command line's help for a table argument: what it may be, with the endings.
pub fn input_help() -> &'static str {
    static HELP: LazyLock<String> = LazyLock::new(|| {
        format!(
            "目标表、自评表或逐项目表单的文件（{}），或存放它的文件夹",
            endings_shown()
        )
    });
    &HELP
}

/// Whether `ending` (without the dot, any case) is a supported table format.
pub fn is_supported_ending(ending: &str) -> bool {
    let e = ending.to_ascii_lowercase();
    SUPPORTED.iter().any(|f| f.endings.contains(&e.as_str()))
}

/// What a file is by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip: an `.xlsx`, `.ods` or `.docx`.
    Zip,
    /// An OLE compound file: `.xls`, `.doc` (or another Office 97–2003 file).
    Ole,
    /// A web page (HTML text).
    Html,
    /// A web page saved as one MIME file (`.mhtml`, `.mht`).
    Mhtml,
    /// A PDF.
    Pdf,
    /// A picture, with its kind (`PNG`).
    Picture(&'static str),
    /// An RTF document (often named `.doc`).
    Rtf,
    /// None of these: text or unknown bytes.
    Other,
}

/// What `bytes` are, by magic bytes (and, for web pages, by how the text starts).
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    const PICTURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"BM", "BMP"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
    ];
    if bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Sniffed::Ole;
    }
    if bytes.starts_with(b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Sniffed::Picture("WebP");
    }
    for (magic, kind) in PICTURES {
        // `BM` alone is too short a mark: a BMP's reserved bytes are zero and its header size
        // is one of the known ones
        if *kind == "BMP" && !is_bmp(bytes) {
            continue;
        }
        if bytes.starts_with(magic) {
            return Sniffed::Picture(kind);
        }
    }
    if mhtml::looks_like(bytes) {
        return Sniffed::Mhtml;
    }
    if html::looks_like(bytes) {
        return Sniffed::Html;
    }
    Sniffed::Other
}

fn is_bmp(bytes: &[u8]) -> bool {
    bytes.len() >= 18
        && bytes.starts_with(b"BM")
        && bytes[6..10] == [0, 0, 0, 0]
        && matches!(
            u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]),
            12 | 16 | 40 | 52 | 56 | 64 | 108 | 124
        )
}

/// What an OLE compound file holds, by its streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OleKind {
    /// A Word 97–2003 document (`WordDocument`).
    Word,
    /// An Excel 97–2003 workbook (`Workbook` or `Book`).
    Workbook,
    /// An encrypted Office 2007+ file (`EncryptedPackage`).
    Encrypted,
    /// Something else (a PowerPoint, an Outlook message).
    Other,
    /// A container the compound-file reader cannot open.
    Unreadable,
}

/// The kind of an OLE container.
pub(crate) fn ole_kind(bytes: &[u8]) -> OleKind {
    let Ok(cfb) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return OleKind::Unreadable;
    };
    let has = |n: &str| cfb.is_stream(n);
    if has("/WordDocument") {
        OleKind::Word
    } else if has("/Workbook") || has("/Book") {
        OleKind::Workbook
    } else if has("/EncryptedPackage") {
        OleKind::Encrypted
    } else {
        OleKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_list_gives_every_shown_form() {
        let shown = endings_shown();
        for e in [
            ".xlsx", ".xls", ".docx", ".doc", ".html", ".mhtml", ".csv", ".tsv",
        ] {
            assert!(shown.split(' ').any(|s| s == e), "{e} in {shown}");
            assert!(accept_attribute().split(',').any(|s| s == e));
        }
        assert!(formats_help().contains(".doc"));
        assert!(is_supported_ending("HTM"));
        assert!(!is_supported_ending("pdf"));
    }

    #[test]
    fn magic_bytes_tell_pictures_and_pdf() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Sniffed::Picture("PNG"));
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Sniffed::Picture("JPEG")
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Sniffed::Picture("GIF"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Picture("WebP"));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Sniffed::Picture("TIFF"));
        let mut bmp = b"BM".to_vec();
        bmp.extend([0u8; 12]);
        assert_eq!(bmp.len(), 14);
        bmp.extend([40u8, 0, 0, 0]);
        assert_eq!(sniff(&bmp), Sniffed::Picture("BMP"));
        // a text table starting with the letters BM is text
        assert_eq!(sniff("BM项目\t总计\n".as_bytes()), Sniffed::Other);
        assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Zip);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Sniffed::Rtf);
        assert_eq!(sniff("<!DOCTYPE html><table>".as_bytes()), Sniffed::Html);
    }
}
