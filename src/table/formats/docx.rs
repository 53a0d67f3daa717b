//! Word documents (`.docx`): the body's tables as sheets of cells, the paragraphs around them
//! as one-cell rows, in document order.
//!
//! Owns reading `word/document.xml` (through the zip and quick-xml calamine already builds):
//! a table cell spanning columns (`gridSpan`) or continuing the cell above (`vMerge`) becomes a
//! merged range whose value is in its first cell, as a workbook's merges are; line breaks and
//! paragraphs inside a cell become `\n`. Text is read as Word shows it with its changes
//! accepted: a tracked deletion or a tracked move's source (`w:del`, `w:moveFrom`), hidden text
//! (`w:vanish`), a text box's fallback copy (`mc:Fallback`) and a content control showing its
//! placeholder (`w:showingPlcHdr`) are not read. Each table is a sheet named `表格N` (its rows and
//! columns give cell names such as `B7`); the paragraphs between tables form sheets named
//! `段落`, one row a paragraph. The zip is unzipped within [`crate::limits::UNZIPPED`] first (by
//! `grid`), and cells count against [`crate::limits::CELLS`]. Nested tables are read as text of
//! the cell that holds them. Tables count against [`crate::limits::SHEETS`] as they close
//! (a `.doc`'s too, in [`to_sheets`]): each is a sheet, laid out on its own.
//!
//! **Memory**: `word/document.xml` is read as it is unzipped, never held whole. A table is
//! held flat ([`WordTable`]: its cells' text in one string, 8 bytes a cell, 8 a row), so an
//! empty cell costs 8 bytes, and a run of empty paragraphs is one count ([`Item::Blank`]): a
//! body of empty items stays a few times its size up to the cell limit (a `.doc`'s cell mark
//! is one byte; held as a `String` in a row of its own it was ~100).

use std::io::{Cursor, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::SheetCells;
use super::number_format::CellNote;
use crate::limits;
use crate::table::ReadError;

/// One table of a Word document, flat: every cell's text in one string and 8 bytes a cell,
/// 8 a row, so that an empty cell (a one-byte mark in a `.doc`, `<w:tc/>` in a `.docx`) holds
/// no text of its own. A cell's text runs from the previous cell's end (the table's start for
/// the first) to its own.
#[derive(Debug, Default)]
pub(super) struct WordTable {
    text: String,
    cells: Vec<TableCell>,
    /// The cells (indices in `cells`) holding a formula field whose result was never updated
    /// ([`Field`]), in order.
    no_value: Vec<u32>,
    /// Each row: the grid columns before its first cell (`gridBefore`), and its first cell's
    /// index in `cells` (the row's cells run to the next row's first).
    rows: Vec<(u32, u32)>,
}

/// One cell of a [`WordTable`]: where its text ends in the table's text, and in `info` the grid
/// columns it spans ([`SPAN`] bits), whether it continues the merge above ([`CONTINUES`]:
/// `vMerge` without `restart`), and whether it is left out ([`SKIP`]: an old-style horizontal
/// merge of a `.doc`, already added to the cell before it).
#[derive(Debug, Clone, Copy)]
pub(super) struct TableCell {
    end: u32,
    info: u32,
}

const SPAN: u32 = (1 << 30) - 1;
const CONTINUES: u32 = 1 << 30;
const SKIP: u32 = 1 << 31;

impl TableCell {
    fn span(self) -> u32 {
        (self.info & SPAN).max(1)
    }
}

impl WordTable {
    /// The table's text so far: cells are written into it, then closed by [`WordTable::cell`].
    pub(super) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }

    /// Starts a row of `before` empty grid columns.
    pub(super) fn row(&mut self, before: u32) {
        self.rows.push((before, self.cells.len() as u32));
    }

    /// Whether the table has a row.
    pub(super) fn has_row(&self) -> bool {
        !self.rows.is_empty()
    }

    /// Sets the last row's `before` (`gridBefore`, read after its row opened).
    pub(super) fn set_before(&mut self, before: u32) {
        if let Some(row) = self.rows.last_mut() {
            row.0 = before;
        }
    }

    /// Cells in the last row.
    pub(super) fn cells_in_last_row(&self) -> usize {
        self.rows
            .last()
            .map_or(0, |r| self.cells.len() - r.1 as usize)
    }

    /// Closes the cell whose text is the table's text since the last cell: it spans `span`
    /// columns and may continue the merge above. Its text must end within 4 GB of the table's
    /// start (`Err` past it: the caller names the document).
    pub(super) fn cell(&mut self, span: u32, continues: bool) -> Result<(), ()> {
        let end = u32::try_from(self.text.len()).map_err(|_| ())?;
        let info = span.clamp(1, SPAN) | if continues { CONTINUES } else { 0 };
        self.cells.push(TableCell { end, info });
        Ok(())
    }

    /// Notes the cell being read (the next one closed) as holding a formula field whose result
    /// showed nothing (`table.formula-no-value` where the cell is empty).
    pub(super) fn note_no_value(&mut self) {
        let at = self.cells.len() as u32;
        if self.no_value.last() != Some(&at) {
            self.no_value.push(at);
        }
    }

    /// How many cells hold text (not only spaces), continuing a merge or not.
    fn filled(&self) -> usize {
        let mut from = 0usize;
        let mut n = 0;
        for c in &self.cells {
            let end = c.end as usize;
            n += usize::from(!self.text[from..end].trim().is_empty());
            from = end;
        }
        n
    }

    /// Drops text written after the last closed cell (a cell never closed).
    pub(super) fn drop_open_text(&mut self) {
        let end = self.cells.last().map_or(0, |c| c.end as usize);
        self.text.truncate(end);
    }

    /// The rows' records, for a reader that lays the cells out once the table is whole
    /// (`.doc`: columns from every row's edges).
    pub(super) fn parts_mut(&mut self) -> (&mut [(u32, u32)], &mut [TableCell]) {
        (&mut self.rows, &mut self.cells)
    }
}

impl TableCell {
    /// Sets what a `.doc` row's layout found: the span, a merge above, or left out.
    pub(super) fn set(&mut self, span: u32, continues: bool, skip: bool) {
        self.info = span.clamp(1, SPAN)
            | if continues { CONTINUES } else { 0 }
            | if skip { SKIP } else { 0 };
    }

    /// The span as set so far.
    pub(super) fn span_set(self) -> u32 {
        self.span()
    }

    /// Whether it continues the merge above, as set so far.
    pub(super) fn continues_set(self) -> bool {
        self.info & CONTINUES != 0
    }
}

/// A row as the tests see it: the columns before it, and each cell's text, span and whether
/// it continues the merge above.
#[cfg(test)]
pub(super) type TestRow = (u32, Vec<(String, u32, bool)>);

#[cfg(test)]
impl WordTable {
    /// The rows as `(before, cells)`, each cell `(text, span, continues)`; cells left out
    /// are not listed.
    pub(super) fn rows_for_test(&self) -> Vec<TestRow> {
        let mut from = 0usize;
        let mut out = Vec::new();
        for (r, &(before, first)) in self.rows.iter().enumerate() {
            let last = self
                .rows
                .get(r + 1)
                .map_or(self.cells.len(), |n| n.1 as usize);
            let mut cells = Vec::new();
            for c in &self.cells[first as usize..last] {
                let text = self.text[from..c.end as usize].to_owned();
                from = c.end as usize;
                if c.info & SKIP == 0 {
                    cells.push((text, c.span(), c.info & CONTINUES != 0));
                }
            }
            out.push((before, cells));
        }
        out
    }
}

/// One body item (of a `.docx`, or of a `.doc` read by [`super::doc`]).
pub(super) enum Item {
    /// A paragraph with text.
    Paragraph(String),
    /// A run of empty paragraphs: counted, not held (a `<w:p/>` is 6 bytes, a `.doc`'s
    /// paragraph mark one).
    Blank(u32),
    Table(WordTable),
}

/// Adds a paragraph to the items: one with text as itself, an empty one to the run of empty
/// ones before it.
pub(super) fn push_paragraph(items: &mut Vec<Item>, text: &str) {
    if text.trim().is_empty() {
        if let Some(Item::Blank(n)) = items.last_mut()
            && *n < u32::MAX
        {
            *n += 1;
            return;
        }
        items.push(Item::Blank(1));
    } else {
        items.push(Item::Paragraph(text.to_owned()));
    }
}

/// A merged range: first and last cell, 0-based `(row, column)`.
type Span = ((u32, u32), (u32, u32));

/// Reads the body of a Word document into sheets (see the module docs). `word/document.xml`
/// is read as it is unzipped, never held whole (a body of 30 million empty runs was 400 MB of
/// text held, then read). Where `long` (a text run may be past the cell limit: `grid`'s look
/// as it unzipped the part), each run is cut one byte past it first (`xml_cut::CutRuns`).
pub(crate) fn read_sheets(
    name: &str,
    bytes: &[u8],
    long: bool,
) -> Result<Vec<SheetCells>, ReadError> {
    let not_docx = || ReadError::Document {
        name: name.into(),
        why: "找不到 word/document.xml".into(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_docx())?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| not_docx())?
        .take(limits::UNZIPPED.get());
    // one reader either way: the buffer takes a piece at a time, never a byte
    let part: Box<dyn std::io::Read + '_> = match long {
        true => Box::new(super::xml_cut::CutRuns::new(part)),
        false => Box::new(part),
    };
    let items = body_items(name, std::io::BufReader::with_capacity(64 * 1024, part))?;
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
    let too_many = |count: &mut u64, n: u64| {
        *count = count.saturating_add(n);
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
            // empty paragraphs (`<w:p/>`, 6 bytes) count like any other
            Item::Blank(n) => {
                paragraph = paragraph.saturating_add(n);
                too_many(&mut count, u64::from(n))?;
            }
            Item::Paragraph(text) => {
                paragraph = paragraph.saturating_add(1);
                too_many(&mut count, 1)?;
                match sheets.last_mut() {
                    Some(s) if s.name == "段落" => s.push((paragraph - 1, 0), &text),
                    _ => {
                        let mut s = SheetCells::named("段落");
                        s.push((paragraph - 1, 0), &text);
                        sheets.push(s);
                    }
                }
            }
            Item::Table(table) => {
                tables += 1;
                super::check_sheets(name, "的正文中的表格", tables)?;
                let mut sheet = SheetCells::named(format!("表格{tables}"));
                // room for the cells that hold text, not for every cell: a table of 600,000
                // empty cells of vertical merges (118 KB) reserved 14 MB for one filled cell
                sheet.reserve(table.filled(), table.text.len());
                // the open vertical merge of each column: its first row and the columns its
                // first cell spans to the right (indexed by column: closing one is O(1))
                let mut open: Vec<Option<(u32, u32)>> = Vec::new();
                let last_row = table.rows.len() as u32;
                let max_columns = limits::COLUMNS.get_usize();
                // the columns with a cell that may continue below
                let mut opened = std::collections::BTreeSet::new();
                // the columns a cell of the row starts in (continuing a merge or not)
                let mut seen: Vec<u32> = Vec::new();
                let mut from = 0usize;
                for (r, &(before, first)) in table.rows.iter().enumerate() {
                    let r = r as u32;
                    let mut col = before;
                    seen.clear();
                    let last = table
                        .rows
                        .get(r as usize + 1)
                        .map_or(table.cells.len(), |next| next.1 as usize);
                    for (k, cell) in table.cells[first as usize..last].iter().enumerate() {
                        let text = &table.text[from..cell.end as usize];
                        from = cell.end as usize;
                        if cell.info & SKIP != 0 {
                            continue;
                        }
                        let span = cell.span();
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
                        too_many(&mut count, 1)?;
                        if cell.info & CONTINUES != 0 {
                            continue;
                        }
                        close(&mut open, &mut sheet.merges, c, r);
                        open[c as usize] = Some((r, span - 1));
                        opened.insert(c);
                        if !text.trim().is_empty() {
                            sheet.push((r, c), text);
                        } else if table.no_value.contains(&(first + k as u32)) {
                            sheet.notes.push(((r, c), CellNote::FieldNoValue));
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

/// A cell being read: the columns it spans, whether it continues the merge above, and how
/// many paragraphs it has had (its text is written into the table's).
struct OpenCell {
    span: u32,
    continues: bool,
    paragraphs: u32,
}

/// The body's paragraphs and tables in order, read from `xml` as it comes. Every paragraph and
/// every table cell counts against [`limits::CELLS`] as it is read, so a body of millions of
/// `<w:p/>` (6 bytes each) stops at the limit; empty paragraphs are held as a count and empty
/// cells as 8 bytes ([`WordTable`]).
fn body_items(name: &str, xml: impl std::io::BufRead) -> Result<Vec<Item>, ReadError> {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut body = Body {
        name,
        items: Vec::new(),
        count: 0,
        max: limits::CELLS.get(),
        table_depth: 0,
        tables: 0,
        table: WordTable::default(),
        cell: None,
        held: super::xml_cut::HeldCut::default(),
        paragraph: String::new(),
        in_paragraph: false,
        in_text: false,
        unseen: 0,
        in_run: false,
        run_hidden: false,
        run_script: None,
        old_props: 0,
        placeholder: false,
        field: Field::default(),
    };
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ReadError::Document {
                name: name.into(),
                why: format!(
                    "word/document.xml 第 {} 字节处不是有效的 XML：{e}",
                    reader.buffer_position()
                ),
            })?;
        match event {
            Event::Start(ref e) => body.start(e, false)?,
            Event::Empty(ref e) => body.start(e, true)?,
            Event::End(e) => body.end(e.local_name().as_ref())?,
            Event::Text(t) if body.in_text => body.push_text(&t.xml10_content()),
            Event::Text(t) if body.field.in_instr => body.field.instruct(&t.xml10_content()),
            Event::GeneralRef(r) if body.in_text => {
                let ch = super::xml_entity(&r);
                if let Some(c) = ch {
                    body.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body.items)
}

/// What [`body_items`] has read so far: the items, the cells counted, how deep in tables it is
/// and the outer table being built, its open cell, and the body paragraph being read.
struct Body<'n> {
    name: &'n str,
    items: Vec<Item>,
    count: u64,
    max: u64,
    table_depth: u32,
    tables: u64,
    table: WordTable,
    cell: Option<OpenCell>,
    /// The open cell's or body paragraph's text counted, cut one byte past the cell limit (a
    /// paragraph of many runs each under it was held whole before it was refused).
    held: super::xml_cut::HeldCut,
    paragraph: String,
    in_paragraph: bool,
    in_text: bool,
    /// Depth inside elements whose content Word does not show: a tracked deletion or the source
    /// of a tracked move (`w:del`, `w:moveFrom`: a move's source keeps its text in `w:t`, so
    /// `80` moved away beside `120` read `80120`), and the fallback copy of a text box
    /// (`mc:Fallback` repeats `mc:Choice`'s text).
    unseen: u32,
    /// Inside a run (`w:r`), and whether its properties hide it (`w:vanish`: hidden text, not
    /// shown or printed).
    in_run: bool,
    run_hidden: bool,
    /// The run is set as a superscript (`Some(false)`) or a subscript (`Some(true)`)
    /// (`w:vertAlign`): its digits are read raised, a footnote mark after a figure (`80` `¹`
    /// `人`) never joined to it (`801人`).
    run_script: Option<bool>,
    /// Depth inside a tracked change of properties (`w:rPrChange`, `w:pPrChange`): the
    /// properties there are the old ones.
    old_props: u32,
    /// The content control being read shows its placeholder (`w:showingPlcHdr`: `单击或点击此处
    /// 输入文字。` where nothing was filled in): its content is unseen as well.
    placeholder: bool,
    /// The field being read (`w:fldChar`, `w:fldSimple`).
    field: Field,
}

/// A field of a Word document being read (`w:fldChar` begin … separate … end, or a
/// `w:fldSimple`): its instruction (its first characters) and whether its result showed text.
/// A formula field (`=SUM(ABOVE)`) in a table cell whose result shows nothing was never
/// updated (a document a program wrote, or edited since): the cell is noted
/// (`table.formula-no-value`), never read as a silent empty or as 0.
#[derive(Debug, Default)]
struct Field {
    open: bool,
    in_instr: bool,
    instr: String,
    /// Past its `separate` (its result is being read), and whether the result held text.
    separated: bool,
    shown: bool,
}

impl Field {
    /// Text of the instruction (`w:instrText`), kept to its first 16 bytes.
    fn instruct(&mut self, text: &str) {
        for ch in text.chars() {
            if self.instr.len() >= 16 {
                break;
            }
            self.instr.push(ch);
        }
    }

    /// The field ends: whether it is a formula whose result showed nothing.
    fn ends_empty(&mut self) -> bool {
        let empty = self.open && !self.shown && self.instr.trim_start().starts_with('=');
        *self = Field::default();
        empty
    }
}

/// Elements whose content Word does not show (see `Body::unseen`).
fn unseen_element(local: &str) -> bool {
    matches!(local, "del" | "moveFrom" | "Fallback")
}

impl Body<'_> {
    /// One more paragraph, row or cell against the cell limit.
    fn one_more(&mut self) -> Result<(), ReadError> {
        self.count += 1;
        if self.count > self.max {
            return Err(ReadError::TooManyCells {
                name: self.name.into(),
                cells: self.count,
                max: limits::CELLS.shown(),
                help: limits::CELLS.help(),
            });
        }
        Ok(())
    }

    /// A start tag (or an empty element, `empty`).
    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), ReadError> {
        let top = self.table_depth == 1;
        let local = e.local_name();
        let name: &str = local.as_ref();
        if !empty
            && (unseen_element(name)
                || (name == "sdtContent" && (self.unseen > 0 || self.placeholder)))
        {
            self.unseen += 1;
        }
        if self.unseen > 0 {
            return Ok(());
        }
        match local.as_ref() {
            "tbl" if !empty => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = WordTable::default();
                    self.cell = None;
                }
            }
            "tr" if top && !empty => {
                // a row of no cells counts too (`<w:tr></w:tr>` is 13 bytes)
                self.one_more()?;
                if self.cell.take().is_some() {
                    self.table.drop_open_text();
                }
                self.table.row(0);
            }
            "gridBefore" if top => self.table.set_before(attr_u32(e, "val").unwrap_or(0)),
            "tc" if top && !empty => {
                // a cell opened inside an open one: the first is dropped (Word never writes it)
                self.table.drop_open_text();
                self.held = Default::default();
                self.cell = Some(OpenCell {
                    span: 1,
                    continues: false,
                    paragraphs: 0,
                });
            }
            "gridSpan" if top => {
                if let Some(c) = self.cell.as_mut() {
                    c.span = attr_u32(e, "val").unwrap_or(1).clamp(1, 1000);
                }
            }
            "vMerge" if top => {
                if let Some(c) = self.cell.as_mut() {
                    c.continues = attr(e, "val").is_none_or(|v| v != "restart");
                }
            }
            "p" => {
                if self.table_depth == 0 && empty {
                    self.one_more()?;
                    push_paragraph(&mut self.items, "");
                } else if self.table_depth == 0 {
                    self.in_paragraph = true;
                    self.paragraph.clear();
                    self.held = Default::default();
                } else if let Some(c) = self.cell.as_mut() {
                    if c.paragraphs > 0 {
                        self.table.text_mut().push('\n');
                    }
                    c.paragraphs += 1;
                }
            }
            "t" => self.in_text = !empty,
            "r" if !empty => {
                self.in_run = true;
                self.run_hidden = false;
                self.run_script = None;
            }
            "vertAlign" if self.in_run && self.old_props == 0 => {
                self.run_script = super::vert_align(attr(e, "val").as_deref());
            }
            "rPrChange" | "pPrChange" if !empty => self.old_props += 1,
            "sdt" => self.placeholder = false,
            "showingPlcHdr" => self.placeholder = true,
            "vanish" if self.in_run && self.old_props == 0 => {
                self.run_hidden =
                    attr(e, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
            }
            "fldChar" | "fldSimple" | "instrText" => self.field_start(e, empty),
            "br" | "cr" => self.push_text("\n"),
            "tab" => self.push_text("\t"),
            _ => {}
        }
        Ok(())
    }

    /// An end tag, by its local name.
    fn end(&mut self, local: &str) -> Result<(), ReadError> {
        if self.unseen > 0 {
            if unseen_element(local) || local == "sdtContent" {
                self.unseen -= 1;
            }
            return Ok(());
        }
        match local {
            "t" => self.in_text = false,
            "r" => {
                self.in_run = false;
                self.run_hidden = false;
                self.run_script = None;
            }
            "rPrChange" | "pPrChange" => self.old_props = self.old_props.saturating_sub(1),
            "instrText" => self.field.in_instr = false,
            "fldSimple" => self.field_end(),
            "p" if self.table_depth == 0 && self.in_paragraph => {
                self.one_more()?;
                self.in_paragraph = false;
                push_paragraph(&mut self.items, &self.paragraph);
                self.paragraph.clear();
                self.held = Default::default();
            }
            "tc" if self.table_depth == 1 => {
                self.one_more()?;
                self.held = Default::default();
                if let Some(c) = self.cell.take() {
                    if self.table.has_row() {
                        self.table
                            .cell(c.span, c.continues)
                            .map_err(|()| ReadError::Document {
                                name: self.name.into(),
                                why: "一个表格的文字超过 4 GB".into(),
                            })?;
                    } else {
                        self.table.drop_open_text();
                    }
                }
            }
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    if self.cell.take().is_some() {
                        self.table.drop_open_text();
                    }
                    self.tables += 1;
                    super::check_sheets(self.name, "的正文中的表格", self.tables)?;
                    self.items
                        .push(Item::Table(std::mem::take(&mut self.table)));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Appends text to the open table cell (the table's text), else to the body paragraph.
    fn push_text(&mut self, text: &str) {
        if self.run_hidden {
            return;
        }
        let shown = super::shown_in(text, self.run_script);
        self.push_raised(&shown);
    }

    /// A field's element starts (`empty`: an element with no content).
    fn field_start(&mut self, e: &BytesStart, empty: bool) {
        match e.local_name().as_ref() {
            "instrText" => self.field.in_instr = !empty,
            "fldSimple" => {
                self.field = Field {
                    open: true,
                    separated: true,
                    ..Field::default()
                };
                self.field.instruct(&attr(e, "instr").unwrap_or_default());
                if empty {
                    self.field_end();
                }
            }
            _ => match attr(e, "fldCharType").as_deref() {
                Some("begin") => {
                    self.field = Field {
                        open: true,
                        ..Field::default()
                    }
                }
                Some("separate") => self.field.separated = true,
                Some("end") => self.field_end(),
                _ => {}
            },
        }
    }

    /// A field ends: a formula whose result showed nothing notes the open cell.
    fn field_end(&mut self) {
        if self.field.ends_empty() && self.cell.is_some() && self.table_depth == 1 {
            self.table.note_no_value();
        }
    }

    /// [`Body::push_text`] past the run's properties.
    fn push_raised(&mut self, text: &str) {
        if self.field.separated && !text.trim().is_empty() {
            self.field.shown = true;
        }
        if self.cell.is_some() && self.table_depth >= 1 {
            self.held.push(self.table.text_mut(), text);
        } else {
            self.held.push(&mut self.paragraph, text);
        }
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
        to_sheets("t.docx", body_items("t.docx", xml.as_bytes()).unwrap()).unwrap()
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
            s[0].listed(),
            vec![((0, 0), "2022年度项目支出绩效自评表".into())]
        );
        let t = &s[1];
        assert_eq!(
            t.listed(),
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
        assert_eq!(s[2].listed(), vec![((1, 0), "注".into())]);
    }

    #[test]
    fn breaks_and_paragraphs_inside_a_cell_are_line_breaks() {
        let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>年度</w:t><w:br/><w:t>总体</w:t></w:r></w:p><w:p><w:r><w:t>目标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let s = sheets(body);
        assert_eq!(s[0].listed(), vec![((0, 0), "年度\n总体\n目标".into())]);
    }

    #[test]
    fn bad_xml_is_an_error_not_a_panic() {
        assert!(body_items("t.docx", "<w:document><w:body><w:p></w:body>".as_bytes()).is_err());
    }
}
