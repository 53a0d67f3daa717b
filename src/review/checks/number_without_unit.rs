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

use crate::finding::{Code, Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.number-without-unit",
        Severity::Info,
        "数值未写单位",
        include_str!("number_without_unit.rs"),
    ),
    run,
};

/// Name endings that say what is counted.
const COUNT_ENDINGS: &[&str] = &[
    "数", "量", "项目", "级别", "等级", "次", "个", "项", "人", "户", "件", "份", "率", "度",
];

/// The last characters of a unit (`%`, `人`, `万元`, `平方米`).
pub(super) const UNIT_ENDS: &[char] = &[
    '元', '米', '亩', '顷', '吨', '克', '斤', '升', '方', '个', '人', '次', '户', '件', '项', '台',
    '套', '辆', '所', '座', '处', '间', '株', '棵', '头', '只', '册', '本', '张', '家', '天', '日',
    '月', '年', '时', '分', '秒', '%', '％', '‰', '度', '瓦', '篇', '场', '期', '批', '条', '里',
    '位', '名', '床', '份', '宗', '块', '片', '口', '眼', '艘', '架',
];

/// Units an office writes in a name's brackets, whole (`(亩)`, `(万美元)` once its magnitude is
/// taken off); `(个人用户)` is who is counted, not a unit.
const UNIT_WORDS: &[&str] = &[
    "元",
    "美元",
    "欧元",
    "港元",
    "人民币",
    "亩",
    "公顷",
    "平方米",
    "平米",
    "平方公里",
    "立方米",
    "方",
    "米",
    "公里",
    "千米",
    "延米",
    "吨",
    "千克",
    "公斤",
    "克",
    "斤",
    "升",
    "个",
    "人",
    "人次",
    "次",
    "户",
    "件",
    "项",
    "台",
    "套",
    "辆",
    "所",
    "座",
    "处",
    "间",
    "株",
    "棵",
    "头",
    "只",
    "册",
    "本",
    "张",
    "家",
    "天",
    "日",
    "月",
    "年",
    "小时",
    "分钟",
    "秒",
    "%",
    "％",
    "‰",
    "度",
    "千瓦",
    "千瓦时",
    "瓦",
    "篇",
    "场",
    "期",
    "批",
    "条",
    "位",
    "名",
    "床",
    "份",
    "宗",
    "块",
    "片",
    "口",
    "眼",
    "艘",
    "架",
    "个百分点",
    "百分点",
    "人/次",
    "元/人",
    "元/亩",
    "元/平方米",
];

/// Whether the name's closing brackets hold a unit (operators and template placeholders taken
/// out, then a magnitude: `(≥**个)`, `(万美元)`, `(亩)`), and nothing else.
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
    let unit = inner.trim_start_matches(['万', '亿', '千', '百', '十']);
    UNIT_WORDS.contains(&unit) || UNIT_WORDS.contains(&inner)
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some(span) = i.parsed.spans.value.clone() else {
            continue;
        };
        if i.parsed.target.unit().is_some() {
            continue;
        }
        // a change written in `%` (`较上年增长10%`) has its unit: what the actual is measured in
        // is the baseline's, which the target need not say
        if let Target::Relative { unit: Some(_), .. } = &i.parsed.target {
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
