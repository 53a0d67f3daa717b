//! How every diagnostic is shown: miette's graphical report (file, line, column, the label under
//! the exact characters) in Chinese. miette writes its footer label as `help:`; [`render`] writes
//! `帮助：` in its place. The operating system's reasons (`No such file or directory (os error
//! 2)`) are English: the errors of this crate put them into Chinese with [`io_reason`] in their
//! own message, and the cause chain, which would repeat them in English, is not printed.
//!
//! Every diagnostic is rendered through [`Bounded`]: where a label's line is long (a 20 MB line
//! of a YAML file) or holds control characters, the snippet is the label's own line cut to
//! [`WINDOW_CHARS`] characters on each side of it, `…` where it was cut, its controls shown
//! as pictures (`␛`), with the true line and column in its header; the message, help and label
//! texts have their controls shown the same way, and are cut past [`TEXT_CHARS`] characters. So an error answer stays small however long
//! the line (miette's own renderer also panics past column 65 535), and in colour (a terminal,
//! `--color always`) nothing from the input reaches the terminal as an escape: the only
//! escapes left are miette's colours. Other diagnostics render as miette renders them.

use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents,
    SourceSpan, SpanContents,
};

/// The handler every command uses: colour only where asked (a terminal), no cause chain (the
/// messages carry their reasons in Chinese).
pub fn handler(colour: bool) -> GraphicalReportHandler {
    if colour {
        COLOURED.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    GraphicalReportHandler::new_themed(if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    })
    .without_cause_chain()
    // a terminal wraps long lines itself; miette's wrap (200 columns by default) cuts a command
    // line in two
    .with_width(1000)
}

/// `d` rendered by [`handler`], appended to `out`.
pub fn render_into(out: &mut String, handler: &GraphicalReportHandler, d: &dyn Diagnostic) {
    let mut text = String::new();
    // writing into a String cannot fail
    // the source cut to a window around each label (main's `Bounded`), and a label still past
    // what miette can pad to shown without its snippet
    let bounded = Bounded::new(d);
    match far_label(&bounded) {
        None => {
            let _ = handler.render_report(&mut text, &bounded);
        }
        // miette pads up to a label with `{:width$}`, which panics past 65 535 columns: such a
        // diagnostic is shown without its snippet, its place given in words
        Some(place) => {
            let _ = handler.render_report(&mut text, &Unplaced(&bounded));
            text.push_str(&format!("  位置：{place}（这一行太长，不显示原文）\n"));
        }
    }
    let text = chinese_labels(&text);
    // without colour the report has no escape of its own: a control character from the input
    // (in a snippet or a message) is shown visibly, never sent to the terminal
    if handler_is_plain(handler) {
        out.push_str(&String::from_utf8_lossy(&visible(text.as_bytes())));
    } else {
        out.push_str(&text);
    }
}

/// Columns into its line past which a label is not drawn (miette's padding before a label is a
/// format width, at most 65 535).
const FAR_COLUMN: usize = 60_000;

/// Where the first label of `d` (or of a diagnostic related to it) that starts more than
/// [`FAR_COLUMN`] bytes into its line is (`名称 第 L 行第 C 列`), if one does.
fn far_label(d: &dyn Diagnostic) -> Option<String> {
    let mine = d.source_code().zip(d.labels()).and_then(|(src, labels)| {
        labels.into_iter().find_map(|l| {
            // the lines miette is given (one of context each side, as the handler asks) and the
            // label's offset into its own line among them, as miette measures it
            let lines = src.read_span(l.inner(), 1, 1).ok()?;
            let data = lines.data();
            let at = l
                .offset()
                .checked_sub(lines.span().offset())?
                .min(data.len());
            let line_start = data[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = at - line_start;
            let line = lines.line() + data[..at].iter().filter(|&&b| b == b'\n').count();
            (column > FAR_COLUMN).then(|| {
                format!(
                    "{}第 {} 行第 {} 字节",
                    lines.name().map(|n| format!("{n} ")).unwrap_or_default(),
                    line + 1,
                    column + 1
                )
            })
        })
    });
    mine.or_else(|| d.related()?.find_map(far_label))
}

/// A diagnostic shown without its source and labels (everything else as it is).
struct Unplaced<'a>(&'a dyn Diagnostic);

impl std::fmt::Debug for Unplaced<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl std::fmt::Display for Unplaced<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for Unplaced<'_> {}

impl Diagnostic for Unplaced<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }
}

/// Whether the process's handlers write no colour (then every escape in a report came from
/// the input, and all are shown visibly). Once a coloured handler is made (a terminal), the
/// report's escapes are miette's: [`Bounded`] showed the input's before rendering.
fn handler_is_plain(_handler: &GraphicalReportHandler) -> bool {
    !COLOURED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Set once a coloured handler was made.
static COLOURED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `d` rendered as text (colour where asked).
pub fn render(d: &dyn Diagnostic, colour: bool) -> String {
    let mut out = String::new();
    render_into(&mut out, &handler(colour), d);
    out
}

/// miette's `  help: ` footer (plain, or inside colour codes) as `  帮助：`, the same width, so
/// the wrapped lines under it stay aligned.
fn chinese_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let line = &*cell_header(line);
        match line.find("help: ") {
            Some(at) if without_colour(&line[..at]) == "  " => {
                out.push_str(&line[..at]);
                out.push_str("帮助：");
                out.push_str(&line[at + "help: ".len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Marks the end of a source name that already names its cell (`t02.xlsx!Sheet1!D11`):
/// the header line then drops the `:row:column` miette adds after it.
pub(crate) const CELL_NAMED: char = '\u{E000}';

/// A header line `[t02.xlsx!Sheet1!D11\u{E000}:11:4]` as `[t02.xlsx!Sheet1!D11]` (colour codes
/// kept); any other line as it is.
fn cell_header(line: &str) -> std::borrow::Cow<'_, str> {
    let Some(at) = line.find(CELL_NAMED) else {
        return line.into();
    };
    let rest = &line[at + CELL_NAMED.len_utf8()..];
    let end = rest.find(['\x1b', ']']).unwrap_or(rest.len());
    format!("{}{}", &line[..at], &rest[end..]).into()
}

/// `text` without its colour codes (`ESC [ … m`).
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        match rest[at..].find('m') {
            Some(end) => rest = &rest[at + end + 1..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Characters of a long line kept on each side of a label.
pub const WINDOW_CHARS: usize = 80;
/// Bytes of a label's lines (with one line of context each side) above which its snippet is
/// cut to a window.
const LONG_SNIPPET: usize = 4096;
/// Longest label span kept in a window, in bytes.
const MAX_LABEL_BYTES: usize = 240;

/// Characters of a message, help or label text shown; the rest is cut, with `…`.
pub const TEXT_CHARS: usize = 2000;

/// `text` with its control characters shown ([`visible`]), cut to [`TEXT_CHARS`].
fn visible_str(text: &str) -> std::borrow::Cow<'_, str> {
    if let Some((at, _)) = text.char_indices().nth(TEXT_CHARS) {
        let cut = format!("{}…", &text[..at]);
        return std::borrow::Cow::Owned(controls_shown(&cut).into_owned());
    }
    controls_shown(text)
}

/// `text` with its control characters shown ([`visible`]).
fn controls_shown(text: &str) -> std::borrow::Cow<'_, str> {
    match visible(text.as_bytes()) {
        std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(text),
        std::borrow::Cow::Owned(v) => std::borrow::Cow::Owned(String::from_utf8_lossy(&v).into()),
    }
}

/// Whether `bytes` hold a control character [`visible`] would show.
fn has_controls(bytes: &[u8]) -> bool {
    matches!(visible(bytes), std::borrow::Cow::Owned(_))
}

/// A diagnostic as it is rendered: its texts with their controls shown, and, where a label's
/// line is long or holds controls, its snippet cut to a window around the first label
/// ([`Snippet`]): every other label that starts inside the window is shown in it too, and the
/// first label's text says how many are outside it (they are not shown). See the module doc.
pub struct Bounded<'a> {
    inner: &'a dyn Diagnostic,
    /// The window and the labels in it (the first label first); `None` where the
    /// diagnostic's own source is shown.
    window: Option<(Snippet, Vec<LabeledSpan>)>,
}

impl<'a> Bounded<'a> {
    pub fn new(inner: &'a dyn Diagnostic) -> Self {
        let window = inner.source_code().and_then(|src| {
            let labels: Vec<LabeledSpan> = inner.labels()?.collect();
            let needs = labels.iter().any(|l| {
                src.read_span(l.inner(), 1, 1)
                    .is_ok_and(|c| c.data().len() > LONG_SNIPPET || has_controls(c.data()))
            });
            if !needs {
                return None;
            }
            let first = labels
                .iter()
                .position(|l| l.primary())
                .or((!labels.is_empty()).then_some(0))?;
            let others: Vec<LabeledSpan> = labels
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != first)
                .map(|(_, l)| l.clone())
                .collect();
            Snippet::around(src, &labels[first], &others)
        });
        Bounded { inner, window }
    }
}

impl std::fmt::Debug for Bounded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.inner, f)
    }
}

impl std::fmt::Display for Bounded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&visible_str(&self.inner.to_string()))
    }
}

impl std::error::Error for Bounded<'_> {}

/// Shown with its controls made visible.
fn shown<'b>(
    d: Option<Box<dyn std::fmt::Display + 'b>>,
) -> Option<Box<dyn std::fmt::Display + 'b>> {
    d.map(|d| Box::new(visible_str(&d.to_string()).into_owned()) as Box<dyn std::fmt::Display>)
}

impl Diagnostic for Bounded<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        shown(self.inner.help())
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.url()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        match &self.window {
            Some((snippet, _)) => Some(snippet),
            None => self.inner.source_code(),
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels: Vec<LabeledSpan> = match &self.window {
            Some((_, labels)) => labels.clone(),
            None => self.inner.labels()?.collect(),
        };
        Some(Box::new(labels.into_iter().map(|l| {
            let text = l.label().map(|t| visible_str(t).into_owned());
            if l.primary() {
                LabeledSpan::new_primary_with_span(text, *l.inner())
            } else {
                LabeledSpan::new_with_span(text, *l.inner())
            }
        })))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        self.inner.related()
    }
    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.inner.diagnostic_source()
    }
}

/// One line of a source around a label, cut and with its controls shown: where it starts in
/// the whole source, for miette's header.
#[derive(Debug)]
pub struct Snippet {
    name: Option<String>,
    text: String,
    /// 0-based line of the label in the whole source.
    line: usize,
    /// miette's column of the label in the whole source.
    column: usize,
}

impl Snippet {
    /// The window around `label` in `src`, and the labels moved into it: `label` first, then
    /// each of `others` that starts inside the window (cut at its end); where some of `others`
    /// do not, `label`'s text says how many.
    fn around(
        src: &dyn miette::SourceCode,
        label: &LabeledSpan,
        others: &[LabeledSpan],
    ) -> Option<(Snippet, Vec<LabeledSpan>)> {
        let span = label.inner();
        let at = src.read_span(span, 0, 0).ok()?;
        let ctx = src.read_span(span, 1, 1).ok()?;
        let data = ctx.data();
        let rel = span
            .offset()
            .checked_sub(ctx.span().offset())?
            .min(data.len());
        let end = (rel + span.len().min(MAX_LABEL_BYTES)).min(data.len());
        let line_start = memchr::memrchr(b'\n', &data[..rel]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr2(b'\n', b'\r', &data[end..]).map_or(data.len(), |i| end + i);
        let back = |mut i: usize, n: usize, floor: usize| {
            for _ in 0..n {
                if i <= floor {
                    break;
                }
                i -= 1;
                while i > floor && (data[i] & 0xC0) == 0x80 {
                    i -= 1;
                }
            }
            i
        };
        let forward = |mut i: usize, n: usize, ceiling: usize| {
            for _ in 0..n {
                if i >= ceiling {
                    break;
                }
                i += 1;
                while i < ceiling && (data[i] & 0xC0) == 0x80 {
                    i += 1;
                }
            }
            i
        };
        let ws = back(rel, WINDOW_CHARS, line_start);
        let we = forward(end, WINDOW_CHARS, line_end);
        let lossy = |b: &[u8]| String::from_utf8_lossy(&visible(b)).into_owned();
        let mut text = String::new();
        if ws > line_start {
            text.push('…');
        }
        text.push_str(&lossy(&data[ws..rel]));
        let label_at = text.len();
        text.push_str(&lossy(&data[rel..end]));
        let label_len = text.len() - label_at;
        text.push_str(&lossy(&data[end..we]));
        if we < line_end {
            text.push('…');
        }
        // the other labels that start in the window, placed as the text before them is shown
        let prefix = if ws > line_start { '…'.len_utf8() } else { 0 };
        let base = ctx.span().offset();
        let mut moved_others = Vec::new();
        let mut outside = 0usize;
        for other in others {
            let o = other.inner();
            match o.offset().checked_sub(base) {
                Some(r) if r >= ws && r < we && starts_char(data, r) => {
                    let e = (r + o.len()).min(we);
                    let e = if starts_char(data, e) { e } else { r };
                    let at = prefix + lossy(&data[ws..r]).len();
                    let len = lossy(&data[r..e]).len();
                    let text = other.label().map(str::to_owned);
                    let span = SourceSpan::new(at.into(), len);
                    moved_others.push(if other.primary() {
                        LabeledSpan::new_primary_with_span(text, span)
                    } else {
                        LabeledSpan::new_with_span(text, span)
                    });
                }
                _ => outside += 1,
            }
        }
        let text_of_first = match (label.label(), outside) {
            (text, 0) => text.map(str::to_owned),
            (Some(text), n) => Some(format!("{text}（另有 {n} 处标注不在此片段中）")),
            (None, n) => Some(format!("另有 {n} 处标注不在此片段中")),
        };
        let moved = LabeledSpan::new_primary_with_span(
            text_of_first,
            SourceSpan::new(label_at.into(), label_len),
        );
        let mut labels = vec![moved];
        labels.extend(moved_others);
        Some((
            Snippet {
                name: at.name().map(str::to_owned),
                text,
                line: at.line(),
                column: at.column(),
            },
            labels,
        ))
    }
}

/// Whether byte `i` of UTF-8 `bytes` starts a character (or is their end).
fn starts_char(bytes: &[u8], i: usize) -> bool {
    i == bytes.len() || bytes.get(i).is_some_and(|&b| (b & 0xC0) != 0x80)
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let context = (context_lines_before, context_lines_after);
        read_window(&self.text, self.name.as_deref(), span, context, |inner| {
            // one line: the label's own line and column unless miette asks for context
            let column = if context_lines_before == 0 {
                self.column
            } else {
                inner.column()
            };
            (self.line, column)
        })
    }
}

/// A span of a window — text cut from a larger source, an error's [`Snippet`] or a finding's
/// excerpt — read as miette reads any text, then told as standing in the whole source: under
/// `name`, at the line and column `place` gives from miette's reading of the window. The one
/// `read_span` both windows share.
pub(crate) fn read_window<'a>(
    text: &'a str,
    name: Option<&str>,
    span: &SourceSpan,
    (before, after): (usize, usize),
    place: impl FnOnce(&dyn SpanContents<'a>) -> (usize, usize),
) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
    let inner = miette::SourceCode::read_span(text, span, before, after)?;
    let (line, column) = place(&*inner);
    let (data, span, lines) = (inner.data(), *inner.span(), inner.line_count());
    Ok(Box::new(match name {
        Some(name) => {
            MietteSpanContents::new_named(name.to_owned(), data, span, line, column, lines)
        }
        None => MietteSpanContents::new(data, span, line, column, lines),
    }))
}

/// Why an input or output failed, in Chinese (the error's kind; the system's own words, in
/// English, only for a kind named here by none).
pub fn io_reason(e: &io::Error) -> String {
    if cfg!(windows)
        && let Some(reason) = windows_reason(e.kind(), e.raw_os_error())
    {
        return reason.to_owned();
    }
    use io::ErrorKind::*;
    let reason = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有读写权限",
        AlreadyExists => "文件已存在",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一段不是文件夹",
        InvalidData => "内容无效",
        InvalidInput => "参数无效",
        UnexpectedEof => "文件意外结束（可能不完整）",
        BrokenPipe => "输出管道已关闭",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "文件系统只读",
        FileTooLarge => "文件太大",
        TimedOut => "超时",
        AddrInUse => "端口已被占用",
        AddrNotAvailable => "地址不可用",
        Interrupted => "被中断",
        OutOfMemory => "内存不足",
        _ => return format!("读写出错（{e}）"),
    };
    reason.to_owned()
}

/// On Windows a file open in Excel or WPS cannot be replaced nor written (a sharing violation,
/// 32 or 33, or access denied): the likely cause is said with the way out.
fn windows_reason(kind: io::ErrorKind, raw: Option<i32>) -> Option<&'static str> {
    const SHARING_VIOLATION: i32 = 32;
    const LOCK_VIOLATION: i32 = 33;
    match raw {
        Some(SHARING_VIOLATION | LOCK_VIOLATION) => {
            Some("文件正被其他程序（如 Excel 或 WPS）打开；请先关闭它再运行")
        }
        _ if kind == io::ErrorKind::PermissionDenied => {
            Some("没有读写权限（若文件正在 Excel 或 WPS 中打开，请先关闭它再运行）")
        }
        _ => None,
    }
}

/// `buf` with its control characters (C0 but tab, line feed and carriage return; DEL) shown as
/// their pictures (ESC as `␛`, BEL as `␇`), and C1 controls (U+0080–U+009F, which some terminals
/// take as CSI and OSC) as `\u{9b}`: text from a table must not set a terminal's title, clear
/// its screen, hide text or write its clipboard (OSC 52). Byte by byte, so a buffer cut anywhere
/// converts the same (a C1 control is two bytes, `C2 80`–`C2 9F`: written whole, as a `str`
/// always holds it); UTF-8 never uses these bytes inside another character.
///
/// A carriage return followed by anything but a line feed is shown too (`␍`): on a terminal
/// it sends the cursor back to the line's start, and the text after it overwrites what the
/// line showed (a zip entry named `a\r全部达标…` over a report's heading, the seventh probe).
/// A CRLF line end stays, and so does a CR that ends the buffer (the next may start with the
/// LF: [`crate::cli`]'s outputs hold such a CR back until they know).
pub fn visible(buf: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bad = |i: usize| {
        let b = buf[i];
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7F
            || (b == b'\r' && buf.get(i + 1).is_some_and(|&n| n != b'\n'))
    };
    let c1 = |i: usize| buf[i] == 0xC2 && buf.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b));
    let shown = |i: usize| {
        let b = buf[i];
        (b < 0x20 && b != b'\t' && b != b'\n' && bad(i)) || b == 0x7F || (b == 0xC2 && c1(i))
    };
    if !any_in_chunks(buf, shown) {
        return std::borrow::Cow::Borrowed(buf);
    }
    let mut out = Vec::with_capacity(buf.len() + 16);
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        if bad(i) {
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
        } else if b == 0xC2 && c1(i) {
            out.extend_from_slice(format!("\\u{{{:x}}}", buf[i + 1]).as_bytes());
            i += 1;
        } else {
            out.push(b);
        }
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `shown` holds at some index of `buf`, where it can only hold at a byte below
/// 0x20 (not a line feed or a tab), a DEL or a 0xC2: sixteen bytes at a time, each chunk with one of those asked byte by
/// byte (a report's text is mostly without: one look a chunk instead of a closure a byte,
/// which was a fifth of a streamed CSV report's instructions).
fn any_in_chunks(buf: &[u8], shown: impl Fn(usize) -> bool) -> bool {
    const CHUNK: usize = 16;
    let mut chunks = buf.chunks_exact(CHUNK);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        // a line feed or a tab is never shown: a text of short lines (JSON, a review) would
        // otherwise send nearly every chunk to the exact test, byte by byte
        let maybe = chunk.iter().fold(false, |any, &b| {
            any | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7F) | (b == 0xC2)
        });
        if maybe && (at..at + CHUNK).any(&shown) {
            return true;
        }
        at += CHUNK;
    }
    (at..buf.len()).any(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_looked_at_in_chunks_as_byte_by_byte() {
        // the exact test, byte by byte, as `visible` asked it before looking in chunks
        let by_byte = |buf: &[u8]| {
            (0..buf.len()).any(|i| {
                let b = buf[i];
                (b < 0x20
                    && !matches!(b, b'\t' | b'\n')
                    && (b != b'\r' || buf.get(i + 1).is_some_and(|&n| n != b'\n')))
                    || b == 0x7F
                    || (b == 0xC2 && buf.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
            })
        };
        let marks: [&[u8]; 12] = [
            b"\x01",
            b"\x1b",
            b"\r",
            b"\rx",
            b"\r\n",
            b"\t",
            b"\n",
            b"\x7f",
            b"\xc2\x85",
            b"\xc2\xa0",
            b"\xc2",
            b" ",
        ];
        for len in 0..48 {
            for filler in [&b"a"[..], "中".as_bytes()] {
                let text: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
                for mark in marks {
                    for at in 0..=len {
                        let mut buf = text.clone();
                        buf.splice(at..at, mark.iter().copied());
                        let owned = matches!(visible(&buf), std::borrow::Cow::Owned(_));
                        assert_eq!(owned, by_byte(&buf), "{buf:?}");
                    }
                }
            }
        }
    }

    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("无法读取 x.tsv：{}", io_reason(.0))]
    #[diagnostic(code("table.io"), help("检查文件路径和读取权限"))]
    struct Missing(#[source] io::Error);

    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("四处标注")]
    #[diagnostic(code("rules::yaml-syntax"))]
    struct FourLabels {
        #[source_code]
        src: miette::NamedSource<String>,
        #[label(primary, "甲在这里")]
        a: SourceSpan,
        #[label("乙在这里")]
        b: SourceSpan,
        #[label("丙在这里")]
        c: SourceSpan,
        #[label("丁在这里")]
        d: SourceSpan,
    }

    #[test]
    fn a_window_shows_every_label_in_it_and_counts_the_others() {
        // a 20,000-character line: 甲 at 10,000 and 乙 20 characters after it are in one window;
        // 丙 5,000 characters along and 丁 on the next line are not
        let line = format!(
            "{}甲{}乙{}丙{}",
            "x".repeat(10_000),
            "y".repeat(20),
            "z".repeat(5_000),
            "w".repeat(5_000)
        );
        let text = format!("{line}\n丁\n");
        let at = |c: &str| text.find(c).unwrap();
        let span = |c: &str| SourceSpan::new(at(c).into(), c.len());
        let e = FourLabels {
            src: miette::NamedSource::new("r.yaml", text.clone()),
            a: span("甲"),
            b: span("乙"),
            c: span("丙"),
            d: span("丁"),
        };
        let shown = render(&e, false);
        assert!(
            shown.contains("甲在这里（另有 2 处标注不在此片段中）"),
            "{shown}"
        );
        assert!(shown.contains("乙在这里"), "{shown}");
        assert!(
            !shown.contains("丙在这里") && !shown.contains("丁在这里"),
            "{shown}"
        );
        assert!(shown.len() < 2_000, "{}", shown.len());
        // one line of the source, cut on both sides
        let snippet = shown
            .lines()
            .find(|l| l.contains('甲') && l.contains('乙'))
            .unwrap();
        assert!(snippet.contains('…'), "{snippet}");
    }

    #[test]
    fn windows_names_a_workbook_open_in_excel() {
        use io::ErrorKind::*;
        let open = windows_reason(Other, Some(32)).unwrap();
        assert!(open.contains("Excel") && open.contains("关闭"), "{open}");
        assert_eq!(windows_reason(Other, Some(33)), Some(open));
        let denied = windows_reason(PermissionDenied, Some(5)).unwrap();
        assert!(
            denied.contains("权限") && denied.contains("Excel"),
            "{denied}"
        );
        // anything else keeps its ordinary reason
        assert_eq!(windows_reason(NotFound, Some(2)), None);
        assert_eq!(windows_reason(Other, None), None);
    }

    #[test]
    fn a_cell_named_header_drops_row_and_character() {
        let plain = format!("    ╭─[t.xlsx!Sheet1!D11{CELL_NAMED}:11:19]\n");
        assert_eq!(cell_header(&plain), "    ╭─[t.xlsx!Sheet1!D11]\n");
        // in colour the reset code after the position is kept
        let coloured = format!("╭─[\x1b[36mt.xlsx!表1!C7{CELL_NAMED}:7:3\x1b[0m]\n");
        assert_eq!(cell_header(&coloured), "╭─[\x1b[36mt.xlsx!表1!C7\x1b[0m]\n");
        // a text file's header keeps its line and column
        assert_eq!(cell_header("╭─[t.tsv:3:5]\n"), "╭─[t.tsv:3:5]\n");
    }

    #[test]
    fn the_footer_and_the_reason_are_chinese_in_colour_and_without() {
        let e = Missing(io::Error::from(io::ErrorKind::NotFound));
        for colour in [false, true] {
            let text = render(&e, colour);
            assert!(
                text.contains("无法读取 x.tsv：文件或文件夹不存在"),
                "{text}"
            );
            assert!(text.contains("帮助："), "{text}");
            for english in ["help:", "No such file", "os error"] {
                assert!(!text.contains(english), "{english} in {text:?}");
            }
        }
    }

    /// Every ESC of `out` starts a colour (`ESC [ digits ; … m`), and no BEL or C1 control is
    /// left: nothing else reaches the terminal.
    fn only_colours(out: &str) {
        let b = out.as_bytes();
        for (i, _) in out.match_indices('\u{1b}') {
            let rest = &b[i + 1..];
            let end = rest.iter().position(|&c| c == b'm');
            assert!(
                rest.first() == Some(&b'[')
                    && end.is_some_and(|e| rest[1..e]
                        .iter()
                        .all(|c| c.is_ascii_digit() || *c == b';')),
                "an escape that is no colour at {i}: {:?}",
                &out[i..(i + 12).min(out.len())]
            );
        }
        for c in ['\u{7}', '\u{9b}', '\u{9d}'] {
            assert!(!out.contains(c), "{c:?} in {out:?}");
        }
    }

    #[test]
    fn controls_from_an_input_never_reach_a_colour_terminal() {
        // an actuals file whose amount is an OSC (set the title), a BEL and a CSI that hides
        // text (YAML's own escapes): the message quotes the value
        let text = "projects:\n  - unit: a\n    project: x\n    spent: \"\\e]0;pwned\\a\\e[8mb\"\n";
        let e = crate::eval::actuals_file::ActualsFile::parse("a.yaml", text).unwrap_err();
        for colour in [true, false] {
            let out = render(&*e, colour);
            only_colours(&out);
            assert!(out.contains("␛]0;pwned␇␛[8mb"), "{out}");
        }
        // a finding of a table (its own snippet) whose message, label and help quote the input
        let src = crate::source::SourceText::new(
            "t.tsv",
            "合计\t1\n单位\tx\u{1b}]52;c;aGk=\u{7}\u{9b}2J\n",
            crate::source::InputFormat::Tsv,
            "UTF-8",
            None,
        );
        let at = src.locate(11..12);
        let f = crate::finding::Finding::at_location(
            crate::codes::BAD_AMOUNT,
            crate::finding::Severity::Error,
            &src,
            at,
            "「x\u{1b}]52;c;aGk=\u{7}」不是金额",
        )
        .label("这里\u{1b}[2J")
        .help("改成数字\u{9b}2J");
        let out = render(&f.diagnostic(&src), true);
        only_colours(&out);
        assert!(out.contains("x␛]52;c;aGk=␇\\u{9b}2J"), "{out}");
        assert!(out.contains("「x␛]52;c;aGk=␇」不是金额"), "{out}");
        assert!(
            out.contains("这里␛[2J") && out.contains("改成数字\\u{9b}2J"),
            "{out}"
        );
    }

    #[test]
    fn help_inside_a_message_is_left_alone() {
        assert_eq!(
            chinese_labels("  × see help: here\n"),
            "  × see help: here\n"
        );
        assert_eq!(chinese_labels("  help: 检查\n"), "  帮助：检查\n");
        assert_eq!(
            chinese_labels("\x1b[36m  help: \x1b[0m检查\n"),
            "\x1b[36m  帮助：\x1b[0m检查\n"
        );
    }
}
