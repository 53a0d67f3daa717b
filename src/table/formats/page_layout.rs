//! A web page's tables built of `<div>`s ([`super`]'s reader): read as tables where their
//! rows and columns are certain, refused with why where they are not.
//!
//! - **CSS grid**: an element styled `display: grid` with a known column count
//!   (`grid-template-columns: repeat(6, 1fr)`, `120px 1fr 1fr`) is a table; its children are
//!   the cells, placed as a browser places them (row by row, each where its span fits:
//!   `grid-column: span 2`, `grid-row: span 3` are merges). A count set by the screen
//!   (`auto-fill`), a cell placed by grid lines or areas, `dense` or column flow, `order`:
//!   not certain.
//! - **Rows**: children of one element that are rows — `display: flex` (left to right),
//!   `display: table-row`, Bootstrap's `row`, a `<ul>` whose items float or stand inline —
//!   make a table; each row's children are its cells, in order. Widths are not spans
//!   (`flex: 2` is a wider cell, not two columns): the cells are read in order when every row
//!   holds as many, or when the rows are `table-row`s (a CSS table's cells are in order); where
//!   each cell's width is given in twelfths (`col-md-2`) the columns are the widths' edges and
//!   a wider cell spans them. Rows of different counts without widths: not certain. An element
//!   between rows is a row of one cell.
//! - Nested layouts are tables of their own (as nested `<table>`s are), named `区块N` in page
//!   order, apart from the `<table>`s' `表格N`.
//!
//! Elements are followed on a list (never the stack) up to [`MAX_DEPTH`] deep: block tags
//! (`div`, `ul`, `li`, `section`, …) and any element that is a row's or a grid's child; an end
//! tag closes the nearest open element of its name within the same `<table>` cell, as a
//! browser does.

use super::super::page_css::{self, ElementView, Layout};
use super::{BLOCKS, Builder, OpenCell, RawCell, Rows, TextBuf};

/// Elements followed at most this deep (deeper ones are not laid out as tables).
pub(super) const MAX_DEPTH: usize = 512;
/// Open elements an end tag looks through for its element.
const SCOPE: usize = 64;
/// `<div>` layouts not read that a page names (the rest are counted).
pub(super) const UNSURE_NAMED: usize = 8;

/// Whether a layout's text names indicators (`指标`: it may be the form).
pub(super) fn names_indicators(text: &str) -> bool {
    text.contains("指标")
}

/// Whether a tag is followed as an element (others only as a row's or a grid's children):
/// matched by length and bytes, not searched.
#[inline]
fn is_followed(tag: &[u8]) -> bool {
    matches!(
        tag,
        b"body"
            | b"div"
            | b"section"
            | b"article"
            | b"main"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"form"
            | b"ul"
            | b"ol"
            | b"li"
            | b"dl"
            | b"center"
            | b"figure"
            | b"blockquote"
    )
}

/// Elements that have no end.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"basefont",
    b"bgsound",
    b"keygen",
    b"frame",
];

/// The tags of a `<table>`'s own structure (read by the table reader).
pub(super) const TABLE_PARTS: &[&[u8]] = &[
    b"table",
    b"tr",
    b"td",
    b"th",
    b"thead",
    b"tbody",
    b"tfoot",
    b"caption",
    b"colgroup",
];

/// An element followed.
pub(super) struct Elem {
    tag: [u8; 12],
    len: u8,
    /// How many `<table>`s were open at its start: an end tag closes it only then.
    ctx: u32,
    class: Option<Box<str>>,
    id: Option<Box<str>>,
    /// A cell of its parent's row or grid.
    cell: bool,
    /// A row of its parent's table.
    row: Option<RowKind>,
    /// The `<div>` table it holds (as a grid, or as its rows' parent), by place in
    /// `Builder::open`.
    owns: Option<usize>,
    /// A framework's copy of a table's fixed columns ([`FIXED_COPIES`]).
    copy: bool,
    /// Its number among the elements followed.
    serial: u32,
}

impl Elem {
    fn tag(&self) -> &[u8] {
        &self.tag[..self.len as usize]
    }
}

/// What makes an element a row.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum RowKind {
    Flex,
    TableRow,
    Boot,
    List,
    /// An element between rows: a row of one cell, itself.
    Loose,
}

/// A `<div>` table being read.
pub(super) struct DivState {
    /// Its number among the page's `<div>` tables (0-based).
    pub number: usize,
    /// A grid's column count.
    grid: Option<u32>,
    /// Why its columns are not certain (then it is not read).
    pub unsure: Option<String>,
    /// Every cell of its rows (loose ones aside) has a width in twelfths.
    twelfths: bool,
    /// Every row is a `display: table-row`.
    table_rows: bool,
    /// Some row wraps (`flex-wrap: wrap`).
    wraps: bool,
    /// Where the row being read starts in `Rows::cells`, and whether it is loose.
    row_start: usize,
    row_loose: bool,
    /// The fewest and most cells of its rows (loose ones aside).
    counts: Option<(usize, usize)>,
    /// The cells that are loose rows (a whole row each).
    loose: Vec<usize>,
    /// A grid's parent element (its number among the elements followed).
    pub parent: Option<u32>,
}

impl DivState {
    pub(super) fn new(number: usize, grid: Option<Result<u32, String>>) -> DivState {
        let (grid, unsure) = match grid {
            Some(Ok(n)) => (Some(n), None),
            Some(Err(why)) => (Some(1), Some(why)),
            None => (None, None),
        };
        DivState {
            number,
            grid,
            unsure,
            twelfths: true,
            table_rows: true,
            wraps: false,
            row_start: 0,
            row_loose: false,
            counts: None,
            loose: Vec::new(),
            parent: None,
        }
    }

    /// What joins a grid to the one before it on the page, read as one table (grids side by
    /// side under one parent, of one column count: a table written a grid a row).
    pub(super) fn joins(&self) -> Option<(u32, u32)> {
        Some((self.parent?, self.grid?))
    }

    /// The table's name (`区块1`).
    pub(super) fn name(&self) -> String {
        format!("区块{}", self.number + 1)
    }

    fn doubt(&mut self, why: impl FnOnce() -> String) {
        if self.unsure.is_none() {
            self.unsure = Some(why());
        }
    }

    /// The row being read is done (its cells counted).
    fn end_row(&mut self, cells: usize) {
        let n = cells - self.row_start;
        if self.row_loose {
            if n == 1 {
                self.loose.push(self.row_start);
            }
        } else if n > 0 {
            self.counts = Some(match self.counts {
                None => (n, n),
                Some((lo, hi)) => (lo.min(n), hi.max(n)),
            });
        }
    }

    /// Sets the cells' spans for placing (see the module docs); `Some(columns)` for a grid.
    /// `Err` with why where the columns are not certain.
    pub(super) fn resolve(&mut self, rows: &mut Rows) -> Result<Option<u32>, String> {
        self.end_row(rows.cells.len());
        if let Some(why) = self.unsure.take() {
            return Err(why);
        }
        if let Some(n) = self.grid {
            if let Some(c) = rows.cells.iter().find(|c| c.colspan() > n) {
                return Err(format!(
                    "单元格跨 {} 列，多于网格的 {n} 列（会另起隐含的列）",
                    c.colspan()
                ));
            }
            return Ok(Some(n));
        }
        let is_loose = |k: usize, loose: &[usize]| loose.binary_search(&k).is_ok();
        if self.twelfths && self.counts.is_some() {
            // the columns are the edges of the cells' widths, in twelfths
            let mut edges: u32 = 1 | 1 << 12;
            for (_, row) in rows.each() {
                let mut at = 0u32;
                for k in row {
                    if is_loose(k, &self.loose) {
                        continue;
                    }
                    at += rows.cells[k].colspan();
                    if at > 12 {
                        return Err(
                            "一行中各单元格的宽度之和超过 12 格（col-*），会折成几行".into()
                        );
                    }
                    edges |= 1 << at;
                }
            }
            let column = |at: u32| (edges & ((1u32 << at) - 1)).count_ones();
            let whole = column(12);
            for (_, row) in rows.each().collect::<Vec<_>>() {
                let mut at = 0u32;
                for k in row {
                    if is_loose(k, &self.loose) {
                        rows.cells[k].set_colspan(whole);
                        continue;
                    }
                    let w = rows.cells[k].colspan();
                    rows.cells[k].set_colspan(column(at + w) - column(at));
                    at += w;
                }
            }
            return Ok(None);
        }
        if self.wraps {
            return Err("行设为折行（flex-wrap: wrap），又没有给出各单元格的宽度".into());
        }
        match self.counts {
            Some((lo, hi)) if lo != hi && !self.table_rows => Err(format!(
                "各行的单元格数不同（{lo} 至 {hi} 个），而单元格的宽度（如 flex: 2）不是所跨的列数：无法确定每个单元格在哪一列"
            )),
            _ => {
                rows.cells.iter_mut().for_each(|c| c.set_colspan(1));
                Ok(None)
            }
        }
    }
}

/// A cell's width in twelfths from Bootstrap's classes (`col-md-2`; the widest screen's
/// class that applies on a desktop, up to `xl`): `Some(None)` for a column class of no given
/// width (`col`, `col-md-auto`), `None` for none.
fn twelfths(class: &str) -> Option<Option<u32>> {
    let mut best: Option<(u8, Option<u32>)> = None;
    for word in class.split_ascii_whitespace() {
        let Some(rest) = word.strip_prefix("col") else {
            continue;
        };
        let mut parts = rest.split('-').skip(1);
        let (rank, n) = match (parts.next(), parts.next()) {
            (None, _) if rest.is_empty() => (0, None),
            (Some(n), None) if n.parse::<u32>().is_ok() => (0, n.parse().ok()),
            (Some(bp), n) => {
                let rank = match bp {
                    "xs" => 1,
                    "sm" => 2,
                    "md" => 3,
                    "lg" => 4,
                    "xl" => 5,
                    "auto" => 0,
                    _ => continue,
                };
                (rank, n.and_then(|n| n.parse().ok()))
            }
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank >= r) {
            best = Some((rank, n.filter(|n| (1..=12).contains(n))));
        }
    }
    best.map(|(_, n)| n)
}

impl Builder<'_> {
    /// The followed element whose children are being read: the last one opened in the current
    /// `<table>` cell (or outside tables).
    fn parent(&self) -> Option<usize> {
        let top = self.elems.len().checked_sub(1)?;
        (self.elems[top].ctx == self.html_open).then_some(top)
    }

    /// Whether the element at `p` holds cells (a row, or a grid).
    fn holds_cells(&self, p: usize) -> bool {
        let e = &self.elems[p];
        matches!(e.row, Some(k) if k != RowKind::Loose)
            || e.owns.is_some_and(|i| {
                self.open
                    .get(i)
                    .and_then(|t| t.div.as_ref())
                    .is_some_and(|d| d.grid.is_some())
            })
    }

    /// Whether a start tag may be followed ([`Builder::follow_start`] reads its `class`, `id`
    /// and `style` only then): a tag followed as an element, or one whose parent holds cells
    /// (a row, a grid) or is a `<p>` it ends (whose parent may hold cells). Most tags of a page
    /// (a Word page's `<span>`s and `<p>`s in `<td>`s) are not. Asked once a tag, at its open
    /// (`keep_attrs`; nothing its attributes do changes the open elements).
    pub(super) fn may_follow(&self, tag: &[u8]) -> bool {
        is_followed(tag)
            || self.parent().is_some_and(|p| {
                self.holds_cells(p) || (self.elems[p].tag() == b"p" && BLOCKS.contains(&tag))
            })
    }

    /// A start tag outside `<table>`'s own: followed where it may lay out a table.
    pub(super) fn follow_start(&mut self, tag: &[u8], self_closing: bool) {
        // [`Builder::may_follow`] as asked at the tag's open
        if self_closing || !self.keep_attrs {
            return;
        }
        let followed = is_followed(tag);
        // (no tag followed as an element is one of these)
        if !followed && (VOID.contains(&tag) || TABLE_PARTS.contains(&tag)) {
            return;
        }
        // `<li>` ends the list item open beside it; a block ends an open `<p>`
        if let Some(p) = self.parent() {
            let open = self.elems[p].tag();
            if (tag == b"li" && open == b"li") || (open == b"p" && BLOCKS.contains(&tag)) {
                self.pop_elem();
            }
        }
        let parent = self.parent();
        let in_cells = parent.is_some_and(|p| self.holds_cells(p));
        if !in_cells && !followed {
            return;
        }
        if self.elems.len() >= MAX_DEPTH {
            self.deep += 1;
            return;
        }
        let layout = self.layout_of(tag);
        let display = layout.display.as_deref().unwrap_or("");
        let mut e = Elem {
            tag: [0; 12],
            len: tag.len().min(12) as u8,
            ctx: self.html_open,
            class: None,
            id: None,
            cell: false,
            row: None,
            owns: None,
            copy: is_fixed_copy(text_of(&self.class)),
            serial: self.serials,
        };
        self.serials = self.serials.wrapping_add(1);
        self.copies += u32::from(e.copy);
        e.tag[..e.len as usize].copy_from_slice(&tag[..e.len as usize]);
        if self.styles.needs_ancestors {
            e.class = Some(text_of(&self.class).into());
            e.id = (!self.id.is_empty()).then(|| text_of(&self.id).into());
        }
        if in_cells {
            e.cell = true;
            self.div_cell(&layout);
        } else if matches!(display, "grid" | "inline-grid") {
            let columns = page_css::track_count(layout.columns.as_deref().unwrap_or(""));
            e.owns = self.start_div(Some(columns));
            // grids side by side under one parent may be a table's rows, a grid each
            let parent = parent.map(|p| self.elems[p].serial);
            if let Some(div) = e
                .owns
                .and_then(|i| self.open.get_mut(i))
                .and_then(|t| t.div.as_mut())
            {
                div.parent = parent;
            }
        } else if let Some(kind) = self.row_kind(tag, &layout)
            && let Some(p) = parent
        {
            self.div_row(p, kind, &layout);
            e.row = Some(kind);
        } else if tag == b"li"
            && let Some(p) = parent
            && matches!(self.elems[p].tag(), b"ul" | b"ol")
            && self.elems[p].row.is_none()
            && self.elems[p].owns.is_none()
            && inline_item(&layout)
            && let Some(g) = p.checked_sub(1)
            && self.elems[g].ctx == self.html_open
        {
            // the list's items stand side by side: the list is a row of its parent's table
            self.elems[p].row = Some(RowKind::List);
            let list_layout = Layout::default();
            self.div_row(g, RowKind::List, &list_layout);
            e.cell = true;
            self.div_cell(&layout);
        } else if let Some(p) = parent
            && self.elems[p].owns.is_some()
            && self.elems[p].row.is_none()
            && !matches!(display, "none")
            && !self.hidden
            // a list: its items may make it a row (above, at its first item)
            && !matches!(tag, b"ul" | b"ol")
        {
            // an element between rows: a row of one cell, itself
            self.div_row(p, RowKind::Loose, &layout);
            e.row = Some(RowKind::Loose);
            e.cell = true;
            self.div_cell(&layout);
        }
        self.elems.push(e);
    }

    /// What makes an element a row, if anything.
    fn row_kind(&self, tag: &[u8], layout: &Layout) -> Option<RowKind> {
        match layout.display.as_deref() {
            Some("flex" | "inline-flex") => {
                let column = layout
                    .direction
                    .as_deref()
                    .is_some_and(|d| d.starts_with("column"));
                (!column).then_some(RowKind::Flex)
            }
            Some("table-row") => Some(RowKind::TableRow),
            None if tag == b"div" && page_css::has_class(text_of(&self.class), "row") => {
                Some(RowKind::Boot)
            }
            _ => None,
        }
    }

    /// The layout of the element starting (its tag, `class` and `style` just read).
    fn layout_of(&self, tag: &[u8]) -> Layout {
        if self.styles.is_empty() && self.style.is_empty() {
            return Layout::default();
        }
        let mut path: Vec<ElementView<'_>> = Vec::new();
        if self.styles.needs_ancestors {
            let from = self.elems.len().saturating_sub(page_css::MAX_ANCESTORS);
            path.extend(self.elems[from..].iter().map(|e| ElementView {
                tag: e.tag(),
                class: e.class.as_deref().unwrap_or(""),
                id: e.id.as_deref(),
            }));
        }
        path.push(ElementView {
            tag,
            class: text_of(&self.class),
            id: (!self.id.is_empty()).then_some(text_of(&self.id)),
        });
        self.styles.layout(&path, text_of(&self.style))
    }

    /// Starts a `<div>` table (a grid with its column count, or rows' parent's).
    fn start_div(&mut self, grid: Option<Result<u32, String>>) -> Option<usize> {
        let mut div = DivState::new(self.divs, grid);
        self.divs += 1;
        if let Some(why) = self.styles.too_much {
            div.doubt(|| why.to_string());
        }
        self.start_table_of(Some(Box::new(div)))
    }

    /// A row starts in the table of the element at `p` (its parent), started if need be.
    fn div_row(&mut self, p: usize, kind: RowKind, layout: &Layout) {
        if !self.count_cell() {
            return;
        }
        let i = match self.elems[p].owns {
            Some(i) => i,
            None => {
                let Some(i) = self.start_div(None) else {
                    return;
                };
                self.elems[p].owns = Some(i);
                i
            }
        };
        let Some(t) = self.open.get_mut(i) else {
            return;
        };
        t.close_cell();
        let cells = t.rows.cells.len();
        let Some(div) = t.div.as_mut() else { return };
        if t.row_open {
            div.end_row(cells);
        }
        div.row_start = cells;
        div.row_loose = kind == RowKind::Loose;
        if kind != RowKind::Loose {
            div.table_rows &= kind == RowKind::TableRow;
            if layout.direction.as_deref().is_some_and(|d| d != "row") {
                div.doubt(|| format!("行的方向是 {}", layout.direction.as_deref().unwrap_or("")));
            }
            if layout.wrap.as_deref().is_some_and(|w| w != "nowrap") {
                div.wraps = true;
            }
        }
        if let Some(why) = &layout.unsure {
            div.doubt(|| format!("样式表规则 {why} 可能改变它的布局"));
        }
        t.rows.row();
        t.row_open = true;
    }

    /// A cell starts in the `<div>` table on top (its parent's row or grid).
    fn div_cell(&mut self, layout: &Layout) {
        if !self.count_cell() {
            return;
        }
        let hidden = self.hidden || layout.display.as_deref() == Some("none");
        let page = self.page_paint();
        // read in place beside the open table (another field: not taken and put back)
        let class = text_of(&self.class);
        let Some(t) = self.open.last_mut() else {
            return;
        };
        t.close_cell();
        let Some(div) = t.div.as_mut() else {
            return;
        };
        let (mut colspan, mut rowspan) = (1, 1);
        if div.grid.is_some() {
            match (
                page_css::span(layout.grid_column.as_deref()),
                page_css::span(layout.grid_row.as_deref()),
            ) {
                (Ok(c), Ok(r)) => (colspan, rowspan) = (c, r.min(65534)),
                (Err(why), _) | (_, Err(why)) => div.doubt(|| why),
            }
        } else if !div.row_loose {
            match twelfths(class) {
                Some(Some(w)) => colspan = w,
                _ => div.twelfths = false,
            }
            if class.split_ascii_whitespace().any(|w| w.contains("offset")) {
                div.doubt(|| "单元格设了偏移（offset），左边空出的列数无法确定".into());
            }
        }
        if !hidden {
            if let Some(why) = &layout.moved {
                div.doubt(|| format!("单元格的位置被样式移动（{why}）"));
            }
            if layout.display.as_deref() == Some("contents") {
                div.doubt(|| "单元格设为 display: contents（其子元素才是单元格）".into());
            }
            if layout.float.as_deref() == Some("right") {
                div.doubt(|| "单元格向右浮动（float: right），顺序与网页中相反".into());
            }
            if let Some(why) = &layout.unsure {
                div.doubt(|| format!("样式表规则 {why} 可能改变单元格的位置"));
            }
        }
        t.cell = Some(OpenCell {
            text: TextBuf::default(),
            colspan,
            rowspan,
            hidden,
            held: None,
            background: page,
            veil: None,
            dropped: None,
        });
    }

    /// An end tag outside `<table>`'s own: closes the nearest open element of its name in the
    /// current `<table>` cell (and those opened inside it).
    pub(super) fn follow_end(&mut self, tag: &[u8]) {
        // no element open in this `<table>` cell (a Word page's tags): nothing to close
        if self.parent().is_none() && self.deep == 0 {
            return;
        }
        if TABLE_PARTS.contains(&tag) || VOID.contains(&tag) {
            return;
        }
        let name = &tag[..tag.len().min(12)];
        let mut at = None;
        // an end tag closes an element at most this far up (an unmatched `</li>` on a page
        // of many open elements looks no further)
        for (i, e) in self.elems.iter().enumerate().rev().take(SCOPE) {
            if e.ctx != self.html_open {
                break;
            }
            if e.tag() == name {
                at = Some(i);
                break;
            }
        }
        match at {
            Some(i) => {
                while self.elems.len() > i {
                    self.pop_elem();
                }
            }
            None if self.deep > 0 && is_followed(tag) => self.deep -= 1,
            None => {}
        }
    }

    /// Closes the elements opened in the current `<table>` cell (a new cell or row starts, or
    /// the table ends).
    #[inline]
    pub(super) fn close_ctx(&mut self) {
        if self.html_open > 0 && self.elems.last().is_some_and(|e| e.ctx == self.html_open) {
            self.close_ctx_elems();
        }
    }

    /// [`Builder::close_ctx`]'s work, where there is some.
    fn close_ctx_elems(&mut self) {
        while self
            .elems
            .last()
            .is_some_and(|e| e.ctx == self.html_open && self.html_open > 0)
        {
            self.pop_elem();
        }
    }

    /// Closes the element last opened: its cell, its row, the table it holds.
    pub(super) fn pop_elem(&mut self) {
        let Some(e) = self.elems.pop() else { return };
        self.copies -= u32::from(e.copy);
        if (e.cell || e.row.is_some())
            && let Some(t) = self.open.last_mut()
            && t.div.is_some()
        {
            t.close_cell();
        }
        if let Some(i) = e.owns {
            while self.open.len() > i + 1 {
                self.end_table();
            }
            if self.open.len() == i + 1 {
                self.end_table();
            }
        }
    }

    /// A `<table>` starts: it ends an open `<p>` (a cell).
    pub(super) fn close_open_p(&mut self) {
        if let Some(p) = self.parent()
            && self.elems[p].tag() == b"p"
        {
            self.pop_elem();
        }
    }

    /// Counts a cell or a row against the cell limit: false past it (the error set).
    fn count_cell(&mut self) -> bool {
        if self.cells >= self.max_cells {
            self.error = Some(self.too_many_cells());
            return false;
        }
        self.cells += 1;
        true
    }

    /// Text outside any cell while a `<div>` row or grid is the parent: it would be a cell of
    /// its own (an anonymous one) that this reader does not place.
    pub(super) fn loose_text(&mut self, text: &str) {
        if text.trim().is_empty() || self.in_cell() {
            return;
        }
        if let Some(p) = self.parent()
            && self.holds_cells(p)
            && let Some(div) = self.open.last_mut().and_then(|t| t.div.as_mut())
        {
            div.doubt(|| "行中有不在单元格元素中的文字".into());
        }
    }

    /// A `<div>` table not read: named (the first few, the rest counted) for the page's
    /// findings.
    pub(super) fn not_read(&mut self, div: &DivState, why: String, rows: &Rows) {
        self.unsure
            .add(|| div.name(), || why, names_indicators(&rows.text));
    }
}

/// The classes of the element a table framework draws its fixed columns in, over a whole
/// copy of the table (Element UI's `el-table__fixed`, Ant Design 3's `ant-table-fixed-left`):
/// a copy, not a table of its own, so the tables inside it are not read (read, each project
/// was counted twice).
const FIXED_COPIES: &[&str] = &[
    "el-table__fixed",
    "el-table__fixed-left",
    "el-table__fixed-right",
    "ant-table-fixed-left",
    "ant-table-fixed-right",
    "vxe-table--fixed-left-wrapper",
    "vxe-table--fixed-right-wrapper",
];

/// Whether a `class` names a framework's copy of a table's fixed columns.
fn is_fixed_copy(class: &str) -> bool {
    class.contains("fixed") && FIXED_COPIES.iter().any(|c| page_css::has_class(class, c))
}

/// An attribute's value kept as bytes, as text (a value not UTF-8 is no class or style this
/// reads).
fn text_of(value: &[u8]) -> &str {
    std::str::from_utf8(value).unwrap_or("")
}

/// Whether a list item's layout stands it beside the one before (a row's cell).
fn inline_item(layout: &Layout) -> bool {
    matches!(layout.float.as_deref(), Some("left"))
        || matches!(
            layout.display.as_deref(),
            Some("inline-block" | "inline" | "table-cell" | "inline-flex")
        )
}

/// Places a grid's cells as a browser places them (row by row, each at the first place from
/// the last one's end where its span fits, over cells spanning rows from above), in place as
/// [`super::place`] does: how many are kept (the empty ones left out); the merges in `merges`
/// (spanning rows never past the grid's last row). A cell reaching past the columns
/// [`crate::limits::COLUMNS`] allows refuses page `name` as a `<table>`'s does.
pub(super) fn place_grid(
    name: &str,
    cells: &mut [RawCell],
    columns: u32,
    merges: &mut Vec<super::Merge>,
) -> Result<usize, super::ReadError> {
    let n = columns as usize;
    let max_columns = crate::limits::COLUMNS.get_usize();
    // for each column, the first row no cell above covers
    let mut free_from = vec![0usize; n];
    let (mut r, mut c) = (0usize, 0usize);
    let (mut kept, mut text_from) = (0usize, 0usize);
    let spanned = merges.len();
    for k in 0..cells.len() {
        let cell = cells[k];
        let span = (cell.colspan() as usize).clamp(1, n);
        let down = (cell.rowspan() as usize).max(1);
        loop {
            if c + span > n {
                r += 1;
                c = 0;
                // no column is free before the first free one of them all
                r = r.max(free_from.iter().copied().min().unwrap_or(0));
                continue;
            }
            match (c..c + span).rev().find(|&k| free_from[k] > r) {
                Some(k) => c = k + 1,
                None => break,
            }
        }
        if c + span > max_columns {
            return Err(super::too_many_columns(name, r, c + span));
        }
        for f in &mut free_from[c..c + span] {
            *f = r + down;
        }
        let (r32, c32) = (r as u32, c as u32);
        if span > 1 || down > 1 {
            merges.push(((r32, c32), ((r + down - 1) as u32, (c + span - 1) as u32)));
        }
        if cell.end > text_from {
            cells[kept] = RawCell {
                at: (r32, c32),
                end: cell.end,
            };
            kept += 1;
        }
        text_from = cell.end;
        c += span;
    }
    // a cell spanning rows past the last row: to the last row (as a table's rowspan)
    let last = r as u32;
    for m in &mut merges[spanned..] {
        m.1.0 = m.1.0.min(last);
    }
    merges.retain(|((r0, c0), (r1, c1))| r1 > r0 || c1 > c0);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsure(page: &str) -> Vec<String> {
        let page = format!("<body>{page}</body>");
        let p = super::super::read_page_tables("t.html", &page, &Default::default()).unwrap();
        assert!(p.tables.is_empty(), "{page}");
        p.unsure
            .named
            .into_iter()
            .map(|u| format!("{}：{}", u.name, u.why))
            .collect()
    }

    #[test]
    fn layouts_whose_places_are_not_the_markups_are_refused() {
        let grid = "<style>.g{display:grid;grid-template-columns:repeat(3,1fr)}</style>";
        for (page, why) in [
            (
                format!(
                    "{grid}<div class=g><div>a</div><div style='grid-column:2/4'>b</div></div>"
                ),
                "网格线",
            ),
            (
                format!("{grid}<div class=g><div>a</div><div style='order:2'>b</div></div>"),
                "order",
            ),
            (
                format!("{grid}<div class=g>文字<div>b</div></div>"),
                "不在单元格",
            ),
            (
                format!("{grid}<div class=g><div style='display:contents'>a</div></div>"),
                "contents",
            ),
            (
                format!("{grid}<div class=g><div style='grid-column:span 4'>a</div></div>"),
                "多于网格的 3 列",
            ),
            (
                "<div style='display:flex;flex-direction:row-reverse'><div>a</div></div>".into(),
                "row-reverse",
            ),
            (
                "<style>.c:nth-child(2){order:1}</style><div style='display:flex'>\
                 <div class=c>a</div><div class=c>b</div></div>"
                    .into(),
                "nth-child",
            ),
            (
                "<div class=g><div>a</div></div><style>.g{display:grid}</style>".into(),
                "",
            ),
            (
                "<div class=row><div class='col-md-8'>a</div><div class='col-md-8'>b</div></div>"
                    .into(),
                "超过 12 格",
            ),
        ] {
            let got = unsure(&page);
            // the late style: the grid is laid out only once the style is read (a block)
            if why.is_empty() {
                continue;
            }
            assert!(got.iter().any(|u| u.contains(why)), "{page}: {got:?}");
        }
    }

    #[test]
    fn grid_cells_flow_around_spans_as_browsers_place_them() {
        let p = super::super::read_page_tables(
            "t.html",
            "<div style='display:grid;grid-template-columns:repeat(3,1fr)'>\
             <div style='grid-row:span 2'>a</div><div style='grid-column:span 2'>b</div>\
             <div>c</div><div style='display:none'>x</div><div>d</div><div>e</div>\
             <div style='grid-column:span 3'>f</div></div>",
            &Default::default(),
        )
        .unwrap();
        let s = &p.tables[0].sheet;
        assert_eq!(s.name, "区块1");
        let cells: Vec<_> = s.iter().map(|(at, t)| (at, t.to_string())).collect();
        assert_eq!(
            cells,
            [
                ((0, 0), "a".to_string()),
                ((0, 1), "b".to_string()),
                ((1, 1), "c".to_string()),
                ((1, 2), "d".to_string()),
                ((2, 0), "e".to_string()),
                ((3, 0), "f".to_string()),
            ]
        );
        assert_eq!(
            s.merges,
            [((0, 0), (1, 0)), ((0, 1), (0, 2)), ((3, 0), (3, 2))]
        );
    }

    #[test]
    fn bootstrap_widths_from_the_widest_class() {
        assert_eq!(twelfths("col-12 col-md-2"), Some(Some(2)));
        assert_eq!(twelfths("col-sm-6 col-lg-3 text-center"), Some(Some(3)));
        assert_eq!(twelfths("col"), Some(None));
        assert_eq!(twelfths("col-md-auto"), Some(None));
        assert_eq!(twelfths("cell"), None);
        assert_eq!(twelfths("column"), None);
        assert_eq!(twelfths("col-4"), Some(Some(4)));
    }
}
