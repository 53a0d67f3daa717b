//! `review.number-without-unit`：数值未写单位，也无处可知单位。
//!
//! **作用**：标出没有单位的定量目标：年度指标值和指标名称中都没有单位，且名称本身不是计数（…数、…量、
//! …项目、…级别）或比率（比率由 `review.unit-mismatch` 检查）。
//!
//! **为什么重要**：`服务对象（个人用户）>500万`——500万什么：人、人次，
//! 还是账户？年终的实际值无法与一个不知是什么的数核对。
//!
//! **示例**：`服务对象（个人用户），年度指标值：>500万`。
//!
//! 名称末尾括号中写明的单位也是单位：`服务外包在岸(万美元)`，年度指标值 `20000`，单位是万美元，
//! 不标出。
//!
//! **修改方法**：写上单位：`>500万人`。

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.number-without-unit",
    severity: Severity::Info,
    title: "数值未写单位",
    explain: include_str!("number_without_unit.rs"),
    run,
};

/// Name endings that say what is counted.
const COUNT_ENDINGS: &[&str] = &[
    "数", "量", "项目", "级别", "等级", "次", "个", "项", "人", "户", "件", "份", "率", "度",
];

/// The last characters of a unit written in a name's closing brackets (`(万美元)`, `（亩）`,
/// `(≥**个)`, `(%)`).
pub(super) const UNIT_ENDS: &[char] = &[
    '元', '米', '亩', '顷', '吨', '克', '斤', '升', '方', '个', '人', '次', '户', '件', '项', '台',
    '套', '辆', '所', '座', '处', '间', '株', '棵', '头', '只', '册', '本', '张', '家', '天', '日',
    '月', '年', '时', '分', '秒', '%', '％', '‰', '度', '瓦', '篇', '场', '期', '批', '条', '里',
    '位', '名', '床', '份', '宗', '块', '片', '口', '眼', '艘', '架',
];

/// Whether the name's closing brackets hold a unit: short (at most 6 characters once operators
/// and template placeholders are taken out), ending in a unit's last character (`万美元`,
/// `平方米`, `人次`), with no digits (`(2023年)` is a year, not a unit).
fn unit_in_brackets(name: &str) -> bool {
    let t = name.trim_end();
    let Some(body) = t.strip_suffix(')').or_else(|| t.strip_suffix('）')) else {
        return false;
    };
    let Some(open) = body.rfind(['(', '（']) else {
        return false;
    };
    let inner: String = body[open..]
        .chars()
        .skip(1)
        .filter(|c| !matches!(c, '≥' | '≤' | '>' | '<' | '=' | '*' | '＊' | ' ' | '×'))
        .collect();
    let inner = inner.trim_start_matches(['X', 'x']);
    let n = inner.chars().count();
    (1..=6).contains(&n)
        && !inner.chars().any(|c| c.is_ascii_digit())
        && inner.chars().last().is_some_and(|c| UNIT_ENDS.contains(&c))
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some(span) = i.parsed.spans.value.clone() else {
            continue;
        };
        if i.parsed.target.unit().is_some() {
            continue;
        }
        if unit_in_brackets(&i.row.name) {
            continue;
        }
        let name = i.row.name.trim_end_matches([')', '）']);
        let base = match name.rfind(['(', '（']) {
            Some(k) if name.len() != i.row.name.len() => &name[..k],
            _ => name,
        };
        if COUNT_ENDINGS.iter().any(|e| base.ends_with(e)) {
            continue;
        }
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!("指标“{}”的年度指标值没有单位", i.row.name),
            "未写单位",
            "在数值后写明单位，如“>500万人”",
        ));
    }
}
