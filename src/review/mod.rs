//! Target review (绩效目标审核): badly written targets and tables flagged like a linter, each
//! finding with a stable code, a severity, a Chinese message, a label under the exact characters
//! and a help line.
//!
//! Each check lives in its own file under [`checks`] with its documentation (what it does, why it
//! matters, an example, the fix), and is registered once in [`checks::ALL`]; a code never changes
//! meaning once published. Each check is also a rule of `rules/review.yaml` (id = code,
//! generated from the registry by [`switches`]), so a rule file switches it off or changes its
//! severity; the satisfaction floor and the auditors'
//! own checks are `require:` rules whose findings stand beside the built-in ones.

pub mod blocks;
pub mod checks;
pub mod render;
pub mod switches;
mod view;

use crate::finding::{Code, Finding};
use crate::rules::{Check, Facts, Rule, RuleSet};
use crate::table::model::Document;

pub use view::{IndicatorView, ProjectView};

/// One registered check.
pub struct CheckInfo {
    /// The stable code (`review.plan-without-number`) with its default severity (unless a rule
    /// changes it), its Chinese title and its documentation (the check file's `//!` lines,
    /// which `jixiao review --explain CODE` prints).
    pub code: Code,
    /// The check over one project.
    pub run: fn(&ProjectView<'_>, &mut Vec<Finding>),
}

/// What review needs besides the table.
pub struct Options<'a> {
    /// The rule set: directions, inferred categories, which checks run and how severe they are,
    /// and the auditors' own `require:` checks.
    pub rules: &'a RuleSet,
    pub year: Option<i32>,
}

/// Review a table: the reader's own findings first, then, project by project, every built-in
/// check a rule has not switched off, then the rules' `require:` checks, in table order.
pub fn review(doc: &Document, opts: &Options<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc.findings.clone();
    // the checks a rule has not switched off, with their severities: asked once, not a project
    // at a time
    let switched: Vec<(&CheckInfo, crate::finding::Severity)> = checks::ALL
        .iter()
        .filter_map(|check| match opts.rules.review_check(check.code.as_str()) {
            Some((true, _)) => None,
            Some((false, level)) => Some((check, level)),
            None => Some((check, check.code.severity())),
        })
        .collect();
    // a table asks the same directions again and again (`服务人次` in every project): kept by
    // what the rules read. Rules that count their tries are asked each time (their limit is
    // an indicator's)
    let memo = crate::lang::direction::Memo::new(opts.rules);
    let directions: &dyn crate::lang::Directions = if opts.rules.counts_tries() {
        opts.rules
    } else {
        &memo
    };
    for (unit, project) in doc.projects() {
        let view = ProjectView::new(doc, unit, project, opts, directions);
        for &(check, level) in &switched {
            let start = out.len();
            (check.run)(&view, &mut out);
            for f in &mut out[start..] {
                f.severity = level;
            }
        }
        for i in &view.indicators {
            let facts = Facts {
                indicator: Some(&i.row.name),
                category: i.category.as_deref(),
                subcategory: i.row.subcategory.as_deref(),
                project: Some(&project.name),
                unit_name: Some(&unit.name),
                department: doc.department.as_deref(),
                target_text: Some(&i.row.target),
                target: Some(&i.parsed.target),
                actual_text: i.row.actual.as_deref(),
                weight: i.row.weight,
                ..Facts::default()
            };
            for hit in opts.rules.apply(facts).checks() {
                let rule = hit.rule;
                let label = if hit.incomparable {
                    format!("无法比较（单位量纲不同）：规则 {}", rule.id)
                } else {
                    format!("不符合规则 {}", rule.id)
                };
                let mut f = view.rule_finding(
                    &rule.id,
                    i.row.at.target(),
                    Some(i),
                    format!("指标“{}”：{}", i.row.name, hit.message),
                    label,
                    format!("规则见 {}:{}", rule.file, rule.line),
                );
                f.severity = hit.severity;
                out.push(f);
            }
        }
    }
    out
}

/// The documentation of a built-in check's code.
pub fn explain(code: &str) -> Option<&'static CheckInfo> {
    checks::ALL.iter().find(|c| c.code.as_str() == code)
}

/// What `jixiao review --explain CODE` explains: a built-in check, or a rule file's `require:`
/// check (whose id is the code its findings carry, e.g. `review.satisfaction-below-floor`).
pub enum Explanation<'r> {
    Check(&'static CheckInfo),
    Rule(&'r Rule),
    /// A code of reading, scoring or answering (`table.*`, `eval.*`, `rules::*`, …), from the
    /// registry [`crate::codes`].
    Code(Code),
}

/// The explanation of any code review can print from its checks and rules; `None` for an
/// unknown code.
pub fn explain_code<'r>(code: &str, rules: &'r RuleSet) -> Option<Explanation<'r>> {
    if let Some(check) = explain(code) {
        return Some(Explanation::Check(check));
    }
    if let Some(code) = crate::codes::find(code) {
        return Some(Explanation::Code(code));
    }
    rules
        .rule(code)
        .filter(|r| r.choice.get::<Check>().is_some())
        .map(Explanation::Rule)
}

/// Every code `--explain` knows, with a title: the built-in checks, the codes of reading and
/// scoring, then the rules' checks.
pub fn codes(rules: &RuleSet) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = checks::ALL
        .iter()
        .map(|c| c.code)
        .chain(crate::codes::ALL.iter().copied())
        .map(|c| (c.as_str().to_owned(), c.title().to_owned()))
        .collect();
    for r in rules.rules() {
        if let Some(Check { message, .. }) = r.choice.get::<Check>() {
            let title = message
                .as_deref()
                .or(r.description.as_deref())
                .unwrap_or("");
            out.push((r.rref.id.to_string(), title.to_owned()));
        }
    }
    out
}

impl Explanation<'_> {
    /// The text `--explain` prints.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match self {
            Explanation::Code(code) => out.push_str(&code.text()),
            Explanation::Check(info) => out.push_str(&info.code.text()),
            Explanation::Rule(rule) => {
                let Some(Check {
                    require,
                    severity,
                    message,
                }) = rule.choice.get::<Check>()
                else {
                    return out;
                };
                let title = message
                    .as_deref()
                    .or(rule.description.as_deref())
                    .unwrap_or("规则检查");
                out.push_str(&format!(
                    "{} — {title}（级别：{}）\n\n",
                    rule.rref.id,
                    severity.zh()
                ));
                out.push_str(&format!(
                    "`{}`：规则文件中的检查规则（require:），不是内置检查。\n\n",
                    rule.rref.id
                ));
                if let Some(d) = &rule.description {
                    out.push_str(&format!("说明：{d}\n"));
                }
                if let Some(m) = message {
                    out.push_str(&format!("提示信息：{m}\n"));
                }
                out.push_str(&format!(
                    "级别：{}（severity: {}）\n",
                    severity.zh(),
                    severity.as_str()
                ));
                out.push_str(&format!(
                    "条件 when：{}\n",
                    rule.when.as_deref().unwrap_or("（总是）")
                ));
                out.push_str(&format!("要求 require：{require}\n"));
                if rule.disabled {
                    out.push_str("状态：已停用（disable: true），review 不会列出此代码\n");
                }
                out.push_str(&format!(
                    "规则位置：{}:{}\n",
                    rule.rref.file, rule.rref.line
                ));
                if rule.history.len() > 1 {
                    let all: Vec<String> = rule
                        .history
                        .iter()
                        .map(|h| format!("{}:{}", h.file, h.line))
                        .collect();
                    out.push_str(&format!("先后定义于：{}\n", all.join("、")));
                }
                out.push_str(
                    "\n作用：满足条件的指标不符合要求时，review 以此代码列出，级别如上。\n",
                );
                out.push_str(
                    "修改方法：改写年度指标值使其符合要求；或在自己的规则文件中写同一 id，\
                     改写 require、severity、message，或以 disable: true 停用。\n",
                );
            }
        }
        out
    }
}
