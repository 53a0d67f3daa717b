//! Word documents (`.docx`): the body's tables as sheets of cells, the paragraphs around them
//! as one-cell rows, in document order.
//!
//! Owns reading `word/document.xml` (through the zip and quick-xml calamine already builds):
//! a table cell spanning columns (`gridSpan`) or continuing the cell above (`vMerge`) becomes a
//! merged range whose value is in its first cell, as a workbook's merges are; line breaks and
//! paragraphs inside a cell become `\n`. Each table is a sheet named `表格N` (its rows and
//! columns give cell names such as `B7`); the paragraphs between tables form sheets named
//! `段落`, one row a paragraph. The zip is unzipped within [`crate::limits::UNZIPPED`] first (by
//! `grid`), and cells count against [`crate::limits::CELLS`]. Nested tables are read as text of
//! the cell that holds them. Tables count against [`crate::limits::SHEETS`] as they close
//! (a `.doc`'s too, in [`to_sheets`]): each is a sheet, laid out on its own.

use std::io::{Cursor, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::SheetCells;
use crate::limits;
use crate::table::ReadError;

/// One table cell as Word stores it: its text, the grid columns it spans, and whether it
/// continues the cell above (`vMerge` without `restart`).
#[derive(Debug, Default)]
pub(super) struct WordCell {
    pub text: String,
    pub span: u32,
    pub continues: bool,
}

/// A merged range: first and last cell, 0-based `(row, column)`.
type Span = ((u32, u32), (u32, u32));

/// One body item (of a `.docx`, or of a `.doc` read by [`super::doc`]).
pub(super) enum Item {
    Paragraph(String),
    Table(Vec<(u32, Vec<WordCell>)>),
}

/// Reads the body of a Word document into sheets (see the module docs).
pub(crate) fn read_sheets(name: &str, bytes: &[u8]) -> Result<Vec<SheetCells>, ReadError> {
    let not_docx = || ReadError::Document {
        name: name.into(),
        why: "找不到 word/document.xml".into(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_docx())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| not_docx())?
        .take(limits::UNZIPPED.get())
        .read_to_string(&mut xml)
        .map_err(|e| ReadError::Document {
            name: name.into(),
            why: format!("word/document.xml 无法读取：{e}"),
        })?;
    let items = body_items(name, &xml)?;
    if !items.iter().any(|i| matches!(i, Item::Table(_))) {
        return Err(ReadError::Document {
            name: name.into(),
            why: "文档中没有表格（表单应是 Word 表格）".into(),
        });
    }
    to_sheets(name, items)
}

/// The sheets of the body items: tables as `表格N`, runs of paragraphs as `段落`.
pub(super) fn to_sheets(name: &str, items: Vec<Item>) -> Result<Vec<SheetCells>, ReadError> {
    let max = limits::CELLS.get();
    let mut count: u64 = 0;
    let mut sheets: Vec<SheetCells> = Vec::new();
    let mut tables: u64 = 0;
    let mut paragraph = 0u32;
    let too_many = |count: &mut u64| {
        *count += 1;
        if *count > max {
            return Err(ReadError::TooManyCells {
                name: name.into(),
                cells: *count,
                max: limits::CELLS.shown(),
                help: limits::CELLS.help(),
            });
        }
        Ok(())
    };
    for item in items {
        match item {
            Item::Paragraph(text) => {
                paragraph += 1;
                // an empty paragraph (`<w:p/>`, 6 bytes) counts like any other
                too_many(&mut count)?;
                if text.trim().is_empty() {
                    continue;
                }
                match sheets.last_mut() {
                    Some(s) if s.name == "段落" => s.cells.push(((paragraph - 1, 0), text)),
                    _ => sheets.push(SheetCells {
                        name: "段落".into(),
                        cells: vec![((paragraph - 1, 0), text)],
                        merges: Vec::new(),
                        ..Default::default()
                    }),
                }
            }
            Item::Table(rows) => {
                tables += 1;
                super::check_sheets(name, "的正文中的表格", tables)?;
                let mut sheet = SheetCells {
                    name: format!("表格{tables}"),
                    cells: Vec::new(),
                    merges: Vec::new(),
                    ..Default::default()
                };
                // the open vertical merge of each column: its first row and the columns its
                // first cell spans to the right (indexed by column: closing one is O(1))
                let mut open: Vec<Option<(u32, u32)>> = Vec::new();
                let last_row = rows.len() as u32;
                let max_columns = limits::COLUMNS.get_usize();
                // the columns with a cell that may continue below
                let mut opened = std::collections::BTreeSet::new();
                for (r, (before, cells)) in rows.into_iter().enumerate() {
                    let r = r as u32;
                    let mut col = before;
                    // the columns a cell of this row starts in (continuing a merge or not)
                    let mut seen: Vec<u32> = Vec::new();
                    for cell in cells {
                        let span = cell.span.max(1);
                        let c = col;
                        col = col.saturating_add(span);
                        if col as usize > max_columns {
                            return Err(ReadError::TooManyColumns {
                                name: name.into(),
                                line: r as usize + 1,
                                columns: col as usize,
                                max: limits::COLUMNS.shown(),
                                help: limits::COLUMNS.help(),
                            });
                        }
                        if open.len() < col as usize {
                            open.resize(col as usize, None);
                        }
                        // in increasing order: searched by halves below
                        seen.push(c);
                        // every cell counts, empty or continuing a merge
                        too_many(&mut count)?;
                        if cell.continues {
                            continue;
                        }
                        close(&mut open, &mut sheet.merges, c, r);
                        open[c as usize] = Some((r, span - 1));
                        opened.insert(c);
                        if !cell.text.trim().is_empty() {
                            sheet.cells.push(((r, c), cell.text));
                        }
                    }
                    // a column no cell of this row starts in ends its vertical merge
                    let ended: Vec<u32> = opened
                        .iter()
                        .copied()
                        .filter(|c| seen.binary_search(c).is_err())
                        .collect();
                    for c in ended {
                        close(&mut open, &mut sheet.merges, c, r);
                        opened.remove(&c);
                    }
                }
                for c in opened {
                    close(&mut open, &mut sheet.merges, c, last_row);
                }
                sheets.push(sheet);
            }
        }
    }
    Ok(sheets)
}

/// Ends the merge open in column `c` before row `r`: the rows from its first to `r - 1`, as
/// wide as its first cell spanned (a merge of one cell is none). Constant time: the open
/// merge is found by its column, never searched for among the merges before it.
fn close(open: &mut [Option<(u32, u32)>], merges: &mut Vec<Span>, c: u32, r: u32) {
    if let Some((start, width)) = open.get_mut(c as usize).and_then(Option::take) {
        let last = if r > start + 1 { r - 1 } else { start };
        if last > start || width > 0 {
            merges.push(((start, c), (last, c + width)));
        }
    }
}

/// The body's paragraphs and tables in order. Every paragraph and every table cell counts
/// against [`limits::CELLS`] as it is read, so a body of millions of `<w:p/>` (6 bytes each,
/// an item of 32) stops at the limit, before the items are held.
fn body_items(name: &str, xml: &str) -> Result<Vec<Item>, ReadError> {
    let mut reader = XmlReader::from_str(xml);
    let mut items = Vec::new();
    let max = limits::CELLS.get();
    let mut count: u64 = 0;
    let mut one_more = || {
        count += 1;
        if count > max {
            return Err(ReadError::TooManyCells {
                name: name.into(),
                cells: count,
                max: limits::CELLS.shown(),
                help: limits::CELLS.help(),
            });
        }
        Ok(())
    };
    // nesting: how deep in tables, and the outer table being built
    let mut table_depth = 0u32;
    let mut tables: u64 = 0;
    let mut rows: Vec<(u32, Vec<WordCell>)> = Vec::new();
    let mut cell: Option<WordCell> = None;
    let mut paragraph = String::new();
    let mut in_paragraph = false;
    let mut in_text = false;
    let mut cell_paragraphs = 0u32;
    loop {
        let event = reader.read_event().map_err(|e| ReadError::Document {
            name: name.into(),
            why: format!(
                "word/document.xml 第 {} 字节处不是有效的 XML：{e}",
                reader.buffer_position()
            ),
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "tbl" if !empty => {
                        table_depth += 1;
                        if table_depth == 1 {
                            rows.clear();
                        }
                    }
                    "tr" if table_depth == 1 && !empty => {
                        // a row of no cells counts too (`<w:tr></w:tr>` is 13 bytes)
                        one_more()?;
                        rows.push((0, Vec::new()))
                    }
                    "gridBefore" if table_depth == 1 => {
                        if let Some(row) = rows.last_mut() {
                            row.0 = attr_u32(e, "val").unwrap_or(0);
                        }
                    }
                    "tc" if table_depth == 1 && !empty => {
                        cell = Some(WordCell {
                            span: 1,
                            ..WordCell::default()
                        });
                        cell_paragraphs = 0;
                    }
                    "gridSpan" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.span = attr_u32(e, "val").unwrap_or(1).clamp(1, 1000);
                        }
                    }
                    "vMerge" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.continues = attr(e, "val").is_none_or(|v| v != "restart");
                        }
                    }
                    "p" => {
                        if table_depth == 0 && empty {
                            one_more()?;
                            items.push(Item::Paragraph(String::new()));
                        } else if table_depth == 0 {
                            in_paragraph = true;
                            paragraph.clear();
                        } else if let Some(c) = cell.as_mut() {
                            if cell_paragraphs > 0 {
                                c.text.push('\n');
                            }
                            cell_paragraphs += 1;
                        }
                    }
                    "t" => in_text = !empty,
                    "br" | "cr" => push_text(&mut cell, &mut paragraph, table_depth, "\n"),
                    "tab" => push_text(&mut cell, &mut paragraph, table_depth, "\t"),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" if table_depth == 0 && in_paragraph => {
                    one_more()?;
                    in_paragraph = false;
                    items.push(Item::Paragraph(std::mem::take(&mut paragraph)));
                }
                "tc" if table_depth == 1 => {
                    one_more()?;
                    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                        row.1.push(c);
                    }
                }
                "tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        tables += 1;
                        super::check_sheets(name, "的正文中的表格", tables)?;
                        items.push(Item::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                push_text(&mut cell, &mut paragraph, table_depth, &text);
            }
            Event::GeneralRef(r) if in_text => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = ch {
                    push_text(
                        &mut cell,
                        &mut paragraph,
                        table_depth,
                        c.encode_utf8(&mut [0; 4]),
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(items)
}

/// Appends text to the open table cell, else to the body paragraph.
fn push_text(cell: &mut Option<WordCell>, paragraph: &mut String, depth: u32, text: &str) {
    match cell.as_mut() {
        Some(c) if depth >= 1 => c.text.push_str(text),
        _ => paragraph.push_str(text),
    }
}

/// An attribute's value by local name (`w:val` is `val`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

fn attr_u32(e: &BytesStart, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// The Word format (`.docx`): a zip holding `word/document.xml` and no `xl/workbook.xml`.
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[super::Ending::listed(
        "docx",
        Some(crate::table::InputFormat::Docx),
        3,
    )],
    what: "Word 文档",
    claims: |peek| peek.sniffed == super::Sniffed::Zip && is_docx(peek),
    // the zip is unzipped within its limit first, then read as the parts it holds say
    read: |input| {
        crate::table::grid::from_workbook(input.name, input.bytes, input.opts.sheet.as_deref())
            .map(super::Read::Grid)
    },
};

/// Whether a zip is a Word document: `word/document.xml` and no workbook part.
pub(crate) fn is_docx(peek: &super::Peek<'_>) -> bool {
    peek.zip_has("word/document.xml") && !peek.zip_has("xl/workbook.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn sheets(body: &str) -> Vec<SheetCells> {
        let xml = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        to_sheets("t.docx", body_items("t.docx", &xml).unwrap()).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn paragraphs_and_tables_in_order_with_spans_and_vertical_merges() {
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>{}",
            p("2022年度项目支出绩效自评表"),
            tc(r#"<w:vMerge w:val="restart"/>"#, "项目资金"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "年初预算数"),
            tc("<w:vMerge/>", ""),
            tc("", "a &amp; b"),
            tc("", "2"),
            tc("<w:vMerge/>", ""),
            tc("", "3"),
            tc("", "4"),
            p("注"),
        );
        let s = sheets(&body);
        let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["段落", "表格1", "段落"]);
        assert_eq!(
            s[0].cells,
            vec![((0, 0), "2022年度项目支出绩效自评表".into())]
        );
        let t = &s[1];
        assert_eq!(
            t.cells,
            vec![
                ((0, 0), "项目资金".to_string()),
                ((0, 1), "年初预算数".to_string()),
                ((1, 1), "a & b".to_string()),
                ((1, 2), "2".to_string()),
                ((2, 1), "3".to_string()),
                ((2, 2), "4".to_string()),
            ]
        );
        let mut merges = t.merges.clone();
        merges.sort();
        assert_eq!(merges, vec![((0, 0), (2, 0)), ((0, 1), (0, 2))]);
        assert_eq!(s[2].cells, vec![((1, 0), "注".into())]);
    }

    #[test]
    fn breaks_and_paragraphs_inside_a_cell_are_line_breaks() {
        let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>年度</w:t><w:br/><w:t>总体</w:t></w:r></w:p><w:p><w:r><w:t>目标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let s = sheets(body);
        assert_eq!(s[0].cells, vec![((0, 0), "年度\n总体\n目标".into())]);
    }

    #[test]
    fn bad_xml_is_an_error_not_a_panic() {
        assert!(body_items("t.docx", "<w:document><w:body><w:p></w:body>").is_err());
    }
}
