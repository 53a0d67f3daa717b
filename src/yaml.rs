//! The one place that touches serde_yaml (deprecated upstream): every YAML file jixiao reads or
//! writes goes through here, so a maintained fork can replace it in this file alone.

use serde::Serialize;
use serde::de::DeserializeOwned;

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

/// Deserialize a YAML document (its nesting checked first, see [`check_depth`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Err(deep) = check_depth(text) {
        return Err(YamlError {
            line: None,
            column: None,
            offset: Some(deep.offset),
            message: deep.message(),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        YamlError {
            message: e.to_string(),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            offset: loc.as_ref().map(|l| l.index()),
        }
    })
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
    // indentation columns of the open block levels
    let mut blocks: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let rest = &bytes[indent..];
        let blank = rest.iter().all(|b| b.is_ascii_whitespace()) || rest.first() == Some(&b'#');
        if !blank && flow == 0 {
            while blocks.last().is_some_and(|&c| c >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
            // `- - - x`: each dash opens one more level
            let mut col = indent;
            let mut r = rest;
            while r.len() >= 2 && r[0] == b'-' && (r[1] == b' ' || r[1] == b'\t') {
                col += 2;
                blocks.push(col);
                r = &r[2..];
            }
        }
        if blocks.len() + flow > max {
            return Err(TooDeep { offset });
        }
        if !blank {
            let mut quote: Option<u8> = None;
            let mut prev = b' ';
            for (i, &b) in rest.iter().enumerate() {
                match quote {
                    Some(q) => {
                        if b == q && !(q == b'"' && prev == b'\\') {
                            quote = None;
                        }
                    }
                    None => match b {
                        b'"' | b'\''
                            if prev == b' '
                                || prev == b'['
                                || prev == b'{'
                                || prev == b','
                                || prev == b':' =>
                        {
                            quote = Some(b)
                        }
                        b'#' if prev == b' ' => break,
                        b'[' | b'{' => {
                            flow += 1;
                            if blocks.len() + flow > max {
                                return Err(TooDeep {
                                    offset: offset + indent + i,
                                });
                            }
                        }
                        b']' | b'}' => flow = flow.saturating_sub(1),
                        _ => {}
                    },
                }
                prev = if quote.is_some() && b == b'\\' && prev == b'\\' {
                    b' '
                } else {
                    b
                };
            }
        }
        offset += line.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_depth_within;

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
}
