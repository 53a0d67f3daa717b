//! Text an OpenDocument sheet (`.ods`) sets raised or lowered (issue 27): a
//! `<text:span text:style-name="T1">` inside a cell's paragraph, where the text style `T1` has
//! `style:text-position="super …"` (`"sub …"`, or a percentage: above the line when positive,
//! below when negative; ODF 1.2 Part 1 §20.374). calamine gives the cell's text only, so `80` +
//! a raised `1` + `人` read `801人`. The digits of such spans are written raised (lowered) as
//! the other readers write them (`super::raised_digits`: `80¹人`).
//!
//! Read on `ods_formats`' walk over `content.xml` (no walk of its own), only where a text style
//! sets a position at all ([`TextScripts`]): each string cell's text is then joined as calamine
//! joins it (paragraphs by a line break, `<text:s text:c>` spaces, tabs, line breaks, notes
//! left out: [`CellText`]) and kept, for each place the cell is repeated at, where a digit of it
//! is raised or lowered. A cell takes the raised text only where calamine's text for it is
//! the text joined here.

use std::collections::HashMap;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::xlsx_raised::{CellMark, MarkedText, SheetMarks};

/// Each table's cells set raised or lowered in part, by the table's name.
pub(crate) type OdsRaised = HashMap<String, SheetMarks>;

/// The text styles that set a position: raised (`false`) or lowered (`true`), by name.
#[derive(Debug, Default)]
pub(crate) struct TextScripts {
    by_style: HashMap<String, bool>,
    /// The text style open (`<style:style style:family="text">`).
    open: Option<String>,
}

impl TextScripts {
    /// Whether no text style sets a position (the cells' text is not looked at).
    pub(crate) fn is_empty(&self) -> bool {
        self.by_style.is_empty()
    }

    /// A start tag of a styles part (`empty`: it has no content).
    pub(crate) fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.name().as_ref() {
            "style:style" => {
                self.open = (!empty && super::attr(e, "style:family").as_deref() == Some("text"))
                    .then(|| super::attr(e, "style:name"))
                    .flatten();
            }
            "style:text-properties" => {
                if let (Some(name), Some(script)) = (
                    &self.open,
                    super::attr(e, "style:text-position").and_then(|p| script(&p)),
                ) {
                    self.by_style.insert(name.clone(), script);
                }
            }
            _ => {}
        }
    }

    /// An end tag of a styles part.
    pub(crate) fn end(&mut self, name: &str) {
        if name == "style:style" {
            self.open = None;
        }
    }
}

/// A `style:text-position`'s setting: raised (`Some(false)`), lowered (`Some(true)`), on the
/// line (`0%`, anything else).
fn script(position: &str) -> Option<bool> {
    let first = position.split_whitespace().next()?;
    match first {
        "super" => Some(false),
        "sub" => Some(true),
        p => {
            let n: f64 = p.strip_suffix('%')?.parse().ok()?;
            if n > 0.0 {
                Some(false)
            } else if n < 0.0 {
                Some(true)
            } else {
                None
            }
        }
    }
}

/// One string cell's text as it is read: joined as calamine joins it and as shown.
#[derive(Debug)]
pub(crate) struct CellText {
    text: MarkedText,
    /// The spans open: each one's setting (a span of no setting keeps its parent's).
    spans: Vec<Option<bool>>,
    paragraphs: u32,
    /// Inside a note (`office:annotation`): its text is not the cell's.
    annotation: u32,
    /// The cell's first row and rows, first column and columns (its repeats).
    places: ((u32, u32), (u32, u32)),
}

impl CellText {
    /// A cell at `row` repeated `rows` times down, at `col` repeated `cols` times across.
    pub(crate) fn new(places: ((u32, u32), (u32, u32))) -> Self {
        CellText {
            text: MarkedText::default(),
            spans: Vec::new(),
            paragraphs: 0,
            annotation: 0,
            places,
        }
    }

    /// Reads the next event inside the cell; true at the cell's end.
    pub(crate) fn feed(&mut self, event: &Event<'_>, scripts: &TextScripts) -> bool {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                match name.as_ref() {
                    "office:annotation" if !empty => self.annotation += 1,
                    _ if self.annotation > 0 => {}
                    "text:p" => {
                        if self.paragraphs > 0 {
                            self.push("\n");
                        }
                        self.paragraphs += 1;
                    }
                    "text:s" => {
                        let n = super::workbook::ods_repeats(e, "c").min(1 << 16);
                        self.push(&" ".repeat(n as usize));
                    }
                    "text:tab" => self.push("\t"),
                    "text:line-break" => self.push("\n"),
                    "text:span" if !empty => {
                        let own = super::attr(e, "text:style-name")
                            .and_then(|s| scripts.by_style.get(&s).copied());
                        let outer = self.spans.last().copied().flatten();
                        self.spans.push(own.or(outer));
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => return true,
                "office:annotation" => self.annotation = self.annotation.saturating_sub(1),
                "text:span" if self.annotation == 0 => {
                    self.spans.pop();
                }
                _ => {}
            },
            Event::Text(t) if self.annotation == 0 => self.push(&t.xml10_content()),
            Event::GeneralRef(r) if self.annotation == 0 => {
                let c = super::xml_entity(r);
                if let Some(c) = c {
                    self.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
        false
    }

    /// Text of the cell, in the span open.
    fn push(&mut self, text: &str) {
        self.text.push(text, self.spans.last().copied().flatten());
    }

    /// At the cell's end: kept in `marks` at each of its places where a digit is raised or
    /// lowered, up to `room` places.
    pub(crate) fn finish(self, marks: &mut SheetMarks, room: usize) {
        let Some(m) = self.text.finish() else {
            return;
        };
        let ((row, rows), (col, cols)) = self.places;
        let m = Arc::new(m);
        let places = (row..row.saturating_add(rows))
            .flat_map(|r| (col..col.saturating_add(cols)).map(move |c| (r, c)))
            .take(room);
        for at in places {
            marks.insert(at, CellMark::Inline(Arc::clone(&m)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_positions_read_raised_lowered_or_on_the_line() {
        let got = ["super 58%", "sub 58%", "33% 58%", "-8% 58%", "0% 100%", "x"].map(script);
        assert_eq!(
            got,
            [Some(false), Some(true), Some(false), Some(true), None, None]
        );
    }

    #[test]
    fn a_cells_text_is_joined_as_calamine_joins_it_and_shown_raised() {
        let styles = r#"<r><style:style style:name="T1" style:family="text"><style:text-properties style:text-position="33% 58%"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></r>"#;
        let mut scripts = TextScripts::default();
        let mut reader = quick_xml::Reader::from_reader(styles.as_bytes());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => scripts.start(&e, false),
                Ok(Event::Empty(e)) => scripts.start(&e, true),
                Ok(Event::End(e)) => scripts.end(e.name().as_ref()),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
        let cell = r#"<table:table-cell office:value-type="string"><text:p>80<text:span text:style-name="T1">1</text:span>人<text:s text:c="2"/></text:p><office:annotation><text:p>9</text:p></office:annotation><text:p><text:span text:style-name="T2">2</text:span></text:p></table:table-cell>"#;
        let mut text = CellText::new(((3, 2), (1, 1)));
        let mut reader = quick_xml::Reader::from_reader(cell.as_bytes());
        // past the cell's start, as `ods_formats` gives the cell's events
        let _ = reader.read_event_into(&mut buf).unwrap();
        loop {
            let e = reader.read_event_into(&mut buf).unwrap();
            if text.feed(&e, &scripts) {
                break;
            }
            buf.clear();
        }
        let mut marks = SheetMarks::new();
        text.finish(&mut marks, 10);
        let shown: Vec<_> = marks
            .iter()
            .map(|(at, m)| match m {
                CellMark::Inline(m) => (*at, m.shown_for("801人  \n2")),
                CellMark::Shared(_) => (*at, None),
            })
            .collect();
        let mut shown = shown;
        shown.sort();
        assert_eq!(
            shown,
            [((3, 1), Some("80¹人  \n2")), ((4, 1), Some("80¹人  \n2"))]
        );
    }
}
