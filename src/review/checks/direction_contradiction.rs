//! `review.direction-contradiction`：比较符与指标方向相反。
//!
//! **作用**：规则判定为越低越好的指标（成本、逾期率等）写了下限（`≥`、`以上`），
//! 或规则判定为越高越好的比率（满意度、完成率等）写了上限（`≤`、`以下`），都会被标出。
//!
//! **为什么重要**：成本写 `≥1050元`，等于鼓励多花钱；逾期率写 `>=100%`，等于要求每笔支付都逾期。
//! 这类符号通常是从模板照抄的。
//!
//! **示例**：`防疫室84平米（成本指标），年度指标值：≥1050元`。
//!
//! **修改方法**：把比较符反过来（`≤1050元`）；如果该指标确实是另一个方向，请修改方向规则。

use crate::finding::{Code, Finding, Severity};
use crate::lang::{Direction, Origin, Subject, Target};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.direction-contradiction",
        Severity::Warning,
        "比较方向与指标方向相反",
        include_str!("direction_contradiction.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Target::Compare { op, quantity } = &i.parsed.target else {
            continue;
        };
        if i.parsed.provenance.op != Some(Origin::Text) {
            continue;
        }
        let decision = p.directions.decide(
            Subject {
                indicator: Some(&i.row.name),
                category: i.category.as_deref(),
                subcategory: i.row.subcategory.as_deref(),
            },
            quantity,
        );
        let name = i.row.name.trim_end_matches([')', '）']);
        let contradiction = match decision.direction {
            Direction::Lower => op.is_lower_bound() && !quantity.value.is_zero(),
            Direction::Higher => {
                !op.is_lower_bound()
                    && *op != crate::lang::Op::Eq
                    && (name.ends_with('率') || name.ends_with('度'))
            }
        };
        if !contradiction {
            continue;
        }
        let span = i.parsed.spans.op.clone().unwrap_or(0..i.row.target.len());
        let (label, help) = match decision.direction {
            Direction::Lower => (
                format!("按规则 {} 此指标越低越好，这里写的是下限", decision.rule),
                "改为上限（如“≤”“以内”），或在规则文件中改正该指标的方向",
            ),
            Direction::Higher => (
                format!("按规则 {} 此指标越高越好，这里写的是上限", decision.rule),
                "改为下限（如“≥”“以上”），或在规则文件中改正该指标的方向",
            ),
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!("指标“{}”的比较方向与指标方向相反", i.row.name),
            label,
            help,
        ));
    }
}
