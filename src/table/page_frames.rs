//! The documents in a web page's frames, for the page read ([`super::read_page`]): an
//! `<iframe srcdoc="…">` (the document in the attribute), an `<iframe src>` / `<frame src>`
//! naming a file saved beside the page (its folder on disk, as a browser's "网页，全部" saves
//! it) or a part of the same `.mhtml` (by its `Content-Location`). Their tables are read as the
//! page's own, after them, named `框架1·表格1`, and a note says where each came from; a frame
//! that points to the network, out of the page's folder, to a missing file, or that the page
//! hides is named with why, never fetched.
//!
//! **Bounds**: frames inside frames to [`MAX_DEPTH`] levels; [`MAX_FRAMES`] frames a page in
//! all; the files read count against [`limits::INPUT`](crate::limits::INPUT) with the page;
//! the cells of every frame's tables against [`limits::CELLS`](crate::limits::CELLS) with the
//! page's.

use crate::finding::{Finding, Severity, codes};
use crate::table::formats::html::{self, Frame, MAX_FRAMES, PageTable, StyleSource};
use crate::table::model::Document;
use crate::table::{ReadError, ReadOptions};

/// Frames inside frames read at most (a frame's document's frames are the second level).
pub(super) const MAX_DEPTH: u32 = 3;

/// What the frames of a page gave: their tables, where each frame read came from, the frames
/// not read with why, and what their documents say as the page's own would.
#[derive(Default)]
pub(super) struct Framed {
    pub tables: Vec<PageTable>,
    pub read: Vec<String>,
    pub unread: Vec<(String, &'static str)>,
    pub unread_styles: Vec<(String, &'static str)>,
    pub script_data: bool,
    /// A frame's page holds a form in a `<template>` (`html::PageTables::template_form`).
    pub template_form: bool,
}

/// What the frames may still take: the bytes of files and the cells left, the frames read so
/// far, and the `.mhtml`'s other pages.
pub(super) struct Reach<'p> {
    pub bytes_left: u64,
    pub cells_left: u64,
    pub frames: usize,
    pub parts: &'p [(String, Vec<u8>)],
    pub opts: &'p ReadOptions,
}

/// Reads `frames` (of a document at `depth`, 1 for the page) into `out`, each frame named
/// `prefix` + `框架N`.
pub(super) fn read(
    name: &str,
    frames: Vec<Frame>,
    more: usize,
    (source, depth, prefix): (&StyleSource, u32, &str),
    reach: &mut Reach<'_>,
    out: &mut Framed,
) -> Result<(), ReadError> {
    if more > 0 {
        out.unread.push((
            format!("{prefix}其余 {more} 个框架"),
            "一个网页的框架超过 16 个",
        ));
    }
    for (i, frame) in frames.into_iter().enumerate() {
        let label = format!("{prefix}框架{}", i + 1);
        let shown = |label: &str| match &frame.src {
            Some(src) if frame.doc.is_none() => {
                let src: String = src.trim().chars().take(120).collect();
                format!("{label}（src=\"{src}\"）")
            }
            _ => format!("{label}（srcdoc）"),
        };
        let why = if frame.hidden {
            Some("框架在网页中不显示")
        } else if depth > MAX_DEPTH {
            Some("框架套框架超过 3 层")
        } else if reach.frames >= MAX_FRAMES {
            Some("一个网页的框架超过 16 个")
        } else {
            None
        };
        if let Some(why) = why {
            out.unread.push((shown(&label), why));
            continue;
        }
        let (text, inner) = match document(name, &frame, source, reach) {
            Ok(got) => got,
            Err(why) => {
                out.unread.push((shown(&label), why));
                continue;
            }
        };
        reach.frames += 1;
        let page = html::read_page_tables_within(name, &text, &inner, reach.cells_left)?;
        drop(text);
        reach.cells_left = reach.cells_left.saturating_sub(page.cells);
        out.read.push(shown(&label));
        out.unread_styles.extend(page.unread_styles);
        out.script_data |= page.script_data;
        out.template_form |= page.template_form;
        for mut t in page.tables {
            t.sheet.name = format!("{label}·{}", t.sheet.name);
            out.tables.push(t);
        }
        let deeper = (&inner, depth + 1, format!("{label}·"));
        read(
            name,
            page.frames,
            page.frames_more,
            (deeper.0, deeper.1, &deeper.2),
            reach,
            out,
        )?;
    }
    Ok(())
}

/// A frame's document decoded, with where its own sheets and frames are read from; why not
/// where it is not read.
fn document(
    name: &str,
    frame: &Frame,
    source: &StyleSource,
    reach: &mut Reach<'_>,
) -> Result<(String, StyleSource), &'static str> {
    if let Some(doc) = &frame.doc {
        return Ok((doc.clone(), source.clone()));
    }
    let src = frame.src.as_deref().unwrap_or("");
    let (bytes, inner) = match html::part_at(reach.parts, src) {
        Some((_, bytes)) => (bytes.clone(), source.clone()),
        None => html::frame_file(source, src, reach.bytes_left)?,
    };
    reach.bytes_left = reach.bytes_left.saturating_sub(bytes.len() as u64);
    let (text, _) = html::decode_page(name, &bytes, reach.opts.encoding, None)
        .map_err(|_| "框架中的网页是空的或无法解码")?;
    Ok((text, inner))
}

/// The note beside the tables read that some came from frames, and the one naming the frames
/// not read (an info beside tables read: most such frames are maps, videos and share buttons
/// from the network; [`refusal`] where no table was read).
pub(super) fn note(doc: &mut Document, framed: &Framed) {
    if !framed.read.is_empty() {
        doc.findings.push(
            Finding::at_location(
                codes::PAGE_FRAME_READ,
                Severity::Info,
                &doc.source,
                super::PAGE_AT,
                format!(
                    "网页中的框架（iframe）里的网页也读取了，其中的表格名称以框架开头（如“框架1·表格1”）：{}",
                    listed(framed.read.iter().map(String::as_str))
                ),
            )
            .label("这个网页"),
        );
    }
    if !framed.unread.is_empty() {
        doc.findings.push(
            Finding::at_location(
                codes::TABLE_PAGE_FRAME,
                Severity::Info,
                &doc.source,
                super::PAGE_AT,
                format!(
                    "网页中的框架（iframe）没有读取：{}；其中如有表格，这里没有评价",
                    unread_named(&framed.unread)
                ),
            )
            .label("这个网页")
            .help(HELP),
        );
    }
}

/// How to proceed with a frame not read.
const HELP: &str = "在浏览器中打开框架中的网页（右键“在新标签页中打开框架”）另存后读取；或把网页连同“名称_files”文件夹一起保存后在命令行中读取（jixiao 不联网，不读网页所在文件夹之外的文件）";

/// The refusal of a page with no table read whose frames were not read.
pub(super) fn refusal(name: &str, framed: &Framed) -> ReadError {
    ReadError::PageFrame {
        name: name.into(),
        frames: unread_named(&framed.unread),
        help: HELP.into(),
    }
}

/// The frames not read, each with why, the first few.
fn unread_named(unread: &[(String, &'static str)]) -> String {
    listed(unread.iter().map(|(f, why)| format!("{f}：{why}")))
}

/// The first four of `items`, the rest counted.
fn listed<S: AsRef<str>>(items: impl ExactSizeIterator<Item = S>) -> String {
    let n = items.len();
    let mut out: Vec<String> = items.take(4).map(|s| s.as_ref().to_owned()).collect();
    if n > 4 {
        out.push(format!("等 {n} 个"));
    }
    out.join("；")
}
