//! Forms a web page publishes as text, not as a `<table>`: a `<pre>` block whose columns are
//! aligned with spaces or separated by tabs, and a markdown pipe table (`| 一级指标 | … |`,
//! its `|---|` line) in a `<pre>` or in lines of `<p>`s. Each is turned into the rows of cells
//! it shows ([`read_block`]), for the page reader to read as a table ([`super`]); a block that
//! shows a table whose columns cannot be told for certain is said with why, never guessed.
//!
//! Aligned columns are found as a reader's eye finds them: a column is a run of character
//! places that some line's text covers, between gutters no line's text crosses (a cell's text
//! is the text between two spaces or more). Where a character's width is ambiguous (`≥`, `×`,
//! `—`: one place in most fonts, two in a Chinese one), both widths are tried and the one whose
//! columns hold one piece of each line's text is read; where neither does, the block is not
//! read ([`Found::Unsure`]). This module owns the text's reading only, never what a row means.

/// The fewest rows of two cells or more a block must show to be a table (a line or two of
/// text with wide spaces is prose).
const MIN_ROWS: usize = 3;

/// The most characters of a block's line looked at (a longer line is no row of a form).
const MAX_LINE_CHARS: usize = 4096;

/// What a block of text shows.
#[derive(Debug, PartialEq)]
pub(super) enum Found {
    /// A table: the lines above it in the block (a title, `项目名称：…`) and its rows of
    /// cells (empty cells `""`, each row as wide as the widest).
    Table {
        above: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Rows of cells whose columns cannot be told: why, in Chinese.
    Unsure(String),
    /// No table.
    None,
}

/// The table a block's lines show: a pipe table, else (in a `<pre>`, where spaces and tabs
/// are as written) tab-separated or aligned columns.
pub(super) fn read_block(lines: &[&str], pre: bool) -> Found {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end_matches(['\r', ' ', '\u{3000}']))
        .filter(|l| l.chars().count() <= MAX_LINE_CHARS)
        .collect();
    if let Some(found) = pipe_table(&lines) {
        return found;
    }
    if !pre {
        return Found::None;
    }
    if lines.iter().any(|l| l.contains('\t')) {
        return tab_table(&lines);
    }
    aligned_table(&lines)
}

/// Whether `line` is a row of a pipe table: `| a | b |` (two bars or more, starting with one),
/// or a separator line `---|---`.
pub(super) fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with('|') && bars(t) >= 2) || is_separator(t)
}

/// The bars of `line` not escaped (`\|` is a bar in the text).
fn bars(line: &str) -> usize {
    split_bars(line).len().saturating_sub(1)
}

/// `|---|:---:|` and `--- | ---`: a pipe table's line under its head.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        && split_bars(t.trim_matches('|'))
            .iter()
            .all(|p| p.trim().trim_matches(':').len() >= 3 || p.trim().is_empty())
}

/// `line` cut at its bars that are not escaped; `\|` kept as `|`.
fn split_bars(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(last) = out.last_mut() {
                    last.push('|');
                }
            }
            '|' => out.push(String::new()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

/// A pipe table among `lines`: its rows (the separator left out, the outer bars no cells) and
/// the lines before it; `None` where the lines hold none.
fn pipe_table(lines: &[&str]) -> Option<Found> {
    let first = lines.iter().position(|l| is_pipe_row(l))?;
    let end = lines[first..]
        .iter()
        .position(|l| !is_pipe_row(l) && !l.trim().is_empty())
        .map_or(lines.len(), |k| first + k);
    let body = &lines[first..end];
    // without a separator, only rows starting and ending with a bar are rows
    if !body.iter().any(|l| is_separator(l)) && body.iter().any(|l| !l.trim().ends_with('|')) {
        return None;
    }
    let rows: Vec<Vec<String>> = body
        .iter()
        .filter(|l| !l.trim().is_empty() && !is_separator(l))
        .map(|l| {
            let t = l.trim();
            let t = t.strip_prefix('|').unwrap_or(t);
            let t = if t.ends_with('|') && !t.ends_with("\\|") {
                &t[..t.len() - 1]
            } else {
                t
            };
            split_bars(t)
                .into_iter()
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    let table = square(rows)?;
    let after = &lines[end..];
    if after.iter().any(|l| is_pipe_row(l)) {
        // a second table in the block: the first is read, the rest said
        return Some(Found::Unsure(
            "一段文字中有两个用竖线（|）分隔的表格，请分成两段或分别保存".into(),
        ));
    }
    Some(Found::Table {
        above: above(&lines[..first]),
        rows: table,
    })
}

/// The rows made as wide as the widest; `None` where fewer than [`MIN_ROWS`] rows hold two
/// cells or more.
fn square(mut rows: Vec<Vec<String>>) -> Option<Vec<Vec<String>>> {
    let full = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    if full < MIN_ROWS {
        return None;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize(width, String::new());
    }
    Some(rows)
}

/// The lines before a table, trimmed, empty ones left out.
fn above(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Tab-separated lines: each tab a cell's end, as a pasted sheet writes them; the lines
/// before the first with a tab are above the table.
fn tab_table(lines: &[&str]) -> Found {
    let first = lines.iter().position(|l| l.contains('\t')).unwrap_or(0);
    let rows: Vec<Vec<String>> = lines[first..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(|c| c.trim().to_owned()).collect())
        .collect();
    match square(rows) {
        Some(rows) => Found::Table {
            above: above(&lines[..first]),
            rows,
        },
        None => Found::None,
    }
}

/// A piece of a line's text between gaps of two places or more: where it starts and ends
/// (character places) and its text.
struct Piece {
    start: usize,
    end: usize,
    text: String,
}

/// How wide a character shows in a monospaced font: two places for Chinese and full-width
/// characters, one for the rest; `ambiguous` the width of those one font shows narrow and a
/// Chinese font wide (`≥`, `×`, `—`, `°`, `①`).
fn width(c: char, ambiguous: usize) -> usize {
    let u = c as u32;
    let wide = matches!(u, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    let amb = matches!(u, 0xA1..=0xFF | 0x2010..=0x203B | 0x2103..=0x2199 | 0x2200..=0x22FF
        | 0x2460..=0x24FF | 0x2500..=0x257F | 0x25A0..=0x26FF)
        && !matches!(u, 0xA0);
    if wide {
        2
    } else if amb {
        ambiguous
    } else {
        1
    }
}

/// The pieces of `line` (a tab moves to the next place that is a multiple of 8).
fn pieces(line: &str, ambiguous: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let (mut at, mut gap, mut cur): (usize, usize, Option<Piece>) = (0, 0, None);
    for c in line.chars() {
        let w = match c {
            '\t' => 8 - at % 8,
            '\u{3000}' => 2,
            _ => width(c, ambiguous),
        };
        if matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}') {
            gap += w;
        } else {
            match cur.as_mut() {
                Some(p) if gap < 2 => {
                    if gap == 1 {
                        p.text.push(' ');
                    }
                    p.text.push(c);
                    p.end = at + w;
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Piece {
                        start: at,
                        end: at + w,
                        text: c.to_string(),
                    });
                }
            }
            gap = 0;
        }
        at += w;
    }
    out.extend(cur);
    out
}

/// Aligned columns ([`columns_of`]) tried with ambiguous characters narrow, then wide.
fn aligned_table(lines: &[&str]) -> Found {
    let mut why = None;
    for ambiguous in [1, 2] {
        let pieces: Vec<Vec<Piece>> = lines.iter().map(|l| pieces(l, ambiguous)).collect();
        if pieces.iter().filter(|p| p.len() >= 2).count() < MIN_ROWS {
            return Found::None;
        }
        match columns_of(&pieces) {
            Ok(found) => return found,
            Err(w) => why = why.or(Some(w)),
        }
    }
    Found::Unsure(why.unwrap_or_default())
}

/// The columns of lines cut into pieces: runs of places a piece of a line of two pieces or
/// more covers. Each piece is read in the column it lies in; a line whose two pieces lie in
/// one column (a gap another line's text crosses) is the reason the columns are not certain.
fn columns_of(lines: &[Vec<Piece>]) -> Result<Found, String> {
    let wide = lines.iter().flatten().map(|p| p.end).max().unwrap_or(0);
    let mut covered = vec![false; wide];
    for p in lines.iter().filter(|l| l.len() >= 2).flatten() {
        covered[p.start..p.end].iter_mut().for_each(|c| *c = true);
    }
    // each column's first and last place
    let mut cols: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in covered.iter().enumerate() {
        match (c, cols.last_mut()) {
            (true, Some(last)) if last.1 == i => last.1 = i + 1,
            (true, _) => cols.push((i, i + 1)),
            _ => {}
        }
    }
    let col_of = |p: &Piece| {
        cols.iter()
            .position(|&(s, e)| p.start < e && s < p.end)
            .unwrap_or(cols.len().saturating_sub(1))
    };
    let first = lines.iter().position(|l| l.len() >= 2).unwrap_or(0);
    let mut rows = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(first) {
        if line.is_empty() {
            continue;
        }
        let mut row = vec![String::new(); cols.len()];
        for p in line {
            let c = col_of(p);
            if !row[c].is_empty() {
                return Err(format!(
                    "第 {} 行的「{}」和「{}」落在同一列：文字没有按列对齐，不能确定每一格所在的列",
                    n + 1,
                    row[c],
                    p.text
                ));
            }
            row[c] = p.text.clone();
        }
        rows.push(row);
    }
    let before: Vec<&str> = lines[..first]
        .iter()
        .map(|l| l.first().map_or("", |p| p.text.as_str()))
        .collect();
    Ok(match square(rows) {
        Some(rows) => Found::Table {
            above: above(&before),
            rows,
        },
        None => Found::None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(found: Found) -> (Vec<String>, Vec<Vec<String>>) {
        match found {
            Found::Table { above, rows } => (above, rows),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_pipe_table_with_its_separator_and_lines_above() {
        let lines = [
            "项目名称：社区养老服务",
            "| 三级指标 | 分值 | 得分 |",
            "|---|:---:|---|",
            "| 服务人次 | 20 | 18 |",
            "| 满意度 | 20 | |",
            "| 合计 | 40 | 38 |",
        ];
        let (above, rows) = table(read_block(&lines, false));
        assert_eq!(above, ["项目名称：社区养老服务"]);
        assert_eq!(rows[0], ["三级指标", "分值", "得分"]);
        assert_eq!(rows[2], ["满意度", "20", ""]);
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn aligned_columns_with_an_empty_cell_and_wide_characters() {
        let lines = [
            "自评表",
            "三级指标    年度指标值  分值  得分",
            "服务人次    ≥1000人次   20    18",
            "满意度                  20    20",
            "合计                    40    38",
        ];
        let (above, rows) = table(read_block(&lines, true));
        assert_eq!(above, ["自评表"]);
        assert_eq!(rows[1], ["服务人次", "≥1000人次", "20", "18"]);
        assert_eq!(rows[2], ["满意度", "", "20", "20"]);
    }

    #[test]
    fn text_crossing_a_gap_is_said_not_guessed() {
        let lines = [
            "三级指标  分值  得分",
            "服务人次  20    18",
            "老人满意度指标很长  20",
            "满意度    20    20",
        ];
        assert!(matches!(read_block(&lines, true), Found::Unsure(_)));
    }

    #[test]
    fn prose_and_short_blocks_are_no_table() {
        assert_eq!(
            read_block(&["一段话  两个空格", "第二行"], true),
            Found::None
        );
        assert_eq!(read_block(&["| a | b |"], false), Found::None);
    }
}
