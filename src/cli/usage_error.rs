//! Command-line mistakes told in Chinese: clap finds them (an unknown flag or command, a missing
//! argument, a value not allowed) and writes English; this module writes the same facts from
//! the error's context — the argument, the value, the allowed values, clap's suggestion, the
//! usage line — as `错误：…` / `提示：…` / `用法：…` lines. Flag and command names stay as typed.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message for a clap error whose text goes to stderr (help and version output, which
/// clap also reports as errors, are printed by clap itself).
/// `args` are the words typed after `jixiao` (they name the command whose help to suggest).
pub fn message(e: &clap::Error, args: &[String]) -> String {
    let ctx = |k: ContextKind| e.get(k).map(value_text);
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = Vec::new();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => format!("错误：不认识的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "错误：没有命令 '{}'",
            ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("错误：缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "错误：缺少命令".to_owned()
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("错误：{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("错误：'{value}' 不是 {arg} 的可选值"),
        ErrorKind::ValueValidation => match cause(e) {
            Some(why) => format!("错误：{arg} 的值 '{value}' 无效：{why}"),
            None => format!("错误：{arg} 的值 '{value}' 无效"),
        },
        ErrorKind::ArgumentConflict => match ctx(ContextKind::PriorArg) {
            Some(prior) => format!("错误：{arg} 不能与 {prior} 同时使用"),
            None => format!("错误：{arg} 不能与其他参数同时使用"),
        },
        ErrorKind::TooManyValues => format!("错误：{arg} 的值太多：'{value}' 是多余的"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "错误：{arg} 需要 {} 个值，给了 {} 个",
            ctx(ContextKind::ExpectedNumValues)
                .or_else(|| ctx(ContextKind::MinValues))
                .unwrap_or_else(|| "更多".to_owned()),
            ctx(ContextKind::ActualNumValues).unwrap_or_else(|| "较少".to_owned())
        ),
        ErrorKind::NoEquals => format!("错误：{arg} 的值要用等号给出，如 {arg}=值"),
        ErrorKind::InvalidUtf8 => "错误：参数不是有效的 UTF-8 文本".to_owned(),
        _ => match cause(e) {
            Some(why) => format!("错误：命令行有误：{why}"),
            None => "错误：命令行有误".to_owned(),
        },
    };
    lines.push(head);
    if let Some(valid) = ctx(ContextKind::ValidValue)
        && matches!(e.kind(), ErrorKind::InvalidValue)
    {
        lines.push(format!("  可选值：{valid}"));
    }
    // a long flag typed with one dash (`-format` reads as `-f`): the flag meant
    let one_dash = matches!(e.kind(), ErrorKind::UnknownArgument)
        .then(|| one_dash_flag(args))
        .flatten();
    if let Some(flag) = &one_dash {
        lines.push(format!("  提示：是否要用 '{flag}'？长参数名前是两个短横"));
    }
    // the nearest command alone (clap lists every command within its distance:
    // `evalute` → `template、evaluate`)
    let nearest = ctx(ContextKind::InvalidSubcommand).and_then(|typed| nearest_command(&typed));
    if let Some(n) = &nearest {
        lines.push(format!("  提示：是否要用 '{n}'？"));
    }
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        if kind == ContextKind::SuggestedSubcommand && nearest.is_some() {
            continue;
        }
        if let Some(s) = ctx(kind) {
            lines.push(format!("  提示：是否要用 '{s}'？"));
        }
    }
    if matches!(e.kind(), ErrorKind::UnknownArgument)
        && arg.starts_with('-')
        && e.get(ContextKind::SuggestedArg).is_none()
        && one_dash.is_none()
    {
        lines.push(format!(
            "  提示：如果 '{arg}' 是一个值（如以 - 开头的文件名），写成 '-- {arg}'"
        ));
    }
    let usage = ctx(ContextKind::Usage).map(|u| {
        u.trim()
            .trim_start_matches("Usage:")
            .trim()
            .replace("[OPTIONS]", "[选项]")
    });
    if let Some(u) = &usage {
        lines.push(String::new());
        lines.push(format!("用法：{u}"));
    }
    let command = command_path(args);
    lines.push(String::new());
    lines.push(format!("更多信息：{command} --help"));
    lines.join("\n") + "\n"
}

/// The long flag a word typed with one dash names (`-format` → `--format`, `-fromat` →
/// `--format`), in the command the words typed name.
fn one_dash_flag(args: &[String]) -> Option<String> {
    let cmd = command_of(args);
    let longs: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_owned))
        .chain(["help".to_owned()])
        .collect();
    args.iter().find_map(|w| {
        let name = w.strip_prefix('-').filter(|n| !n.starts_with('-'))?;
        let name = name.split('=').next().unwrap_or(name);
        if name.chars().count() < 2 {
            return None;
        }
        nearest(name, longs.iter().map(String::as_str)).map(|l| format!("--{l}"))
    })
}

/// The command a mistyped `typed` is nearest to (by edit distance, a swap of two letters
/// counting one), where one is near enough.
fn nearest_command(typed: &str) -> Option<String> {
    let cmd = super::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    nearest(typed, names.iter().map(String::as_str)).map(str::to_owned)
}

/// The one candidate nearest to `typed`, within a third of its length (at least 1, at most 3
/// edits); none where two are equally near.
fn nearest<'a>(typed: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (typed.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for c in candidates {
        let d = edit_distance(typed, c);
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|(d, _)| *d <= limit && !tie).map(|(_, c)| c)
}

/// Edit distance (insertions, deletions, substitutions and swaps of neighbours, each 1).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The command the leading words typed name (`jixiao rules check` → `check`).
fn command_of(args: &[String]) -> clap::Command {
    let mut cmd = super::command();
    for word in args {
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            break;
        };
        cmd = sub;
    }
    cmd
}

/// `jixiao rules check` from the words typed: the leading words that name a command and its
/// subcommands.
fn command_path(args: &[String]) -> String {
    let mut cmd = super::command();
    let mut path = vec!["jixiao".to_owned()];
    for word in args {
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            break;
        };
        path.push(word.clone());
        cmd = sub;
    }
    path.join(" ")
}

/// Text of one context value (several values joined with `、`).
fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(s) => s.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(s) => s
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::None => String::new(),
        _ => String::new(),
    }
}

/// The reason a value parser gave: ours answer in Chinese; the standard library's number
/// parsers (`--port abc`) in English, put into Chinese here.
fn cause(e: &clap::Error) -> Option<String> {
    let source = std::error::Error::source(e)?;
    if let Some(n) = source.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind::*;
        return Some(
            match n.kind() {
                Empty => "值为空",
                PosOverflow | NegOverflow => "数字超出范围",
                _ => "应是整数",
            }
            .to_owned(),
        );
    }
    let text = source.to_string();
    // clap's ranged integers: `99999 is not in 0..=65535`
    if let Some((value, range)) = text.split_once(" is not in ")
        && let Some((low, high)) = range.split_once("..=")
    {
        return Some(format!("{value} 不在 {low} 到 {high} 之间"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> String {
        let e = super::super::command()
            .try_get_matches_from(args)
            .expect_err("a usage error");
        let typed: Vec<String> = args[1..].iter().map(|a| a.to_string()).collect();
        message(&e, &typed)
    }

    #[test]
    fn an_unknown_flag_a_mistyped_command_and_a_missing_input_are_told_in_chinese() {
        let m = error(&["jixiao", "evaluate", "--bogus", "x.tsv"]);
        assert!(
            m.starts_with("错误：不认识的参数 '--bogus'\n  提示：如果 '--bogus' 是一个值"),
            "{m}"
        );
        assert!(m.contains("用法：jixiao evaluate [选项] <输入>..."), "{m}");
        assert!(m.ends_with("更多信息：jixiao evaluate --help\n"), "{m}");
        let m = error(&["jixiao", "evaluat"]);
        assert!(
            m.starts_with("错误：没有命令 'evaluat'\n  提示：是否要用 'evaluate'？"),
            "{m}"
        );
        let m = error(&["jixiao", "evaluate"]);
        assert!(m.starts_with("错误：缺少必需的参数：<输入>..."), "{m}");
        for m in [
            error(&["jixiao", "evaluate", "--bogus", "x.tsv"]),
            error(&["jixiao", "evaluat"]),
        ] {
            for english in ["error:", "Usage", "tip:", "For more"] {
                assert!(!m.contains(english), "{english} in {m}");
            }
        }
    }

    #[test]
    fn near_misses_suggest_the_one_meant() {
        // a long flag with one dash: `-format` reads as `-f`
        let m = error(&["jixiao", "evaluate", "x.tsv", "-format", "json"]);
        assert!(m.contains("提示：是否要用 '--format'？"), "{m}");
        assert!(!m.contains("'-- -f'"), "{m}");
        let m = error(&["jixiao", "review", "-fromat", "json", "x.tsv"]);
        assert!(m.contains("提示：是否要用 '--format'？"), "{m}");
        // a mistyped command: the nearest alone, first
        let m = error(&["jixiao", "evalute", "x.tsv"]);
        assert!(
            m.starts_with("错误：没有命令 'evalute'\n  提示：是否要用 'evaluate'？\n"),
            "{m}"
        );
        assert!(!m.contains("template"), "{m}");
        let m = error(&["jixiao", "tempalte", "x.tsv"]);
        assert!(m.contains("提示：是否要用 'template'？"), "{m}");
        // nothing near: no guess
        let m = error(&["jixiao", "frobnicate"]);
        assert!(!m.contains("是否要用"), "{m}");
        assert_eq!(edit_distance("evalute", "evaluate"), 1);
        assert_eq!(edit_distance("tempalte", "template"), 1);
    }

    #[test]
    fn a_value_not_allowed_lists_the_allowed_ones_and_our_own_reason() {
        let m = error(&["jixiao", "evaluate", "--format", "foo", "x.tsv"]);
        assert!(
            m.starts_with("错误：'foo' 不是 --format <格式> 的可选值\n"),
            "{m}"
        );
        assert!(m.contains("可选值：table、markdown、json"), "{m}");
        assert!(m.ends_with("更多信息：jixiao evaluate --help\n"), "{m}");
        let m = error(&["jixiao", "evaluate", "--year", "abc", "x.tsv"]);
        assert!(
            m.starts_with("错误：--year <年度> 的值 'abc' 无效：年度应是"),
            "{m}"
        );
        let m = error(&["jixiao", "serve", "--port", "abc"]);
        assert!(
            m.starts_with("错误：--port <端口> 的值 'abc' 无效：应是整数\n"),
            "{m}"
        );
        let m = error(&["jixiao", "serve", "--port", "99999"]);
        assert!(m.contains("无效：99999 不在 0 到 65535 之间"), "{m}");
    }
}
