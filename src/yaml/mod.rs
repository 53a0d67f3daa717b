//! YAML through serde_yaml (deprecated upstream): every YAML text jixiao reads is bounded here
//! first ([`check_bounds`]), the actuals file and every serialized YAML go through
//! [`from_str`] / [`to_string`], and serde_yaml's English messages are told in Chinese here
//! ([`in_chinese`]). The one other module that names serde_yaml is `rules::loader`, which reads a
//! rule file as serde_yaml's `Value` to place each key and field (after [`check_bounds`]): a
//! maintained fork replaces it in these two files. Both read a document through `stream`
//! first (its events as they come, never the whole document's events held), and through
//! serde_yaml whole only for what that reader leaves to it (an anchor, a tag, a syntax error).
//!
//! An error's message quotes what it found (`` `abc` 不是金额 ``): each quoted value is cut to
//! [`QUOTED_CHARS`] characters with `…`, and the message to [`MESSAGE_CHARS`], so a 20 MB value
//! gives a message of a few hundred bytes (its snippet is cut likewise, `crate::diagnostic`).

use serde::Serialize;
use serde::de::DeserializeOwned;

pub(crate) mod stream;

/// A YAML file that does not read as the expected shape.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub message: String,
    /// 1-based line and column, where the parser knows them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte offset in the text, where known.
    pub offset: Option<usize>,
}

/// Deserialize a YAML document (its size bounded first, see [`check_bounds`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Err(refused) = check_bounds(text) {
        return Err(YamlError {
            line: None,
            column: None,
            offset: Some(refused.offset()),
            message: refused.message(),
        });
    }
    // read as it is parsed; what the streamed reader leaves to serde_yaml, read whole
    match stream::seeded(text, std::marker::PhantomData::<T>) {
        Ok(value) => return Ok(value),
        Err(e) if !e.is_whole() => {
            let loc = e.location();
            return Err(YamlError {
                message: bounded(&in_chinese(&e.to_string())),
                line: loc.map(|l| l.0),
                column: loc.map(|l| l.1),
                offset: e.offset(),
            });
        }
        Err(_) => {}
    }
    // serde_yaml 0.9 reads a byte-order mark as a document of its own ("more than one
    // document"): given the text after it, its offsets moved past it
    let mark = match text.starts_with('\u{feff}') {
        true => '\u{feff}'.len_utf8(),
        false => 0,
    };
    serde_yaml::from_str(&text[mark..]).map_err(|e| {
        let loc = e.location();
        YamlError {
            message: bounded(&in_chinese(&e.to_string())),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            offset: loc.as_ref().map(|l| l.index() + mark),
        }
    })
}

/// Characters of a value quoted in an error message (between backticks) kept.
pub const QUOTED_CHARS: usize = 80;
/// Characters of an error message kept.
pub const MESSAGE_CHARS: usize = 1000;

/// `message` with each value quoted in backticks cut to [`QUOTED_CHARS`] characters and the
/// whole to [`MESSAGE_CHARS`], `…` where cut.
pub fn bounded(message: &str) -> String {
    let cut = |s: &str, n: usize| match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    };
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&cut(part, QUOTED_CHARS));
        } else {
            out.push_str(part);
        }
    }
    cut(&out, MESSAGE_CHARS)
}

/// serde's and the YAML scanner's English message in Chinese: `projects[0]: unknown field
/// `bogus`, expected one of `unit`, `project` at line 3 column 5` → `projects[0]：不认识的字段
/// `bogus`（可用的字段：`unit`、`project`）`. The place (`at line … column …`) is dropped: the
/// error carries it. A message of no known shape is told as [`UNKNOWN_SHAPE`], its English
/// after it as a detail; jixiao's own messages (already Chinese) are kept as they are.
pub fn in_chinese(message: &str) -> String {
    let message = without_place(message);
    // serde_yaml puts the path of the value in front: `projects[0].indicators: …`
    let (path, body) = match message.split_once(": ") {
        Some((path, body)) if is_path(path) => (Some(path), body),
        _ => (None, message),
    };
    let body = body_in_chinese(body);
    match path {
        Some(path) => format!("{path}：{body}"),
        None => body,
    }
}

/// `… at line 3 column 5` without its place.
fn without_place(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at)
            if message[at + " at line ".len()..]
                .split_once(" column ")
                .is_some_and(|(l, c)| is_digits(l) && is_digits(c)) =>
        {
            &message[..at]
        }
        _ => message,
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `projects[0].indicators`: names, indices and dots, nothing else.
fn is_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'))
}

/// A message without its place and path, in Chinese: jixiao's own (already Chinese: a
/// visitor's `` `abc` 不是金额 ``) as it is, serde's ([`serde_in_chinese`]), then serde_yaml's
/// and the scanner's ([`SERDE_YAML_MESSAGES`], [`SCANNER_MESSAGES`]); a message of no known
/// shape is told as `YAML 格式有误`, its English kept after it as a detail (`（原文：…）`).
fn body_in_chinese(body: &str) -> String {
    if let Some(chinese) = serde_in_chinese(body) {
        return chinese;
    }
    if body.chars().any(is_han) {
        return body.to_owned();
    }
    // the scanner's context (`, while scanning for the next token`) says nothing more to a user
    let body = body.split(", while ").next().unwrap_or(body);
    for (english, chinese) in SERDE_YAML_MESSAGES.iter().chain(SCANNER_MESSAGES) {
        if body.starts_with(english) {
            return (*chinese).to_owned();
        }
    }
    format!("{UNKNOWN_SHAPE}（原文：{body}）")
}

/// A merge key (`<<: *base`), which serde_yaml 0.9 reads as a key of its own name.
pub const MERGE_KEY: &str = "不支持 YAML 的合并键 `<<`（请把要共用的字段在每一处逐个写出）";

/// What a message of no known shape is told as (its English after it, as a detail).
pub const UNKNOWN_SHAPE: &str = "YAML 格式有误";

/// A CJK ideograph: a message holding one is jixiao's own, already Chinese.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// serde's messages (unknown field or value, missing or duplicate field, wrong type, value or
/// length) in Chinese, with the names and values they quote; `None` for any other message.
fn serde_in_chinese(body: &str) -> Option<String> {
    if let Some(rest) = body.strip_prefix("unknown field ") {
        if rest.starts_with("`<<`") {
            return Some(MERGE_KEY.to_owned());
        }
        return Some(match rest.rsplit_once(", expected one of ") {
            Some((f, list)) => format!("不认识的字段 {f}（可用的字段：{}）", names(list)),
            None => match rest.rsplit_once(", expected ") {
                Some((f, one)) => format!("不认识的字段 {f}（可用的字段：{}）", names(one)),
                None => format!(
                    "不认识的字段 {}（此处没有字段）",
                    rest.trim_end_matches(", there are no fields")
                ),
            },
        });
    }
    if let Some(rest) = body.strip_prefix("unknown variant ") {
        return Some(match rest.rsplit_once(", expected one of ") {
            Some((v, list)) => format!("不认识的取值 {v}（可选：{}）", names(list)),
            None => match rest.rsplit_once(", expected ") {
                Some((v, one)) => format!("不认识的取值 {v}（可选：{}）", names(one)),
                None => format!(
                    "不认识的取值 {}（此处没有可选的值）",
                    rest.trim_end_matches(", there are no variants")
                ),
            },
        });
    }
    if let Some(name) = body.strip_prefix("data did not match any variant of untagged enum ") {
        return Some(format!("类型不对：应是{}", expected_in_chinese(name)));
    }
    if let Some(f) = body.strip_prefix("missing field ") {
        return Some(format!("缺少字段 {f}"));
    }
    if let Some(f) = body.strip_prefix("duplicate field ") {
        return Some(format!("字段 {f} 重复"));
    }
    if let Some(k) = body.strip_prefix("duplicate entry with key ") {
        return Some(format!("键 {k} 重复"));
    }
    for (prefix, head) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "取值无效"),
    ] {
        if let Some((found, expected)) = body
            .strip_prefix(prefix)
            .and_then(|r| r.rsplit_once(", expected "))
        {
            if let Some(big) = too_large_integer(found) {
                return Some(too_large_in_chinese(big, expected));
            }
            return Some(format!(
                "{head}：这里是{}，应是{}",
                found_in_chinese(found),
                expected_in_chinese(expected)
            ));
        }
    }
    let (n, expected) = body
        .strip_prefix("invalid length ")
        .and_then(|r| r.rsplit_once(", expected "))?;
    let expected = expected_in_chinese(expected);
    let gap = if expected.starts_with(|c: char| c.is_ascii_digit()) {
        " "
    } else {
        ""
    };
    Some(format!("长度不对：有 {n} 项，应是{gap}{expected}"))
}

/// The integer of serde's `Unexpected` for a YAML integer past 64 bits (serde_yaml's
/// `` integer `N` as u128 ``, `` … as i128 ``, or a 128-bit visitor's bare `u128` / `i128`):
/// `Some("N")` (`Some("")` where the figure is not quoted), `None` for anything else.
fn too_large_integer(found: &str) -> Option<&str> {
    if matches!(found, "u128" | "i128") {
        return Some("");
    }
    let rest = found.strip_prefix("integer `")?;
    rest.strip_suffix("` as u128")
        .or_else(|| rest.strip_suffix("` as i128"))
}

/// A YAML integer past what can be read (`weight: 99999999999999999999999`), in Chinese: the
/// figure and the range, never serde's `` `N` as u128 `` or `any YAML value`.
fn too_large_in_chinese(figure: &str, expected: &str) -> String {
    let figure = match figure {
        "" => String::new(),
        f => format!(" {f} "),
    };
    match expected {
        // a rule file's or a test case's value, read as any value first
        "any YAML value" | "any value" => format!(
            "数值太大：整数{figure}超出可读的范围（-9223372036854775808 至 18446744073709551615）"
        ),
        e => format!(
            "数值太大：整数{figure}超出范围，应是{}",
            expected_in_chinese(e)
        ),
    }
}

/// serde_yaml's own messages (how each begins) in Chinese: documents, aliases, merges, tags.
const SERDE_YAML_MESSAGES: &[(&str, &str)] = &[
    ("EOF while parsing a value", "文件意外结束（此处缺少值）"),
    (
        "deserializing from YAML containing more than one document",
        "文件中有多个 YAML 文档（以 --- 分隔），只能有一个（删去多余的 --- 及其后内容，或拆成几个文件）",
    ),
    ("recursion limit exceeded", "嵌套太深"),
    (
        "repetition limit exceeded",
        "别名（*锚点）引用的次数太多（每个 *别名 都展开一次）",
    ),
    ("unknown anchor", "引用了未定义的锚点（*别名）"),
    (
        "serialization and deserialization of bytes",
        "不支持二进制（!!binary）的值",
    ),
    (
        "expected a mapping or list of mappings for merging",
        "合并键 << 的值应是映射（键: 值）或映射的列表，这里是单个值",
    ),
    (
        "unexpected tagged value in merge",
        "合并键 << 的值不能带类型标记（!）",
    ),
    (
        "expected a mapping for merging",
        "合并键 << 的列表中每一项都应是映射（键: 值）",
    ),
    ("empty YAML tag is not allowed", "类型标记 ! 后面是空的"),
    ("failed to parse YAML number", "数字的写法读不出"),
];

/// The YAML scanner's messages (how each begins) in Chinese, with what to do about them.
const SCANNER_MESSAGES: &[(&str, &str)] = &[
    (
        "found character that cannot start any token",
        "出现了不能开始一个值的字符（用制表符缩进了？或值以 @、` 开头，需加引号）",
    ),
    (
        "mapping values are not allowed in this context",
        "此处不能写“键: 值”（值中有冒号加空格时请给整个值加引号）",
    ),
    (
        "did not find expected key",
        "找不到应有的键（检查缩进是否对齐）",
    ),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合"),
    ("did not find expected node content", "此处缺少值"),
    ("did not find expected '-' indicator", "列表项的缩进不对"),
    (
        "found unexpected end of stream",
        "文件意外结束（引号或括号没有闭合？）",
    ),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("found unknown anchor", "引用了未定义的锚点（*别名）"),
    ("recursion limit exceeded", "嵌套太深"),
    (
        "found a tab character that violates indentation",
        "用了制表符缩进（请用空格）",
    ),
    (
        "found unexpected end of plain scalar",
        "值意外结束（检查引号）",
    ),
    (
        "found a tab character where an indentation space is expected",
        "用了制表符缩进（请用空格）",
    ),
    (
        "could not find expected ':'",
        "找不到应有的冒号“:”（上一行的字段名后面漏了冒号？应写成“字段: 值”，冒号后加空格）",
    ),
    (
        "block sequence entries are not allowed in this context",
        "此处不能开始列表项“- ”（检查上一行的缩进或冒号）",
    ),
    (
        "did not find expected comment or line break",
        "值后面多了文字（含空格或 # 的值请加引号）",
    ),
    (
        "found unknown escape character",
        "双引号中的反斜杠 \\ 后面跟了不认识的字符（改用单引号）",
    ),
    (
        "found invalid Unicode character escape code",
        "双引号中的 \\u 转义不是有效字符",
    ),
    (
        "control characters are not allowed",
        "文件中有控制字符（不可见字符）",
    ),
    (
        "did not find expected whitespace or line break",
        "此处应有空格或换行",
    ),
    (
        "found unexpected document indicator",
        "值中出现了文档分隔符 --- 或 ...（请加引号）",
    ),
    (
        "did not find expected <document start>",
        "文件开头的格式不对（应以“字段: 值”开始）",
    ),
    (
        "invalid leading UTF-8 octet",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "invalid trailing UTF-8 octet",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "incomplete UTF-8 octet sequence",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "found invalid tag",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "did not find expected tag URI",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "found undefined tag handle",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "did not find URI escaped octet",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "found unexpected ':'",
        "此处不能有冒号（含冒号的值请加引号）",
    ),
    (
        "mapping keys are not allowed in this context",
        "此处不能写键（? 开头的值请加引号）",
    ),
    ("found duplicate anchor", "同一个锚点（&名字）定义了两次"),
    (
        "did not find expected alphabetic or numeric character",
        "锚点或别名（& 或 * 后）的名字只能用字母、数字（含 & 或 * 的值请加引号）",
    ),
    (
        "found an indentation indicator equal to 0",
        "多行文字（| 或 >）的缩进标记不能是 0",
    ),
    (
        "did not find expected '!'",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "did not find the expected '>'",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "found unexpected non-alphabetical character",
        "不认识的类型标记（! 开头的值请加引号）",
    ),
    (
        "did not find expected hexadecimal number",
        "双引号中的 \\x、\\u 转义后面应是十六进制数字（改用单引号）",
    ),
    (
        "expected low surrogate area",
        "双引号中的 \\u 转义不是有效字符",
    ),
    (
        "unexpected low surrogate area",
        "双引号中的 \\u 转义不是有效字符",
    ),
    (
        "invalid Unicode character",
        "双引号中的 \\u 转义不是有效字符",
    ),
    (
        "found an incorrect leading UTF-8 octet",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "found an incorrect trailing UTF-8 octet",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "invalid length of a UTF-8 sequence",
        "文件不是 UTF-8 编码（请另存为 UTF-8）",
    ),
    (
        "incomplete UTF-16",
        "文件的 UTF-16 编码不完整（请另存为 UTF-8）",
    ),
    (
        "could not find expected directive name",
        "% 开头的指令读不出（% 开头的值请加引号）",
    ),
    (
        "found unknown directive name",
        "% 开头的指令读不出（% 开头的值请加引号）",
    ),
    (
        "did not find expected digit or '.' character",
        "%YAML 指令的版本号读不出",
    ),
    (
        "did not find expected version number",
        "%YAML 指令的版本号读不出",
    ),
    (
        "found extremely long version number",
        "%YAML 指令的版本号读不出",
    ),
    (
        "found incompatible YAML document",
        "%YAML 指令的版本不受支持（删去 %YAML 这一行）",
    ),
    ("found duplicate %", "% 开头的指令写了两次"),
    ("did not find expected <stream-start>", "文件开头读不出"),
    ("input is too long", "文件太长"),
    ("input error", "文件读不下去"),
    // a tagged value (`indicator_weight: !foo 5`) where serde reads an untagged enum
    (
        "untagged and internally tagged enums do not support enum input",
        "这里不能写带类型标记（!）的值（去掉 ! 开头的标记）",
    ),
];

/// serde's list of names (`` `a` or `b` ``, `` `a`, `b`, `c` ``) joined with 、.
fn names(list: &str) -> String {
    list.replace(", ", "、").replace("` or `", "`、`")
}

/// serde's `Unexpected` (`string "abc"`, `integer `5``, `map`) in Chinese.
fn found_in_chinese(found: &str) -> String {
    let quoted = |rest: &str| rest.trim_matches('`').to_owned();
    if let Some(v) = found.strip_prefix("string ") {
        return format!("文字 {v}");
    }
    for (english, chinese) in [
        ("integer ", "整数"),
        ("floating point ", "小数"),
        ("boolean ", "是/否值"),
        ("character ", "字符"),
    ] {
        if let Some(v) = found.strip_prefix(english) {
            return format!("{chinese} {}", quoted(v));
        }
    }
    match found {
        "map" => "映射（键: 值）".to_owned(),
        "sequence" => "列表".to_owned(),
        "unit value" | "null" => "空值".to_owned(),
        "byte array" => "二进制值".to_owned(),
        "Option value" => "可省略的值".to_owned(),
        "newtype struct" => "值".to_owned(),
        "enum" => "带类型标记（!）的值".to_owned(),
        "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            "带类型标记（!）的值".to_owned()
        }
        other => format!("另一种值（原文：{other}）"),
    }
}

/// What serde expected (`a sequence`, `i32`, `struct ActualsFile`) in Chinese.
fn expected_in_chinese(expected: &str) -> String {
    let integer = |min: &str, max: &str| format!("整数（{min} 至 {max}）");
    match expected {
        "a sequence" | "a tuple" => "列表".to_owned(),
        "a string" | "a borrowed string" | "a character" | "a char" => "文字".to_owned(),
        "a map" => "映射（键: 值）".to_owned(),
        "a boolean" => "布尔值（true 或 false）".to_owned(),
        "i8" => integer("-128", "127"),
        "i16" => integer("-32768", "32767"),
        "i32" => integer("-2147483648", "2147483647"),
        "i64" | "isize" => integer("-9223372036854775808", "9223372036854775807"),
        "u8" => integer("0", "255"),
        "u16" => integer("0", "65535"),
        "u32" => integer("0", "4294967295"),
        "u64" | "usize" => integer("0", "18446744073709551615"),
        "i128" | "u128" | "an integer" => "整数".to_owned(),
        "f32" | "f64" | "a float" | "Number" => "数（如 50 或 2.5）".to_owned(),
        "option" | "unit" => "可省略的值".to_owned(),
        "a byte array" | "byte array" => "二进制值".to_owned(),
        "any YAML value" | "any value" => "值".to_owned(),
        "variant identifier" | "field identifier" => "名字（文字）".to_owned(),
        "fewer elements in sequence" => "更少的项".to_owned(),
        "fewer elements in map" => "更少的键".to_owned(),
        e if e.starts_with("a Decimal") => "数（如 50 或 2.5）".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("unit struct ") => {
            "映射（键: 值）".to_owned()
        }
        e if e.starts_with("tuple struct ") => "列表".to_owned(),
        e if e.starts_with("enum ") || e.starts_with("variant index ") => "可选的值之一".to_owned(),
        e if e.ends_with(" elements in sequence") || e.ends_with(" element in sequence") => {
            format!("{} 项", e.split(' ').next().unwrap_or(e))
        }
        e if e.ends_with(" elements in map") || e.ends_with(" element in map") => {
            format!("{} 个键", e.split(' ').next().unwrap_or(e))
        }
        // jixiao's own visitors say what they expect in Chinese (`金额（万元），如 918.75`)
        e if e.chars().any(is_han) => e.to_owned(),
        other => format!("另一种值（原文：{other}）"),
    }
}

/// Serialize a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
        column: None,
        offset: None,
    })
}

/// A YAML text whose aliases (`*a`) would expand to more than [`alias_budget`] bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasesTooLarge {
    /// Byte offset of the alias that crossed the budget.
    pub offset: usize,
    /// The budget, in bytes.
    pub budget: usize,
}

impl AliasesTooLarge {
    /// The message, naming the bound.
    pub fn message(&self) -> String {
        format!(
            "别名（*名称）展开后的内容超过 {} 字节的上限（文件大小的 4 倍加 1 MB）：同一段内容被引用太多次。把重复的内容直接写出，或减少引用",
            self.budget
        )
    }
}

/// The bytes the aliases of `text` may expand to: four times the text and 1 MB.
pub fn alias_budget(text: &str) -> usize {
    text.len().saturating_mul(4).saturating_add(1 << 20)
}

/// Bounds the bytes that aliases expand to, in one pass before the text is parsed (serde_yaml
/// bounds the number of alias jumps, not their bytes: 1,000 `description: *a` of a 1 MB anchor
/// built 2.2 GB). An anchor's node is taken to be the rest of its line and the lines below it
/// indented deeper, with the aliases inside it expanded; each alias adds its anchor's size.
/// Tokens are found outside quotes and comments; the count errs on the high side.
pub fn check_aliases(text: &str) -> Result<(), AliasesTooLarge> {
    let budget = alias_budget(text);
    if !text.contains('*') || !text.contains('&') {
        return Ok(());
    }
    // each line: its start, end and indentation
    let mut lines: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        lines.push((at, at + line.len(), indent));
        at += line.len();
    }
    // tokens in order: (offset, is_anchor, name, line index)
    let mut tokens: Vec<(usize, bool, &str, usize)> = Vec::new();
    for (li, &(start, end, _)) in lines.iter().enumerate() {
        let line = &text[start..end];
        let b = line.as_bytes();
        let mut quote: Option<u8> = None;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    b'"' | b'\''
                        if i == 0 || matches!(b[i - 1], b' ' | b'[' | b'{' | b',' | b':') =>
                    {
                        quote = Some(c)
                    }
                    b'#' if i == 0 || b[i - 1] == b' ' => break,
                    b'&' | b'*' if i == 0 || matches!(b[i - 1], b' ' | b'[' | b'{' | b',') => {
                        let n = b[i + 1..]
                            .iter()
                            .take_while(|&&x| {
                                !matches!(x, b' ' | b',' | b']' | b'}' | b'\n' | b'\r' | b'\t')
                            })
                            .count();
                        if n > 0 {
                            tokens.push((start + i, c == b'&', &line[i + 1..i + 1 + n], li));
                        }
                        i += n;
                    }
                    _ => {}
                },
            }
            i += 1;
        }
    }
    // the end of each anchor's node: the first later line indented no deeper than its own
    let node_end = |li: usize| {
        let indent = lines[li].2;
        lines[li + 1..]
            .iter()
            .find(|&&(s, e, ind)| ind <= indent && !text[s..e].trim().is_empty())
            .map_or(text.len(), |l| l.0)
    };
    // anchors: name → (offset, node end, expanded size so far)
    let mut anchors: std::collections::HashMap<&str, (usize, usize, usize)> =
        std::collections::HashMap::new();
    let mut open: Vec<&str> = Vec::new();
    let mut total: usize = 0;
    for (offset, is_anchor, name, li) in tokens {
        // anchors whose node has ended stop collecting
        open.retain(|a| anchors.get(a).is_some_and(|x| x.1 > offset));
        if is_anchor {
            let end = node_end(li);
            anchors.insert(name, (offset, end, end - offset));
            open.push(name);
            continue;
        }
        let Some(&(_, _, size)) = anchors.get(name) else {
            continue;
        };
        total = total.saturating_add(size);
        for a in &open {
            if let Some(x) = anchors.get_mut(a) {
                x.2 = x.2.saturating_add(size);
            }
        }
        if total > budget {
            return Err(AliasesTooLarge { offset, budget });
        }
    }
    Ok(())
}

/// Why a YAML text is refused before it is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Nested past [`crate::limits::YAML_DEPTH`].
    Deep(TooDeep),
    /// Nodes past [`crate::limits::YAML_NODES`], or a key past [`crate::limits::YAML_KEY`].
    Many(TooManyNodes),
    /// Aliases expanding past their budget.
    Aliases(AliasesTooLarge),
}

impl Refused {
    /// Byte offset where the limit was crossed.
    pub fn offset(&self) -> usize {
        match self {
            Refused::Deep(e) => e.offset,
            Refused::Many(e) => e.offset,
            Refused::Aliases(e) => e.offset,
        }
    }

    /// The message, naming the limit and how to raise it.
    pub fn message(&self) -> String {
        match self {
            Refused::Deep(e) => e.message(),
            Refused::Many(e) => e.message(),
            Refused::Aliases(e) => e.message(),
        }
    }
}

/// Bounds a YAML text before it is parsed, as every reader of YAML here does: its nesting, node
/// count and key lengths in one lexical pass ([`check_depth`], [`check_nodes`]), then the bytes
/// its aliases expand to ([`check_aliases`]).
pub fn check_bounds(text: &str) -> Result<(), Refused> {
    match scan(
        text,
        crate::limits::YAML_DEPTH.get_usize(),
        crate::limits::YAML_NODES.get_usize(),
        crate::limits::YAML_KEY.get_usize(),
    ) {
        Err(Past::Depth(offset)) => return Err(Refused::Deep(TooDeep { offset })),
        Err(Past::Nodes(offset)) => {
            return Err(Refused::Many(TooManyNodes { offset, key: false }));
        }
        Err(Past::Key(offset)) => return Err(Refused::Many(TooManyNodes { offset, key: true })),
        Ok(()) => {}
    }
    check_aliases(text).map_err(Refused::Aliases)
}

/// A YAML text nested deeper than [`crate::limits::YAML_DEPTH`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// Byte offset where the limit was crossed.
    pub offset: usize,
}

impl TooDeep {
    /// The message, naming the limit and how to raise it.
    pub fn message(&self) -> String {
        format!(
            "嵌套超过 {} 层的上限。{}",
            crate::limits::YAML_DEPTH.shown(),
            crate::limits::YAML_DEPTH.help()
        )
    }
}

/// Checks a YAML text's nesting in one pass before it is parsed (the parser's time and memory
/// grow faster than the text when it is nested deep): each indentation deeper than the one
/// above, each `- ` that opens a sequence on a line and each `[` or `{` outside quotes counts
/// one level. The count errs on the high side (a `[` in a plain value counts too), which only
/// matters past the limit.
pub fn check_depth(text: &str) -> Result<(), TooDeep> {
    check_depth_within(text, crate::limits::YAML_DEPTH.get_usize())
}

fn check_depth_within(text: &str, max: usize) -> Result<(), TooDeep> {
    match scan(text, max, usize::MAX, usize::MAX) {
        Err(Past::Depth(offset)) => Err(TooDeep { offset }),
        _ => Ok(()),
    }
}

/// A YAML text of more nodes than [`crate::limits::YAML_NODES`], or with a key longer than
/// [`crate::limits::YAML_KEY`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyNodes {
    /// Byte offset of the node past the limit (of the long key's start).
    pub offset: usize,
    /// Whether a key is too long (else the nodes are too many).
    pub key: bool,
}

impl TooManyNodes {
    /// The message, naming the limit and how to raise it.
    pub fn message(&self) -> String {
        if self.key {
            return format!(
                "有一个键（“键: 值”中冒号前的部分）长于 {} 的上限：键是字段名，真实文件中都很短（长文字应写在冒号后面）。{}",
                crate::limits::YAML_KEY.shown(),
                crate::limits::YAML_KEY.help()
            );
        }
        format!(
            "条目（列表项、键值对、[ ] 与 {{ }}）超过 {} 个的上限：解析它们要占用的内存远大于文件本身。{}",
            crate::limits::YAML_NODES.shown(),
            crate::limits::YAML_NODES.help()
        )
    }
}

/// Counts a YAML text's nodes in one pass before it is parsed, and refuses it past
/// [`crate::limits::YAML_NODES`]: the parser holds every event of the file and then every value
/// (about 170 bytes for each `{}`), so 2,000,000 `{}` rules in a 6 MB file took 700–800 MB
/// before the rule count was looked at. Counted outside quotes and comments: each `- ` that
/// opens a block sequence entry, each `:` that ends a key, each `[` and `{`, and each `,`
/// inside them. A block scalar's lines (after a `|` or `>` header, indented deeper than the
/// block that holds it) are text and count nothing. The count may still err on the high side
/// (a `[` in a plain value counts), which only matters past the limit: real files hold a few
/// thousand.
///
/// In the same pass, a key longer than [`crate::limits::YAML_KEY`] is refused (the text from
/// the start of a line's content, after its `- `, or from a `{`, `[` or `,`, to the `: ` that
/// ends it): the YAML scanner took 5 s over a 10 MB key before its error.
pub fn check_nodes(text: &str) -> Result<(), TooManyNodes> {
    check_nodes_within(
        text,
        crate::limits::YAML_NODES.get_usize(),
        crate::limits::YAML_KEY.get_usize(),
    )
}

fn check_nodes_within(text: &str, max: usize, max_key: usize) -> Result<(), TooManyNodes> {
    match scan(text, usize::MAX, max, max_key) {
        Err(Past::Nodes(offset)) => Err(TooManyNodes { offset, key: false }),
        Err(Past::Key(offset)) => Err(TooManyNodes { offset, key: true }),
        _ => Ok(()),
    }
}

/// Where [`scan`] stopped: the byte offset where the depth or the node count passed its limit.
enum Past {
    Depth(usize),
    Nodes(usize),
    Key(usize),
}

/// The one lexical pass of [`check_depth`] and [`check_nodes`].
fn scan(text: &str, max: usize, max_nodes: usize, max_key: usize) -> Result<(), Past> {
    let mut scan = Scan {
        nodes: 0,
        max_nodes,
        max,
        max_key,
        blocks: Vec::new(),
        flow: 0,
    };
    let mut offset = 0;
    // inside a block scalar (`|`, `>`): its lines are text indented deeper than this column
    let mut scalar_over: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let rest = &bytes[indent..];
        if let Some(over) = scalar_over {
            // a block scalar's lines are text: no node, key or level is in them (a `- ` or
            // `: ` there counted, and a long line holding `: ` read as a long key)
            if rest.iter().all(|b| b.is_ascii_whitespace()) || indent > over {
                offset += line.len();
                continue;
            }
            scalar_over = None;
        }
        let blank = rest.iter().all(|b| b.is_ascii_whitespace()) || rest.first() == Some(&b'#');
        let mut start = LineStart {
            key_start: 0,
            holder: indent,
            dash: None,
        };
        if !blank && scan.flow == 0 {
            start = scan.levels(rest, indent, offset)?;
        }
        if scan.blocks.len() + scan.flow > max {
            return Err(Past::Depth(offset));
        }
        if !blank {
            let (content_end, keyed, quoted) =
                scan.content(rest, offset + indent, start.key_start)?;
            if scan.flow == 0 && !quoted {
                scalar_over = block_scalar(&rest[..content_end], keyed, &start, indent);
            }
        }
        offset += line.len();
    }
    Ok(())
}

/// What [`scan`] keeps from line to line: the nodes counted, the open block levels (their
/// indentation columns) and the flow depth (`[`, `{`), with the limits.
struct Scan {
    nodes: usize,
    max_nodes: usize,
    max: usize,
    max_key: usize,
    blocks: Vec<usize>,
    flow: usize,
}

/// Where a line's content starts, after its indentation and dashes.
struct LineStart {
    /// Where the key that a `: ` would end starts, in the line after its indentation.
    key_start: usize,
    /// The column of the block that holds the line's last node.
    holder: usize,
    /// The column of its last `- `.
    dash: Option<usize>,
}

impl Scan {
    fn node(&mut self, at: usize) -> Result<(), Past> {
        self.nodes += 1;
        match self.nodes > self.max_nodes {
            true => Err(Past::Nodes(at)),
            false => Ok(()),
        }
    }

    /// A line's block levels: its indentation closes the deeper ones and opens its own, and
    /// each `- ` one more (`- - - x`).
    fn levels(&mut self, rest: &[u8], indent: usize, offset: usize) -> Result<LineStart, Past> {
        while self.blocks.last().is_some_and(|&c| c >= indent) {
            self.blocks.pop();
        }
        self.blocks.push(indent);
        let mut col = indent;
        let mut r = rest;
        let mut dash = None;
        while r.len() >= 2 && r[0] == b'-' && (r[1] == b' ' || r[1] == b'\t') {
            col += 2;
            self.blocks.push(col);
            self.node(offset + col - 2)?;
            r = &r[2..];
            dash = Some(col - 2);
        }
        if r.first() == Some(&b'-') && r[1..].iter().all(|b| b.is_ascii_whitespace()) {
            self.node(offset + col)?;
        }
        Ok(LineStart {
            key_start: col - indent,
            holder: col,
            dash,
        })
    }

    /// A line's content `rest` (at byte `at` of the text): its flow brackets, commas and keys
    /// outside quotes and comments. Gives where its content ends (before a comment), whether a
    /// key's `: ` is on it, and whether it ends inside quotes.
    fn content(
        &mut self,
        rest: &[u8],
        at: usize,
        mut key_start: usize,
    ) -> Result<(usize, bool, bool), Past> {
        let mut quote: Option<u8> = None;
        let mut prev = b' ';
        let mut content_end = 0;
        let mut keyed = false;
        for (i, &b) in rest.iter().enumerate() {
            if quote.is_none() && !b.is_ascii_whitespace() && !(b == b'#' && prev == b' ') {
                content_end = i + 1;
            }
            match quote {
                Some(q) => {
                    if b == q && !(q == b'"' && prev == b'\\') {
                        quote = None;
                    }
                }
                None => match b {
                    b'"' | b'\'' if matches!(prev, b' ' | b'[' | b'{' | b',' | b':') => {
                        quote = Some(b)
                    }
                    b'#' if prev == b' ' => break,
                    b'[' | b'{' => {
                        self.flow += 1;
                        if self.blocks.len() + self.flow > self.max {
                            return Err(Past::Depth(at + i));
                        }
                        self.node(at + i)?;
                        key_start = i + 1;
                    }
                    b']' | b'}' => self.flow = self.flow.saturating_sub(1),
                    b',' if self.flow > 0 => {
                        self.node(at + i)?;
                        key_start = i + 1;
                    }
                    b':' if rest.get(i + 1).is_none_or(|&n| {
                        n.is_ascii_whitespace()
                            || (self.flow > 0 && matches!(n, b',' | b']' | b'}'))
                    }) =>
                    {
                        if i.saturating_sub(key_start) > self.max_key {
                            let spaces = rest[key_start..i]
                                .iter()
                                .take_while(|&&b| b == b' ')
                                .count();
                            if i - key_start - spaces > self.max_key {
                                return Err(Past::Key(at + key_start + spaces));
                            }
                        }
                        self.node(at + i)?;
                        key_start = usize::MAX;
                        keyed = true;
                    }
                    _ => {}
                },
            }
            prev = if quote.is_some() && b == b'\\' && prev == b'\\' {
                b' '
            } else {
                b
            };
        }
        Ok((content_end, keyed, quote.is_some()))
    }
}

/// Whether a line's `content` (without its comment) ends in a block scalar's header (`|`,
/// `>-`, `|2+`): then the column its text lines are indented deeper than — after a key's `: `
/// the key's block, straight after a dash the dash's.
fn block_scalar(content: &[u8], keyed: bool, start: &LineStart, indent: usize) -> Option<usize> {
    let token_at = content
        .iter()
        .rposition(|&b| b == b' ' || b == b'\t')
        .map_or(0, |k| k + 1);
    let token = &content[token_at..];
    let header = matches!(token.first(), Some(b'|' | b'>'))
        && token[1..]
            .iter()
            .all(|&b| matches!(b, b'-' | b'+' | b'1'..=b'9'));
    if !header || !(keyed || start.dash.is_some() || token_at == 0) {
        return None;
    }
    Some(if keyed {
        start.holder
    } else {
        start.dash.unwrap_or(indent)
    })
}

#[cfg(test)]
mod tests {
    use super::{MESSAGE_CHARS, QUOTED_CHARS, bounded, check_depth_within, check_nodes_within};

    #[test]
    fn quoted_values_and_messages_are_cut() {
        let long = "x".repeat(100_000);
        let m = bounded(&format!("projects[0].spent：`{long}` 不是金额"));
        assert_eq!(
            m,
            format!(
                "projects[0].spent：`{}…` 不是金额",
                "x".repeat(QUOTED_CHARS)
            )
        );
        assert_eq!(bounded(&long).chars().count(), MESSAGE_CHARS + 1);
        assert_eq!(bounded("a `b` c"), "a `b` c");
    }

    #[test]
    fn serde_and_scanner_messages_read_in_chinese() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct File {
            year: Option<i32>,
            projects: Option<Vec<Project>>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Project {
            unit: String,
        }
        let message = |text: &str| super::from_str::<File>(text).unwrap_err().message;
        assert_eq!(
            message("a0: 1"),
            "不认识的字段 `a0`（可用的字段：`year`、`projects`）"
        );
        assert_eq!(
            message("projects:\n  - unit: x\n    bogus: 1"),
            "projects[0]：不认识的字段 `bogus`（可用的字段：`unit`）"
        );
        assert_eq!(
            message("year: abc"),
            "year：类型不对：这里是文字 \"abc\"，应是整数（-2147483648 至 2147483647）"
        );
        assert_eq!(
            message("projects: 5"),
            "projects：类型不对：这里是整数 5，应是列表"
        );
        assert_eq!(message("projects:\n  - {}"), "projects[0]：缺少字段 `unit`");
        // an integer past 64 bits: serde_yaml's `` `N` as u128 `` never shown
        assert_eq!(
            message("year: 99999999999999999999999"),
            "year：数值太大：整数 99999999999999999999999 超出范围，应是整数（-2147483648 至 2147483647）"
        );
        assert_eq!(message("year: 2023\nyear: 2024"), "字段 `year` 重复");
        assert_eq!(
            message("\tyear: 1"),
            "出现了不能开始一个值的字符（用制表符缩进了？或值以 @、` 开头，需加引号）"
        );
        assert!(
            message("year: [1\n").starts_with("year："),
            "{}",
            message("year: [1\n")
        );
        // the value itself may hold serde's words: split at the last `, expected `
        assert_eq!(
            message("year: \"2023, expected an integer\""),
            "year：类型不对：这里是文字 \"2023, expected an integer\"，应是整数（-2147483648 至 2147483647）"
        );
        // a field name without its colon: the scanner stops on the next line
        assert!(
            message("year: 2023\nprojects\n  x: 1\n").starts_with("找不到应有的冒号"),
            "{}",
            message("year: 2023\nprojects\n  x: 1\n")
        );
        for text in [
            "a0: 1",
            "year: abc",
            "\tyear: 1",
            "year: [1\n",
            "projects: {a: 1}",
            "year: 2023\nprojects\n  x: 1\n",
            "year: 2023\n- a\n",
            "year: \"a\\q\"\n",
            "year: 1 2 \"x\"\n",
            "year: \"a\"b\n",
            "year: 2023\n  projects: 1\n",
            "year: 2023\nyear 2024\n",
            "- a\nb: 1\n",
        ] {
            let m = message(text);
            for english in ["expected", "unknown", "invalid", "found", "at line"] {
                assert!(!m.contains(english), "{english} in {m}");
            }
        }
    }

    #[test]
    fn jixiaos_own_messages_pass_and_unknown_shapes_keep_their_english_after_the_chinese() {
        use super::in_chinese;
        // a visitor's message, already Chinese, is not wrapped
        assert_eq!(
            in_chinese("projects[0].spent: `x` 不是金额 at line 3 column 12"),
            "projects[0].spent：`x` 不是金额"
        );
        // a shape nobody has seen yet: Chinese first, the English as a detail
        assert_eq!(
            in_chinese("something new happened at line 1 column 1"),
            "YAML 格式有误（原文：something new happened）"
        );
        assert_eq!(
            in_chinese("unknown variant `x`, there are no variants"),
            "不认识的取值 `x`（此处没有可选的值）"
        );
        assert_eq!(
            in_chinese("cases[0]: data did not match any variant of untagged enum Number"),
            "cases[0]：类型不对：应是数（如 50 或 2.5）"
        );
        assert_eq!(
            in_chinese("invalid length 3, expected 2 elements in sequence"),
            "长度不对：有 3 项，应是 2 项"
        );
        assert_eq!(
            in_chinese("invalid type: Option value, expected u8"),
            "类型不对：这里是可省略的值，应是整数（0 至 255）"
        );
        // a YAML integer past 64 bits (serde_yaml's `as u128`), in a rule file and a field
        assert_eq!(
            in_chinese(
                "rules[0].indicator_weight: invalid type: integer `99999999999999999999999` as u128, expected any YAML value at line 4 column 13"
            ),
            "rules[0].indicator_weight：数值太大：整数 99999999999999999999999 超出可读的范围（-9223372036854775808 至 18446744073709551615）"
        );
        assert_eq!(
            in_chinese(
                "year: invalid type: integer `-99999999999999999999999` as i128, expected i32"
            ),
            "year：数值太大：整数 -99999999999999999999999 超出范围，应是整数（-2147483648 至 2147483647）"
        );
        assert_eq!(
            in_chinese("untagged and internally tagged enums do not support enum input"),
            "这里不能写带类型标记（!）的值（去掉 ! 开头的标记）"
        );
        assert_eq!(
            in_chinese("invalid value: u128, expected u32"),
            "数值太大：整数超出范围，应是整数（0 至 4294967295）"
        );
        assert_eq!(
            in_chinese("invalid type: map, expected something else entirely"),
            "类型不对：这里是映射（键: 值），应是另一种值（原文：something else entirely）"
        );
    }

    #[test]
    fn shallow_files_pass_and_deep_ones_stop_where_the_limit_is_crossed() {
        let rules =
            "rules:\n  - id: a.b\n    when: indicator ~ \"[率]\"\n    cases: [{a: 1}, {b: [2]}]\n";
        assert!(check_depth_within(rules, 8).is_ok());
        let flow = format!("a: {}1{}", "[".repeat(100), "]".repeat(100));
        let e = check_depth_within(&flow, 64).unwrap_err();
        assert_eq!(&flow[e.offset..e.offset + 1], "[");
        let mut block = String::new();
        for i in 0..100 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        assert!(check_depth_within(&block, 64).is_err());
        assert!(check_depth_within(&block, 100).is_ok());
        let dashes = format!("{}x\n", "- ".repeat(100));
        assert!(check_depth_within(&dashes, 64).is_err());
        // brackets in quotes and comments do not count
        let quoted = format!("a: \"{}\" # {}\n", "[".repeat(100), "{".repeat(100));
        assert!(check_depth_within(&quoted, 4).is_ok());
    }

    fn check_nodes_within_(text: &str, max: usize) -> Result<(), super::TooManyNodes> {
        check_nodes_within(text, max, usize::MAX)
    }

    #[test]
    fn keys_longer_than_the_limit_are_refused_at_their_start() {
        let long = format!("projects:\n  - {}: 1\n", "k".repeat(100));
        let e = check_nodes_within(&long, 100, 99).unwrap_err();
        assert!(e.key && long[e.offset..].starts_with("kkk"), "{e:?}");
        assert!(check_nodes_within(&long, 100, 100).is_ok());
        // in a flow mapping, after its `{` or `,`
        let flow = format!("a: {{b: 1, {}: 2}}\n", "k".repeat(100));
        let e = check_nodes_within(&flow, 100, 99).unwrap_err();
        assert!(e.key && flow[e.offset..].starts_with("kkk"), "{e:?}");
        // a long value is no key, nor a `: ` in a quoted value
        let value = format!("a: {}\nb: \"{}: x\"\n", "v".repeat(1000), "q".repeat(1000));
        assert!(check_nodes_within(&value, 100, 10).is_ok());
    }

    #[test]
    fn nodes_are_counted_and_stop_at_the_one_past_the_limit() {
        // a block entry, two keys, one flow list of two: 1 + 2 + 1 + 1 (the comma)
        let rules = "rules:\n  - id: a\n    words: [x, y]\n";
        assert!(check_nodes_within_(rules, 6).is_ok());
        let e = check_nodes_within_(rules, 5).unwrap_err();
        assert_eq!(&rules[e.offset..e.offset + 1], ",");
        // each `{}` of a flow list and each comma counts
        let wide = format!("rules: [{}]\n", "{},".repeat(1000));
        assert!(check_nodes_within_(&wide, 1500).is_err());
        assert!(check_nodes_within_(&wide, 2100).is_ok());
        // a bare `-` entry counts; colons, commas and dashes in quotes, comments, URLs and
        // plain words do not
        assert!(check_nodes_within_("- \n-\n", 2).is_ok());
        assert!(check_nodes_within_("- \n-\n", 1).is_err());
        let plain = "a: \"b: c, [d]\" # e: f, {g}\nh: http://x.y/z, a-b\n";
        assert!(check_nodes_within_(plain, 2).is_ok());
        assert!(check_nodes_within_(plain, 1).is_err());
    }

    #[test]
    fn a_block_scalars_lines_are_text_and_count_nothing() {
        // 1000 lines of `- a: b` inside `|`: none counts; the key after the scalar does
        let body = "  - a: b, [c]\n".repeat(1000);
        let text = format!("x: |\n{body}\n  more\ny: 1\n");
        assert!(check_nodes_within_(&text, 2).is_ok());
        assert!(check_nodes_within_(&text, 1).is_err());
        // `>-` with a comment, in a list entry: the mapping's next key (at the mapping's
        // column) is a node again, the scalar's lines are not
        let text = format!(
            "- k: >- # c\n    {}\n  l: 1\n- |\n  - z: 1\n",
            "- q: 1\n    ".repeat(50)
        );
        assert!(check_nodes_within_(&text, 4).is_ok(), "{text}");
        assert!(check_nodes_within_(&text, 3).is_err());
        // a long line of text holding `: ` inside a block scalar is no key
        let long = format!("a: |\n  {}: x\nb: 1\n", "t".repeat(10_000));
        assert!(check_nodes_within(&long, 100, 4096).is_ok());
        // a `|` in a quoted or plain value starts nothing
        let plain = "a: \"x |\"\nb: c|\n  - d: 1\n";
        assert!(check_nodes_within_(plain, 3).is_err());
        // nesting inside a block scalar is text too
        let deep = format!(
            "a: |\n{}b: 1\n",
            (1..60)
                .map(|i| format!("{}x:\n", " ".repeat(i)))
                .collect::<String>()
        );
        assert!(check_depth_within(&deep, 3).is_ok());
    }
}
