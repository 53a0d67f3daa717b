//! The bundled switches of the review checks (`rules/review.yaml`): one `review: true` rule a
//! check, id = its code, with its title and default severity, generated from
//! [`super::checks::ALL`] so that a check is named in one place only (its file and its registry
//! line). A rule file switches a check off or changes its severity by writing its id.
//!
//! Decided here where the issue is silent: the switches are a generated part of the bundled
//! file, held byte-equal by a test (as `rules/schema.json` is), not built in
//! `RuleSet::bundled`: the rule set sits below review (`tests/layers.rs`), and `jixiao rules
//! list`, `rules check` and a user's override still read one YAML file with its lines. The
//! file's hand-written rules (the satisfaction floor, a `require:` check) follow the marker
//! line and are kept as written. After adding a check:
//! `JIXIAO_WRITE_REVIEW_RULES=1 cargo test --lib review::switches` rewrites the file.

use std::fmt::Write as _;

/// The line after which `rules/review.yaml` is written by hand.
pub const MARK: &str = "  # ---- 以上由 review::checks::ALL 生成；以下手写 ----";

/// The file's opening comment and the generated switches, up to and including [`MARK`].
pub fn generated() -> String {
    let mut out = String::from(
        "# 绩效目标审核（jixiao review）的检查：每项检查是一条规则，id 即问题代码。\n\
         # 在自己的规则文件中写同一 id 可改级别（severity: error|warning|info）或停用（disable: true）。\n\
         # review: true 的规则由 review::checks::ALL 生成（一项检查一条，按其发现的顺序），不要手改；\n\
         # 加一项检查后运行 JIXIAO_WRITE_REVIEW_RULES=1 cargo test --lib review::switches 重写。\n\
         rules:\n",
    );
    for check in super::checks::ALL {
        let code = check.code;
        let _ = write!(
            out,
            "  - id: {}\n    description: {}\n    review: true\n    severity: {}\n",
            code.as_str(),
            yaml_text(code.title()),
            code.severity().as_str()
        );
    }
    out.push_str(MARK);
    out.push('\n');
    out
}

/// `current` (the file as it is) with its generated part written again: what the file must be.
pub fn regenerated(current: &str) -> String {
    let tail = current
        .split_once(&format!("{MARK}\n"))
        .map_or("", |(_, tail)| tail);
    generated() + tail
}

/// A title as a plain YAML scalar, quoted where its characters would be read as YAML.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains(|c: char| ":#'\"{}[],&*!|>%@`\\".contains(c) || c.is_control())
        && !text.starts_with(['-', '?', ' '])
        && !text.ends_with(' ');
    if plain {
        text.to_owned()
    } else {
        serde_json::Value::from(text).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rules/review.yaml` is its generated part (a switch for each check of the registry, with
    /// its title and severity, in its order) and the hand-written rules after the marker: a
    /// check added, removed or retitled without the file written again fails here.
    #[test]
    fn the_bundled_review_switches_are_generated_from_the_checks() {
        let (_, current) = crate::rules::BUNDLED
            .iter()
            .find(|(name, _)| *name == "rules/review.yaml")
            .expect("bundled");
        let want = regenerated(current);
        if std::env::var_os("JIXIAO_WRITE_REVIEW_RULES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/review.yaml");
            std::fs::write(path, &want).expect("rules/review.yaml written");
            return;
        }
        assert!(
            current.contains(MARK),
            "rules/review.yaml has lost its marker line"
        );
        assert!(
            *current == want,
            "rules/review.yaml is not what review::checks::ALL gives: run \
             JIXIAO_WRITE_REVIEW_RULES=1 cargo test --lib review::switches"
        );
        // the generated part reads back as the checks' switches, and nothing but them
        let bundled = crate::rules::RuleSet::bundled();
        for check in super::super::checks::ALL {
            assert_eq!(
                bundled.review_check(check.code.as_str()),
                Some((false, check.code.severity())),
                "{}",
                check.code
            );
        }
    }

    #[test]
    fn titles_are_quoted_only_where_yaml_would_read_them() {
        assert_eq!(yaml_text("重复或多余的标点"), "重复或多余的标点");
        assert_eq!(yaml_text("a: b"), "\"a: b\"");
        assert_eq!(yaml_text("- x"), "\"- x\"");
        assert_eq!(yaml_text("50% 以上"), "\"50% 以上\"");
        let regenerated = regenerated(&format!("old\n{MARK}\n  - id: hand\n"));
        assert!(regenerated.starts_with("# 绩效目标审核"));
        assert!(regenerated.ends_with(&format!("{MARK}\n  - id: hand\n")));
    }
}
