//! The record of one parsed target line, as `jixiao parse --format jsonl` prints it (contract §3):
//! fields in a fixed order, decimals as strings, `unit` null where a quantity has none.

use serde::Serialize;

use super::ast::{Origin, Parsed, Target};

/// One input line of `jixiao parse` (a file line or a line of the web API's body) as text: the
/// line end (`\n`, `\r\n`) and a UTF-8 BOM dropped; UTF-8, else GB18030 (what Chinese Excel
/// writes).
/// Borrowed from `raw` where it is UTF-8 (no copy on the hot path). The check is simdutf8's:
/// the standard library's answer, 32 bytes at a time on a line of 64 bytes or more (a long
/// sentence of Chinese costs the standard check about ten instructions a byte; shorter lines go
/// to the standard check inside simdutf8).
pub fn decode_line(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let bytes = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => encoding_rs::GB18030.decode(bytes).0,
    }
}

/// `indicator<TAB>target` or `target` alone.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn split_line(text: &str) -> (Option<&str>, &str) {
    // (memchr: the standard `split_once` costs a searcher's set-up a line)
    match memchr::memchr(b'\t', text.as_bytes()) {
        Some(at) => (Some(super::parse::trim(&text[..at])), &text[at + 1..]),
        None => (None, text),
    }
}

/// A target as `jixiao parse` reads it: the indicator's name and the rules' directions (the
/// caller's rule set) help.
pub fn parse_line(
    indicator: Option<&str>,
    target_text: &str,
    directions: &dyn super::Directions,
    year: Option<i32>,
) -> Parsed {
    let mut parsed = Parsed::empty();
    parse_line_into(indicator, target_text, directions, year, &mut parsed);
    parsed
}

/// [`parse_line`] into `out` (its old reading dropped; [`parse_into`](super::parse_into)).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn parse_line_into(
    indicator: Option<&str>,
    target_text: &str,
    directions: &dyn super::Directions,
    year: Option<i32>,
    out: &mut Parsed,
) {
    let ctx = super::Context {
        indicator,
        year,
        directions,
        ..super::Context::unruled()
    };
    super::parse_into(target_text, &ctx, out);
}

/// The jsonl answer of `jixiao parse --format jsonl` (no `--explain`) for a whole input in
/// memory, one object a line, every line answered.
pub fn jsonl(input: &[u8], rules: &dyn super::Directions, year: Option<i32>) -> String {
    let mut out = Vec::new();
    let mut scratch = String::new();
    let rules = super::direction::Memo::new(rules);
    let mut parsed = Parsed::empty();
    for (i, raw) in input.split_inclusive(|b| *b == b'\n').enumerate() {
        let text = decode_line(raw);
        let (indicator, target_text) = split_line(&text);
        parse_line_into(indicator, target_text, &rules, year, &mut parsed);
        write_parsed_json(
            &mut out,
            &mut scratch,
            i + 1,
            indicator,
            target_text,
            &parsed,
        );
        out.push(b'\n');
    }
    // every piece written is a `&str` or ASCII
    String::from_utf8(out).unwrap_or_default()
}

/// [`Origin`]'s `Display` text, built without the formatter (one allocation a field).
fn origin(o: &Origin) -> String {
    match o {
        Origin::Rule(id) => {
            let mut s = String::with_capacity(5 + id.len());
            s.push_str("rule:");
            s.push_str(id);
            s
        }
        Origin::Text => "text".to_owned(),
        Origin::Name => "name".to_owned(),
        Origin::Period => "period".to_owned(),
    }
}

/// One answer line of `jixiao parse`.
#[derive(Debug, Clone, Serialize)]
pub struct Record<'a> {
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<&'a str>,
    pub target: &'a str,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low_inclusive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high_inclusive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Present (possibly null) for quantitative kinds only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_from: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub restated_name: bool,
    /// A relative target's baseline (`上年`, the last year's actual given with the actuals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<&'static str>,
    /// A word that qualifies the target without changing it (`力争`, `均`, `须`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<&'static str>,
    /// A distributive word before the comparison (`分别`, `各`, `均`, `都`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distributive: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<&'static str>,
}

impl Record<'_> {
    /// The record as one JSON object, byte for byte what `serde_json::to_writer` writes for it
    /// (its derive: the fields in order, those empty left out), appended to `b` without
    /// serde's call per piece (the strings through [`crate::json_text`]'s escaper, which
    /// copies a string with nothing to escape in one go). A test holds the two equal.
    pub fn write_json(&self, b: &mut Vec<u8>) {
        use crate::json_text::string;
        fn key(b: &mut Vec<u8>, k: &str) {
            b.extend_from_slice(b",\"");
            b.extend_from_slice(k.as_bytes());
            b.extend_from_slice(b"\":");
        }
        fn text(b: &mut Vec<u8>, k: &str, v: Option<&str>) {
            if let Some(v) = v {
                key(b, k);
                string(b, v);
            }
        }
        fn flag(b: &mut Vec<u8>, k: &str, v: Option<bool>) {
            if let Some(v) = v {
                key(b, k);
                b.extend_from_slice(if v { b"true" } else { b"false" });
            }
        }
        b.extend_from_slice(b"{\"line\":");
        b.extend_from_slice(itoa::Buffer::new().format(self.line).as_bytes());
        text(b, "indicator", self.indicator);
        key(b, "target");
        string(b, self.target);
        key(b, "kind");
        string(b, self.kind);
        text(b, "op", self.op);
        text(b, "value", self.value.as_deref());
        text(b, "low", self.low.as_deref());
        text(b, "high", self.high.as_deref());
        flag(b, "low_inclusive", self.low_inclusive);
        flag(b, "high_inclusive", self.high_inclusive);
        flag(b, "expected", self.expected);
        text(b, "date", self.date.as_deref());
        if let Some(unit) = &self.unit {
            key(b, "unit");
            match unit {
                Some(u) => string(b, u),
                None => b.extend_from_slice(b"null"),
            }
        }
        text(b, "op_from", self.op_from.as_deref());
        text(b, "unit_from", self.unit_from.as_deref());
        if self.restated_name {
            key(b, "restated_name");
            b.extend_from_slice(b"true");
        }
        text(b, "baseline", self.baseline);
        text(b, "qualifier", self.qualifier);
        text(b, "distributive", self.distributive);
        text(b, "canonical", self.canonical.as_deref());
        text(b, "code", self.code);
        text(b, "message", self.message);
        b.push(b'}');
    }
}

/// The JSON line of one parse, byte for byte what `Record::new(line, indicator, target,
/// parsed).write_json(b)` writes, appended to `b` straight from the parse: no `Record`, no
/// `String` a field (decimals, dates and the canonical form written by hand, `scratch` reused
/// for the canonical form, which is escaped once more as a JSON string). `jixiao parse --format
/// jsonl` writes every line through it; a test holds it to the `Record`'s bytes.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn write_parsed_json(
    b: &mut Vec<u8>,
    scratch: &mut String,
    line: usize,
    indicator: Option<&str>,
    target: &str,
    parsed: &Parsed,
) {
    use crate::json_text::string;
    // keys and values known to need no escaping, written as they are
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    fn raw(b: &mut Vec<u8>, key_and_open: &[u8], v: &str) {
        b.extend_from_slice(key_and_open);
        crate::json_text::append(b, v.as_bytes());
        b.push(b'"');
    }
    fn decimal(
        b: &mut Vec<u8>,
        scratch: &mut String,
        key_and_open: &[u8],
        d: rust_decimal::Decimal,
    ) {
        scratch.clear();
        super::print::push_decimal(scratch, d);
        raw(b, key_and_open, scratch);
    }
    // a compare's or an approximate's canonical form into `scratch` (kept for `canonical`
    // below) and its value written from it: the number printed once
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    fn value_in_canonical(b: &mut Vec<u8>, scratch: &mut String, t: &Target) {
        scratch.clear();
        if let Some(value) = t.write_canonical_noting_value(scratch) {
            raw(b, b",\"value\":\"", &scratch[value]);
        }
    }
    fn unit(b: &mut Vec<u8>, u: Option<&super::Unit>) {
        b.extend_from_slice(b",\"unit\":");
        match u {
            Some(u) => string(b, u.as_str()),
            None => b.extend_from_slice(b"null"),
        }
    }
    // (inlined at its two places: the key a constant, its bytes copied without a call)
    #[inline(always)]
    fn origin(b: &mut Vec<u8>, key: &[u8], o: &Origin) {
        b.extend_from_slice(key);
        match o {
            Origin::Rule(id) if crate::json_text::is_plain(id) => {
                b.extend_from_slice(b"\"rule:");
                crate::json_text::append(b, id.as_bytes());
                b.push(b'"');
            }
            Origin::Rule(id) => {
                // `"rule:` + the id, escaped as one string
                let at = b.len();
                string(b, id);
                b.splice(at + 1..at + 1, *b"rule:");
            }
            Origin::Text => b.extend_from_slice(b"\"text\""),
            Origin::Name => b.extend_from_slice(b"\"name\""),
            Origin::Period => b.extend_from_slice(b"\"period\""),
        }
    }
    let t = &parsed.target;
    let p = &parsed.provenance;
    b.extend_from_slice(b"{\"line\":");
    b.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    if let Some(i) = indicator {
        b.extend_from_slice(b",\"indicator\":");
        string(b, i);
    }
    b.extend_from_slice(b",\"target\":");
    string(b, target);
    raw(b, b",\"kind\":\"", t.kind());
    // whether `scratch` holds the canonical form already (nothing else writes it meanwhile)
    let mut canonical_written = false;
    match t {
        Target::Compare { op, quantity } => {
            raw(b, b",\"op\":\"", op.as_str());
            value_in_canonical(b, scratch, t);
            canonical_written = true;
            unit(b, quantity.unit.as_ref());
        }
        Target::Approximate { quantity } => {
            value_in_canonical(b, scratch, t);
            canonical_written = true;
            unit(b, quantity.unit.as_ref());
        }
        Target::Range { low, high, unit: u } => {
            decimal(b, scratch, b",\"low\":\"", low.value);
            decimal(b, scratch, b",\"high\":\"", high.value);
            b.extend_from_slice(if low.inclusive {
                b",\"low_inclusive\":true"
            } else {
                b",\"low_inclusive\":false"
            });
            b.extend_from_slice(if high.inclusive {
                b",\"high_inclusive\":true"
            } else {
                b",\"high_inclusive\":false"
            });
            unit(b, u.as_ref());
        }
        Target::Relative {
            op,
            change,
            unit: u,
        } => {
            raw(b, b",\"op\":\"", op.as_str());
            decimal(b, scratch, b",\"value\":\"", *change);
            unit(b, u.as_ref());
        }
        Target::Boolean { expected } => b.extend_from_slice(if *expected {
            b",\"expected\":true"
        } else {
            b",\"expected\":false"
        }),
        Target::Plan { op } => raw(b, b",\"op\":\"", op.as_str()),
        Target::Deadline { op, date } => {
            raw(b, b",\"op\":\"", op.as_str());
            scratch.clear();
            date.write_to(scratch);
            raw(b, b",\"date\":\"", scratch);
        }
        Target::Qualitative { .. } | Target::Empty | Target::Error { .. } => {}
    }
    if let Some(o) = &p.op {
        origin(b, b",\"op_from\":", o);
    }
    if let Some(o) = &p.unit {
        origin(b, b",\"unit_from\":", o);
    }
    if p.restated_name {
        b.extend_from_slice(b",\"restated_name\":true");
    }
    if let Target::Relative { .. } = t {
        raw(b, b",\"baseline\":\"", super::lexicon::CANONICAL_BASE);
    }
    if let Some(q) = p.qualifier {
        b.extend_from_slice(b",\"qualifier\":");
        string(b, q);
    }
    if let Some(d) = p.distributive {
        b.extend_from_slice(b",\"distributive\":");
        string(b, d);
    }
    match t {
        Target::Empty => {}
        Target::Error { message } => {
            b.extend_from_slice(b",\"code\":");
            string(b, message.code());
            b.extend_from_slice(b",\"message\":");
            string(b, message.message());
        }
        t => {
            if !canonical_written {
                scratch.clear();
                t.write_canonical(scratch);
            }
            b.extend_from_slice(b",\"canonical\":");
            string(b, scratch);
        }
    }
    b.push(b'}');
}

impl<'a> Record<'a> {
    pub fn new(line: usize, indicator: Option<&'a str>, target: &'a str, parsed: &Parsed) -> Self {
        let t = &parsed.target;
        let mut r = Record {
            line,
            indicator,
            target,
            kind: t.kind(),
            op: None,
            value: None,
            low: None,
            high: None,
            low_inclusive: None,
            high_inclusive: None,
            expected: None,
            date: None,
            unit: None,
            op_from: parsed.provenance.op.as_ref().map(origin),
            unit_from: parsed.provenance.unit.as_ref().map(origin),
            restated_name: parsed.provenance.restated_name,
            baseline: None,
            qualifier: parsed.provenance.qualifier,
            distributive: parsed.provenance.distributive,
            canonical: t.canonical(),
            code: None,
            message: None,
        };
        let unit = |u: Option<&super::Unit>| Some(u.map(|u| u.as_str().to_owned()));
        match t {
            Target::Compare { op, quantity } => {
                r.op = Some(op.as_str());
                r.value = Some(quantity.value.normalize().to_string());
                r.unit = unit(quantity.unit.as_ref());
            }
            Target::Approximate { quantity } => {
                r.value = Some(quantity.value.normalize().to_string());
                r.unit = unit(quantity.unit.as_ref());
            }
            Target::Range { low, high, unit: u } => {
                r.low = Some(low.value.normalize().to_string());
                r.high = Some(high.value.normalize().to_string());
                r.low_inclusive = Some(low.inclusive);
                r.high_inclusive = Some(high.inclusive);
                r.unit = unit(u.as_ref());
            }
            Target::Relative {
                op,
                change,
                unit: u,
            } => {
                r.op = Some(op.as_str());
                r.value = Some(change.normalize().to_string());
                r.unit = unit(u.as_ref());
                r.baseline = Some(super::lexicon::CANONICAL_BASE);
            }
            Target::Boolean { expected } => r.expected = Some(*expected),
            Target::Plan { op } => r.op = Some(op.as_str()),
            Target::Deadline { op, date } => {
                r.op = Some(op.as_str());
                r.date = Some(date.to_string());
            }
            Target::Error { message } => {
                r.code = Some(message.code());
                r.message = Some(message.message());
            }
            Target::Qualitative { .. } | Target::Empty => {}
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `write_json` writes what serde_json writes, on every target of the seed, the corpora and
    /// the cases (every kind, units, rules, qualifiers, errors), and on texts to escape.
    #[test]
    fn write_json_is_serde_json_byte_for_byte() {
        // the bundled rules' directions (the default context's)
        let rules = super::super::Context::default().directions;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut input = Vec::new();
        for f in [
            "samples/guangzhou-hpf-2023/indicators.tsv",
            "tests/fixtures/lang/corpus_targets.tsv",
            "tests/fixtures/lang/corpus2_targets.tsv",
            "tests/fixtures/lang/corpus3_targets.tsv",
            "tests/fixtures/lang/cases.tsv",
        ] {
            input.extend(std::fs::read(root.join(f)).expect("fixture"));
        }
        input.extend_from_slice(
            "完成时间\t2023年12月31日前\n覆盖率\t90%-95%\n人数\t约100人\n增长率\t较上年增长5%\n空\t\n数量\t999999999999999999999999999999999999个\n"
                .as_bytes(),
        );
        input.extend_from_slice("引号\"与\\反斜杠\t95%\n\u{1}控制\t“正常”\n\t\u{7f}\n".as_bytes());
        input.extend_from_slice("说明\t要求\"达标\"\\完成\n".as_bytes());
        let mut kinds = std::collections::BTreeSet::new();
        let mut n = 0;
        for (i, raw) in input.split_inclusive(|b| *b == b'\n').enumerate() {
            let text = decode_line(raw);
            let (indicator, target_text) = split_line(&text);
            for year in [None, Some(2023)] {
                let parsed = parse_line(indicator, target_text, rules, year);
                let record = Record::new(i + 1, indicator, target_text, &parsed);
                let mut ours = Vec::new();
                record.write_json(&mut ours);
                let theirs = serde_json::to_string(&record).expect("serialises");
                assert_eq!(String::from_utf8(ours).expect("UTF-8"), theirs);
                let mut direct = b"left over".to_vec();
                let mut scratch = String::from("left over");
                write_parsed_json(
                    &mut direct,
                    &mut scratch,
                    i + 1,
                    indicator,
                    target_text,
                    &parsed,
                );
                assert_eq!(
                    std::str::from_utf8(&direct[9..]).expect("UTF-8"),
                    theirs,
                    "write_parsed_json"
                );
                kinds.insert(record.kind);
                n += 1;
            }
        }
        assert!(n > 500, "{n} records");
        assert!(kinds.len() >= 8, "{kinds:?}");
    }
}

#[cfg(test)]
mod escapes {
    use super::*;
    use crate::lang::{Op, Provenance, Spans};

    /// A rule id from a user's rule file may hold anything: escaped as serde_json escapes it.
    #[test]
    fn rule_ids_to_escape_are_escaped() {
        for id in [
            "plain.id",
            "quote\"d",
            "back\\slash",
            "tab\there",
            "中文规则",
        ] {
            let parsed = Parsed {
                target: Target::Plan { op: Op::Ge },
                provenance: Provenance {
                    op: Some(Origin::Rule(id.to_owned().into())),
                    unit: Some(Origin::Rule(id.to_owned().into())),
                    ..Provenance::default()
                },
                spans: Spans::default(),
            };
            let record = Record::new(7, Some("名"), "计划", &parsed);
            let mut direct = Vec::new();
            write_parsed_json(
                &mut direct,
                &mut String::new(),
                7,
                Some("名"),
                "计划",
                &parsed,
            );
            assert_eq!(
                String::from_utf8(direct).expect("UTF-8"),
                serde_json::to_string(&record).expect("serialises"),
                "{id}"
            );
        }
    }
}

#[cfg(test)]
mod decoding {
    use super::decode_line;

    /// simdutf8 decides UTF-8 as the standard library does, on short and long lines: valid lines
    /// borrowed as they are, anything else (GB18030, broken or overlong sequences, surrogates)
    /// read as GB18030; the line end and a BOM dropped.
    #[test]
    fn lines_decode_as_the_standard_check_decides() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("满意度\t≥90%");
        let long = "项目完成率达到百分之九十五以上；".repeat(20);
        let mut cases: Vec<Vec<u8>> = vec![
            b"95%\n".to_vec(),
            "满意度\t≥90%\r\n".as_bytes().to_vec(),
            "\u{feff}指标\t𠀀个\n".as_bytes().to_vec(),
            gbk.to_vec(),
            "满".as_bytes()[..2].to_vec(),
            b"\xC0\xAF".to_vec(),
            b"\xED\xA0\x80".to_vec(),
            b"\xF4\x90\x80\x80".to_vec(),
            long.as_bytes().to_vec(),
        ];
        let mut broken = long.as_bytes().to_vec();
        broken.insert(100, 0xFF);
        cases.push(broken);
        for raw in cases {
            let line = raw.strip_suffix(b"\n").unwrap_or(&raw);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            let want = match std::str::from_utf8(line) {
                Ok(s) => s.to_owned(),
                Err(_) => encoding_rs::GB18030.decode(line).0.into_owned(),
            };
            assert_eq!(decode_line(&raw), want, "{raw:?}");
        }
    }
}
