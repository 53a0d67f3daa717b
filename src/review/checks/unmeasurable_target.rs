//! `review.unmeasurable-target`：年度指标值只说“更好”，没说好多少。
//!
//! **作用**：标出只写变化方向、没有数值的目标：`明显提升`、`逐步完善`、`进一步提高`、`有所改善`、
//! `较上年提高`、`持续增强`。带数值的目标（`较上年提高5%`、`≥95%`）和由人评判的一般描述（`正常开展`）
//! 不会被标出。
//!
//! **为什么重要**：财政部关于绩效目标的要求是目标可衡量（指标值应可衡量：绩效指标应当细化、量化，
//! 定量指标应明确指标值，难以量化的定性指标应可衡量、可评判）。“明显提升”无所谓达到或未达到：
//! 年终时每个单位都可以说做到了，该指标只能凭主观判断评分。
//!
//! **示例**：`群众生产生活条件改善状况，年度指标值：显著提升`；`公众满意度，年度指标值：较上年提高`。
//!
//! **修改方法**：写出提高多少、与什么相比：`较上年提高5个百分点`、`≥90%`、`受益人口≥500人`；
//! 确实无法给出数值的，描述审核人可以核实的状态（`全部村完成改造并通过验收`）。

use crate::finding::{Code, Finding, Severity};
use crate::lang::{Target, lexicon};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.unmeasurable-target",
        Severity::Warning,
        "指标值不可衡量（只写变化方向，未写幅度）",
        include_str!("unmeasurable_target.rs"),
    ),
    run,
};

/// Where in `text` a vague change is written (`明显提升`, `较上年提高`, or a change word alone),
/// as a byte range.
pub fn vague_change(text: &str) -> Option<std::ops::Range<usize>> {
    if text.chars().any(|c| lexicon::digit_value(c).is_some()) {
        return None;
    }
    let simplified: String = text.chars().map(lexicon::simplify).collect();
    let trimmed = simplified.trim_end_matches(|c: char| lexicon::is_trailing_punct(c));
    if let Some(w) = lexicon::VAGUE_CHANGES.iter().find(|w| trimmed == **w) {
        return Some(0..w.len());
    }
    for adverb in lexicon::VAGUE_ADVERBS {
        for (start, _) in simplified.match_indices(adverb) {
            let after = &simplified[start + adverb.len()..];
            let after = after.strip_prefix("有").unwrap_or(after);
            let after = after.strip_prefix("所").unwrap_or(after);
            if let Some(w) = lexicon::VAGUE_CHANGES
                .iter()
                .find(|w| after.starts_with(**w))
            {
                let end = simplified.len() - after.len() + w.len();
                return Some(start..end);
            }
        }
    }
    None
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        if !matches!(i.parsed.target, Target::Qualitative { .. }) {
            continue;
        }
        let text = &i.row.target;
        let Some(span) = vague_change(text) else {
            continue;
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!(
                "指标“{}”的年度指标值“{}”只写了变化方向，未写幅度，无法衡量是否达成",
                i.row.name, text
            ),
            "未写幅度",
            "指标值应可衡量：写出幅度和基准，如“较上年提高5个百分点”“≥90%”",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::vague_change;

    #[test]
    fn vague_changes_are_found_and_figures_are_not() {
        for text in [
            "明显提升",
            "逐步完善",
            "进一步提高",
            "有所改善",
            "较上年提高",
            "显著提升",
            "提升",
            "進一步提高",
            "食品安全工作得到有效加强",
        ] {
            assert!(vague_change(text).is_some(), "{text}");
        }
        for text in [
            "较上年提高5%",
            "正常开展",
            "效果明显",
            "≥95%",
            "优良",
            "应保尽保",
        ] {
            assert_eq!(vague_change(text), None, "{text}");
        }
        assert_eq!(vague_change("群众满意度明显提升"), Some(15..27));
    }
}
