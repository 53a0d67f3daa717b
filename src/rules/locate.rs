//! Where the keys and scalars of a rule file sit in its text, found by reading the block-style
//! YAML lines ourselves (serde_yaml gives positions of errors only).
//!
//! For each rule item it records every key's span and its scalar's span, and, for single-line
//! plain or quoted scalars, a byte-for-byte map from the decoded value to the source, so an error
//! inside an expression can be underlined exactly. The map is made when an error asks for it,
//! from the text ([`KeyPos::map`]): held for every scalar it was 8 bytes a byte of the file (a
//! 10 MB description, 80 MB). Where the layout is unusual (flow style, block scalars) there is
//! no map and callers point at the key instead.

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
    /// Whether the value is a one-line scalar whose decoded bytes map to the source
    /// ([`KeyPos::map`]).
    pub mapped: bool,
}

impl KeyPos {
    /// The source range of bytes `span` of the decoded value (the file being `text`); the
    /// value (or key) as a whole where there is no map or it does not fit.
    pub fn map(&self, text: &str, span: &Range<usize>) -> Range<usize> {
        let offsets = match self.mapped {
            true => text.get(self.value.start..).and_then(|rest| {
                let line = rest.split('\n').next().unwrap_or("");
                scalar(line.trim_end_matches('\r'), self.value.start, true).1
            }),
            false => None,
        };
        match &offsets {
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
    let (value_len, offsets) = scalar(raw, at + vstart, false);
    Some((
        key.to_owned(),
        KeyPos {
            line,
            key: at..at + key.len(),
            value: at + vstart..at + vstart + value_len,
            mapped: offsets.is_some(),
        },
    ))
}

/// The length of a one-line scalar (without comment) and its decoded byte map: `Some` where
/// there is one, its offsets pushed only where `keep` (else left empty, nothing reserved).
fn scalar(raw: &str, at: usize, keep: bool) -> (usize, Option<Vec<usize>>) {
    let mut offsets = Offsets {
        keep,
        at: Vec::new(),
    };
    if let Some(inner) = raw.strip_prefix('"') {
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    offsets.push(at + 1 + i);
                    return (i + 2, Some(offsets.at));
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    if !matches!(e, '"' | '\\' | '/' | 'n' | 't') {
                        return (raw.len(), None);
                    }
                    offsets.push(at + 1 + i);
                }
                c => offsets.extend(at + 1 + i..at + 1 + i + c.len_utf8()),
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
                return (i + 2, Some(offsets.at));
            }
            offsets.extend(at + 1 + i..at + 1 + i + c.len_utf8());
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
    offsets.extend(at..at + value.len() + 1);
    (value.len(), Some(offsets.at))
}

/// A scalar's byte map as [`scalar`] reads it: offsets kept, or only the reading walked.
struct Offsets {
    keep: bool,
    at: Vec<usize>,
}

impl Offsets {
    fn push(&mut self, offset: usize) {
        if self.keep {
            self.at.push(offset);
        }
    }

    fn extend(&mut self, offsets: Range<usize>) {
        if self.keep {
            self.at.extend(offsets);
        }
    }
}

/// Read the positions of a rule file's keys.
pub fn locate(text: &str) -> FilePos {
    let mut pos = FilePos::default();
    walk(text, &mut pos);
    pos
}

/// The items of the `rules:` list as [`locate`] finds them, counted without holding any
/// (a file of more rules than its limit refused before its positions are held: 150,000 items
/// held about 35 MB).
pub fn count_items(text: &str) -> usize {
    let mut count = Count(0);
    walk(text, &mut count);
    count.0
}

/// The top-level keys alone, as [`locate`] finds them (its items counted, not held).
pub fn locate_top(text: &str) -> FilePos {
    let mut top = Top(FilePos::default());
    walk(text, &mut top);
    top.0
}

/// The top-level keys, kept.
struct Top(FilePos);

impl Found for Top {
    fn top(&mut self, key: String, pos: KeyPos) {
        self.0.top.push((key, pos));
    }
    fn item(&mut self, _: ItemPos, _: impl FnOnce() -> Option<(String, KeyPos)>) {}
    fn key(&mut self, _: impl FnOnce() -> Option<(String, KeyPos)>) {}
}

/// What [`walk`] finds, kept ([`FilePos`]) or counted ([`Count`]): the key-value pairs are made
/// only where they are kept.
trait Found {
    fn top(&mut self, key: String, pos: KeyPos);
    fn item(&mut self, item: ItemPos, first: impl FnOnce() -> Option<(String, KeyPos)>);
    fn key(&mut self, kv: impl FnOnce() -> Option<(String, KeyPos)>);
}

impl Found for FilePos {
    fn top(&mut self, key: String, pos: KeyPos) {
        self.top.push((key, pos));
    }
    fn item(&mut self, mut item: ItemPos, first: impl FnOnce() -> Option<(String, KeyPos)>) {
        item.keys.extend(first());
        self.items.push(item);
    }
    fn key(&mut self, kv: impl FnOnce() -> Option<(String, KeyPos)>) {
        if let Some(item) = self.items.last_mut() {
            item.keys.extend(kv());
        }
    }
}

/// The items of `rules:`, counted.
struct Count(usize);

impl Found for Count {
    fn top(&mut self, _: String, _: KeyPos) {}
    fn item(&mut self, _: ItemPos, _: impl FnOnce() -> Option<(String, KeyPos)>) {
        self.0 += 1;
    }
    fn key(&mut self, _: impl FnOnce() -> Option<(String, KeyPos)>) {}
}

/// The block-style lines of a rule file, read for its top-level keys, the items of `rules:`
/// and their keys.
fn walk(text: &str, found: &mut impl Found) {
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
                found.top(k, p);
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
            let item = ItemPos {
                line: line_no,
                dash: start + indent..start + indent + 1,
                keys: Vec::new(),
            };
            found.item(item, || {
                key_value(&line[key_indent..], start + key_indent, line_no)
            });
            continue;
        }
        if indent == key_indent {
            found.key(|| key_value(&line[indent..], start + indent, line_no));
        }
    }
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
        assert_eq!(&text[when.map(text, &(0..9))], "indicator");
        let req = pos.items[0].key("require").unwrap();
        assert_eq!(&text[req.map(text, &(7..9))], ">=");
        assert_eq!(&text[pos.items[0].key("id").unwrap().value.clone()], "a.b");
        assert_eq!(pos.items[1].line, 5);
        let dq = locate("rules:\n- when: \"a \\\"b\\\" c\"\n");
        let w = dq.items[0].key("when").unwrap();
        let t = "rules:\n- when: \"a \\\"b\\\" c\"\n";
        assert_eq!(&t[w.map(t, &(3..4))], "b");
    }
}
