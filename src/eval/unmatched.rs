//! An actuals file that matches nothing in its table (issue 25 item 11): every actual would be
//! dropped and every project scored 0.00 差, which is no result; the command line and the API
//! refuse it with [`MatchesNothing`], naming the nearest names of the table. An actuals file
//! that matches in part is scored; what it leaves unmatched is listed (`actuals.unmatched`)
//! at the top of every report format.
//!
//! "Nothing" is: no entry of the file finds a project of the table (by names as written or
//! folded, `super::fold`), or the entries that find one give no budget, no 全年执行数 and not
//! one indicator the table has.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::table::model::Document;

use super::actuals_file::ActualsFile;
use super::fold::fold;
use super::matcher::Matcher;

/// Entries named in the help, at most.
const SHOWN: usize = 5;

/// Indicators of one entry past which [`could_give`] is asked before the matcher indexes it.
const LONG_ENTRY: usize = 1024;

/// The actuals file matches nothing in the table.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(
    "实际值文件 {file} 中的{what}在 {table} 中一个也找不到，所以不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果）"
)]
#[diagnostic(code("eval.actuals-match-nothing"), help("{help}"))]
pub struct MatchesNothing {
    pub file: String,
    pub table: String,
    /// `项目` or `指标`, with how many.
    pub what: String,
    /// The nearest names, and what to do.
    pub help: String,
}

/// [`MatchesNothing`] where no entry of `actuals` matches `doc`.
pub fn check(doc: &Document, actuals: Option<&ActualsFile>) -> Result<(), MatchesNothing> {
    let Some(file) = actuals else {
        return Ok(());
    };
    if file.projects.is_empty() {
        return Ok(());
    }
    let projects_found = match used(doc, file) {
        Some(true) => return Ok(()),
        Some(false) => true,
        None => false,
    };
    let mut lines = Vec::new();
    let what = if projects_found {
        // projects found, none of their indicators
        let names: Vec<&str> = doc
            .projects()
            .flat_map(|(_, p)| p.indicators.iter().map(|r| &*r.name))
            .collect();
        let n: usize = file.projects.iter().map(|p| p.indicators.len()).sum();
        for p in &file.projects {
            for i in &p.indicators {
                if lines.len() < SHOWN {
                    lines.push(near_line(&i.indicator, &names));
                }
            }
        }
        format!(" {n} 个指标")
    } else {
        let names: Vec<String> = doc
            .projects()
            .map(|(u, p)| {
                if u.name.is_empty() {
                    p.name.clone()
                } else {
                    format!("{}／{}", u.name, p.name)
                }
            })
            .collect();
        let project_names: Vec<&str> = doc.projects().map(|(_, p)| p.name.as_str()).collect();
        for p in file.projects.iter().take(SHOWN) {
            let unit = if p.unit.is_empty() {
                String::new()
            } else {
                format!("（单位“{}”）", p.unit)
            };
            let line = match super::nearest::nearest(&p.project, project_names.iter().copied()) {
                Some(near) => {
                    let full = project_names
                        .iter()
                        .position(|n| *n == near)
                        .map_or(near, |k| names[k].as_str());
                    format!("项目“{}”{unit}：表中最接近的是“{full}”", p.project)
                }
                None => format!("项目“{}”{unit}：表中没有相近的名称", p.project),
            };
            lines.push(line);
        }
        if names.len() <= SHOWN && !names.is_empty() {
            lines.push(format!("表中的项目：{}", names.join("、")));
        }
        format!(" {} 个项目", file.projects.len())
    };
    Err(MatchesNothing {
        file: file.name.clone(),
        table: doc.source.name.clone(),
        what,
        help: format!(
            "{}\n名称在去掉全角/半角、空格、括号写法和开头的预算编码（如 [610001]、219001-）后仍对不上；核对实际值文件的 unit、project 和指标名称是否与目标表一致，或用 jixiao template {} -o 实际值.yaml 重新生成实际值文件",
            lines.join("\n"),
            doc.source.name
        ),
    })
}

/// Whether an entry of `file` finds a project of `doc` and gives it something (a budget, a
/// 全年执行数 or an indicator the project has); `None` where no entry finds a project at all.
fn used(doc: &Document, file: &ActualsFile) -> Option<bool> {
    let mut matcher = Matcher::new(Some(file));
    // the table's names gathered only where an entry is long enough for its index to cost
    // more than they do (a file of the usual size pays nothing for the question)
    let long = file
        .projects
        .iter()
        .any(|p| p.indicators.len() > LONG_ENTRY);
    if long && !could_give(doc, file) {
        // no entry can give anything: whether one finds a project is all there is to know,
        // and the entries' indicators are never indexed (300,000 of them under one project
        // that matches none took 150 MB of indexes for the table's one project, session 26)
        let found = doc
            .projects()
            .any(|(unit, project)| matcher.finds(&unit.name, &project.name));
        return found.then_some(false);
    }
    let mut projects_found = false;
    for (unit, project) in doc.projects() {
        if !matcher.finds(&unit.name, &project.name) {
            continue;
        }
        projects_found = true;
        let taken = matcher.take(&unit.name, project);
        if taken
            .entry
            .is_some_and(|e| e.budget.is_some() || e.spent.is_some())
            || taken.indicators.iter().any(Option::is_some)
        {
            return Some(true);
        }
    }
    projects_found.then_some(false)
}

/// Whether an entry of `file` could give a project of `doc` anything, whichever project it
/// finds: a budget or a 全年执行数, or an indicator whose name (folded, as the matcher folds
/// it; a name as written folds the same) or sequence number a row of the table has. Those are
/// the only ways [`Matcher::take`] gives an indicator (by sequence and name, name, folded name,
/// sequence), so `false` means no entry gives anything. Its memory is the table's names.
fn could_give(doc: &Document, file: &ActualsFile) -> bool {
    if file
        .projects
        .iter()
        .any(|p| p.budget.is_some() || p.spent.is_some())
    {
        return true;
    }
    let mut names: HashSet<Cow<'_, str>> = HashSet::new();
    let mut seqs: HashSet<u32> = HashSet::new();
    for (_, project) in doc.projects() {
        for row in &project.indicators {
            names.insert(fold(&row.name));
            seqs.insert(row.seq);
        }
    }
    file.projects.iter().flat_map(|p| &p.indicators).any(|a| {
        a.seq.is_some_and(|s| seqs.contains(&s)) || names.contains(fold(&a.indicator).as_ref())
    })
}

/// Whether [`check`] accepts `file` for `doc`, without the names its refusal would suggest
/// (a pile tries every table against every actuals file: a refusal's nearest names for each
/// pair that does not match were most of its time).
pub fn matches(doc: &Document, file: &ActualsFile) -> bool {
    file.projects.is_empty() || used(doc, file) == Some(true)
}

/// `指标“X”：表中最接近的是“Y”`.
fn near_line(name: &str, names: &[&str]) -> String {
    match super::nearest::nearest(name, names.iter().copied()) {
        Some(near) => format!("指标“{name}”：表中最接近的是“{near}”"),
        None => format!("指标“{name}”：表中没有相近的名称"),
    }
}
