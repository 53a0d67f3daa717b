//! The one bounded reader: every input jixiao reads whole (a table, a rule file, an actuals
//! file, standard input) comes through [`read_path`] or [`read_to_limit`], which read at most
//! the limit plus one byte, whatever kind of file it is: a regular file, a pipe, a FIFO,
//! `/dev/zero` or standard input. A file's metadata is a hint for the buffer, never the bound.
//!
//! This module owns reading only; each caller turns [`BoundedError`] into its own diagnostic.

use std::io::{self, Read};
use std::path::Path;

use crate::limits::Limit;

/// An input that could not be read whole.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BoundedError {
    /// The file could not be opened or read.
    #[error("无法读取 {name}：{}", crate::diagnostic::io_reason(source))]
    #[diagnostic(code("input.io"))]
    Io {
        name: String,
        #[source]
        source: io::Error,
    },
    /// More bytes than the limit.
    #[error("{name} 太大：超过{what}的上限 {max}")]
    #[diagnostic(code("input.too-large"), help("{help}"))]
    TooLarge {
        name: String,
        what: &'static str,
        max: String,
        help: String,
        /// The size the metadata gave, where it was a regular file.
        size: Option<u64>,
    },
}

impl BoundedError {
    fn too_large(name: &str, limit: &Limit, size: Option<u64>) -> Self {
        BoundedError::TooLarge {
            name: name.to_owned(),
            what: limit.what,
            max: limit.shown(),
            help: limit.help(),
            size,
        }
    }
}

/// Read `input` to its end, or `None` when it holds more than `limit` bytes (at most `limit +
/// 1` bytes are read). `hint` sizes the first buffer only.
///
/// Memory stays near the limit, never doubles past it: the first buffer is the hint (or
/// `FIRST` when there is none), and once it is full the buffer is reserved once at `limit +
/// 1`. Pages the read never reaches are never touched, so `/dev/zero` against a 512 MB limit
/// peaks near 512 MB; a doubling buffer peaked at 2.5 times it (each block it grew out of is
/// kept by the allocator for reuse, and the last doubling reserves twice the limit).
pub fn read_to_limit(input: impl Read, limit: u64, hint: u64) -> io::Result<Option<Vec<u8>>> {
    let most = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let first = if hint == 0 {
        FIRST
    } else {
        usize::try_from(hint.min(limit))
            .unwrap_or(0)
            .saturating_add(1)
    };
    let mut buf = Vec::with_capacity(first.min(most));
    let mut input = input.take(limit.saturating_add(1));
    loop {
        if buf.len() == buf.capacity() {
            if buf.len() >= most {
                break;
            }
            buf.reserve_exact(most - buf.len());
        }
        let spare = buf.capacity() - buf.len();
        let got = (&mut input).take(spare as u64).read_to_end(&mut buf)?;
        if got < spare {
            break;
        }
    }
    if buf.len() as u64 > limit {
        return Ok(None);
    }
    // a buffer reserved far past what it holds (a hint the input's bytes did not bear out: a
    // zip entry claiming 400 MB and holding 200 bytes) gives the rest back: the caller may keep
    // it (a pile's archive entries are held until read), and twenty such reservations kept
    // took 8 GB of address space from a 3.5 KB zip (a worker's memory limit: abort). The copy
    // is at most the bytes held, only where they are under half of the buffer.
    if buf.capacity() - buf.len() > SLACK && buf.capacity() / 2 > buf.len() {
        buf.shrink_to_fit();
    }
    Ok(Some(buf))
}

/// Room a buffer [`read_to_limit`] gives back may keep unused.
const SLACK: usize = 1024 * 1024;

#[cfg(test)]
thread_local! {
    /// The files read on this thread, for the tests that each file of a run is read once.
    pub(crate) static READ_LOG: std::cell::RefCell<Vec<std::path::PathBuf>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The first buffer of an input of unknown size (a pipe, standard input).
const FIRST: usize = 64 * 1024;

/// Read the file at `path` (`-` is standard input) within `limit`; `name` names it in errors.
pub fn read_path(path: &Path, limit: &Limit) -> Result<Vec<u8>, BoundedError> {
    #[cfg(test)]
    READ_LOG.with_borrow_mut(|log| log.push(path.to_owned()));
    let name = path.display().to_string();
    let io = |source| BoundedError::Io {
        name: name.clone(),
        source,
    };
    let max = limit.get();
    if path.as_os_str() == "-" {
        return read_to_limit(io::stdin().lock(), max, 0)
            .map_err(io)?
            .ok_or_else(|| BoundedError::too_large(&name, limit, None));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(io::Error::new(
            io::ErrorKind::InvalidInput,
            "这是一个文件夹，不是文件",
        )));
    }
    let size = meta.is_file().then_some(meta.len());
    if let Some(s) = size
        && s > max
    {
        return Err(BoundedError::too_large(&name, limit, size));
    }
    read_to_limit(file, max, size.unwrap_or(0))
        .map_err(io)?
        .ok_or_else(|| BoundedError::too_large(&name, limit, size))
}

/// Whether `path` is a regular file (not a pipe, FIFO, device or folder): only those are read
/// twice or in blocks.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_at_most_one_byte_past_the_limit() {
        let endless = io::repeat(0);
        assert_eq!(read_to_limit(endless, 10, u64::MAX).unwrap(), None);
        let exact = read_to_limit(&[1u8; 10][..], 10, 0).unwrap();
        assert_eq!(exact.map(|v| v.len()), Some(10));
        assert_eq!(read_to_limit(&[1u8; 11][..], 10, 0).unwrap(), None);
    }

    #[test]
    fn the_buffer_never_grows_past_the_limit() {
        // a reader of unknown size, past the point where doubling stops
        let limit = 3 * (FIRST as u64) + 12_345;
        let mut buf = Vec::new();
        let data = read_to_limit(io::repeat(7).take(limit), limit, 0)
            .unwrap()
            .unwrap();
        assert_eq!(data.len() as u64, limit);
        assert!(data.capacity() as u64 <= limit + 1, "{}", data.capacity());
        buf.extend_from_slice(&data[..3]);
        assert_eq!(buf, [7, 7, 7]);
        // a small input of unknown size is read whole, from an empty first buffer
        let small = read_to_limit(&b"abc"[..], 100, 0).unwrap().unwrap();
        assert_eq!(small, b"abc");
        assert_eq!(read_to_limit(&b""[..], 100, 0).unwrap().unwrap(), b"");
        assert_eq!(read_to_limit(&b"x"[..], 0, 0).unwrap(), None);
    }

    #[test]
    fn a_hint_the_bytes_do_not_bear_out_is_given_back() {
        // a zip entry claiming 400 MB that holds 200 bytes (the eighth probe): the buffer kept
        // is near what was read, not the claim
        let data = read_to_limit(&[1u8; 200][..], 512 << 20, 400 << 20)
            .unwrap()
            .unwrap();
        assert_eq!(data.len(), 200);
        assert!(data.capacity() < 1 << 20, "{}", data.capacity());
        // an input of unknown size past the first buffer (reserved at the limit) likewise
        let data = read_to_limit(io::repeat(7).take(100_000), 512 << 20, 0)
            .unwrap()
            .unwrap();
        assert!(data.capacity() < 2 << 20, "{}", data.capacity());
        // a hint that is right keeps its one buffer (no copy)
        let data = read_to_limit(&[1u8; 3 << 20][..], 512 << 20, 3 << 20)
            .unwrap()
            .unwrap();
        assert_eq!(data.capacity(), (3 << 20) + 1);
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused_not_read_forever() {
        let e = read_path(Path::new("/dev/zero"), &crate::limits::RULE_FILE).unwrap_err();
        assert!(
            matches!(e, BoundedError::TooLarge { size: None, .. }),
            "{e:?}"
        );
    }
}
