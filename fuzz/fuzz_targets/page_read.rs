//! Saved web pages: the same bytes read as `.html` and `.mhtml` through `table::read_bytes`
//! (the content decides; an `.mhtml` wrapper is put around them too, base64 and
//! quoted-printable).
#![no_main]

use jixiao::table::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    // as they are, and behind an HTML start so the page reader always sees them
    let mut page = b"<html><table>".to_vec();
    page.extend_from_slice(data);
    for (name, bytes) in [("x.html", data), ("x.html", &page[..])] {
        if let Ok(doc) = table::read_bytes(name, bytes, &opts) {
            let _ = doc.counts();
        }
    }
    for encoding in ["quoted-printable", "base64", "8bit"] {
        let mut mht = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
             Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n"
        )
        .into_bytes();
        mht.extend_from_slice(data);
        mht.extend_from_slice(b"\r\n--b--\r\n");
        if let Ok(doc) = table::read_bytes("x.mhtml", &mht, &opts) {
            let _ = doc.counts();
        }
    }
});
