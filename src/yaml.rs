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

/// Deserialize a YAML document.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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
