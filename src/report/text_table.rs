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
        self.render_within(usize::MAX)
    }

    /// [`TextTable::render`] at most `max` display columns wide (a terminal's width): the widest
    /// columns give up width first, down to 6, and cells longer than their column end in `…`.
    pub fn render_within(&self, max: usize) -> String {
        let mut out = String::new();
        self.render_within_into(max, &mut out);
        out
    }

    /// [`TextTable::render_within`] appended to `out`.
    pub fn render_within_into(&self, max: usize, out: &mut String) {
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
        // the last column is not padded: it may run to the edge, not beyond
        const NARROWEST: usize = 6;
        let gaps = 2 * cols.saturating_sub(1);
        while widths.iter().sum::<usize>() + gaps > max {
            let Some((i, w)) = widths
                .iter()
                .copied()
                .enumerate()
                .max_by_key(|&(i, w)| (w, i))
                .filter(|&(_, w)| w > NARROWEST)
            else {
                break;
            };
            widths[i] = w - 1;
        }
        let line = |row: &[String], out: &mut String| {
            let mut text = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map(|c| cut(&clean(c), *w)).unwrap_or_default();
                text.push_str(&cell);
                if i + 1 < cols {
                    text.extend(std::iter::repeat_n(' ', w - cell.width() + 2));
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        line(&self.header, out);
        let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        let _ = writeln!(out, "{}", "─".repeat(total));
        for row in &self.rows {
            line(row, out);
        }
    }
}

/// `s` within `width` display columns: cut with `…` where it is wider.
fn cut(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
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

    #[test]
    fn fits_a_narrow_terminal() {
        let mut t = TextTable::new(["三级指标", "说明"]);
        t.row([
            "窗口群众评价满意度",
            "达标，得满分 10；实际值未写单位，按目标值单位读取",
        ]);
        let text = t.render_within(40);
        for line in text.lines() {
            assert!(line.width() <= 40, "{line:?} {}", line.width());
        }
        assert!(text.contains('…'));
        assert_eq!(t.render_within(1000), t.render());
    }
}
