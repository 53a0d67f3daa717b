//! A report's format told by the name of the file it goes to, where `--format` is not given.
//!
//! `jixiao evaluate 自评表.xlsx -o 复核后的自评表.xlsx` (the README's daily command) and `-o 结果.csv`
//! (its advice for Windows) wrote the terminal's text table into files of those names until
//! session 25: Excel then refuses the `.xlsx` ("格式或扩展名无效") and shows the `.csv` as one
//! column of text, and nothing said so. Now, without `--format`, the output's extension decides:
//! `.xlsx`, `.csv`, `.json`, `.jsonl` / `.ndjson`, `.html` / `.htm`, `.md` / `.markdown` (case
//! ignored), each verb taking those it writes; any other name (`.txt`, none, `-`) keeps the
//! verb's default. A `--format` given always wins; where it is not the format the file's
//! extension names, a warning says what the file holds (`output.format-extension`). `template`
//! reads `-o 自评表.xlsx` as its workbook through the same rule.

use std::path::Path;

/// The report formats an extension names, as `--format` spells them.
const BY_EXTENSION: &[(&str, &str)] = &[
    ("xlsx", "xlsx"),
    ("csv", "csv"),
    ("json", "json"),
    ("jsonl", "jsonl"),
    ("ndjson", "jsonl"),
    ("html", "html"),
    ("htm", "html"),
    ("md", "markdown"),
    ("markdown", "markdown"),
];

/// The `--format` name the output file's extension stands for, if it names one.
pub fn named_by(output: Option<&Path>) -> Option<&'static str> {
    let ext = output?.extension()?.to_str()?;
    BY_EXTENSION
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|&(_, format)| format)
}

/// The format to write: `asked` where given (a warning where the output's extension names
/// another format the verb writes), else the one the extension names among the verb's formats,
/// else `default`.
pub fn resolve<F: clap::ValueEnum + Copy + PartialEq>(
    asked: Option<F>,
    output: Option<&Path>,
    default: F,
) -> F {
    let name = |f: &F| f.to_possible_value().map(|v| v.get_name().to_owned());
    let named = named_by(output).and_then(|n| {
        F::value_variants()
            .iter()
            .find(|f| name(f).as_deref() == Some(n))
            .copied()
    });
    match (asked, named) {
        (Some(asked), Some(named)) if asked != named => {
            let asked_name = name(&asked).unwrap_or_default();
            say!(
                "警告[output.format-extension]：{} 的扩展名是 {} 文件的，但按 --format {asked_name} 写出的是 {asked_name}；去掉 --format 则按扩展名写出",
                output.map(|p| p.display().to_string()).unwrap_or_default(),
                name(&named).unwrap_or_default(),
            );
            asked
        }
        (Some(asked), _) => asked,
        (None, Some(named)) => named,
        (None, None) => default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_names_its_format_case_ignored() {
        let n = |p: &str| named_by(Some(Path::new(p)));
        assert_eq!(n("复核后的自评表.xlsx"), Some("xlsx"));
        assert_eq!(n("结果.CSV"), Some("csv"));
        assert_eq!(n("a.ndjson"), Some("jsonl"));
        assert_eq!(n("a.htm"), Some("html"));
        assert_eq!(n("a.md"), Some("markdown"));
        assert_eq!(n("a.txt"), None);
        assert_eq!(n("-"), None);
        assert_eq!(n("xlsx"), None);
        assert_eq!(named_by(None), None);
    }

    #[test]
    fn a_format_asked_wins_and_the_extension_decides_only_without_one() {
        use super::super::parse::ParseFormat as P;
        use crate::report::ReportFormat as F;
        let out = |p: &'static str| Some(Path::new(p));
        assert_eq!(resolve(None, out("a.xlsx"), F::Table), F::Xlsx);
        assert_eq!(resolve(None, out("结果.csv"), F::Table), F::Csv);
        assert_eq!(resolve(None, out("a.htm"), F::Table), F::Html);
        assert_eq!(resolve(None, out("a.txt"), F::Table), F::Table);
        assert_eq!(resolve(None, None, F::Table), F::Table);
        assert_eq!(resolve(Some(F::Csv), out("a.xlsx"), F::Table), F::Csv);
        assert_eq!(resolve(Some(F::Json), out("a.txt"), F::Table), F::Json);
        // an extension naming a format the verb does not write keeps its default
        assert_eq!(resolve(None, out("a.xlsx"), P::Table), P::Table);
        assert_eq!(resolve(None, out("a.jsonl"), P::Table), P::Jsonl);
    }
}
