//! A zip's local file headers held against its central directory (issue 27): where the two
//! disagree in a way that changes what is read, the file is refused by name.
//!
//! **Decisions**: jixiao (the `zip` crate, and calamine through it) follows the central
//! directory, as the format says a reader should: each part's name, method, sizes and checksum
//! are the directory's, and a local header is read only for the length of its name and extra
//! field, to find where the part's data starts. A program that reads a zip front to back (a
//! streaming reader, a mail or upload scanner, some repair tools) follows the local headers
//! instead, and would read another file from the same bytes: a sheet under another name, the
//! data compressed otherwise, or one part's data given again under a second name. So a careful
//! reader refuses what only one of the two ways of reading would read:
//! - a local header whose **name** is not its directory entry's (byte for byte),
//! - whose **compression method** is not its entry's,
//! - whose **checksum or sizes** are not its entry's, where the local header gives them (not
//!   where bit 3 of its flags says they follow the data, nor a ZIP64 header's `0xFFFFFFFF`),
//! - two entries whose bytes (local header and data) **overlap**: an offset pointing into
//!   another entry's data (one part read under two names, or the overlapping entries of a
//!   zip bomb).
//!
//! An entry with no local header at its offset is left to the zip reader's own error.
//!
//! Times, the "version needed", extra fields and the other flags may differ (writers do) and
//! change nothing read. Linear in the entries (sorted once for the overlap).

use crate::table::ReadError;

/// A local file header's signature (`PK\3\4`).
const LOCAL: u32 = 0x0403_4b50;
/// A central directory entry's signature (`PK\1\2`).
const CENTRAL: u32 = 0x0201_4b50;
/// A local header's fixed part, before its name (bytes).
const LOCAL_FIXED: usize = 30;

/// What a header says of one entry: its flags, method, checksum, sizes and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Said<'a> {
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    name: &'a [u8],
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The local header at `at`, and where its data starts; `None` where no local header is there.
fn local(bytes: &[u8], at: usize) -> Option<(Said<'_>, usize)> {
    if u32_at(bytes, at)? != LOCAL {
        return None;
    }
    let name_len = usize::from(u16_at(bytes, at + 26)?);
    let extra_len = usize::from(u16_at(bytes, at + 28)?);
    let name_at = at + LOCAL_FIXED;
    let said = Said {
        flags: u16_at(bytes, at + 6)?,
        method: u16_at(bytes, at + 8)?,
        crc: u32_at(bytes, at + 14)?,
        compressed: u32_at(bytes, at + 18)?,
        size: u32_at(bytes, at + 22)?,
        name: bytes.get(name_at..name_at + name_len)?,
    };
    Some((said, name_at + name_len + extra_len))
}

/// The central directory entry at `at`.
fn central(bytes: &[u8], at: usize) -> Option<Said<'_>> {
    if u32_at(bytes, at)? != CENTRAL {
        return None;
    }
    let name_len = usize::from(u16_at(bytes, at + 28)?);
    Some(Said {
        flags: u16_at(bytes, at + 8)?,
        method: u16_at(bytes, at + 10)?,
        crc: u32_at(bytes, at + 16)?,
        compressed: u32_at(bytes, at + 20)?,
        size: u32_at(bytes, at + 24)?,
        name: bytes.get(at + 46..at + 46 + name_len)?,
    })
}

/// How a local header disagrees with its directory entry (Chinese, for the message).
fn disagreement(local: &Said, entry: &Said) -> Option<&'static str> {
    if local.name != entry.name {
        return Some("本地文件头中的文件名与中央目录中的不同");
    }
    if local.method != entry.method {
        return Some("本地文件头中的压缩方法与中央目录中的不同");
    }
    // bit 3: the checksum and sizes follow the data; `0xFFFFFFFF`: ZIP64 gives them elsewhere
    let given = local.flags & 0x08 == 0 && entry.flags & 0x08 == 0;
    let differs = |l: u32, c: u32| l != c && l != u32::MAX && c != u32::MAX;
    if given
        && (local.crc != entry.crc
            || differs(local.compressed, entry.compressed)
            || differs(local.size, entry.size))
    {
        return Some("本地文件头中的校验和或大小与中央目录中的不同");
    }
    None
}

/// `Err` naming the part where `zip`'s local headers disagree with its central directory in
/// a way that changes what is read (see the module docs); `docx` chooses the error's kind.
pub(crate) fn refuse_disagreeing<R: std::io::Read + std::io::Seek>(
    name: &str,
    bytes: &[u8],
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), ReadError> {
    let docx = zip.index_for_name("word/document.xml").is_some()
        && zip.index_for_name("xl/workbook.xml").is_none();
    let refuse = |part: &[u8], why: String| {
        let part = String::from_utf8_lossy(part);
        let why = format!(
            "压缩包中的部件 {part}：{why}；按中央目录读和按本地文件头读会读出不同的内容，不予读取（请用 Excel、WPS 或 Word 打开后另存一份再读取）"
        );
        Err(match docx {
            true => ReadError::Document {
                name: name.into(),
                why,
            },
            false => ReadError::Workbook {
                name: name.into(),
                source: calamine::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    why,
                )),
            },
        })
    };
    // each entry's bytes, from its local header to its data's end, and its name
    let mut spans: Vec<(u64, u64, usize)> = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else {
            continue;
        };
        let (start, at_central, compressed) = (
            file.header_start(),
            file.central_header_start(),
            file.compressed_size(),
        );
        drop(file);
        let (Ok(start_at), Ok(central_at)) = (usize::try_from(start), usize::try_from(at_central))
        else {
            continue;
        };
        let Some(entry) = central(bytes, central_at) else {
            continue;
        };
        // no local header there (or the archive starts past the file's start): the zip
        // reader's own error stands when the part is read
        let Some((said, data)) = local(bytes, start_at) else {
            continue;
        };
        if let Some(why) = disagreement(&said, &entry) {
            return refuse(entry.name, why.into());
        }
        spans.push((start, (data as u64).saturating_add(compressed), central_at));
    }
    spans.sort_unstable();
    for pair in spans.windows(2) {
        let ((_, end, first), (start, _, second)) = (pair[0], pair[1]);
        if start < end {
            let other = central(bytes, first).map(|e| String::from_utf8_lossy(e.name).into_owned());
            let part = central(bytes, second).map_or(&[][..], |e| e.name);
            return refuse(
                part,
                format!(
                    "它的数据与部件 {} 的数据重叠（中央目录的偏移指向另一个部件的数据）",
                    other.unwrap_or_default()
                ),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of<N: AsRef<[u8]>, T: AsRef<[u8]>>(parts: &[(N, T)]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in parts {
            let name = std::str::from_utf8(name.as_ref()).unwrap();
            z.start_file(name, o).unwrap();
            z.write_all(text.as_ref()).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }

    fn check(bytes: &[u8]) -> Result<(), String> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        refuse_disagreeing("t.xlsx", bytes, &mut zip).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn a_zip_whose_headers_agree_is_read() {
        let bytes = zip_of(&[("a.xml", "<a>1</a>"), ("b.xml", "<b>2</b>")]);
        assert_eq!(check(&bytes), Ok(()));
        // a Word document too, and the zip the crate writes with data descriptors
        let bytes = zip_of(&[("word/document.xml", "<w:document/>")]);
        assert_eq!(check(&bytes), Ok(()));
    }

    #[test]
    fn a_local_name_method_or_size_unlike_the_directorys_is_refused_by_name() {
        let bytes = zip_of(&[("a.xml", "<a>1</a>"), ("b.xml", "<b>2</b>")]);
        // the first local header's name: `a.xml` → `c.xml`
        let mut renamed = bytes.clone();
        renamed[LOCAL_FIXED] = b'c';
        let e = check(&renamed).unwrap_err();
        assert!(e.contains("a.xml") && e.contains("文件名"), "{e}");
        // its method: stored → deflated
        let mut method = bytes.clone();
        method[8] = 8;
        assert!(check(&method).unwrap_err().contains("压缩方法"));
        // its size
        let mut size = bytes.clone();
        size[22] ^= 1;
        assert!(check(&size).unwrap_err().contains("大小"));
    }

    #[test]
    fn an_entry_pointing_into_another_entrys_data_is_refused() {
        // `b.xml`'s local header and data, stored whole inside `a.xml`'s data; `b.xml`'s
        // directory entry then pointed at that copy: every header agrees, the bytes overlap
        let inner = zip_of(&[(b"b.xml".as_slice(), b"<b>2</b>".as_slice())]);
        let copy = &inner[..LOCAL_FIXED + 5 + 8];
        let bytes = zip_of(&[
            ("a.xml".as_bytes(), copy),
            ("b.xml".as_bytes(), b"<b>2</b>"),
        ]);
        assert_eq!(check(&bytes), Ok(()));
        let at = bytes
            .windows(4)
            .rposition(|w| w == CENTRAL.to_le_bytes())
            .unwrap();
        let mut shared = bytes.clone();
        let inside = (LOCAL_FIXED + 5) as u32;
        shared[at + 42..at + 46].copy_from_slice(&inside.to_le_bytes());
        let e = check(&shared).unwrap_err();
        assert!(e.contains("b.xml") && e.contains("重叠"), "{e}");
    }
}
