//! `review.satisfaction-below-floor`: a satisfaction target below the floor.
//!
//! **What it does.** Flags a satisfaction indicator (…满意度, or in 满意度指标) whose target in
//! percent is below the configured floor (90% unless a rule file sets another).
//!
//! **Why it matters.** Finance bureaus expect satisfaction targets of at least 90%; a lower one
//! is met too easily to say anything.
//!
//! **Example.** `员工对业务用房满意度，年度指标值：80%`.
//!
//! **Fix.** Raise the target to the floor (`≥90%`), or explain why it cannot be.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView, Settings};
use crate::target::Target;

pub const INFO: CheckInfo = CheckInfo {
    code: "review.satisfaction-below-floor",
    severity: Severity::Warning,
    title: "满意度目标低于下限",
    explain: include_str!("satisfaction_floor.rs"),
    run,
};

fn run(p: &ProjectView<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let floor = settings.satisfaction_floor;
    for i in &p.indicators {
        if !(i.row.name.contains("满意") || i.scoring == Some("满意度指标")) {
            continue;
        }
        let value = match &i.parsed.target {
            Target::Compare { quantity, .. } | Target::Approximate { quantity }
                if quantity.unit.as_ref().is_some_and(|u| u.as_str() == "%") =>
            {
                quantity.value
            }
            Target::Range {
                low, unit: Some(u), ..
            } if u.as_str() == "%" => low.value,
            _ => continue,
        };
        if value >= floor {
            continue;
        }
        let span = i
            .parsed
            .spans
            .value
            .clone()
            .unwrap_or(0..i.row.target.len());
        let span = match &i.parsed.spans.unit {
            Some(u) if u.start >= span.end => span.start..u.end,
            _ => span,
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!(
                "满意度指标“{}”的目标 {}% 低于 {}%",
                i.row.name,
                value.normalize(),
                floor.normalize()
            ),
            format!("低于满意度下限 {}%", floor.normalize()),
            format!(
                "满意度目标一般不低于 {}%；确需更低时请说明理由",
                floor.normalize()
            ),
        ));
    }
}
