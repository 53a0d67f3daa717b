//! The number formats of an OpenDocument sheet (`.ods`): its number styles, and the style of
//! each cell, read from `styles.xml` and `content.xml` beside calamine (which reads values only:
//! `1234567` shown `1,235`, `12` shown `12人`, a percentage as its fraction).
//!
//! **Decisions**: each `number:number-style`, `number:percentage-style`,
//! `number:currency-style`, `number:text-style` and `number:time-style` is written as the Excel
//! format code that shows the same (a time style's `number:hours` / `minutes` / `seconds` are
//! `h` / `m` / `s`, doubled where `number:style="long"`, the leading one bracketed where the
//! style sets `number:truncate-on-overflow="false"` (`[h]`), a second's decimal places its
//! fraction `ss.0`, `number:am-pm` is `AM/PM`: a time cell reads as it shows, `0:04.5`, not
//! as a guessed `[h]:mm:ss`), `number:display-factor="1000"` is a trailing comma, `number:text` literal
//! text, `number:text-content` the `@` of a text section, a `number:number` without
//! `number:decimal-places` General; a currency symbol shows nothing, as in `number_format`), and read through [`super::number_format`] as an `.xlsx`'s formats are.
//! A style's `style:map`s (LibreOffice's way of writing Excel's sections and conditions) are
//! written back as the sections they are (`Styles::resolve`).
//! Fractions and scientific styles are not plain numbers (the value is read); dates are
//! calamine's. A cell's style is its `table:style-name`, else its row's
//! `table:default-cell-style-name`, else its column's (ODF 1.2 Part 1 §9.1.3
//! `<table:table-row>` and §9.1.6 `<table:table-column>`: a row's or column's default cell
//! style is for the cells in it that have no style of their own), followed up its
//! `style:parent-style-name`s (at most 16). LibreOffice (7.4, tried) does not take a row's
//! default when it reads: it shows such a cell through its column's default. Where the two
//! read a cell otherwise, the row's reading is kept and a `table.display-unfollowed` warning
//! says so (`FROM_ROW`); LibreOffice itself writes each cell's style, never a row's default.
//! Cells are placed as calamine places them (rows and columns repeated, covered cells taking
//! their column); only cells with a value and a style that shows more than General are kept.
//! Tables nested in a cell are passed over. Linear in the parts; the repeats are bounded by the
//! cell limit `workbook::guard_ods` checked before.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::attr;
use super::number_format::CellFormat;
use super::ods_raised::{CellText, OdsRaised, TextScripts};
use super::xls_formats::{Style, Styled};
use super::xlsx_parts::format_code_too_long;
use super::xlsx_raised::SheetMarks;
use crate::table::ReadError;

/// Why a cell read through its row's default style has a note.
pub(crate) const FROM_ROW: &str = "这个单元格没有自己的样式，按所在行的默认单元格样式读取（ODF 1.2 第 9.1.3 节：单元格的样式，其次行的默认样式，再次列的默认样式）；LibreOffice 不用行的默认样式，按列的默认样式显示它，与此不同，请核对";

/// The styles, and each table's styled cells by its name.
pub(crate) type OdsStyled = (Vec<Style>, HashMap<String, Styled>);

/// Each table's hidden rows and columns by its name (`table:visibility="collapse"` or
/// `"filter"` on a row or a column: `hidden`).
pub(crate) type OdsHidden = HashMap<String, super::hidden::HiddenPlaces>;

/// Each table's cells holding a formula with no saved result, by its name (a `table:formula`
/// with no `office:value`, `office:string-value`, `office:date-value`, `office:time-value` or
/// `office:boolean-value` and no string type: calamine reads them as empty cells).
pub(crate) type OdsNoValue = HashMap<String, Vec<(u32, u32)>>;

/// Whether a `<table:table-cell>` holds a formula whose result the file does not keep (a
/// sheet a script wrote and no spreadsheet calculated: LibreOffice shows the value, calamine
/// reads the cell as empty).
fn formula_without_value(e: &BytesStart<'_>) -> bool {
    let mut formula = false;
    for a in e.attributes().flatten() {
        match a.key.as_ref() {
            "table:formula" => formula = true,
            "office:value"
            | "office:string-value"
            | "office:date-value"
            | "office:time-value"
            | "office:boolean-value" => return false,
            "office:value-type" if a.value.as_ref() == "string" => return false,
            _ => {}
        }
    }
    formula
}

/// The cell `e` at `at` of the table named `table`, where it holds a formula with no saved
/// result ([`formula_without_value`]), kept (up to [`MAX_HIDDEN`] a table).
fn note_no_value(
    e: &BytesStart<'_>,
    table: Option<&String>,
    at: (u32, u32),
    no_value: &mut OdsNoValue,
) {
    if let Some(name) = table.filter(|_| formula_without_value(e)) {
        let held = no_value.entry(name.clone()).or_default();
        if held.len() < MAX_HIDDEN {
            held.push(at);
        }
    }
}

/// Whether a row or column element is hidden (`table:visibility` other than `visible`).
fn hidden_element(e: &BytesStart<'_>) -> bool {
    attr(e, "table:visibility").is_some_and(|v| v == "collapse" || v == "filter")
}

/// Rows (or column ranges) of a table noted hidden at most (the rest read without a note).
const MAX_HIDDEN: usize = 100_000;

/// The styled cells of an `.ods` (its bytes, a zip) named `name`; empty where its parts do
/// not read. A number style whose code would be past [`crate::limits::FORMAT_CODE`] (Excel's
/// 255 characters, its literal text counted a character each) is refused, as an `.xlsx`'s is
/// (`table.format-code-too-long`): every cell it shows with literal text held its own copy
/// (500 cells of a 1 MB `number:text`: 1 GB, the seventh probe).
pub(crate) fn read(
    name: &str,
    bytes: &[u8],
) -> Result<(OdsStyled, OdsHidden, OdsRaised, OdsNoValue), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(Default::default());
    };
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut out).ok()?;
        Some(out)
    };
    let (Some(content), styles) = (part("content.xml"), part("styles.xml")) else {
        return Ok(Default::default());
    };
    let mut s = Styles::default();
    if let Some(styles) = &styles {
        s.read(styles)
            .map_err(|chars| format_code_too_long(name, "styles.xml", chars))?;
    }
    s.read(&content)
        .map_err(|chars| format_code_too_long(name, "content.xml", chars))?;
    s.resolve();
    let mut hidden = OdsHidden::new();
    let mut raised = OdsRaised::new();
    let mut no_value = OdsNoValue::new();
    let styled = cells(&content, &s, (&mut hidden, &mut raised, &mut no_value));
    Ok((styled, hidden, raised, no_value))
}

/// A number style being read: its name, its code so far, its code's characters as Excel
/// counts them (literal text a character each, not its escape), whether a percentage, and
/// whether it shows a plain number.
struct Open {
    name: String,
    code: String,
    chars: u64,
    pct: bool,
    plain: bool,
    /// Where the integer digits of the last `number:number` are in `code` (none: General).
    integer: Option<std::ops::Range<usize>>,
    /// Its `number:embedded-text`s: the digits to their right, and the text.
    embedded: Vec<(u32, String)>,
    /// A `number:time-style` whose leading field runs past its clock
    /// (`number:truncate-on-overflow="false"`: Excel's `[h]`), until that field is written.
    elapsed: bool,
}

impl Open {
    /// Appends `piece` to the code, `counted` characters as Excel counts them.
    fn push(&mut self, piece: &str, counted: u64) {
        self.code.push_str(piece);
        self.counted(counted);
    }

    /// Appends a `number:number` (see [`number`]).
    fn number(&mut self, e: &BytesStart) {
        let before = self.code.len();
        number(e, &mut self.code);
        let written = self.code.get(before..).unwrap_or("");
        let digits = ["#,##0", "0"].into_iter().find(|d| written.starts_with(d));
        self.integer = digits.map(|d| before..before + d.len());
        self.embedded.clear();
        let added = written.chars().count();
        self.counted(added as u64);
    }

    /// A number style opens (`e`: a `number:number-style`, `percentage-style`, `currency-style`,
    /// `text-style` or `time-style`); `None` without a `style:name`.
    fn of(e: &BytesStart) -> Option<Open> {
        let kind = e.name();
        let pct = kind.as_ref() == "number:percentage-style";
        let elapsed = kind.as_ref() == "number:time-style"
            && attr(e, "number:truncate-on-overflow").as_deref() == Some("false");
        attr(e, "style:name").map(|name| Open {
            name,
            code: String::new(),
            chars: 0,
            pct,
            plain: true,
            integer: None,
            embedded: Vec::new(),
            elapsed,
        })
    }

    /// An element inside the style that writes to its code: a `number:number`, the `@` of a
    /// `number:text-content`, a time field or `number:am-pm`; a fraction or a scientific
    /// number makes the style no plain one.
    fn element(&mut self, e: &BytesStart) {
        match e.name().as_ref() {
            "number:number" => self.number(e),
            "number:text-content" => self.push("@", 1),
            "number:fraction" | "number:scientific-number" => self.plain = false,
            "number:hours" => self.time_field(e, 'h'),
            "number:minutes" => self.time_field(e, 'm'),
            "number:seconds" => self.time_field(e, 's'),
            "number:am-pm" => self.push("AM/PM", 5),
            _ => {}
        }
    }

    /// A `number:text`'s characters: a percentage style's `%` as itself, anything else the
    /// literal escaped, one character as Excel counts it.
    fn literal(&mut self, text: &str) {
        let mut piece = [0u8; 8];
        for c in text.chars() {
            if c == '%' && self.pct {
                self.push("%", 1);
            } else {
                piece[0] = b'\\';
                let n = c.encode_utf8(&mut piece[1..]).len();
                self.push(std::str::from_utf8(&piece[..=n]).unwrap_or(""), 1);
            }
        }
    }

    /// A `number:hours`, `number:minutes` or `number:seconds` of a time style as Excel's field
    /// (`h`, `hh` for `number:style="long"`; the first in brackets where the style's leading
    /// field is elapsed: `[h]`), a second's `number:decimal-places` as its fraction (`ss.0`).
    fn time_field(&mut self, e: &BytesStart, letter: char) {
        let long = attr(e, "number:style").as_deref() == Some("long");
        let mut field = String::from(letter);
        if long {
            field.push(letter);
        }
        if std::mem::take(&mut self.elapsed) {
            field = format!("[{field}]");
        }
        if letter == 's'
            && let Some(places) =
                attr(e, "number:decimal-places").and_then(|d| d.parse::<usize>().ok())
            && places > 0
        {
            field.push('.');
            field.push_str(&"0".repeat(places.min(3usize)));
        }
        let n = field.chars().count() as u64;
        self.push(&field, n);
    }

    /// A `number:embedded-text` opens (its text follows): whether it is kept (at most 16).
    fn embedded_at(&mut self, e: &BytesStart) -> bool {
        if self.embedded.len() >= 16 {
            return false;
        }
        let at = attr(e, "number:position").and_then(|p| p.parse().ok());
        self.embedded.push((at.unwrap_or(0), String::new()));
        true
    }

    /// Text of the open `number:embedded-text` (its first 64 bytes kept).
    fn embedded_text(&mut self, t: &str) {
        if let Some((_, text)) = self.embedded.last_mut()
            && text.len() < 64
        {
            text.push_str(t);
        }
    }

    /// Puts the last number's `number:embedded-text`s among its integer digits, as Excel's
    /// code writes literal text there (`0\.0000` for a `.` four digits from the right: the
    /// Chinese forms' 万).
    fn embed(&mut self) {
        let (Some(range), false) = (self.integer.take(), self.embedded.is_empty()) else {
            return;
        };
        if self.code.get(range.clone()).is_none() {
            return;
        }
        let places = self.embedded.iter().map(|(p, _)| *p).max().unwrap_or(0);
        let mut digits = String::new();
        for i in (0..=places.min(30)).rev() {
            digits.push('0');
            for (_, text) in self.embedded.iter().filter(|(p, _)| *p == i) {
                for c in text.chars() {
                    digits.push('\\');
                    digits.push(c);
                }
            }
        }
        let added = digits.chars().count() as u64;
        self.code.replace_range(range, &digits);
        self.embedded.clear();
        self.counted(added);
    }

    /// `n` characters more; past the limit the code is no longer kept, only counted (it is
    /// refused when the style ends).
    fn counted(&mut self, n: u64) {
        self.chars += n;
        if self.chars > crate::limits::FORMAT_CODE.get() {
            self.code = String::new();
        }
    }
}

/// The number styles as format codes, and the cell styles' data styles and parents.
#[derive(Default)]
struct Styles {
    codes: HashMap<String, String>,
    /// A number style's `style:map`s, in order: (condition, the style applied).
    maps: HashMap<String, Vec<(String, String)>>,
    /// Cell style → (its data style, its parent).
    cell: HashMap<String, (Option<String>, Option<String>)>,
    /// The text styles set raised or lowered (`ods_raised`).
    scripts: TextScripts,
}

impl Styles {
    /// Reads the number styles and cell styles of one part; `Err` the characters of a code
    /// past [`crate::limits::FORMAT_CODE`].
    fn read(&mut self, xml: &[u8]) -> Result<(), u64> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut open: Option<Open> = None;
        let mut in_text = false;
        let mut in_embedded = false;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    self.scripts.start(e, empty);
                    match e.name().as_ref() {
                        "number:number-style"
                        | "number:currency-style"
                        | "number:text-style"
                        | "number:percentage-style"
                        | "number:time-style" => open = Open::of(e),
                        "style:style" => {
                            if let Some(n) = attr(e, "style:name") {
                                let data = attr(e, "style:data-style-name");
                                let parent = attr(e, "style:parent-style-name");
                                self.cell.insert(n, (data, parent));
                            }
                        }
                        "number:text" if !empty => in_text = true,
                        "number:embedded-text" if !empty => {
                            in_embedded = open.as_mut().is_some_and(|o| o.embedded_at(e));
                        }
                        "style:map" => {
                            if let (Some(Open { name, .. }), Some(cond), Some(apply)) = (
                                &open,
                                attr(e, "style:condition"),
                                attr(e, "style:apply-style-name"),
                            ) {
                                let maps = self.maps.entry(name.clone()).or_default();
                                if maps.len() < 3 {
                                    maps.push((cond, apply));
                                }
                            }
                        }
                        _ => {
                            if let Some(o) = &mut open {
                                o.element(e);
                            }
                        }
                    }
                }
                Event::Text(t) if in_embedded => {
                    if let Some(o) = &mut open {
                        o.embedded_text(&t.xml10_content());
                    }
                }
                Event::Text(t) if in_text => {
                    if let Some(o) = &mut open {
                        o.literal(&t.xml10_content());
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    "style:style" => self.scripts.end("style:style"),
                    "number:text" => in_text = false,
                    "number:embedded-text" => in_embedded = false,
                    "number:number" => open.iter_mut().for_each(Open::embed),
                    "number:number-style"
                    | "number:currency-style"
                    | "number:text-style"
                    | "number:percentage-style"
                    | "number:time-style" => {
                        if let Some(o) = open.take() {
                            if o.chars > crate::limits::FORMAT_CODE.get() {
                                return Err(o.chars);
                            }
                            if o.plain {
                                self.codes.insert(o.name, o.code);
                            }
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    /// Writes each number style that has `style:map`s as the Excel code of sections that
    /// shows the same (once both parts are read: a map may name a style of the other part).
    /// LibreOffice writes Excel's `P;N` as N mapped `value()>=0` to P, `P;N;Z` as Z mapped
    /// `value()>0` to P and `value()<0` to N, a fourth (text) section as a text style mapped
    /// three ways, and a condition `[>100]P;E` as E mapped `value()>100` to P: these become
    /// those sections (the sign-dropping negative section included); other conditions are
    /// written as Excel's bracketed ones. A map to a style that is not read leaves the style
    /// as it is.
    fn resolve(&mut self) {
        let mut resolved = Vec::new();
        for (name, maps) in &self.maps {
            let Some(main) = self.codes.get(name) else {
                continue;
            };
            let conds: Vec<String> = maps
                .iter()
                .map(|(c, _)| c.replace("value()", "").replace(' ', ""))
                .collect();
            let Some(applied) = maps
                .iter()
                .map(|(_, a)| self.codes.get(a).cloned())
                .collect::<Option<Vec<String>>>()
            else {
                continue;
            };
            let conds: Vec<&str> = conds.iter().map(String::as_str).collect();
            let code = match (conds.as_slice(), applied.as_slice()) {
                ([">=0"], [p]) => format!("{p};{main}"),
                ([">0", "<0"], [p, n]) => format!("{p};{n};{main}"),
                ([">0", "<0", "=0"], [p, n, z]) => format!("{p};{n};{z};{main}"),
                (conds, applied) => {
                    let mut code = String::new();
                    for (c, a) in conds.iter().zip(applied).take(2) {
                        code.push_str(&format!("[{c}]{a};"));
                    }
                    code.push_str(main);
                    code
                }
            };
            resolved.push((name.clone(), code));
        }
        self.codes.extend(resolved);
    }

    /// The format code of a cell style, through its parents.
    fn code_of(&self, style: &str) -> Option<&str> {
        let mut at = style;
        for _ in 0..16 {
            let (data, parent) = self.cell.get(at)?;
            if let Some(code) = data.as_deref().and_then(|d| self.codes.get(d)) {
                return Some(code);
            }
            at = parent.as_deref()?;
        }
        None
    }
}

/// A `number:number` element as Excel's digits: grouping, decimals, the display factor's
/// commas.
fn number(e: &BytesStart, code: &mut String) {
    // no decimal places given: as many as the value has (LibreOffice's General, `N0`)
    if attr(e, "number:decimal-places").is_none() {
        code.push_str("General");
        return;
    }
    let grouping = attr(e, "number:grouping").as_deref() == Some("true");
    code.push_str(if grouping { "#,##0" } else { "0" });
    let decimals: usize = attr(e, "number:decimal-places")
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    if decimals > 0 {
        code.push('.');
        code.push_str(&"0".repeat(decimals.min(30)));
    }
    let mut factor: f64 = attr(e, "number:display-factor")
        .and_then(|f| f.parse().ok())
        .unwrap_or(1.0);
    while factor >= 1000.0 && code.len() < 64 {
        code.push(',');
        factor /= 1000.0;
    }
}

/// A style's format code and, where its column's is kept beside it, the column's.
type Codes<'a> = (Option<&'a str>, Option<Option<&'a str>>);

/// The styles cells are shown through, made once each from the styles read.
struct Looks<'a> {
    s: &'a Styles,
    styles: Vec<Style>,
    /// A style's look, by its name and, for a row's default where its column's shows
    /// otherwise, the column's (by name; `Some(None)`: the column has none).
    by_style: HashMap<(String, Option<Option<String>>), Option<u32>>,
    /// Each pair of codes read once and its look shared, however many cell styles name it
    /// (5,000 cell styles of one data style whose text was 1 MB, a 15 KB file, each read the
    /// code again: minutes; the seventh probe).
    by_code: HashMap<Codes<'a>, Option<u32>>,
    /// The percentage look ([`Looks::percentage`]), once made.
    percentage: Option<u32>,
}

impl<'a> Looks<'a> {
    /// The look of style `name` (`None`: General), with the column's format beside it where
    /// `column` is given and shows otherwise.
    fn look_as(&mut self, name: &str, column: Option<Option<&str>>) -> Option<u32> {
        let key = (name.to_owned(), column.map(|c| c.map(str::to_owned)));
        let (s, styles, by_code) = (self.s, &mut self.styles, &mut self.by_code);
        *self.by_style.entry(key).or_insert_with(|| {
            let code = s.code_of(name);
            let column_code = column.map(|c| c.and_then(|c| s.code_of(c)));
            *by_code.entry((code, column_code)).or_insert_with(|| {
                let format = code.and_then(CellFormat::of);
                let column = column_code
                    .map(|c| c.and_then(CellFormat::of))
                    .filter(|c| *c != format);
                if format.is_none() && column.is_none() {
                    return None;
                }
                styles.push(Style {
                    format,
                    date: None,
                    column,
                    percentage: false,
                });
                Some(styles.len() as u32 - 1)
            })
        })
    }

    /// The look of a percentage cell (`office:value-type="percentage"`) whose look is `look`:
    /// one that shows General is the percentage look ([`Style::percentage`], made once); any
    /// other is kept (a percent format shows it as one; another format is what the sheet shows).
    fn percentage(&mut self, look: Option<u32>) -> Option<u32> {
        if look.is_some_and(|i| {
            self.styles
                .get(i as usize)
                .is_some_and(|s| s.format.is_some())
        }) {
            return look;
        }
        if self.percentage.is_none() {
            self.styles.push(Style {
                percentage: true,
                ..Default::default()
            });
            self.percentage = Some(self.styles.len() as u32 - 1);
        }
        self.percentage
    }

    /// A cell's look: its own style, else its row's default (ODF 1.2 §9.1.3), else its
    /// column's (`column`, by name); a row's default that its column's (LibreOffice's
    /// reading) shows otherwise is looked with the column's beside it, for a note.
    fn of_cell(
        &mut self,
        own: Option<&str>,
        row: Option<&str>,
        column: Option<&str>,
    ) -> Option<u32> {
        match (own, row) {
            (Some(name), _) => self.look_as(name, None),
            // the column's kept beside it only where it shows otherwise (`look_as`)
            (None, Some(name)) => self.look_as(name, Some(column)),
            (None, None) => self.look_as(column?, None),
        }
    }
}

/// The columns' default cell styles by name, each up to the column it ends before.
type ColumnDefaults = [(u32, Option<String>)];

/// A `<table:table-column>` of `n` columns: its default cell style kept up to the column it
/// ends before, and its columns noted hidden where it is.
fn column_starts(
    e: &quick_xml::events::BytesStart<'_>,
    n: u32,
    defaults: &mut Vec<(u32, Option<String>)>,
    hid: &mut super::hidden::HiddenPlaces,
) {
    let from = defaults.last().map_or(0, |d| d.0);
    let name = attr(e, "table:default-cell-style-name");
    defaults.push((from.saturating_add(n), name));
    if n > 0 && hidden_element(e) && hid.cols.len() < MAX_HIDDEN {
        hid.cols.push((from, from.saturating_add(n - 1)));
    }
}

/// A `<table:table-row>` at `row`, repeated `repeat` times: its rows noted hidden where it is.
fn hide_rows(
    e: &quick_xml::events::BytesStart<'_>,
    (row, repeat): (u32, u32),
    hid: &mut super::hidden::HiddenPlaces,
) {
    if hidden_element(e) {
        let room = MAX_HIDDEN.saturating_sub(hid.rows.len()) as u32;
        hid.rows.extend(row..row.saturating_add(repeat.min(room)));
    }
}

/// A cell's look: its own style, else its row's, else its column's (`defaults`, up to the
/// column each ends before, at `col`); a percentage's where its value is one (`percentage`).
fn cell_look(
    looks: &mut Looks<'_>,
    e: &quick_xml::events::BytesStart<'_>,
    (row_default, defaults, col): (Option<&str>, &ColumnDefaults, u32),
    percentage: bool,
) -> Option<u32> {
    let column = defaults
        .iter()
        .find(|d| d.0 > col)
        .and_then(|d| d.1.as_deref());
    let own = attr(e, "table:style-name");
    let style = looks.of_cell(own.as_deref(), row_default, column);
    if percentage {
        looks.percentage(style)
    } else {
        style
    }
}

/// A table read whole: its styled cells sorted and kept by its name, with its hidden places
/// and its cells set raised or lowered where it has any.
fn keep_table(
    (name, mut cells): (String, Styled),
    (hid, marks): (super::hidden::HiddenPlaces, SheetMarks),
    out: &mut HashMap<String, Styled>,
    (hidden, raised): (&mut OdsHidden, &mut OdsRaised),
) {
    cells.sort_unstable_by_key(|c| c.0);
    if !hid.is_empty() {
        hidden.insert(name.clone(), hid);
    }
    if !marks.is_empty() {
        raised.insert(name.clone(), marks);
    }
    out.insert(name, cells);
}

/// A valued cell's style at every place its repeats cover (`repeat` rows from `row`, `n`
/// columns from `col`).
fn push_styled(cells: &mut Styled, (row, repeat): (u32, u32), (col, n): (u32, u32), style: u32) {
    for r in row..row.saturating_add(repeat) {
        for c in col..col.saturating_add(n) {
            cells.push(((r, c), style));
        }
    }
}

/// The styled cells of `content.xml`, by table.
fn cells(
    content: &[u8],
    s: &Styles,
    (hidden, raised, no_value): (&mut OdsHidden, &mut OdsRaised, &mut OdsNoValue),
) -> OdsStyled {
    let mut looks = Looks {
        s,
        styles: Vec::new(),
        by_style: HashMap::new(),
        by_code: HashMap::new(),
        percentage: None,
    };
    let mut out: HashMap<String, Styled> = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    // the table read (its name, its cells), tables open, the row, its repeats, the column, the
    // columns' default styles
    let mut table: Option<(String, Styled)> = None;
    // the table's hidden rows and columns
    let mut hid = super::hidden::HiddenPlaces::default();
    let mut depth = 0usize;
    let (mut row, mut repeat, mut col) = (0u32, 1u32, 0u32);
    // the columns' default cell styles by name (up to the column each ends before), the row's
    let mut defaults: Vec<(u32, Option<String>)> = Vec::new();
    let mut row_default: Option<String> = None;
    // the string cell whose text is read (only where a text style is raised or lowered), and
    // the table's cells so set
    let mut text: Option<CellText> = None;
    let mut marks = SheetMarks::new();
    let room = usize::try_from(crate::limits::CELLS.get()).unwrap_or(usize::MAX);
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        // (the event is also the walk's: a table nested in the cell keeps its depth)
        if let Some(t) = text.as_mut()
            && t.feed(&event, &s.scripts)
            && let Some(t) = text.take()
        {
            let left = room.saturating_sub(marks.len());
            t.finish(&mut marks, left);
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                // counted as the guard before calamine counts them (`guard_ods`)
                let repeats = |local: &str| -> u32 {
                    super::workbook::ods_repeats(e, local).min(u64::from(u32::MAX)) as u32
                };
                match e.name().as_ref() {
                    "table:table" if !empty => {
                        depth += 1;
                        if depth == 1 {
                            table = Some((attr(e, "table:name").unwrap_or_default(), Vec::new()));
                            (row, repeat) = (0, 1);
                            defaults.clear();
                            hid = Default::default();
                        }
                    }
                    "table:table-column" if depth == 1 => {
                        let n = repeats("number-columns-repeated");
                        column_starts(e, n, &mut defaults, &mut hid);
                    }
                    "table:table-row" if depth == 1 => {
                        repeat = repeats("number-rows-repeated");
                        col = 0;
                        row_default = attr(e, "table:default-cell-style-name");
                        hide_rows(e, (row, repeat), &mut hid);
                        if empty {
                            row = row.saturating_add(repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                        let n = repeats("number-columns-repeated");
                        // (read once: an allocation a cell)
                        let value_type = attr(e, "office:value-type");
                        let valued = value_type.is_some();
                        let style = cell_look(
                            &mut looks,
                            e,
                            (row_default.as_deref(), &defaults, col),
                            value_type.as_deref() == Some("percentage"),
                        );
                        if !empty
                            && !s.scripts.is_empty()
                            && value_type.as_deref() == Some("string")
                            && attr(e, "office:string-value").is_none()
                        {
                            text = Some(CellText::new(((row, repeat), (col, n))));
                        }
                        if let (true, Some(style), Some((_, cells))) = (valued, style, &mut table) {
                            push_styled(cells, (row, repeat), (col, n), style);
                        }
                        note_no_value(e, table.as_ref().map(|t| &t.0), (row, col), no_value);
                        col = col.saturating_add(n);
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table" => {
                    if depth == 1
                        && let Some(table) = table.take()
                    {
                        let found = (std::mem::take(&mut hid), std::mem::take(&mut marks));
                        keep_table(table, found, &mut out, (&mut *hidden, &mut *raised));
                    }
                    depth = depth.saturating_sub(1);
                }
                "table:table-row" if depth == 1 => row = row.saturating_add(repeat),
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    (looks.styles, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<office:document-styles><office:styles>
<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/></number:number-style>
<number:number-style style:name="N1"><number:number number:decimal-places="0" number:grouping="true" number:display-factor="1000"/></number:number-style>
<number:percentage-style style:name="N2"><number:number number:decimal-places="1"/><number:text>%</number:text></number:percentage-style>
<number:number-style style:name="N3"><number:text>约</number:text><number:number number:decimal-places="2"/><number:text>万元</number:text></number:number-style>
<number:number-style style:name="N4"><number:scientific-number number:decimal-places="2"/></number:number-style>
<style:style style:name="Default" style:family="table-cell" style:data-style-name="N0"/>
<style:style style:name="Thousands" style:family="table-cell" style:data-style-name="N1"/>
</office:styles></office:document-styles>"#;

    fn content(body: &str) -> String {
        format!(
            r#"<office:document-content><office:automatic-styles>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Thousands"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>
<style:style style:name="ce4" style:family="table-cell" style:data-style-name="N4"/>
<style:style style:name="ce0" style:family="table-cell" style:parent-style-name="Default"/>
</office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn styled(body: &str) -> (Vec<Option<String>>, Styled) {
        let mut s = Styles::default();
        s.read(STYLES.as_bytes()).expect("read");
        let c = content(body);
        s.read(c.as_bytes()).expect("read");
        let (styles, tables) = cells(
            c.as_bytes(),
            &s,
            (
                &mut OdsHidden::new(),
                &mut OdsRaised::new(),
                &mut OdsNoValue::new(),
            ),
        );
        let codes = styles
            .iter()
            .map(|st| st.format.as_ref().map(|f| format!("{f:?}")))
            .collect();
        (codes, tables.get("T").cloned().unwrap_or_default())
    }

    #[test]
    fn a_number_style_past_excels_255_characters_is_refused_as_an_xlsx_code_is() {
        // `0` and literal text, each literal character one as Excel counts it (written `\x`)
        let style = |literal: usize| {
            format!(
                r#"<office:document-styles><number:number-style style:name="L"><number:number number:decimal-places="0"/><number:text>{}</number:text></number:number-style></office:document-styles>"#,
                "万".repeat(literal)
            )
        };
        let mut s = Styles::default();
        s.read(style(254).as_bytes())
            .expect("255 characters are Excel's own limit");
        assert_eq!(s.codes["L"].chars().count(), 1 + 2 * 254);
        for literal in [255, 1 << 20] {
            let mut s = Styles::default();
            assert_eq!(s.read(style(literal).as_bytes()), Err(1 + literal as u64));
            assert!(s.codes.is_empty());
        }
        let e = format_code_too_long("t.ods", "styles.xml", 256);
        assert!(e.to_string().contains("styles.xml"), "{e}");
    }

    #[test]
    fn number_styles_are_the_excel_codes_that_show_the_same() {
        let mut s = Styles::default();
        s.read(STYLES.as_bytes()).expect("read");
        assert_eq!(s.codes["N0"], "General");
        assert_eq!(s.codes["N1"], "#,##0,");
        assert_eq!(s.codes["N2"], "0.0%");
        assert_eq!(s.codes["N3"], "\\约0.00\\万\\元");
        assert!(!s.codes.contains_key("N4"));
    }

    #[test]
    fn a_rows_default_style_comes_before_its_columns_and_is_said_where_they_differ() {
        let mut s = Styles::default();
        s.read(STYLES.as_bytes()).expect("read");
        let c = content(
            r#"<table:table table:name="T"><table:table-column table:default-cell-style-name="ce3"/><table:table-column table:number-columns-repeated="2"/>
<table:table-row table:default-cell-style-name="ce2"><table:table-cell office:value-type="float" office:value="1"/><table:table-cell office:value-type="float" office:value="0.5"/><table:table-cell office:value-type="float" office:value="2" table:style-name="ce1"/></table:table-row>
<table:table-row table:default-cell-style-name="ce3"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell office:value-type="float" office:value="0.5"/></table:table-row>
</table:table>"#,
        );
        s.read(c.as_bytes()).expect("read");
        let (styles, tables) = cells(
            c.as_bytes(),
            &s,
            (
                &mut OdsHidden::new(),
                &mut OdsRaised::new(),
                &mut OdsNoValue::new(),
            ),
        );
        let cells = &tables["T"];
        let look = |at: (u32, u32)| {
            cells.iter().find(|c| c.0 == at).map(|c| {
                let st = &styles[c.1 as usize];
                (format!("{:?}", st.format), st.column.is_some())
            })
        };
        let pct = format!("{:?}", CellFormat::of("0.0%"));
        let wan = format!("{:?}", CellFormat::of("\\约0.00\\万\\元"));
        let thousands = format!("{:?}", CellFormat::of("#,##0,"));
        // the row's percentage, not the column's 万元 (LibreOffice's): said
        assert_eq!(look((0, 0)), Some((pct.clone(), true)));
        // the row's percentage where the column has none: said too
        assert_eq!(look((0, 1)), Some((pct, true)));
        // the cell's own style first
        assert_eq!(look((0, 2)), Some((thousands, false)));
        // a row default the column's agrees with: nothing to say
        assert_eq!(look((1, 0)), Some((wan.clone(), false)));
        // no row default: the column's
        assert_eq!(look((2, 0)), Some((wan, false)));
        assert_eq!(look((2, 1)), None);
    }

    #[test]
    fn cells_are_placed_as_calamine_places_them_with_their_styles() {
        let (codes, cells) = styled(
            r#"<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce2"/>
<table:table-row><table:table-cell office:value-type="float" office:value="1" table:style-name="ce0"/><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="0.5"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1234567" table:style-name="ce1"/></table:table-row>
<table:table-row/><table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="12" table:style-name="ce3"/><table:table-cell table:style-name="ce4" office:value-type="float" office:value="1"/></table:table-row>
</table:table>"#,
        );
        // General (ce0) and scientific (ce4) styles show nothing but the value: not kept
        assert_eq!(codes.len(), 3, "{codes:?}");
        let at: Vec<(u32, u32)> = cells.iter().map(|c| c.0).collect();
        assert_eq!(at, [(0, 2), (1, 0), (1, 1), (2, 0), (2, 1), (4, 1)]);
    }

    #[test]
    fn formulas_without_a_saved_value_are_placed() {
        let body = r#"<table:table table:name="S"><table:table-row><table:table-cell table:formula="of:=1+1"/><table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"/><table:table-cell table:formula="of:=A1" office:value-type="float"/></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:formula="of:=&quot;a&quot;" office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:formula="of:=SUM(A1:A3)"/></table:table-row></table:table>"#;
        let (mut s, c) = (Styles::default(), content(body));
        s.read(c.as_bytes()).expect("read");
        let mut no_value = OdsNoValue::new();
        cells(
            c.as_bytes(),
            &s,
            (&mut OdsHidden::new(), &mut OdsRaised::new(), &mut no_value),
        );
        assert_eq!(no_value["S"], [(0, 0), (0, 2), (3, 2)]);
    }
}
