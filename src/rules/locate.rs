//! Where the keys and scalars of a rule file sit in its text, found by reading the block-style
//! YAML lines ourselves (serde_yaml gives positions of errors only).
//!
//! For each rule item it records every key's span and its scalar's span, and, for single-line
//! plain or quoted scalars, a byte-for-byte map from the decoded value to the source, so an error
//! inside an expression can be underlined exactly. Where the layout is unusual (flow style, block
//! scalars) the map is absent and callers point at the key instead.

use std::ops::Range;

/// A key and its value in the source.
#[derive(Debug, Clone)]
pub struct KeyPos {
    /// 1-based line of the key.
    pub line: usize,
    /// The key's bytes.
    pub key: Range<usize>,
    /// The value's bytes (without a trailing comment); empty at the end of the key where the
    /// value continues on the next lines.
    pub value: Range<usize>,
    /// For each byte of the decoded value, its offset in the source, plus one entry for the end.
    pub offsets: Option<Vec<usize>>,
}

impl KeyPos {
    /// The source range of bytes `span` of the decoded value; the value (or key) as a whole
    /// where the map is missing or does not fit.
    pub fn map(&self, span: &Range<usize>) -> Range<usize> {
        match &self.offsets {
            Some(o) if span.end < o.len() && span.start <= span.end => {
                o[span.start]..o[span.end].max(o[span.start])
            }
            _ if !self.value.is_empty() => self.value.clone(),
            _ => self.key.clone(),
        }
    }
}

/// One `- ` item of the `rules:` list.
#[derive(Debug, Clone, Default)]
pub struct ItemPos {
    /// 1-based line of the item's `-`.
    pub line: usize,
    /// The `-` itself.
    pub dash: Range<usize>,
    pub keys: Vec<(String, KeyPos)>,
}

impl ItemPos {
    pub fn key(&self, name: &str) -> Option<&KeyPos> {
        self.keys.iter().find(|(k, _)| k == name).map(|(_, p)| p)
    }
}

/// The positions of a whole file.
#[derive(Debug, Clone, Default)]
pub struct FilePos {
    pub top: Vec<(String, KeyPos)>,
    pub items: Vec<ItemPos>,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `key: value` at the start of `s` (offset `at` in the file): the key's range and the raw value.
fn key_value(s: &str, at: usize, line: usize) -> Option<(String, KeyPos)> {
    if s.starts_with(['#', '-', '"', '\'', '{', '[']) {
        return None;
    }
    let colon = s.char_indices().find_map(|(i, c)| {
        (c == ':'
            && s[i + 1..]
                .chars()
                .next()
                .is_none_or(|n| n == ' ' || n == '\t'))
        .then_some(i)
    })?;
    let key = s[..colon].trim_end();
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    let after = &s[colon + 1..];
    let vstart = colon + 1 + (after.len() - after.trim_start().len());
    let raw = &s[vstart..];
    let (value_len, offsets) = scalar(raw, at + vstart);
    Some((
        key.to_owned(),
        KeyPos {
            line,
            key: at..at + key.len(),
            value: at + vstart..at + vstart + value_len,
            offsets,
        },
    ))
}

/// The length of a one-line scalar (without comment) and its decoded byte map.
fn scalar(raw: &str, at: usize) -> (usize, Option<Vec<usize>>) {
    let mut offsets = Vec::new();
    if let Some(inner) = raw.strip_prefix('"') {
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    offsets.push(at + 1 + i);
                    return (i + 2, Some(offsets));
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    if !matches!(e, '"' | '\\' | '/' | 'n' | 't') {
                        return (raw.len(), None);
                    }
                    offsets.push(at + 1 + i);
                }
                c => offsets.extend((0..c.len_utf8()).map(|k| at + 1 + i + k)),
            }
        }
        return (raw.trim_end().len(), None);
    }
    if let Some(inner) = raw.strip_prefix('\'') {
        let mut chars = inner.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                    offsets.push(at + 1 + i);
                    continue;
                }
                offsets.push(at + 1 + i);
                return (i + 2, Some(offsets));
            }
            offsets.extend((0..c.len_utf8()).map(|k| at + 1 + i + k));
        }
        return (raw.trim_end().len(), None);
    }
    if raw.starts_with(['|', '>']) {
        return (0, None);
    }
    // Plain: up to a ` #` comment.
    let end = raw
        .match_indices(" #")
        .next()
        .map(|(i, _)| i)
        .or_else(|| raw.match_indices("\t#").next().map(|(i, _)| i))
        .unwrap_or(raw.len());
    let value = raw[..end].trim_end();
    if value.is_empty() {
        return (0, None);
    }
    offsets.extend((0..=value.len()).map(|k| at + k));
    (value.len(), Some(offsets))
}

/// Read the positions of a rule file's keys.
pub fn locate(text: &str) -> FilePos {
    let mut pos = FilePos::default();
    let mut in_rules = false;
    let mut item_indent: Option<usize> = None;
    let mut key_indent = 0usize;
    let mut at = 0usize;
    for (n, full) in text.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        let start = at;
        at += full.len();
        let line = full.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            continue;
        }
        let indent = indent_of(line);
        if indent == 0 && !trimmed.starts_with('-') {
            if let Some((k, p)) = key_value(line, start, line_no) {
                in_rules = k == "rules";
                pos.top.push((k, p));
            }
            continue;
        }
        if !in_rules {
            continue;
        }
        if trimmed.starts_with('-') && item_indent.is_none_or(|i| i == indent) {
            item_indent = Some(indent);
            let rest = &trimmed[1..];
            let gap = rest.len() - rest.trim_start().len();
            key_indent = indent + 1 + gap;
            let mut item = ItemPos {
                line: line_no,
                dash: start + indent..start + indent + 1,
                keys: Vec::new(),
            };
            if let Some(kv) = key_value(&line[key_indent..], start + key_indent, line_no) {
                item.keys.push(kv);
            }
            pos.items.push(item);
            continue;
        }
        if indent == key_indent
            && let Some(item) = pos.items.last_mut()
            && let Some(kv) = key_value(&line[indent..], start + indent, line_no)
        {
            item.keys.push(kv);
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_maps_scalars() {
        let text = "rules:\n  - id: a.b   # c\n    when: indicator ~ \"满意度\"\n    require: 'target >= 90%'\n  - id: x\n    direction: higher\n";
        let pos = locate(text);
        assert_eq!(pos.items.len(), 2);
        let when = pos.items[0].key("when").unwrap();
        assert_eq!(&text[when.value.clone()], "indicator ~ \"满意度\"");
        assert_eq!(&text[when.map(&(0..9))], "indicator");
        let req = pos.items[0].key("require").unwrap();
        assert_eq!(&text[req.map(&(7..9))], ">=");
        assert_eq!(&text[pos.items[0].key("id").unwrap().value.clone()], "a.b");
        assert_eq!(pos.items[1].line, 5);
        let dq = locate("rules:\n- when: \"a \\\"b\\\" c\"\n");
        let w = dq.items[0].key("when").unwrap();
        let t = "rules:\n- when: \"a \\\"b\\\" c\"\n";
        assert_eq!(&t[w.map(&(3..4))], "b");
    }
}
