//! The lines of a byte stream, one target a line (`jixiao parse`): read a large buffer at a
//! time, split at `\n` with memchr, and the UTF-8 of every whole line in the buffer checked at
//! once (simdutf8) — no allocation, no read call and no UTF-8 check per line on the common path.
//!
//! Decided here: a line is the bytes up to and including its `\n` (the last may lack it); its
//! text is what [`decode_line`] makes of those bytes (the line end and a UTF-8 BOM dropped;
//! GB18030 where the line is not UTF-8). Where a buffer is not all UTF-8 the lines before the
//! first bad byte keep the buffer's check and the rest of that buffer are decided line by line,
//! so every line reads as `decode_line` reads it alone. A line longer than the limit is an
//! error naming its number, found without reading past the limit.

use std::borrow::Cow;
use std::io::{self, Read};

use super::record::decode_line;

/// What a buffer read holds at first (grown only for a line longer than it).
const CHUNK: usize = 256 * 1024;

/// One line: its number (from 1), its length in bytes (line end included), its text.
#[derive(Debug)]
pub struct Line<'a> {
    pub number: usize,
    pub bytes: usize,
    pub text: Cow<'a, str>,
}

/// Why reading lines stopped.
#[derive(Debug)]
pub enum LineError {
    Read(io::Error),
    /// A line of more bytes than the limit, at this line number.
    TooLong(usize),
}

/// Lines of `R`, each of at most `max` bytes (line end included).
pub struct Lines<R> {
    inner: R,
    buf: Vec<u8>,
    /// The first byte not yet handed out.
    start: usize,
    /// The end of the bytes read.
    end: usize,
    /// `buf[valid.0..valid.1]` was found UTF-8 and ends at a line end (or is empty).
    valid: (usize, usize),
    /// `buf[..checked]` has been checked (lines in `valid..checked` are decided one by one).
    checked: usize,
    /// `buf[start..scanned]` holds no line end (a long line is searched once, not at each read).
    scanned: usize,
    eof: bool,
    max: u64,
    number: usize,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R, max: u64) -> Self {
        Lines {
            inner,
            buf: Vec::new(),
            start: 0,
            end: 0,
            valid: (0, 0),
            checked: 0,
            scanned: 0,
            eof: false,
            max,
            number: 0,
        }
    }

    /// The next line, `None` at the end.
    #[allow(clippy::should_implement_trait)] // a lending iterator: the line borrows the buffer
    pub fn next(&mut self) -> Result<Option<Line<'_>>, LineError> {
        loop {
            let avail = &self.buf[self.start..self.end];
            let from = self.scanned.max(self.start);
            let len = match memchr::memchr(b'\n', &self.buf[from..self.end]) {
                Some(i) => from - self.start + i + 1,
                None if avail.len() as u64 > self.max => {
                    return Err(LineError::TooLong(self.number + 1));
                }
                None if self.eof && avail.is_empty() => return Ok(None),
                None if self.eof => avail.len(),
                None => {
                    self.scanned = self.end;
                    self.fill().map_err(LineError::Read)?;
                    continue;
                }
            };
            if len as u64 > self.max {
                return Err(LineError::TooLong(self.number + 1));
            }
            let at = self.start;
            self.start += len;
            self.number += 1;
            let raw = &self.buf[at..at + len];
            let text = if self.valid.0 <= at && at + len <= self.valid.1 {
                // SAFETY: `buf[valid.0..valid.1]` was found UTF-8 by simdutf8 (`fill`) and
                // begins and ends at line ends, so this line in it is whole characters.
                Cow::Borrowed(text_of(unsafe { std::str::from_utf8_unchecked(raw) }))
            } else {
                decode_line(raw)
            };
            return Ok(Some(Line {
                number: self.number,
                bytes: len,
                text,
            }));
        }
    }

    /// Reads more: the unread bytes moved to the front, the buffer grown where they fill it,
    /// then the whole lines read checked as UTF-8 at once.
    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.valid = (
                self.valid.0.saturating_sub(self.start),
                self.valid.1.saturating_sub(self.start),
            );
            self.checked = self.checked.saturating_sub(self.start);
            self.scanned = self.scanned.saturating_sub(self.start);
            self.start = 0;
        }
        if self.buf.len() < CHUNK {
            self.buf.resize(CHUNK, 0);
        } else if self.end == self.buf.len() {
            // one line longer than the buffer: room for it, within the limit (+ one byte to
            // tell a line of exactly `max` bytes from a longer one)
            let want = (self.buf.len() * 2).min(self.max.saturating_add(1) as usize + CHUNK);
            self.buf.resize(want.max(self.buf.len() + 1), 0);
        }
        let n = loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.eof = true;
            return Ok(());
        }
        let before = self.end;
        self.end += n;
        let from = self.checked.max(self.start);
        // (the bytes read before hold no line end past `checked`: only the new ones are searched)
        if let Some(last) = memchr::memrchr(b'\n', &self.buf[before..self.end]) {
            let last = before + last - from;
            let to = from + last + 1;
            let region = &self.buf[from..to];
            let good = if simdutf8::basic::from_utf8(region).is_ok() {
                region.len()
            } else {
                // the lines before the first bad byte keep the check
                let up_to = simdutf8::compat::from_utf8(region)
                    .err()
                    .map_or(region.len(), |e| e.valid_up_to());
                memchr::memrchr(b'\n', &region[..up_to]).map_or(0, |i| i + 1)
            };
            // joined to the region checked before where it follows it
            let lo = if self.valid.1 == from {
                self.valid.0
            } else {
                from
            };
            self.valid = (lo, from + good);
            self.checked = to;
        }
        Ok(())
    }
}

/// A line's text without its line end and a leading BOM (as [`decode_line`]).
fn text_of(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.strip_prefix('\u{feff}').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes a call (a pipe, a slow disk).
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Every line as `(number, bytes, text)`, or the error's line number.
    fn read(input: &[u8], step: usize, max: u64) -> Result<Vec<(usize, usize, String)>, usize> {
        let mut lines = Lines::new(Trickle(input, step), max);
        let mut out = Vec::new();
        loop {
            match lines.next() {
                Ok(Some(l)) => out.push((l.number, l.bytes, l.text.into_owned())),
                Ok(None) => return Ok(out),
                Err(LineError::TooLong(n)) => return Err(n),
                Err(LineError::Read(e)) => panic!("{e}"),
            }
        }
    }

    /// What reading line by line with `read_until` and `decode_line` gives (the reference).
    fn reference(input: &[u8], max: u64) -> Result<Vec<(usize, usize, String)>, usize> {
        let mut out = Vec::new();
        for (i, raw) in input.split_inclusive(|b| *b == b'\n').enumerate() {
            if raw.len() as u64 > max {
                return Err(i + 1);
            }
            out.push((i + 1, raw.len(), decode_line(raw).into_owned()));
        }
        Ok(out)
    }

    /// Lines of every kind — UTF-8, a BOM, `\r\n`, GB18030 between UTF-8 lines, a character
    /// split by a read, an empty line, no last line end — read as the line-by-line reference
    /// reads them, whatever the reads' sizes.
    #[test]
    fn lines_read_as_line_by_line() {
        let gb = encoding_rs::GB18030
            .encode("群众满意度\t≥95%")
            .0
            .into_owned();
        let mut inputs: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\n".to_vec(),
            "\u{feff}满意度\t≥95%\r\n\r\n响应时间\t4秒"
                .as_bytes()
                .to_vec(),
            "一\n二\n三\n".as_bytes().to_vec(),
        ];
        let mut mixed = "满意度\t95%\n".repeat(50).into_bytes();
        mixed.extend_from_slice(&gb);
        mixed.push(b'\n');
        mixed.extend_from_slice("投诉率\t≤5%\n".repeat(50).as_bytes());
        mixed.extend_from_slice(&gb);
        inputs.push(mixed);
        // a stray byte that is neither UTF-8 nor GB18030 alone
        inputs.push(b"a\n\xff\nb\xe4\xb8\n\xe4\xb8\x80\n".to_vec());
        // a whole buffer and more: the split falls inside characters and lines
        inputs.push("完成率\t不低于95%\n".repeat(CHUNK / 10).into_bytes());
        for input in &inputs {
            for step in [1, 3, 7, 4096, usize::MAX] {
                if step < 7 && input.len() > 10_000 {
                    continue;
                }
                assert_eq!(
                    read(input, step, 1 << 30),
                    reference(input, 1 << 30),
                    "step {step}: {:?}",
                    String::from_utf8_lossy(&input[..input.len().min(80)])
                );
            }
        }
    }

    /// A long line that comes a little at a time (a pipe) is searched for its end once: each
    /// read's new bytes only, not the whole line again (a byte a read, that was a million
    /// searches of up to 1 MB: minutes).
    #[test]
    fn a_long_line_in_small_reads_is_searched_once() {
        let mut input = vec![b'x'; 1 << 20];
        input.extend_from_slice("\n满意度\t95%\n".as_bytes());
        let start = std::time::Instant::now();
        let lines = read(&input, 1, 1 << 30).expect("within the limit");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].1, (1 << 20) + 1);
        assert_eq!(lines[1].2, "满意度\t95%");
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    }

    /// The line limit counts the line end, as reading at most `max + 1` bytes a line did: a
    /// line of exactly `max` bytes passes, one more byte is refused with its number, also where
    /// it is longer than a buffer and where it is the last line without a line end.
    #[test]
    fn the_line_limit_names_the_line() {
        for max in [5u64, 6, (CHUNK + 10) as u64] {
            let long = vec![b'x'; max as usize];
            let mut ok = b"a\n".to_vec();
            ok.extend_from_slice(&long[..max as usize - 1]);
            ok.push(b'\n');
            assert_eq!(read(&ok, 4096, max), reference(&ok, max));
            assert!(read(&ok, 4096, max).is_ok());
            let mut bad = b"a\nb\n".to_vec();
            bad.extend_from_slice(&long);
            bad.push(b'\n');
            assert_eq!(read(&bad, 4096, max), Err(3), "{max}");
            let mut last = b"a\n".to_vec();
            last.extend_from_slice(&long);
            last.push(b'x');
            assert_eq!(read(&last, 4096, max), Err(2), "{max}");
            let mut fits = b"a\n".to_vec();
            fits.extend_from_slice(&long);
            assert!(read(&fits, usize::MAX, max).is_ok(), "{max}");
        }
    }
}
