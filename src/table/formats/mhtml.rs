//! Web pages saved as one file (`.mhtml`, `.mht`: Chrome, Edge, Internet Explorer and Word's
//! "单个文件网页"): a MIME `multipart/related` message whose first `text/html` part is the page.
//!
//! Owns finding that part and undoing its transfer encoding (quoted-printable, base64, or
//! none); its `charset` parameter is handed to [`super::html::decode_page`] as the declared
//! charset. Its `text/css` parts are kept with their `Content-Location` (the style sheets the
//! page links to, up to the page's bound of style text: `formats/page_linked.rs`); pictures
//! are not read. A message with no HTML part is an error naming what it holds.

use super::page_css::MAX_CSS_BYTES;
use encoding_rs::Encoding;

/// The page of an `.mhtml`: its bytes and the charset its part declares.
pub(crate) struct Page {
    pub bytes: Vec<u8>,
    pub charset: Option<&'static Encoding>,
    /// The style sheets saved with it: each `text/css` part's `Content-Location` and bytes.
    pub styles: Vec<(String, Vec<u8>)>,
    /// The other web pages saved with it (the documents of its frames): each later
    /// `text/html` part's `Content-Location` and bytes, up to [`MAX_FRAMES`](super::html::MAX_FRAMES).
    pub frames: Vec<(String, Vec<u8>)>,
}

/// Whether bytes start like a MIME message holding a web page: headers, within the first
/// kilobytes, that name `multipart/related` (or a `text/html` body).
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let Some(end) = header_end(head) else {
        return false;
    };
    let headers = head[..end].to_ascii_lowercase();
    let has = |s: &[u8]| memchr::memmem::find(&headers, s).is_some();
    (has(b"mime-version:") || has(b"\ncontent-type:") || headers.starts_with(b"content-type:"))
        && (has(b"multipart/related") || has(b"text/html"))
}

/// Where the headers end: the index of the empty line after them.
fn header_end(bytes: &[u8]) -> Option<usize> {
    let crlf = memchr::memmem::find(bytes, b"\r\n\r\n");
    let lf = memchr::memmem::find(bytes, b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The length of the line break at the start of `bytes` (0 when none).
fn line_break(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\r\n") {
        2
    } else if bytes.starts_with(b"\n") {
        1
    } else {
        0
    }
}

/// Headers, unfolded, as lowercase names and raw values.
fn headers(block: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(block);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    out
}

/// A parameter of a header value (`boundary="----=_NextPart"`, `charset=gb2312`).
fn parameter(value: &str, name: &str) -> Option<String> {
    for part in value.split(';').skip(1) {
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case(name) {
            return Some(v.trim().trim_matches('"').to_owned());
        }
    }
    None
}

/// Why an `.mhtml` gives no page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NoPage {
    /// The message has no headers, or its type names no boundary.
    NotMime,
    /// No part is a web page.
    NoHtml,
}

/// The web page inside a MIME message.
pub(crate) fn page(bytes: &[u8]) -> Result<Page, NoPage> {
    let end = header_end(bytes).ok_or(NoPage::NotMime)?;
    let top = headers(&bytes[..end]);
    let body_start =
        end + line_break(&bytes[end..]) + line_break(&bytes[end + line_break(&bytes[end..])..]);
    let content_type = top
        .iter()
        .find(|(k, _)| k == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    if content_type.to_ascii_lowercase().starts_with("text/html") {
        return Ok(decode_part(&top, &bytes[body_start..]));
    }
    let boundary = parameter(&content_type, "boundary").ok_or(NoPage::NotMime)?;
    let marker = format!("--{boundary}");
    let body = &bytes[body_start.min(bytes.len())..];
    let mut at = 0;
    let mut starts = Vec::new();
    while let Some(i) = memchr::memmem::find(&body[at..], marker.as_bytes()) {
        let s = at + i;
        // a boundary starts a line
        if s == 0 || body[s - 1] == b'\n' {
            starts.push(s);
        }
        at = s + marker.len();
    }
    // the first HTML part, then the style sheets and the other pages (its frames') after it
    let mut found: Option<Page> = None;
    let mut css_bytes = 0usize;
    for (k, &s) in starts.iter().enumerate() {
        let after = s + marker.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        let part_end = starts.get(k + 1).copied().unwrap_or(body.len());
        let part = &body[after..part_end];
        let part = &part[line_break(part)..];
        let Some(h_end) = header_end(part).or_else(|| {
            // a part with no headers at all starts with its empty line
            (line_break(part) > 0).then_some(0)
        }) else {
            continue;
        };
        let hs = headers(&part[..h_end]);
        let of_type = |t: &str| {
            hs.iter()
                .any(|(k, v)| k == "content-type" && v.to_ascii_lowercase().starts_with(t))
        };
        let is_html = of_type("text/html");
        let is_sheet = found.is_some() && of_type("text/css");
        if !(is_html || is_sheet) {
            continue;
        }
        let b1 = h_end + line_break(&part[h_end..]);
        let b2 = b1 + line_break(&part[b1..]);
        // the line break before the next boundary belongs to the boundary
        let mut content = &part[b2.min(part.len())..];
        if let Some(c) = content
            .strip_suffix(b"\r\n")
            .or_else(|| content.strip_suffix(b"\n"))
        {
            content = c;
        }
        // a sheet that cannot fit in what is left of the page's style text is not decoded:
        // counted (at the least it decodes to), not kept
        if !is_html {
            let least = least_decoded(&hs, content);
            if least > MAX_CSS_BYTES.saturating_sub(css_bytes) {
                css_bytes = css_bytes.saturating_add(least);
                continue;
            }
        }
        if is_html
            && found
                .as_ref()
                .is_some_and(|p| p.frames.len() >= super::html::MAX_FRAMES)
        {
            continue;
        }
        let decoded = decode_part(&hs, content);
        let location = || {
            let at = hs.iter().find(|(k, _)| k == "content-location");
            at.map_or(String::new(), |(_, v)| v.trim().to_owned())
        };
        match &mut found {
            None if is_html => found = Some(decoded),
            Some(page) if is_html => page.frames.push((location(), decoded.bytes)),
            Some(page) if !is_html => {
                css_bytes += decoded.bytes.len();
                if css_bytes <= MAX_CSS_BYTES {
                    page.styles.push((location(), decoded.bytes));
                }
            }
            _ => {}
        }
    }
    found.ok_or(NoPage::NoHtml)
}

/// The fewest bytes a part's `content` decodes to: as many where it is not encoded, a third
/// in quoted-printable (`=XX` a byte), a half in base64 (four characters three bytes, with
/// its line breaks).
fn least_decoded(headers: &[(String, String)], content: &[u8]) -> usize {
    let encoding = headers
        .iter()
        .find(|(k, _)| k == "content-transfer-encoding")
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    match encoding.as_deref() {
        Some("quoted-printable") => content.len() / 3,
        Some("base64") => content.len() / 2,
        _ => content.len(),
    }
}

#[cfg(test)]
thread_local! {
    /// The bytes of parts decoded on this thread (the tests' measure of what is decoded).
    static DECODED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A part's content with its transfer encoding undone.
fn decode_part(headers: &[(String, String)], content: &[u8]) -> Page {
    let value = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    #[cfg(test)]
    DECODED.with(|d| d.set(d.get() + content.len()));
    let charset = value("content-type")
        .and_then(|v| parameter(&v, "charset"))
        .and_then(|c| Encoding::for_label(c.as_bytes()));
    let bytes = match value("content-transfer-encoding").as_deref().map(str::trim) {
        Some("quoted-printable") => quoted_printable(content),
        Some("base64") => base64(content),
        _ => content.to_vec(),
    };
    Page {
        bytes,
        charset,
        styles: Vec::new(),
        frames: Vec::new(),
    }
}

/// Undoes quoted-printable: `=XX` is a byte, `=` at a line end joins the lines; anything
/// malformed is kept as it is.
fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        // the run up to the next `=` as it is
        let Some(eq) = memchr::memchr(b'=', &input[i..]) else {
            out.extend_from_slice(&input[i..]);
            break;
        };
        out.extend_from_slice(&input[i..i + eq]);
        i += eq;
        let b = input[i];
        let rest = &input[i + 1..];
        // a soft line break, white space before it allowed
        let ws = rest
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        let br = line_break(&rest[ws..]);
        if br > 0 {
            i += 1 + ws + br;
            continue;
        }
        match (
            rest.first().and_then(|&c| hex(c)),
            rest.get(1).and_then(|&c| hex(c)),
        ) {
            (Some(h), Some(l)) => {
                out.push(h << 4 | l);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Undoes base64 (line breaks and other characters outside the alphabet are passed over; the
/// decoding stops at the first `=`).
fn base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in input {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The single-file web page format (`.mhtml`, `.mht`): a MIME message; its HTML part is read
/// as a page, with the charset the part declares.
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[
        super::Ending::listed("mhtml", Some(crate::table::InputFormat::Html), 6),
        super::Ending::listed("mht", Some(crate::table::InputFormat::Html), 6),
    ],
    what: super::html::WEB_PAGE,
    claims: |peek| peek.sniffed == super::Sniffed::Mhtml,
    read: |input| {
        let page = page(&input.bytes).map_err(|_| crate::table::ReadError::PageNoForm {
            name: input.name.into(),
            tables: 0,
        })?;
        Ok(super::Read::Page {
            bytes: page.bytes,
            declared: page.charset,
            styles: Some(page.styles),
            frames: page.frames,
        })
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_and_base64() {
        assert_eq!(
            quoted_printable(b"a=3Db=\r\nc =E5=90=88"),
            "a=bc 合".as_bytes()
        );
        assert_eq!(quoted_printable(b"50%=\nx=zz"), b"50%x=zz");
        assert_eq!(base64(b"5ZCI\r\n6K6h"), "合计".as_bytes());
        assert_eq!(base64(b"YQ=="), b"a");
    }

    #[test]
    fn the_html_part_of_a_saved_page() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<table><td>合计</td></table>");
        let qp: String = gbk
            .iter()
            .map(|&b| {
                if b >= 0x80 || b == b'=' {
                    format!("={b:02X}")
                } else {
                    (b as char).to_string()
                }
            })
            .collect();
        let msg = format!(
            "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\
             \ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n\
             ------MultipartBoundary--abc\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n\
             ------MultipartBoundary--abc\r\nContent-Type: image/png\r\n\r\nxx\r\n\
             ------MultipartBoundary--abc--\r\n"
        );
        assert!(looks_like(msg.as_bytes()));
        let p = page(msg.as_bytes()).unwrap();
        assert_eq!(p.bytes, gbk.to_vec());
        assert_eq!(p.charset, Some(encoding_rs::GBK));
        let no_html = msg.replace("text/html; charset", "text/plain; charset");
        assert_eq!(page(no_html.as_bytes()).err(), Some(NoPage::NoHtml));
        assert!(!looks_like("项目\t总计\n".as_bytes()));
    }

    #[test]
    fn sheets_past_the_style_text_left_are_not_decoded() {
        // three sheets of 300 KB (and two of 200 KB in base64 and quoted-printable): the first
        // is kept; the rest cannot fit in the 512 KB and are not decoded at all
        let part = |kind: &str, enc: &str, body: &str| {
            format!(
                "------B\r\nContent-Type: {kind}\r\nContent-Transfer-Encoding: {enc}\r\n\
                 Content-Location: https://a.gov.cn/{}.css\r\n\r\n{body}\r\n",
                body.len()
            )
        };
        let sheet = ".a{color:red}\n".repeat(300 * 1024 / 14);
        let b64 = "LmF7fQ==\r\n".repeat(200 * 1024 / 10);
        let msg = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----B\"\r\n\r\n{}{}{}{}{}------B--\r\n",
            part("text/html", "8bit", "<table><td>x</td></table>"),
            part("text/css", "8bit", &sheet),
            part("text/css", "8bit", &sheet),
            part("text/css", "base64", &b64),
            part("text/css", "quoted-printable", &sheet),
        );
        DECODED.with(|d| d.set(0));
        let p = page(msg.as_bytes()).unwrap();
        assert_eq!(p.styles.len(), 1);
        let decoded = DECODED.with(|d| d.get());
        assert!(decoded < 320 * 1024, "{decoded}");
    }
}
