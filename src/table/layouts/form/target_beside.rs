//! A 绩效目标表 and a 绩效自评表 of the same project in one file (a page publishing both, one
//! above the other; a workbook with a sheet each): the target form has no 实际完成值 and no
//! 得分, so it is not a project of its own to score (it read as a second project of the same
//! name, 待评定, beside the scored one). The self-evaluation is scored; the target form is said
//! to have been seen (`table.form-target-beside`), and each of its indicators' targets checked
//! against the self-evaluation's indicator of the same name: a target that differs is a
//! warning on the self-evaluation's indicator (`table.form-target-differs`, both figures), an
//! indicator the self-evaluation does not list is named. Only a target form whose project name
//! matches one self-evaluation form's in the same file is taken so; any other stays as read.

use std::collections::HashMap;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::model::{FormKind, Project, UnitRow};

/// Indicators named at most in one message (the rest counted).
const NAMED: usize = 4;

/// Takes each target form of `units` that has one self-evaluation form of the same project
/// name out of the units, checking its targets against the self-evaluation's (see the module's
/// doc); a unit left with no project by it goes too.
pub(crate) fn pair(ctx: &mut Ctx<'_>, units: &mut Vec<UnitRow>) {
    // each self-evaluation form's project name, and how many forms give it
    let mut own: HashMap<String, usize> = HashMap::new();
    for p in units.iter().flat_map(|u| &u.projects) {
        if kind(p) == Some(FormKind::SelfEvaluation) {
            *own.entry(p.name.trim().to_owned()).or_default() += 1;
        }
    }
    let paired = |p: &Project| {
        kind(p) == Some(FormKind::Target) && own.get(p.name.trim()).copied() == Some(1)
    };
    let mut taken: Vec<Project> = Vec::new();
    let mut emptied: Vec<usize> = Vec::new();
    for (k, u) in units.iter_mut().enumerate() {
        if !u.projects.iter().any(paired) {
            continue;
        }
        let (out, kept): (Vec<Project>, Vec<Project>) = std::mem::take(&mut u.projects)
            .into_iter()
            .partition(paired);
        u.projects = kept;
        taken.extend(out);
        if u.projects.is_empty() {
            emptied.push(k);
        }
    }
    for target in &taken {
        let own = units.iter().flat_map(|u| &u.projects).find(|p| {
            kind(p) == Some(FormKind::SelfEvaluation) && p.name.trim() == target.name.trim()
        });
        if let Some(own) = own {
            check(ctx, target, own);
        }
    }
    for k in emptied.into_iter().rev() {
        units.remove(k);
    }
}

/// A project's form kind, where it is a form's.
fn kind(p: &Project) -> Option<FormKind> {
    p.form.as_deref().map(|f| f.kind)
}

/// The target form `target` against the self-evaluation `own`: said seen, each target that
/// differs said on `own`'s indicator.
fn check(ctx: &mut Ctx<'_>, target: &Project, own: &Project) {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let mut same = 0usize;
    let mut absent: Vec<String> = Vec::new();
    for t in &target.indicators {
        let name = squeeze(&t.name);
        let Some(i) = own.indicators.iter().find(|i| squeeze(&i.name) == name) else {
            absent.push(t.name.trim().to_owned());
            continue;
        };
        if squeeze(&t.target) == squeeze(&i.target) {
            same += 1;
            continue;
        }
        let f = ctx
            .finding(
                codes::FORM_TARGET_DIFFERS,
                Severity::Warning,
                i.at.item(),
                format!(
                    "同一文件的绩效目标表中「{}」的指标值为 {}，自评表为 {}：按自评表的评分，请核对哪一个是批复的目标",
                    i.name.trim(),
                    t.target.trim(),
                    i.target.trim()
                ),
            )
            .label("与目标表不同");
        ctx.findings.push(f);
    }
    let sheet = ctx
        .source
        .sheet_at(target.at.offset)
        .map_or(String::new(), |s| format!("「{s}」"));
    let absent_note = match absent.len() {
        0 => String::new(),
        n => {
            let shown: Vec<&str> = absent.iter().take(NAMED).map(String::as_str).collect();
            let more = if n > NAMED {
                format!("等 {n} 项")
            } else {
                String::new()
            };
            format!("；目标表的 {}{more} 不在自评表中", shown.join("、"))
        }
    };
    let f = ctx
        .finding(
            codes::FORM_TARGET_BESIDE,
            Severity::Warning,
            own.name_at,
            format!(
                "同一文件中另有本项目的绩效目标表{sheet}（第 {} 行起，只有指标值，没有实际完成值和得分）：不单独作为一个项目评分，按自评表评分；目标表的 {} 项指标中 {same} 项指标值与自评表一致{absent_note}",
                target.at.line,
                target.indicators.len()
            ),
        )
        .label("另有目标表");
    ctx.findings.push(f);
}
