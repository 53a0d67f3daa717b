//! Where a verb's output goes, and how it ends: standard output, or a file written whole.
//!
//! `-o FILE` writes to a temporary file beside `FILE` and renames it into place only when the
//! report is complete (as cargo and ripgrep do): an input error part-way, a full disk, Ctrl-C or
//! a kill leave the previous file as it was. An output that is one of the run's inputs (the same
//! file, by device and inode) is refused before anything is read. A target that is not a
//! regular file (`/dev/null`, a FIFO, a terminal) is written in place, as there is nothing to
//! replace. Every write error ends the run with exit code 2 and a message; a closed pipe
//! (`| head -1`) ends it with exit code 2 quietly, as `cat` ends quietly with a non-zero status.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::exit;

/// An output being written.
pub struct Output {
    sink: Sink,
    /// Control characters shown visibly ([`visible`]): set for text reports.
    visible: bool,
}

/// `buf` with its control characters (C0 but tab, line feed and carriage return; DEL) shown as
/// their pictures (ESC as `␛`, BEL as `␇`): text from a table must not set a terminal's title,
/// clear its screen, hide text or write its clipboard (OSC 52). Byte by byte, so a buffer cut
/// anywhere converts the same; UTF-8 never uses these bytes inside a character.
pub fn visible(buf: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bad = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F;
    if !buf.iter().any(|&b| bad(b)) {
        return std::borrow::Cow::Borrowed(buf);
    }
    let mut out = Vec::with_capacity(buf.len() + 16);
    for &b in buf {
        if bad(b) {
            let picture = if b == 0x7F {
                0x2421
            } else {
                0x2400 + u32::from(b)
            };
            let mut tmp = [0u8; 4];
            out.extend_from_slice(
                char::from_u32(picture)
                    .unwrap_or('?')
                    .encode_utf8(&mut tmp)
                    .as_bytes(),
            );
        } else {
            out.push(b);
        }
    }
    std::borrow::Cow::Owned(out)
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file beside `target`, renamed onto it by [`Output::finish`].
    Replace {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    /// A target that is not a regular file, written in place.
    Direct(BufWriter<File>),
}

/// Whether two paths name the same file (same device and inode; canonical paths elsewhere).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            sink: Sink::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout())),
            visible: false,
        }
    }

    /// `-o path` (standard output without it), refusing a path that is one of `inputs`. On an
    /// error the message is printed and the exit code returned.
    pub fn open(path: Option<&Path>, inputs: &[&Path]) -> Result<Output, u8> {
        let Some(path) = path else {
            return Ok(Output::stdout());
        };
        if path.as_os_str() == "-" {
            return Ok(Output::stdout());
        }
        if let Some(input) = inputs.iter().find(|i| same_file(path, i)) {
            say!(
                "错误[output.is-input]：输出文件 {} 就是输入文件 {}，写入会毁掉输入；请换一个输出文件名",
                path.display(),
                input.display()
            );
            return Err(exit::USAGE);
        }
        let fail = |e: io::Error| {
            say!(
                "错误[output.io]：无法写入 {}：{}",
                path.display(),
                crate::diagnostic::io_reason(&e)
            );
            exit::USAGE
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                say!(
                    "错误[output.io]：无法写入 {}：这是一个文件夹；-o 应给出文件名",
                    path.display()
                );
                return Err(exit::USAGE);
            }
            // a read-only file is not replaced behind its owner's back (File::create would
            // have been refused too)
            Ok(m) if m.is_file() && m.permissions().readonly() => {
                say!("错误[output.io]：无法写入 {}：文件是只读的", path.display());
                return Err(exit::USAGE);
            }
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(fail)?;
                return Ok(Output {
                    sink: Sink::Direct(BufWriter::with_capacity(64 * 1024, f)),
                    visible: false,
                });
            }
            _ => {}
        }
        // a link is followed: the file it names is replaced, the link kept
        let target = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => path.canonicalize().map_err(fail)?,
            _ => path.to_path_buf(),
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".jixiao-tmp");
        // the new file keeps the old one's permissions; a new one gets what `File::create`
        // would give (0666 less the umask)
        if let Ok(m) = std::fs::metadata(&target) {
            builder.permissions(m.permissions());
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
        let tmp = builder.tempfile_in(&dir).map_err(fail)?;
        Ok(Output {
            sink: Sink::Replace {
                tmp: BufWriter::with_capacity(64 * 1024, tmp),
                target,
            },
            visible: false,
        })
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout(_))
    }

    /// Flush, and for a file rename the complete output into place.
    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Direct(mut w) => w.flush(),
            Sink::Replace { tmp, target } => {
                // renamed whole (atomic against a kill or Ctrl-C); not synced to the disk first,
                // as cargo and ripgrep do not, so a large report costs no extra time
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                tmp.persist(&target).map(|_| ()).map_err(|e| e.error)
            }
        }
    }

    /// [`Output::finish`], and the exit code: `ok` when it worked, else 2 (with a message
    /// unless the pipe was closed).
    pub fn close(self, what: &str, ok: u8) -> u8 {
        match self.finish() {
            Ok(()) => ok,
            Err(e) => failed(&e, what),
        }
    }
}

impl Output {
    /// Shows control characters from the inputs visibly in everything written (text reports
    /// whose own output has none: markdown, csv, an uncoloured table).
    pub fn showing_controls(mut self) -> Self {
        self.visible = true;
        self
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.visible && matches!(visible(buf), std::borrow::Cow::Owned(_)) {
            self.write_all(buf)?;
            return Ok(buf.len());
        }
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::Replace { tmp, .. } => tmp.write(buf),
            Sink::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let shown;
        let buf = if self.visible {
            shown = visible(buf);
            &shown[..]
        } else {
            buf
        };
        match &mut self.sink {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::Replace { tmp, .. } => tmp.write_all(buf),
            Sink::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Replace { tmp, .. } => tmp.flush(),
            Sink::Direct(w) => w.flush(),
        }
    }
}

/// The exit code of a write error (2), with a message naming `what` — none for a closed pipe.
pub fn failed(e: &io::Error, what: &str) -> u8 {
    if e.kind() != io::ErrorKind::BrokenPipe {
        say!(
            "错误[output.io]：写出{what}失败：{}",
            crate::diagnostic::io_reason(e)
        );
    }
    exit::USAGE
}

/// Standard output for a verb's printed lines: `out!(o, …)` writes, and the first error is kept
/// so that the verb ends with [`Printer::close`] (no panic on a closed pipe, as `println!`
/// would).
pub struct Printer {
    out: BufWriter<io::StdoutLock<'static>>,
    error: Option<io::Error>,
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            out: BufWriter::new(io::stdout().lock()),
            error: None,
        }
    }

    /// Write `text`, unless an earlier write failed.
    pub fn print(&mut self, text: impl AsRef<str>) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(&visible(text.as_ref().as_bytes()))
        {
            self.error = Some(e);
        }
    }

    /// `text` and a line break.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.print(text);
        self.print("\n");
    }

    /// Flush; `ok` when every write worked, else 2 (see [`failed`]).
    pub fn close(mut self, ok: u8) -> u8 {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
        match self.error {
            None => ok,
            Some(e) => failed(&e, "结果"),
        }
    }
}

impl Default for Printer {
    fn default() -> Self {
        Printer::new()
    }
}
