//! The text of a streamed sheet read and not yet given out in blocks (`table::stream`): one
//! buffer the file is read into. UTF-8 (most sheets) is checked where the read put it, so a
//! byte is copied once between the file and its block (read into the buffer, copied out as the
//! block's own text: the decoder's copy from a read buffer into the text is gone); GB18030 is
//! decoded from the read into it.

use std::io::Read;

use encoding_rs::{Decoder, DecoderResult};

/// Text read and not given out, with room after it for the next read.
pub(crate) struct Pending {
    /// `buf[..len]` is the text (checked UTF-8); `buf[len..len + held]` the first bytes of a
    /// character the last read cut in two (UTF-8 input); the rest room for the next read
    /// (bytes written before: the room is zeroed only when it grows).
    buf: Vec<u8>,
    len: usize,
    held: usize,
}

/// Where a check of UTF-8 read in place failed: the bad sequence's first byte, counted from the
/// first byte the check looked at (the held bytes, then the bytes just read).
pub(crate) struct BadUtf8(pub usize);

impl Pending {
    pub(crate) fn new() -> Self {
        Pending {
            buf: Vec::new(),
            len: 0,
            held: 0,
        }
    }

    /// The text.
    #[inline]
    pub(crate) fn text(&self) -> &str {
        // SAFETY: `buf[..len]` is UTF-8: `len` grows only over bytes checked by simdutf8
        // (`check`) or written by the decoder, which writes whole characters (`decode`), and
        // `drain_front` keeps what it moves whole
        unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }

    /// Bytes of text.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Bytes of a character cut by the last read, held for the next (UTF-8 input).
    #[inline]
    pub(crate) fn held(&self) -> usize {
        self.held
    }

    /// Drops the first `n` bytes of text (a row's start: a character's boundary), the held
    /// bytes moved with the rest.
    pub(crate) fn drain_front(&mut self, n: usize) {
        assert!(
            self.text().is_char_boundary(n),
            "a block ends at a row's start"
        );
        self.buf.copy_within(n..self.len + self.held, 0);
        self.len -= n;
    }

    /// At least `n` bytes of room after the text and the held bytes; where they start.
    fn room(&mut self, n: usize) -> usize {
        let from = self.len + self.held;
        if self.buf.len() < from + n {
            self.buf.resize(from + n, 0);
        }
        from
    }

    /// Reads at most `n` bytes of UTF-8 from `input` after the held bytes and checks them with
    /// those ([`Pending::check`]; `last` where the read gives none: the file's end). The
    /// bytes read, or where the check failed.
    pub(crate) fn read_utf8(
        &mut self,
        input: &mut dyn Read,
        n: usize,
    ) -> std::io::Result<(usize, Result<(), BadUtf8>)> {
        let from = self.room(n);
        let got = input.read(&mut self.buf[from..from + n])?;
        Ok((got, self.check(from + got, got == 0)))
    }

    /// [`Pending::read_utf8`] of bytes held elsewhere (the first megabyte, read to choose the
    /// encoding), copied in; `last` where they end the file.
    pub(crate) fn push_utf8(&mut self, bytes: &[u8], last: bool) -> Result<(), BadUtf8> {
        let from = self.room(bytes.len());
        self.buf[from..from + bytes.len()].copy_from_slice(bytes);
        self.check(from + bytes.len(), last)
    }

    /// [`Pending::push_utf8`] of text already checked (the first megabyte, checked whole to
    /// choose the encoding), copied in and not checked again; nothing is held before it.
    pub(crate) fn push_checked(&mut self, text: &str) {
        debug_assert_eq!(self.held, 0, "no character cut before checked text");
        let from = self.room(text.len());
        self.buf[from..from + text.len()].copy_from_slice(text.as_bytes());
        self.len = from + text.len();
        self.held = 0;
    }

    /// Checks the held bytes and the bytes after them up to `end` as UTF-8: the text grows
    /// over them; a character cut by their end is held for the next read (at the file's end,
    /// `last`, it is a bad sequence, as the decoder says of it).
    fn check(&mut self, end: usize, last: bool) -> Result<(), BadUtf8> {
        match simdutf8::compat::from_utf8(&self.buf[self.len..end]) {
            Ok(_) => {
                self.len = end;
                self.held = 0;
                Ok(())
            }
            Err(e) if e.error_len().is_none() && !last => {
                self.len += e.valid_up_to();
                self.held = end - self.len;
                Ok(())
            }
            Err(e) => Err(BadUtf8(e.valid_up_to())),
        }
    }

    /// Decodes `bytes` onto the text (`last` where they end the file): the decoder's answer and
    /// the bytes it read, as `encoding_rs` gives them.
    pub(crate) fn decode(
        &mut self,
        decoder: &mut Decoder,
        bytes: &[u8],
        last: bool,
    ) -> (DecoderResult, usize) {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16);
        let from = self.room(need);
        let (result, read, written) = decoder.decode_to_utf8_without_replacement(
            bytes,
            &mut self.buf[from..from + need],
            last,
        );
        // (the decoder holds a character cut by the bytes' end itself: nothing is held here)
        self.len += written;
        (result, read)
    }
}

#[cfg(test)]
mod tests {
    use super::Pending;

    /// UTF-8 read in pieces of every size, each cut anywhere in a character, reads as the whole
    /// text; a bad sequence is found at its first byte, a character cut by the file's end too.
    #[test]
    fn utf8_read_in_pieces_is_the_text_and_bad_bytes_are_found_where_they_start() {
        let text = "单位\t项目\n某局\t😀é甲\r\n".repeat(7);
        for size in 1..=11 {
            let mut input = text.as_bytes();
            let mut p = Pending::new();
            let mut drained = 0;
            loop {
                let (got, checked) = p.read_utf8(&mut input, size).expect("read");
                assert!(checked.is_ok());
                if got == 0 {
                    break;
                }
                // a row given out now and then, as blocks are
                if let Some(k) = p.text().find('\n')
                    && got % 3 == 0
                {
                    p.drain_front(k + 1);
                    drained += k + 1;
                }
            }
            assert_eq!(&text[drained..], p.text(), "{size}");
        }
        for (bad, at) in [
            (&b"ab\xFFcd"[..], 2),
            (b"\xE4\xB8", 0),
            (b"a\xE4\xB8a", 1),
            (b"\xF0\x9F\x98", 0),
        ] {
            for size in 1..=5 {
                let mut input = bad;
                let mut p = Pending::new();
                let mut read = 0;
                let found = loop {
                    let before = read - p.held;
                    let (got, checked) = p.read_utf8(&mut input, size).expect("read");
                    read += got;
                    if let Err(e) = checked {
                        break before + e.0;
                    }
                    assert!(got > 0, "{bad:?} read whole without a bad byte");
                };
                assert_eq!(found, at, "{bad:?} {size}");
            }
        }
    }
}
