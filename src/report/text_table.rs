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
        let widths = Widths::fit(&self.header, &self.rows, max);
        widths.head(&self.header, out);
        for row in &self.rows {
            widths.line(row, out);
        }
    }
}

/// The columns' widths of a table, fitted once to every row, then used to lay the rows out
/// one by one: a table too long to hold (a report's list of differing rows) makes its rows
/// twice, once to measure and once to write, and holds none of them.
#[derive(Debug, Clone)]
pub struct Widths {
    widths: Vec<usize>,
    cols: usize,
}

/// Tabs and line breaks inside cells are shown as spaces.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl Widths {
    /// The widths of `header` and `rows` within `max` display columns (see
    /// [`TextTable::render_within`]).
    pub fn fit<R: AsRef<[String]>>(
        header: &[String],
        rows: impl IntoIterator<Item = R>,
        max: usize,
    ) -> Widths {
        let mut widths: Vec<usize> = header.iter().map(|c| clean(c).width()).collect();
        for row in rows {
            let row = row.as_ref();
            if row.len() > widths.len() {
                widths.resize(row.len(), 0);
            }
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(clean(cell).width());
            }
        }
        let cols = widths.len();
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
        Widths { widths, cols }
    }

    /// The header and the rule under it.
    pub fn head(&self, header: &[String], out: &mut String) {
        self.line(header, out);
        let total: usize = self.widths.iter().sum::<usize>() + 2 * self.cols.saturating_sub(1);
        let _ = writeln!(out, "{}", "─".repeat(total));
    }

    /// One row, two spaces between columns, the last not padded.
    pub fn line(&self, row: &[String], out: &mut String) {
        let mut text = String::new();
        for (i, w) in self.widths.iter().enumerate() {
            let cell = row.get(i).map(|c| cut(&clean(c), *w)).unwrap_or_default();
            text.push_str(&cell);
            if i + 1 < self.cols {
                text.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.width()) + 2));
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
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
        // a control character counts one column, as a string's width counts it
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    // where a string's width still differs from its characters' (a sequence shown as one),
    // the string's is the one the columns are laid out by
    while out.width() + 1 > width && out.pop().is_some() {}
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
    fn cells_with_control_characters_are_cut_within_their_column() {
        // a string's width counts a control character (ESC, BEL, U+009B) as one column, where
        // a character's width has none: the cut measured them as nothing, its cell came out
        // wider than its column and the padding underflowed (a panic in a debug build, one
        // space in a release build)
        let mut t = TextTable::new(["项目", "说明"]);
        t.row(["单位1\u{1b}[2J / 项目1\u{9b}|<b>\u{7}", "x"]);
        t.row(["短", "y"]);
        for max in [8, 12, 20] {
            let text = t.render_within(max);
            for line in text.lines().skip(2) {
                let rest = line.rsplit(' ').next().unwrap_or_default();
                assert!(rest == "x" || rest == "y", "{line:?}");
            }
            // the second column starts at the same place on every row
            let widths: Vec<usize> = text
                .lines()
                .skip(2)
                .map(|l| l.width() - l.rsplit(' ').next().map_or(0, |r| r.width()))
                .collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "{text:?}");
        }
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
