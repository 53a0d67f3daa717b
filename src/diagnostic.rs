//! How every diagnostic is shown: miette's graphical report (file, line, column, the label under
//! the exact characters) in Chinese. miette writes its footer label as `help:`; [`render`] writes
//! `帮助：` in its place. The operating system's reasons (`No such file or directory (os error
//! 2)`) are English: the errors of this crate put them into Chinese with [`io_reason`] in their
//! own message, and the cause chain, which would repeat them in English, is not printed.

use std::io;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

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
    let _ = handler.render_report(&mut text, d);
    let text = chinese_labels(&text);
    // without colour the report has no escape of its own: a control character from the input
    // (in a snippet or a message) is shown visibly, never sent to the terminal
    if handler_is_plain(handler) {
        out.push_str(&String::from_utf8_lossy(&visible(text.as_bytes())));
    } else {
        out.push_str(&text);
    }
}

/// Whether the process's handlers write no colour (then every escape in a report came from
/// the input). Once a coloured handler is made (a terminal), reports are written as they are:
/// telling miette's own escapes from the input's is not done yet.
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
pub fn visible(buf: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bad = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F;
    let c1 = |i: usize| buf[i] == 0xC2 && buf.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b));
    if !buf
        .iter()
        .enumerate()
        .any(|(i, &b)| bad(b) || (b == 0xC2 && c1(i)))
    {
        return std::borrow::Cow::Borrowed(buf);
    }
    let mut out = Vec::with_capacity(buf.len() + 16);
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("无法读取 x.tsv：{}", io_reason(.0))]
    #[diagnostic(code("table.io"), help("检查文件路径和读取权限"))]
    struct Missing(#[source] io::Error);

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
