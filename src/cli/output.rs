//! Where a verb's output goes, and how it ends: standard output, or a file written whole.
//!
//! `-o FILE` writes to a temporary file beside `FILE` and renames it into place only when the
//! report is complete (as cargo and ripgrep do): an input error part-way, a full disk, Ctrl-C or
//! a kill leave the previous file as it was. An output that is one of the run's inputs (the same
//! file, by device and inode) is refused before anything is read. A target that is not a
//! regular file (`/dev/null`, a FIFO, a terminal) is written in place, as there is nothing to
//! replace. Every write error ends the run with exit code 2 and a message; a closed pipe
//! (`| head -1`) ends it with exit code 2 quietly, as `cat` ends quietly with a non-zero status.
//!
//! **Interrupted runs** (issue 27): while a temporary report is being written its path is known
//! to a SIGINT/SIGTERM/SIGHUP handler ([`cleanup`]), which removes it and ends the process as
//! the signal would have (exit status 130 for Ctrl-C); on Windows a console handler does the
//! same for Ctrl-C, Ctrl-Break and a closed window. A kill that cannot be caught (SIGKILL, a
//! power cut) may still leave one: the next run writing beside the same report looks for
//! `.NAME.XXXXXX.jixiao-tmp` files, removes those untouched for [`STALE_AFTER`] (no run still
//! writes them) and names the younger ones (perhaps another run's, still writing), never
//! touching anything else.
//!
//! **A file-size limit** (`ulimit -f`, a container's `RLIMIT_FSIZE`) met while writing sends
//! SIGXFSZ, whose default action ends the process at once, leaving the temporary file (the
//! seventh probe; the streamed csv's spill files meet it first). The binary sets SIGXFSZ to be
//! ignored when it starts ([`file_size_limit_is_an_error`]; a parent's choice other than the
//! default is kept): the write then fails with `EFBIG`, an ordinary write error, and the
//! temporary file is removed as for a full disk.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::exit;

/// An output being written.
pub struct Output {
    sink: Sink,
    /// Control characters shown visibly ([`visible`]): set for text reports.
    visible: bool,
    /// A carriage return that ended the last write, held back while visible: a CRLF cut
    /// between two writes stays a line end, a CR before text is shown (`␍`).
    held_cr: bool,
}

pub use crate::diagnostic::visible;

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file beside `target`, renamed onto it by [`Output::finish`].
    Replace {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
        /// Removes the file on SIGINT/SIGTERM/SIGHUP while it lives.
        _registered: Registered,
    },
    /// A target that is not a regular file, written in place.
    Direct(BufWriter<File>),
}

/// `-o` naming one of the inputs is refused (`output.is-input`): writing it would destroy the
/// input. Checked before anything is read.
pub(super) fn refuse_input_as_output<P: AsRef<Path>>(
    output: Option<&Path>,
    inputs: &[P],
) -> Result<(), u8> {
    if let Some(o) = output
        && let Some(i) = inputs.iter().find(|i| same_file(o, i.as_ref()))
    {
        say!(
            "错误[output.is-input]：输出文件 {} 就是输入文件 {}，写入会毁掉输入；请换一个输出文件名",
            o.display(),
            i.as_ref().display()
        );
        return Err(super::exit::USAGE);
    }
    Ok(())
}

/// `-o` names a file the run read besides its inputs (a web page's linked style sheet, found
/// while reading): the report is not written over it.
#[derive(Debug, thiserror::Error)]
#[error(
    "错误[output.is-input]：输出文件 {} 是本次运行读取的文件（网页链接的样式表 {}），写入会毁掉它；报告没有写出，请换一个输出文件名",
    target.display(),
    read.display()
)]
pub struct ReadByTheRun {
    target: PathBuf,
    read: PathBuf,
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
            held_cr: false,
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
                    held_cr: false,
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
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(&target).map_or(0o666, |m| m.permissions().mode())
        };
        stale_temporaries(&dir, &prefix);
        // the name is registered for removal on a signal *before* the file exists: a signal
        // between creating it and registering it would otherwise leave it behind
        let tmp = builder
            .make_in(&dir, |path| {
                Registered::announce(path);
                let mut options = std::fs::OpenOptions::new();
                options.read(true).write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(mode);
                }
                options
                    .open(path)
                    .inspect_err(|_| Registered::withdraw(path))
            })
            .map_err(fail)?;
        let registered = Registered(tmp.path().to_path_buf());
        Ok(Output {
            sink: Sink::Replace {
                tmp: BufWriter::with_capacity(64 * 1024, tmp),
                target,
                _registered: registered,
            },
            visible: false,
            held_cr: false,
        })
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout(_))
    }

    /// Flush, and for a file rename the complete output into place.
    pub fn finish(mut self) -> io::Result<()> {
        // a CR that ended the output: nothing follows for it to overwrite
        if std::mem::take(&mut self.held_cr) {
            self.visible = false;
            self.write_all(b"\r")?;
        }
        match self.sink {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Direct(mut w) => w.flush(),
            // `_registered` is dropped after the rename: an interrupt before it removes the file
            Sink::Replace {
                tmp,
                target,
                _registered,
            } => {
                // renamed whole (atomic against a kill or Ctrl-C); not synced to the disk first,
                // as cargo and ripgrep do not, so a large report costs no extra time
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                // a file the run read besides its inputs (a page's linked style sheet) is
                // known only now: the report is not put in its place (the temporary is removed)
                if let Some(read) = crate::table::linked_sheets_read()
                    .into_iter()
                    .find(|f| same_file(&target, f))
                {
                    return Err(io::Error::other(ReadByTheRun { target, read }));
                }
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
        if self.visible {
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
        let (shown, joined);
        let buf = if self.visible {
            if buf.is_empty() {
                return Ok(());
            }
            // a CR held back from the last write goes in front of this one
            let whole: &[u8] = if std::mem::take(&mut self.held_cr) {
                joined = [b"\r", buf].concat();
                &joined
            } else {
                buf
            };
            let (body, cr) = match whole.split_last() {
                Some((b'\r', body)) => (body, true),
                _ => (whole, false),
            };
            self.held_cr = cr;
            shown = visible(body);
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

/// A temporary report untouched this long is left from a run that was killed: removed.
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Looks in `dir` for temporary reports of the same name (`prefix` is `.NAME.`) left by
/// earlier runs: removes those untouched for [`STALE_AFTER`], names the others.
fn stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Some(middle) = name
            .strip_prefix(prefix)
            .and_then(|n| n.strip_suffix(".jixiao-tmp"))
        else {
            continue;
        };
        // tempfile's random part: six letters or digits, nothing else
        if middle.len() != 6 || !middle.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .unwrap_or_default();
        let path = entry.path();
        if age >= STALE_AFTER && std::fs::remove_file(&path).is_ok() {
            say!(
                "提示[output.stale-temporary]：删除了之前中断的运行留下的临时文件 {}",
                path.display()
            );
        } else if age < STALE_AFTER {
            say!(
                "提示[output.stale-temporary]：{} 是另一次运行的临时文件（可能仍在写入；若没有别的运行，可以删除）",
                path.display()
            );
        }
    }
}

/// Makes a file-size limit met while writing an error of that write (`EFBIG`) rather than the
/// end of the process by SIGXFSZ (see the module docs). Called once, first thing, by the
/// binary (the command line and the server's workers alike).
pub fn file_size_limit_is_an_error() {
    #[cfg(unix)]
    // SAFETY: reads and sets the disposition of one signal; no handler is installed
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGXFSZ, std::ptr::null(), &mut old);
        if old.sa_sigaction == libc::SIG_DFL {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }
}

/// A temporary file registered with [`cleanup`] (Unix) or [`console_cleanup`] (Windows) while
/// it lives ([`Registered::announce`]d before it is created).
struct Registered(PathBuf);

impl Registered {
    /// Registers `path`, not yet created, for removal on an interrupt.
    fn announce(path: &Path) {
        #[cfg(unix)]
        cleanup::remove_on_signal(path);
        #[cfg(windows)]
        console_cleanup::remove_on_interrupt(path);
        let _ = path;
    }

    /// Unregisters a `path` that was announced and never created.
    fn withdraw(path: &Path) {
        #[cfg(unix)]
        cleanup::forget(path);
        #[cfg(windows)]
        console_cleanup::forget(path);
        let _ = path;
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        Registered::withdraw(&self.0);
    }
}

/// Windows: Ctrl-C, Ctrl-Break or closing the console window removes the temporary report
/// being written. Windows runs a console handler on a thread of its own (not in a signal), so
/// it may lock and allocate; it then lets the default handler end the process.
#[cfg(windows)]
mod console_cleanup {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, Once};

    use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;

    static FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static INSTALL: Once = Once::new();

    pub fn remove_on_interrupt(path: &Path) {
        if let Ok(mut files) = FILES.lock() {
            files.push(path.to_path_buf());
        }
        INSTALL.call_once(|| {
            // SAFETY: registers a handler function that lives as long as the process
            unsafe {
                SetConsoleCtrlHandler(Some(handler), 1);
            }
        });
    }

    pub fn forget(path: &Path) {
        if let Ok(mut files) = FILES.lock() {
            files.retain(|p| p != path);
        }
    }

    /// Ctrl-C (0), Ctrl-Break (1), the window closed (2), log-off (5), shut-down (6).
    unsafe extern "system" fn handler(_event: u32) -> windows_sys::core::BOOL {
        if let Ok(files) = FILES.lock() {
            for path in files.iter() {
                // the file is open with delete sharing (Rust's default): removed when closed
                let _ = std::fs::remove_file(path);
            }
        }
        // not handled: the next handler (the default one) ends the process
        0
    }
}

/// Removing the temporary report being written when the process is interrupted.
#[cfg(unix)]
mod cleanup {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::Once;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The temporary files being written (a run writes one at a time; a few slots spare).
    /// Each is a C string leaked for the process's life, so the handler never reads freed
    /// memory: a few bytes a report.
    static SLOTS: [AtomicPtr<libc::c_char>; 8] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; 8];
    static INSTALL: Once = Once::new();

    /// Signals that end a run and leave its temporary file.
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// Registers `path` to be removed if the process is interrupted (first use: installs the
    /// handler).
    pub fn remove_on_signal(path: &Path) {
        let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
            return;
        };
        let raw = c.into_raw();
        if !SLOTS.iter().any(|s| {
            s.compare_exchange(
                std::ptr::null_mut(),
                raw,
                Ordering::SeqCst,
                Ordering::SeqCst,
            )
            .is_ok()
        }) {
            // every slot in use: nothing registered (the file stays named on the next run)
            drop(unsafe { CString::from_raw(raw) });
            return;
        }
        INSTALL.call_once(|| {
            for sig in SIGNALS {
                // SAFETY: a handler that only calls async-signal-safe functions (unlink,
                // signal, raise) on memory never freed
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = handler as *const () as libc::sighandler_t;
                    action.sa_flags = libc::SA_RESTART;
                    libc::sigemptyset(&mut action.sa_mask);
                    // a signal the parent ignores (`nohup`) stays ignored
                    let mut old: libc::sigaction = std::mem::zeroed();
                    libc::sigaction(sig, std::ptr::null(), &mut old);
                    if old.sa_sigaction != libc::SIG_IGN {
                        libc::sigaction(sig, &action, std::ptr::null_mut());
                    }
                }
            }
        });
    }

    /// Unregisters `path`: its slot is emptied (the string stays leaked, see [`SLOTS`]).
    pub fn forget(path: &Path) {
        let bytes = path.as_os_str().as_bytes();
        for s in &SLOTS {
            let p = s.load(Ordering::SeqCst);
            if !p.is_null() {
                // SAFETY: slots only ever hold strings leaked by `remove_on_signal`
                let held = unsafe { std::ffi::CStr::from_ptr(p) };
                if held.to_bytes() == bytes {
                    let _ = s.compare_exchange(
                        p,
                        std::ptr::null_mut(),
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                }
            }
        }
    }

    extern "C" fn handler(sig: libc::c_int) {
        for s in &SLOTS {
            let p = s.load(Ordering::SeqCst);
            if !p.is_null() {
                // SAFETY: async-signal-safe; `p` is a leaked, never freed C string
                unsafe {
                    libc::unlink(p);
                }
            }
        }
        // end as the signal would have ended the process (exit status 128 + signal)
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }
}

/// The exit code of a write error (2), with a message naming `what` — none for a closed pipe.
pub fn failed(e: &io::Error, what: &str) -> u8 {
    if let Some(r) = e.get_ref().and_then(|r| r.downcast_ref::<ReadByTheRun>()) {
        say!("{r}");
    } else if e.kind() != io::ErrorKind::BrokenPipe {
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
    /// A CR that ended the last piece written ([`Write`]), not yet shown.
    held_cr: bool,
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            out: BufWriter::new(io::stdout().lock()),
            error: None,
            held_cr: false,
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
        if std::mem::take(&mut self.held_cr) {
            self.print("\r");
        }
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

/// Writing a printer in pieces (a table's tree a project at a time, its review a finding at a
/// time) shows the same as printing the whole text: each piece is whole characters, and a CR
/// that ends a piece is held back until the next says whether a line feed follows it.
impl Write for Printer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        if buf.is_empty() {
            return Ok(());
        }
        let joined;
        let whole: &[u8] = if std::mem::take(&mut self.held_cr) {
            joined = [b"\r", buf].concat();
            &joined
        } else {
            buf
        };
        let body = match whole.split_last() {
            Some((b'\r', body)) => {
                self.held_cr = true;
                body
            }
            _ => whole,
        };
        let written = self.out.write_all(&visible(body));
        if let Err(e) = &written {
            self.error = Some(io::Error::new(e.kind(), e.to_string()));
        }
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Default for Printer {
    fn default() -> Self {
        Printer::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `writes` come to through a visible output into a file.
    fn written(writes: &[&[u8]]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut out = Output::open(Some(&path), &[]).unwrap().showing_controls();
        for w in writes {
            out.write_all(w).unwrap();
        }
        out.finish().unwrap();
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn a_carriage_return_cut_from_its_line_feed_stays_a_line_end_and_a_lone_one_is_shown() {
        // a CRLF whole, or cut between two writes, stays a line end
        assert_eq!(written(&[b"a\r\nb"]), b"a\r\nb");
        assert_eq!(written(&[b"a\r", b"\nb"]), b"a\r\nb");
        assert_eq!(written(&[b"a\r", b"", b"\nb"]), b"a\r\nb");
        // a CR before text is shown, within a write or across two
        assert_eq!(written(&[b"a\rb"]), "a␍b".as_bytes());
        assert_eq!(written(&[b"a\r", b"b"]), "a␍b".as_bytes());
        assert_eq!(written(&[b"a\r", b"\rb"]), "a␍␍b".as_bytes());
        // a CR that ends the output is written as it is (nothing follows it)
        assert_eq!(written(&[b"a\r"]), b"a\r");
    }
}
