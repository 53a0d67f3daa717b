//! Reading a rule file's YAML: the only module that touches `serde_yaml`, so a maintained fork can
//! replace it here alone.
//!
//! The text is parsed as YAML (a syntax error stops there, at its line and column) and walked a
//! rule at a time: each rule's value is read, every key of it checked on its own, so all unknown
//! keys and bad values of a file are reported together, each underlined where
//! [`super::locate`] finds it, and dropped before the next; the rules are counted before any is
//! built.

use std::collections::HashMap;
use std::sync::Arc;

use miette::NamedSource;
use serde_yaml::{Mapping, Value};

use super::error::{FileErrors, NotHeld, RuleError, RuleErrorKind, nearest};
use super::keys::{self, AnyFields, KeyFields};
use super::locate::{self, ItemPos, KeyPos};
use super::model::{Common, FILE_KEYS, RULE_KEYS, RuleSpec};

/// One rule as read, with where its keys sit.
#[derive(Debug, Clone)]
pub struct LoadedRule {
    pub spec: RuleSpec,
    pub pos: ItemPos,
    /// Some key of it was rejected (so "decides nothing" would only repeat that error).
    pub broken: bool,
}

/// serde_yaml's message of a file that does not read as YAML, in Chinese
/// ([`crate::yaml::in_chinese`]): `YAML 语法错误：…`.
fn syntax_message(english: &str) -> String {
    let chinese = crate::yaml::bounded(&crate::yaml::in_chinese(english));
    match chinese.strip_prefix(crate::yaml::UNKNOWN_SHAPE) {
        Some(rest) => format!("YAML 语法错误{rest}"),
        None => format!("YAML 语法错误：{chinese}"),
    }
}

fn whole(src: &NamedSource<Arc<str>>) -> std::ops::Range<usize> {
    0..src.inner().len().min(1)
}

/// Read one rule file: the rules it holds, and every error found in it. The steps: the text's
/// bounds (`check_bounds`); where its keys sit, and its rules counted there, a file of more
/// than [`crate::limits::RULES`] refused before any is built (`too_many`); the text read as
/// YAML events and walked a rule at a time (`FileSeed`): the file's shape down to its list of
/// rules, each rule read key by key, every bad key reported (`read_rule`), its id there and
/// said once (`check_id`), and the rule's YAML value dropped before the next is read. Read
/// whole into one YAML value first, a file of 150,000 short rules (10 MB) held 485 MB.
pub fn load(src: &NamedSource<Arc<str>>) -> (Vec<LoadedRule>, Vec<RuleError>, NotHeld) {
    if let Err(e) = check_bounds(src) {
        return (Vec::new(), vec![*e], NotHeld::default());
    }
    let max_rules = crate::limits::RULES.get_usize();
    // a large file's rules are counted before their places are held; a small one's (the
    // bundled files, most of an auditor's) are counted from their places, one walk, not two
    let text = src.inner();
    if text.len() > COUNT_FIRST_BYTES {
        let count = locate::count_items(text);
        if count > max_rules {
            let rules_key = top_pos(&locate::locate_top(text), "rules");
            return (
                Vec::new(),
                vec![too_many(src, &rules_key, count)],
                NotHeld::default(),
            );
        }
    }
    let pos = locate::locate(text);
    let rules_key = top_pos(&pos, "rules");
    if pos.items.len() > max_rules {
        return (
            Vec::new(),
            vec![too_many(src, &rules_key, pos.items.len())],
            NotHeld::default(),
        );
    }
    let fresh = || Loading {
        src,
        pos: &pos,
        rules_key: rules_key.clone(),
        errors: Vec::new(),
        not_held: NotHeld::default(),
        out: Vec::new(),
        seen: HashMap::new(),
        items: 0,
    };
    // the events read as they come (`crate::yaml::stream`); a file of what that reader leaves
    // to serde_yaml (an anchor, a tag, a syntax error) read again from the start, whole
    let mut loading = fresh();
    let streamed = crate::yaml::stream::seeded(text, FileSeed(&mut loading));
    let failed = match streamed {
        Ok(()) => None,
        Err(e) if !e.is_whole() => Some((e.to_string(), e.location())),
        Err(_) => {
            loading = fresh();
            let de = serde_yaml::Deserializer::from_str(text);
            serde::de::DeserializeSeed::deserialize(FileSeed(&mut loading), de)
                .err()
                .map(|e| (e.to_string(), e.location().map(|l| (l.line(), l.column()))))
        }
    };
    if let Some((message, at)) = failed {
        return (
            Vec::new(),
            vec![syntax_error(src, &message, at)],
            NotHeld::default(),
        );
    }
    (loading.out, loading.errors, loading.not_held)
}

/// Files past this many bytes have their rules counted before their places are held
/// (`locate::count_items`); below it the places are small and the count is theirs.
const COUNT_FIRST_BYTES: usize = 256 * 1024;

/// A rule file being read: where its keys sit, the rules read so far and the errors found.
struct Loading<'a> {
    src: &'a NamedSource<Arc<str>>,
    pos: &'a locate::FilePos,
    rules_key: Option<KeyPos>,
    errors: Vec<RuleError>,
    /// The rules' errors past those held ([`FileErrors::hold`]), counted.
    not_held: NotHeld,
    out: Vec<LoadedRule>,
    seen: HashMap<String, KeyPos>,
    /// Items of `rules:` met so far.
    items: usize,
}

impl Loading<'_> {
    /// Item `i` of `rules:` (its YAML value `item`): read, checked and kept.
    fn rule(&mut self, i: usize, item: Value) {
        let src = self.src;
        let ipos = self.pos.items.get(i).cloned().unwrap_or_else(|| ItemPos {
            line: self.rules_key.as_ref().map_or(1, |p| p.line),
            dash: self
                .rules_key
                .as_ref()
                .map_or(whole(src), |p| p.key.clone()),
            keys: Vec::new(),
        });
        let errors_before = self.errors.len();
        let Some(spec) = read_rule(src, item, &ipos, &mut self.errors) else {
            return;
        };
        let own_errors = self.errors.len() > errors_before;
        if !check_id(
            src,
            &spec,
            &ipos,
            own_errors,
            &mut self.seen,
            &mut self.errors,
        ) {
            return;
        }
        self.out.push(LoadedRule {
            spec,
            pos: ipos,
            broken: self.errors.len() > errors_before,
        });
    }

    /// A top-level key other than `rules:`: an error.
    fn unknown_top_key(&mut self, key: &str) {
        let span = top_pos(self.pos, key).map_or(whole(self.src), |p| p.key);
        let e = RuleError::new(
            RuleErrorKind::UnknownKey,
            self.src,
            span,
            format!("未知的顶层键 `{key}`"),
            "未知的键",
        );
        self.errors.push(e.help(match nearest(key, FILE_KEYS) {
            Some(n) => format!("是不是 `{n}`？规则都写在 `rules:` 列表里"),
            None => "规则文件只有一个顶层键 `rules:`".to_owned(),
        }));
    }

    /// The file is no mapping.
    fn not_a_mapping(&mut self) {
        self.errors.push(
            RuleError::new(RuleErrorKind::Shape, self.src, whole(self.src), "规则文件应以 `rules:` 开头", "这里应是 `rules:`")
                .help("规则文件的形状：\nrules:\n  - id: my.rule\n    when: indicator ~ \"满意度\"\n    direction: higher"),
        );
    }

    /// `rules:` is no list.
    fn not_a_list(&mut self) {
        let span = self
            .rules_key
            .as_ref()
            .map_or(whole(self.src), |p| p.key.clone());
        self.errors.push(
            RuleError::new(
                RuleErrorKind::Shape,
                self.src,
                span,
                "`rules:` 应是一个列表",
                "这里应是以 `- ` 开头的列表",
            )
            .help("每条规则以 `- id: …` 开头"),
        );
    }

    /// The file has no `rules:` (said unless its other keys were already reported).
    fn no_rules(&mut self) {
        if self.errors.is_empty() {
            self.errors.push(
                RuleError::new(
                    RuleErrorKind::Shape,
                    self.src,
                    whole(self.src),
                    "规则文件缺少 `rules:`",
                    "这里应是 `rules:`",
                )
                .help("规则文件的形状：rules: 下面是以 `- id: …` 开头的列表"),
            );
        }
    }
}

/// The error of a file of `count` rules, past [`crate::limits::RULES`], at `rules:`.
fn too_many(src: &NamedSource<Arc<str>>, rules_key: &Option<KeyPos>, count: usize) -> RuleError {
    let span = rules_key.as_ref().map_or(whole(src), |p| p.key.clone());
    RuleError::new(
        RuleErrorKind::TooMany,
        src,
        span,
        format!(
            "规则文件有 {count} 条规则，超过每个文件 {} 条的上限",
            crate::limits::RULES.shown()
        ),
        "规则太多",
    )
    .help(crate::limits::RULES.help())
}

/// The whole file: a mapping whose one key is `rules:` (any other top-level key an error, the
/// rules still read); nothing where it is empty.
struct FileSeed<'l, 'a>(&'l mut Loading<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for FileSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FileSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a mapping with `rules:`")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut has_rules = false;
        while let Some(k) = map.next_key::<Value>()? {
            let key = k.as_str().unwrap_or("").to_owned();
            if key == "rules" {
                has_rules = true;
                map.next_value_seed(RulesSeed(self.0))?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
                self.0.unknown_top_key(&key);
            }
        }
        if !has_rules {
            self.0.no_rules();
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let (_, variant) = data.variant::<serde::de::IgnoredAny>()?;
        variant.newtype_variant::<serde::de::IgnoredAny>()?;
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.not_a_mapping();
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.not_a_mapping();
        Ok(())
    }
}

/// The value of `rules:`: a list read an item at a time (each item's YAML value read, its rule
/// kept, the value dropped), at most [`crate::limits::RULES`] of them (past it the rest only
/// counted, and the file's rules refused); an empty value is no rules; anything else an error.
struct RulesSeed<'l, 'a>(&'l mut Loading<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for RulesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RulesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of rules")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let l = self.0;
        let max_rules = crate::limits::RULES.get_usize();
        let (out_before, errors_before) = (l.out.len(), l.errors.len());
        loop {
            if l.items < max_rules {
                let Some(item) = seq.next_element::<Value>()? else {
                    break;
                };
                l.rule(l.items, item);
                FileErrors::hold_from(&mut l.errors, errors_before, &mut l.not_held);
            } else if seq.next_element::<serde::de::IgnoredAny>()?.is_none() {
                break;
            }
            l.items += 1;
        }
        if l.items > max_rules {
            // no rule of a file past the limit is kept, nor its rules' errors
            l.out.truncate(out_before);
            l.errors.truncate(errors_before);
            l.not_held = NotHeld::default();
            let e = too_many(l.src, &l.rules_key, l.items);
            l.errors.push(e);
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        self.0.not_a_list();
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let (_, variant) = data.variant::<serde::de::IgnoredAny>()?;
        variant.newtype_variant::<serde::de::IgnoredAny>()?;
        self.0.not_a_list();
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.not_a_list();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.not_a_list();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.not_a_list();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.not_a_list();
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.not_a_list();
        Ok(())
    }
}

/// Where a top-level key sits.
fn top_pos(pos: &locate::FilePos, key: &str) -> Option<KeyPos> {
    pos.top
        .iter()
        .find(|(n, _)| n == key)
        .map(|(_, p)| p.clone())
}

/// Step 1: the text's size, depth and aliases bounded ([`crate::yaml::check_bounds`]) before it
/// is parsed.
fn check_bounds(src: &NamedSource<Arc<str>>) -> Result<(), Box<RuleError>> {
    let text: &str = src.inner();
    let Err(refused) = crate::yaml::check_bounds(text) else {
        return Ok(());
    };
    use crate::yaml::Refused;
    let offset = refused.offset();
    let len = text[offset..].chars().next().map_or(0, char::len_utf8);
    let (message, label, help) = match &refused {
        Refused::Deep(deep) => (
            format!("YAML 嵌套太深：{}", deep.message()),
            "嵌套在这里超过上限",
            crate::limits::YAML_DEPTH.help(),
        ),
        Refused::Aliases(big) => (
            format!("YAML {}", big.message()),
            "展开在这里超过上限",
            "同一段内容只写一次，或把重复的内容直接写出".to_owned(),
        ),
        Refused::Many(many) => (
            format!("YAML {}", many.message()),
            "在这里超过上限",
            match many.key {
                true => crate::limits::YAML_KEY.help(),
                false => crate::limits::YAML_NODES.help(),
            },
        ),
    };
    Err(Box::new(
        RuleError::new(
            RuleErrorKind::TooMany,
            src,
            offset..offset + len,
            message,
            label,
        )
        .help(help),
    ))
}

/// A file that does not read as YAML: the error at its line and column (an unclosed quote
/// where serde_yaml only sees the end of the file).
/// `english` is the reader's message, `location` its 1-based line and column.
fn syntax_error(
    src: &NamedSource<Arc<str>>,
    english: &str,
    location: Option<(usize, usize)>,
) -> RuleError {
    let text: &str = src.inner();
    let mut at = location.map_or(0, |(line, column)| offset_of(text, line, column));
    let mut label = "YAML 在这里读不下去";
    let mut help = "检查缩进（用空格，不用制表符）、冒号后的空格和引号是否成对；含 `: ` 或 `#` 的条件请整体加引号";
    if at >= text.trim_end().len()
        && let Some(open) = unclosed_quote(text)
    {
        at = open;
        label = "这个引号在本行没有闭合";
        help = "在值的末尾补上 `\"`；值里面的引号写作 `\\\"`，或整个值改用单引号 '…'";
    }
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    RuleError::new(
        RuleErrorKind::Syntax,
        src,
        at..at + len,
        syntax_message(english),
        label,
    )
    .help(help)
}

/// Step 3: one rule, each key checked on its own (a known key, a value of its type), so every
/// bad key of the rule is reported; the rule is read from the keys that passed. `None` where the
/// item is no mapping.
fn read_rule(
    src: &NamedSource<Arc<str>>,
    item: Value,
    ipos: &ItemPos,
    errors: &mut Vec<RuleError>,
) -> Option<RuleSpec> {
    let Value::Mapping(m) = item else {
        errors.push(
            RuleError::new(
                RuleErrorKind::Shape,
                src,
                ipos.dash.clone(),
                "这条规则不是键值对",
                "这里应是 `- id: …`",
            )
            .help("每条规则写作：\n  - id: my.rule\n    when: …\n    direction: higher"),
        );
        return None;
    };
    let mut spec = RuleSpec::default();
    for (k, v) in m {
        match check_key(src, ipos, &k, &v) {
            Ok(read) => read.add_to(&mut spec),
            Err(e) => errors.push(*e),
        }
    }
    Some(spec)
}

/// A key of a rule, read: a common field, or the fields of each key that declares it (an
/// attached key such as `severity` may belong to several).
enum Read {
    Common(Common),
    Keys(Vec<(usize, Box<dyn AnyFields>)>),
}

impl Read {
    fn add_to(self, spec: &mut RuleSpec) {
        match self {
            Read::Common(c) => spec.set_common(c),
            Read::Keys(keys) => {
                for (kind, fields) in keys {
                    spec.add_fields(kind, fields);
                }
            }
        }
    }
}

/// How a key's fields are read: from a YAML mapping of some of them.
pub(in crate::rules) type ReadFields = fn(Mapping) -> Result<Box<dyn AnyFields>, serde_yaml::Error>;

/// Read a key's fields `T` from a mapping of some of them (what [`keys::FieldSet`] calls).
pub(in crate::rules) fn read_fields<T: KeyFields>(
    m: Mapping,
) -> Result<Box<dyn AnyFields>, serde_yaml::Error> {
    serde_yaml::from_value::<T>(Value::Mapping(m)).map(|f| Box::new(f) as Box<dyn AnyFields>)
}

/// The key `key` (written `k`) with its value, read by whatever declares it; `None` where no
/// rule has such a key.
fn read_one(key: &str, k: &Value, v: &Value) -> Option<Result<Read, serde_yaml::Error>> {
    let one = || {
        let mut m = Mapping::new();
        m.insert(k.clone(), v.clone());
        m
    };
    if Common::NAMES.contains(&key) {
        return Some(serde_yaml::from_value(Value::Mapping(one())).map(Read::Common));
    }
    let mut out = Vec::new();
    for (kind, info) in keys::ALL.iter().enumerate() {
        if info.fields.names.contains(&key) {
            match (info.fields.read)(one()) {
                Ok(fields) => out.push((kind, fields)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
    (!out.is_empty()).then_some(Ok(Read::Keys(out)))
}

/// A YAML key as text (a number or a list written as a key: as YAML prints it).
fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// A rule read by serde (a rule file read whole, as the tests of the bundled files do): the
/// keys read as the loader reads them, the first bad one the error.
impl<'de> serde::Deserialize<'de> for RuleSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut spec = RuleSpec::default();
        for (k, v) in Mapping::deserialize(d)? {
            let key = key_text(&k);
            match read_one(&key, &k, &v) {
                Some(Ok(read)) => read.add_to(&mut spec),
                Some(Err(e)) => return Err(D::Error::custom(e)),
                None => return Err(D::Error::unknown_field(&key, &RULE_KEYS)),
            }
        }
        Ok(spec)
    }
}

/// One key of a rule: a key rules have (else the nearest one suggested), with a value serde
/// reads as that key's (else its choices or the shape of its value).
fn check_key(
    src: &NamedSource<Arc<str>>,
    ipos: &ItemPos,
    k: &Value,
    v: &Value,
) -> Result<Read, Box<RuleError>> {
    let key = key_text(k);
    let kp = ipos.key(&key);
    let key_span = kp.map_or(ipos.dash.clone(), |p| p.key.clone());
    let read = read_one(&key, k, v);
    let Some(read) = read else {
        if key == "<<" {
            return Err(Box::new(
                RuleError::new(
                    RuleErrorKind::UnknownKey,
                    src,
                    key_span,
                    crate::yaml::MERGE_KEY,
                    "规则没有这个键",
                )
                .help("把锚点（&名字）中的键直接写进这条规则"),
            ));
        }
        let help = match nearest(&key, &RULE_KEYS) {
            Some(n) => format!("是不是 `{n}`？"),
            None => format!("规则可用的键：{}", RULE_KEYS.join("、")),
        };
        return Err(Box::new(
            RuleError::new(
                RuleErrorKind::UnknownKey,
                src,
                key_span,
                format!("未知的键 `{key}`"),
                "规则没有这个键",
            )
            .help(help),
        ));
    };
    let e = match read {
        Ok(read) => return Ok(read),
        Err(e) => e,
    };
    let span = kp
        .filter(|p| !p.value.is_empty())
        .map_or(key_span, |p| p.value.clone());
    let err = RuleError::new(
        RuleErrorKind::BadValue,
        src,
        span,
        format!(
            "`{key}` 的值不对：{}",
            crate::yaml::bounded(&crate::yaml::in_chinese(&e.to_string()))
        ),
        "这个值不对",
    );
    Err(Box::new(err.help(value_help(&key, v))))
}

/// Step 4: the rule's id — there (unless the `id` key itself was rejected, `own_errors`), and
/// not said twice in one file (`seen`). `false`: a duplicate, left out.
fn check_id(
    src: &NamedSource<Arc<str>>,
    spec: &RuleSpec,
    ipos: &ItemPos,
    own_errors: bool,
    seen: &mut HashMap<String, KeyPos>,
    errors: &mut Vec<RuleError>,
) -> bool {
    match &spec.id {
        None if own_errors && ipos.key("id").is_some() => {}
        None => errors.push(
            RuleError::new(RuleErrorKind::MissingId, src, ipos.dash.clone(), "这条规则没有 `id`", "缺少 id")
                .help("每条规则要有唯一的 id，如 `id: audit.satisfaction-floor`；同 id 的后一条覆盖前一条"),
        ),
        Some(id) => {
            let here = ipos.key("id").cloned();
            if let Some(first) = seen.get(id) {
                let span = here.as_ref().map_or(ipos.dash.clone(), |p| p.value.clone());
                errors.push(
                    RuleError::new(RuleErrorKind::DuplicateId, src, span, format!("同一文件里 id `{id}` 出现了两次（第一次在第 {} 行）", first.line), "重复的 id")
                        .help("一个文件里每个 id 只写一次；要覆盖默认规则，写在另一个文件里"),
                );
                return false;
            }
            if let Some(h) = here {
                seen.insert(id.clone(), h);
            }
        }
    }
    true
}

/// The byte offset of a 1-based line and column (columns count characters, as libyaml's do).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut at = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return at
                + l.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.trim_end_matches(['\n', '\r']).len(), |(i, _)| i);
        }
        at += l.len();
    }
    text.len()
}

/// Where a double quote opens and never closes on its line (serde_yaml reports such a quote at
/// the end of the file).
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut open = None;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            match c {
                '\\' if open.is_some() => escaped = !escaped,
                '"' if !escaped => {
                    open = if open.is_some() {
                        None
                    } else {
                        Some(start + i)
                    }
                }
                '#' if open.is_none() => break,
                _ => escaped = false,
            }
        }
        if open.is_some() {
            return open;
        }
    }
    None
}

/// What is said of a bad value of `key` (written `v`): the common fields' shape here, a key's
/// field's as its file says ([`keys::KeyInfo::value_help`]: its choices, the nearest to `v`
/// suggested, or its shape); else that it is a number.
fn value_help(key: &str, v: &Value) -> String {
    match key {
        "id" | "description" | "when" => return format!("`{key}` 的值是一段文字"),
        "disable" => return format!("`{key}` 的值是 true 或 false"),
        _ => {}
    }
    let help = keys::ALL
        .iter()
        .flat_map(|k| k.value_help)
        .find(|(field, _)| *field == key);
    match help.map(|(_, h)| *h) {
        Some(keys::ValueHelp::Choices(choices)) => {
            match v.as_str().and_then(|s| nearest(s, choices)) {
                Some(n) => format!("是不是 `{n}`？可选：{}", choices.join("、")),
                None => format!("可选：{}", choices.join("、")),
            }
        }
        Some(keys::ValueHelp::Text(text)) => text.to_owned(),
        None => format!("`{key}` 的值是一个数，如 50 或 2.5"),
    }
}

/// Read any other YAML document the rules layer owns (rule test cases) into `T`, as it is
/// parsed (`crate::yaml::from_str`: its events never held whole, as rule files are read); the
/// error is the reader's message with its byte offset.
pub fn read_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (String, usize)> {
    crate::yaml::from_str(text).map_err(|e| {
        // serde's English told in Chinese (`missing field `cases`` → 缺少字段 …), its place
        // given as the byte offset
        let at = match (e.line, e.column) {
            (Some(line), Some(column)) => offset_of(text, line, column),
            _ => e.offset.unwrap_or(0),
        };
        (e.message, at)
    })
}
