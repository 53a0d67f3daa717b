//! Plain-text tables aligned by display width, so Chinese (two columns a character) and ASCII
//! line up in a terminal.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

/// A table of text cells with a header row.
#[derive(Debug, Clone, Default)]
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    pub fn new<I, S>(header: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        TextTable {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Render with two spaces between columns and a rule under the header; the last column is
    /// not padded. Tabs and line breaks inside cells are shown as spaces.
    pub fn render(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let cols = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0);
        let mut widths = vec![0usize; cols];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(clean(cell).width());
            }
        }
        let mut out = String::new();
        let line = |row: &[String], out: &mut String| {
            let mut text = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map(|c| clean(c)).unwrap_or_default();
                text.push_str(&cell);
                if i + 1 < cols {
                    text.extend(std::iter::repeat_n(' ', w - cell.width() + 2));
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        line(&self.header, &mut out);
        let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        let _ = writeln!(out, "{}", "─".repeat(total));
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut t = TextTable::new(["指标", "值"]);
        t.row(["响应时间", "<= 4 秒"]);
        t.row(["abc", "x"]);
        assert_eq!(
            t.render(),
            "指标      值\n─────────────────\n响应时间  <= 4 秒\nabc       x\n"
        );
    }
}
