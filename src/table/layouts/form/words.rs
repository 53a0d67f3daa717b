//! The words of the published forms: header names of the indicator grid, labels of the title
//! area and the funds block, the words of a total row and a grade, and the small readings of a
//! cell's text (line breaks, `(50分)`, placeholders, money units, the year). Tables of words as
//! data, read by the layout in `form`.

use rust_decimal::Decimal;

use crate::table::amount::parse_number;
use crate::table::columns::normalize;
use crate::table::grid::{Cell, Row};

/// What a column of the indicator grid holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Level1,
    Level2,
    Indicator,
    Target,
    Nature,
    Measure,
    /// 指标方向 (`正向` / `反向`).
    Direction,
    Actual,
    Weight,
    Score,
    Deviation,
    Plan,
    /// A score on 100 before it is weighted (河北 `单项指标得分`, beside `单项指标折算得分`).
    RawScore,
    /// 调整后指标值 / 中期调整指标值: the target as adjusted in the year.
    Adjusted,
}

/// Header names of the indicator grid, normalized (brackets and spaces dropped).
pub(super) const GRID: &[(Col, &[&str])] = &[
    (Col::Level1, &["一级指标"]),
    (Col::Level2, &["二级指标"]),
    (
        Col::Indicator,
        &[
            "三级指标",
            "指标内容",
            "指标名称",
            "绩效指标名称",
            "三级指标名称",
            "评价内容",
        ],
    ),
    (
        Col::Target,
        &[
            "年度指标值",
            "指标值",
            "年初目标值",
            "年初指标值",
            "目标值",
            "年度目标值",
            "预期指标值",
            "预期目标值",
            "计划指标值",
            "年度计划值",
            "年度数值",
            "目标数值",
            "全年目标值",
            "全年指标值",
            "本年度指标值",
            "本年度目标值",
            "当年指标值",
            "当年目标值",
        ],
    ),
    (Col::Nature, &["指标性质", "计算符号", "符号", "运算符号"]),
    (Col::Measure, &["度量单位", "计量单位"]),
    (Col::Direction, &["指标方向", "指标属性"]),
    (
        Col::Actual,
        &[
            "实际完成值",
            "完成值",
            "全年实际值",
            "实际值",
            "全年完成值",
            "实际完成情况",
            "全年实际完成值",
            "实际完成指标值",
            "完成情况",
            "实际数值",
            // the actual and the reason in one column (`实际完成900人次，生源不足`): read as
            // the actual (a figure after words is the actual's); it was passed over unread
            "完成情况及偏差原因",
            "实际完成情况及偏差原因",
            "完成情况及原因分析",
        ],
    ),
    (
        Col::Weight,
        &[
            "分值",
            "权重",
            "指标分值",
            "权重分",
            "权重占比",
            "指标权重",
            "标准分",
            "标准分值",
            "满分值",
        ],
    ),
    (
        Col::Plan,
        &[
            "计划数",
            "计划值",
            "全年计划数",
            "上年实际",
            "上年实际值",
            "上年完成值",
        ],
    ),
    (
        Col::Score,
        &[
            "得分",
            "自评得分",
            "评分",
            "实际得分",
            "自评分",
            "单项指标折算得分",
            "折算得分",
        ],
    ),
    (Col::RawScore, &["单项指标得分"]),
    (Col::Adjusted, crate::table::columns::ADJUSTED_NAMES),
    (
        Col::Deviation,
        &[
            "偏差原因分析及改进措施",
            "偏差原因分析及下一步改进措施",
            "偏差原因",
            "偏差原因分析",
            "偏差原因及改进措施",
            "未完成原因分析",
            "未完成原因",
            "未完成原因及拟采取的改进措施",
            "未完成原因分析及改进措施",
            "原因分析及改进措施",
            "原因分析",
        ],
    ),
];

/// Label–value names of the title area, normalized.
pub(super) const PROJECT_LABELS: &[&str] = &[
    "项目名称",
    "项目全称",
    // `转移支付(项目)名称`, normalized
    "转移支付名称",
    "转移支付项目名称",
];
pub(super) const DEPARTMENT_LABELS: &[&str] = &[
    "主管部门",
    "主管部门及代码",
    "主管部门及编码",
    "预算部门",
    // a transfer payment's department is the local one (中央主管部门 is the ministry)
    "地方主管部门",
];
pub(super) const UNIT_LABELS: &[&str] = &[
    "实施单位",
    "项目实施单位",
    "项目单位",
    "单位名称",
    "预算单位",
    "部门名称",
    "资金使用单位",
];
pub(super) const OTHER_LABELS: &[&str] = &[
    "中央主管部门",
    "项目负责人",
    "项目负责人及电话",
    "联系电话",
    "联系人",
    "填报人",
    "项目类型",
    "项目属性",
    "项目期限",
    "实施期限",
    "资金用途",
    "填报日期",
];

/// Funds-block header names: what each column gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fund {
    Initial,
    Budget,
    Spent,
    Weight,
    Rate,
    Score,
}

pub(super) const FUNDS: &[(Fund, &[&str])] = &[
    (Fund::Initial, &["年初预算数", "年初预算", "年初预算金额"]),
    (
        Fund::Budget,
        &[
            "全年预算数",
            "调整后预算数",
            "调整后预算",
            "全年预算",
            "预算数",
            "全年预算金额",
        ],
    ),
    (
        Fund::Spent,
        &[
            "全年执行数",
            "预算执行数",
            "执行数",
            "全年执行金额",
            "实际支出",
        ],
    ),
    (Fund::Weight, &["分值", "权重"]),
    (Fund::Rate, &["执行率", "预算执行率", "资金执行率"]),
    (Fund::Score, &["得分"]),
];

/// Row labels of the funds block's total row, normalized.
pub(super) const FUNDS_TOTAL: &[&str] = &[
    "年度资金总额",
    "合计",
    "资金总额",
    "总额",
    "年度资金合计",
    "项目资金总额",
    "预算资金总额",
];

/// First cells of a form's total row, normalized.
pub(super) const TOTAL_ROW: &[&str] = &[
    "总分",
    // a vertical label cut to its first character
    "总",
    "合计",
    "总计",
    "综合得分",
    "总得分",
    "自评总分",
    "得分合计",
    "自评得分",
];

/// First cells of the rows after a form's indicators (conclusions, signatures).
pub(super) const TRAILER: &[&str] = &[
    "其他需要说明事项",
    "其他需要说明的事项",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "填表人",
    "单位负责人",
    "自评结论",
];

/// Labels of a grade printed in a row of its own.
pub(super) const GRADE_LABELS: &[&str] = &[
    "等级",
    "自评等级",
    "评价等级",
    "评价等次",
    "绩效等级",
    "自评结果",
    "评价结果",
];

/// Words a grade is printed in.
pub(super) const GRADES: &[&str] = &[
    "优",
    "良",
    "中",
    "差",
    "优秀",
    "良好",
    "合格",
    "不合格",
    "一般",
    "较差",
];

/// 二级指标 → 一级指标, for categories printed only as their points.
pub(super) const LEVEL2_TO_LEVEL1: &[(&str, &str)] = &[
    ("数量", "产出指标"),
    ("质量", "产出指标"),
    ("时效", "产出指标"),
    ("成本", "产出指标"),
    ("经济效益", "效益指标"),
    ("社会效益", "效益指标"),
    ("生态效益", "效益指标"),
    ("可持续影响", "效益指标"),
    ("满意度", "满意度指标"),
];

/// The text of a cell with its line breaks dropped between Chinese characters (a space
/// elsewhere) and spaces around it trimmed.
pub(super) fn tidy(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.trim().to_owned();
    }
    let lines: Vec<&str> = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = String::new();
    for l in lines {
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        let joins = wide(out.chars().next_back()) && wide(l.chars().next());
        if !out.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// A name with all spaces dropped (`经济效益\n指标` → `经济效益指标`).
pub(super) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

pub(super) fn is_one_of(text: &str, names: &[&str]) -> bool {
    // told without a copy, and given up at the first character no name goes on with: every
    // filled cell of a form's rows is asked (`label_value`)
    text.len() <= 96 && crate::table::columns::normalizes_to_one_of(text, names)
}

/// Points in a label: a bracketed `(50分)` anywhere, else `50分` / `50 分` ending it
/// (`数量指标 15 分`, `项目绩效 85分`). Returns the points and the text without them and
/// without spaces.
pub(super) fn points_in(text: &str) -> (Option<Decimal>, String) {
    let t = compact(text);
    if let Some((p, range)) = bracketed_points(&t, true) {
        return (Some(p), format!("{}{}", &t[..range.start], &t[range.end..]));
    }
    // `…85分` at the end, the number after a character that is not a digit or a point
    if let Some(head) = t.strip_suffix('分') {
        let digits = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i);
        if let Some(i) = digits
            && let Ok(Some(p)) = parse_number(&head[i..])
        {
            let name = &head[..i];
            // `指标1` + `分`? a name ending in a digit is not points (`得分` alone has none)
            if !name.ends_with(['得', '评', '扣', '加', '计', '第']) {
                return (Some(p), name.to_owned());
            }
        }
    }
    (None, t)
}

/// The first bracket group of `t` that holds points: `(20分)`, or with `lead` also one that
/// starts with them (`(20分*执行率)`). The points and the group's byte range.
fn bracketed_points(t: &str, whole_only: bool) -> Option<(Decimal, std::ops::Range<usize>)> {
    let mut from = 0;
    while let Some(o) = t[from..].find(['(', '（']) {
        let open = from + o;
        let inner_start = open + t[open..].chars().next().map_or(1, char::len_utf8);
        let rest = &t[inner_start..];
        let close = rest.find([')', '）'])?;
        let inner = &rest[..close];
        let end = inner_start + close + rest[close..].chars().next().map_or(1, char::len_utf8);
        let lead = match inner.find('分') {
            Some(k) if !whole_only || k + '分'.len_utf8() == inner.len() => &inner[..k],
            _ => "",
        };
        if let Ok(Some(p)) = parse_number(lead) {
            return Some((p, open..end));
        }
        from = end;
    }
    None
}

/// Points named inside a header's brackets, whole or leading (`预算执行情况(万元)(20分)`,
/// `得分(20分*执行率)`).
pub(super) fn points_mentioned(text: &str) -> Option<Decimal> {
    bracketed_points(&compact(text), false).map(|(p, _)| p)
}

/// A category label as forms shorten it: a vertical label cut to its first character (`产`,
/// `效`, `满`), or a level named with 值 for 指标 (`产出值`, `数量值`). The full name, if so.
pub(super) fn expand_level(name: &str) -> Option<String> {
    const ONE: &[(&str, &str)] = &[
        ("产", "产出指标"),
        ("效", "效益指标"),
        ("满", "满意度指标"),
        ("成", "成本指标"),
    ];
    if let Some((_, full)) = ONE.iter().find(|(k, _)| *k == name) {
        return Some((*full).to_owned());
    }
    const STEMS: &[&str] = &[
        "产出",
        "效益",
        "满意度",
        "成本",
        "数量",
        "质量",
        "时效",
        "经济效益",
        "社会效益",
        "生态效益",
        "可持续影响",
        "服务对象满意度",
        "效果",
    ];
    let stem = name.strip_suffix('值')?;
    STEMS.contains(&stem).then(|| format!("{stem}指标"))
}

/// A row name that breaks down the indicator above it (`其中：水冲式厕所`).
pub(super) fn is_breakdown_name(name: &str) -> bool {
    let t = name.trim_start();
    t.starts_with("其中") || t.starts_with("含：") || t.starts_with("含:")
}

/// The words of a form's score total (`合计：854万` in a funds area is money, not one).
const SCORE_TOTAL: &[&str] = &[
    "自评总分",
    "总分",
    "综合得分",
    "总得分",
    "自评得分",
    "得分合计",
];

/// A total printed as a label and its value in the next filled cell, above the grid
/// (`自评得分 | 97.67`, `综合得分 | 90分`): the value and the label's cell. A bare `总分` is not
/// read so: beside a number above the grid it is as often the 满分 (`总分 | 100`) as the score.
pub(super) fn printed_total_beside<'r, 'a>(row: &'r Row<'a>) -> Option<(Decimal, &'r Cell<'a>)> {
    let number = |c: &Cell<'_>| {
        let v = compact(&c.text);
        parse_number(v.strip_suffix('分').unwrap_or(&v))
            .ok()
            .flatten()
    };
    let mut cells = row.filled().map(|(_, c)| c).peekable();
    while let Some(c) = cells.next() {
        // every label of a score's total holds 分: most cells are passed over unnormalized
        if !c.text.contains('分') {
            continue;
        }
        let label = normalize(&compact(&c.text));
        if label == "总分" || !SCORE_TOTAL.contains(&label.as_str()) {
            continue;
        }
        if let Some(v) = cells.peek().and_then(|n| number(n)) {
            return Some((v, c));
        }
    }
    None
}

/// A total printed in one cell: `自评总分: 95`, `总分：95分`.
pub(super) fn printed_total(text: &str) -> Option<Decimal> {
    let t = compact(text);
    let colon = t.find([':', '：'])?;
    // words of a score's total only (`合计：854万` in a funds area is money)
    if !SCORE_TOTAL.contains(&normalize(&t[..colon]).as_str()) {
        return None;
    }
    let v = &t[colon + t[colon..].chars().next().map_or(1, char::len_utf8)..];
    parse_number(v.strip_suffix('分').unwrap_or(v))
        .ok()
        .flatten()
}

/// A value found beside a label: its cell and the bytes of the cell's text it takes.
#[derive(Clone, Copy)]
pub(super) struct Value<'r, 'a> {
    pub cell: &'r Cell<'a>,
    pub start: usize,
    pub end: usize,
}

impl Value<'_, '_> {
    pub fn text(&self) -> &str {
        &self.cell.text[self.start..self.end]
    }

    /// The value without the separators and spaces before it (`——A项目`, `– A项目`), the spaces
    /// after it, and the brackets it is wholly enclosed in (`【A项目】`).
    fn trimmed(mut self) -> Self {
        let text = self.text();
        let is_lead = |c: char| c.is_whitespace() || c == '\u{3000}' || SEPARATORS.contains(&c);
        let lead = text.len() - text.trim_start_matches(is_lead).len();
        let trail = text.len() - text.trim_end().len();
        self.start += lead;
        self.end -= trail.min(self.end - self.start);
        let text = self.text();
        if let Some(open) = text.chars().next()
            && let Some(k) = OPENERS.iter().position(|&o| o == open)
            && let Some(inner) = text[open.len_utf8()..].strip_suffix(CLOSERS[k])
            && !inner.contains(CLOSERS[k])
            && !inner.trim().is_empty()
        {
            self.start += open.len_utf8();
            self.end -= CLOSERS[k].len_utf8();
        }
        self
    }
}

/// The value of a label–value pair in `row`: the first filled cell after the label, unless
/// that is a label itself; or, in one cell, what follows `项目名称：`, `项目名称—` (a dash of any
/// width: `—`, `——`, `－`, `-`, `–`) or `项目名称 `. A value wholly in brackets (`【A项目】`,
/// `[A项目]`, `〔A项目〕`) is read without them: `项目名称：【A项目】` normalizes to the bare label
/// (header names drop bracketed words), so it was read as a label without a value, and stacked
/// forms so labelled became one 未命名项目.
pub(super) fn label_value<'r, 'a>(
    row: &'r Row<'a>,
    labels: &[&str],
) -> Option<Option<Value<'r, 'a>>> {
    let mut cells = row.filled().peekable();
    while let Some((_, cell)) = cells.next() {
        if is_one_of(&cell.text, labels) {
            // `项目名称：【A项目】` (the value normalized away with its brackets), not
            // `项目名称：（全称）` (a label's own note: its value is in the next cell)
            if let Some(v) = separated_value(cell, labels).flatten()
                && cell.text[..v.start].ends_with(OPENERS)
            {
                return Some(Some(v));
            }
            return Some(
                cells
                    .peek()
                    .map(|(_, c)| {
                        Value {
                            cell: c,
                            start: 0,
                            end: c.text.len(),
                        }
                        .trimmed()
                    })
                    .filter(|v| v.end > v.start && !is_any_label(v.text())),
            );
        }
        if let Some(v) = separated_value(cell, labels) {
            return Some(v);
        }
        // `项目名称 A项目`: the label, spaces and the value in one cell, no colon (stacked
        // forms labelled so were read as one 未命名项目 of all their rows)
        if let Some((label_end, start)) = spaced_label(&cell.text)
            && is_one_of(&cell.text[..label_end], labels)
        {
            let end = cell.text.trim_end().len();
            let v = Value { cell, start, end }.trimmed();
            return Some((v.end > v.start).then_some(v));
        }
    }
    None
}

/// The characters that part a label from its value in one cell: colons and dashes.
const SEPARATORS: [char; 8] = [':', '：', '—', '－', '-', '–', '―', '─'];

/// Brackets a value may be wholly enclosed in, and their closers.
const OPENERS: [char; 3] = ['【', '[', '〔'];
const CLOSERS: [char; 3] = ['】', ']', '〕'];

/// `label：value` / `label—value` in one cell: `Some(None)` where nothing follows the
/// separators, `None` where the text before the first separator outside brackets is no label
/// of `labels` (`项目名称(2023-2025)：A项目` is parted at its colon).
fn separated_value<'r, 'a>(cell: &'r Cell<'a>, labels: &[&str]) -> Option<Option<Value<'r, 'a>>> {
    let mut depth = 0u32;
    // a label is short (`is_one_of` takes 96 bytes at most): the separator is looked for in the
    // first bytes only, not along a long sentence of every cell asked
    let (sep, _) = cell
        .text
        .char_indices()
        .take_while(|&(i, _)| i <= 96)
        .find(|&(_, c)| {
            match c {
                '(' | '（' | '[' | '【' | '〔' => depth += 1,
                ')' | '）' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
                _ => return depth == 0 && SEPARATORS.contains(&c),
            }
            false
        })?;
    if sep == 0 || !is_one_of(&cell.text[..sep], labels) {
        return None;
    }
    let end = cell.text.trim_end().len();
    let v = Value {
        cell,
        start: sep,
        end,
    }
    .trimmed();
    Some((v.end > v.start).then_some(v))
}

/// A cell's text as `label value` with spaces between (ASCII, ideographic or no-break; no
/// colon): where the label ends and the value starts. Only the first run of spaces after the
/// first character that is not one splits; the label is checked by the caller.
fn spaced_label(text: &str) -> Option<(usize, usize)> {
    let is_space = |c: char| c == ' ' || c == '\u{3000}' || c == '\u{a0}' || c == '\t';
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let label_end = lead + text[lead..].find(is_space)?;
    let rest = &text[label_end..];
    let start = label_end + (rest.len() - rest.trim_start_matches(is_space).len());
    (label_end > lead && start < text.trim_end().len()).then_some((label_end, start))
}

/// A row naming its form's project in a heading instead of a label: `【A项目】`, `[A项目]`,
/// `〔A项目〕`, `《A项目》` (the title marks kept), `（一）A项目`, `一、A项目`, `1.A项目` in its first filled cell, any other filled cell
/// a label with its value (`实施单位：某局`). The name: what the brackets or the number leave,
/// with a Chinese character, no colon, no word of a form's own blocks or headings (`指标`, `绩效`,
/// `情况`, `产出`…: `二、绩效指标` heads a part of one form, not another form).
pub(super) fn name_heading<'r, 'a>(row: &'r Row<'a>) -> Option<Value<'r, 'a>> {
    let mut cells = row.filled();
    let (_, cell) = cells.next()?;
    let others_are_labels = cells.all(|(_, c)| {
        [DEPARTMENT_LABELS, UNIT_LABELS, OTHER_LABELS]
            .iter()
            .any(|l| separated_value(c, l).is_some_and(|v| v.is_some()))
    });
    if !others_are_labels || cell.text.len() > 240 {
        return None;
    }
    let whole = Value {
        cell,
        start: 0,
        end: cell.text.len(),
    }
    .trimmed();
    let bracketed = whole.start > 0 && cell.text[..whole.start].ends_with(OPENERS);
    let text = whole.text();
    // `《A项目》`: a title mark is part of a name (`《某县志》编纂`), kept
    let titled = text.starts_with('《') && text.ends_with('》') && text.matches('》').count() == 1;
    let v = if bracketed || titled {
        whole
    } else {
        let after = numbered_heading(text)?;
        Value {
            cell,
            start: whole.start + after,
            end: whole.end,
        }
        .trimmed()
    };
    let name = v.text();
    let words = [
        "指标", "绩效", "目标", "评价", "自评", "情况", "资金", "预算", "说明", "备注", "合计",
        "总分", "得分", "分值", "产出", "效益", "满意", "成本", "决策", "管理", "措施", "问题",
        "结论", "附表", "填报",
    ];
    // (a name with a colon is a label's: `单位：…`)
    let plausible = v.end > v.start
        && name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !name.contains([':', '：'])
        && !words.iter().any(|w| name.contains(w));
    plausible.then_some(v)
}

/// The bytes of a heading's number (`（一）`, `(1)`, `一、`, `1.`, `1、`) at the start of `text`,
/// where it has one and something follows that is not a figure (`1.5万元` is no heading).
fn numbered_heading(text: &str) -> Option<usize> {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = text.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let end = if matches!(first, '(' | '（') {
        chars.next();
        let mut n = 0;
        while chars.next_if(|&(_, c)| numeral(c)).is_some() {
            n += 1;
        }
        let (k, close) = chars.next()?;
        (n > 0 && n <= 3 && matches!(close, ')' | '）')).then_some(k + close.len_utf8())?
    } else {
        let mut n = 0;
        let mut digits = true;
        while let Some((_, c)) = chars.next_if(|&(_, c)| numeral(c)) {
            digits &= c.is_ascii_digit();
            n += 1;
        }
        let (k, mark) = chars.next()?;
        let ok = n > 0 && n <= 3 && (mark == '、' || (digits && matches!(mark, '.' | '．')));
        ok.then_some(k + mark.len_utf8())?
    };
    let rest = &text[end..];
    (!rest.trim_start().starts_with(|c: char| c.is_ascii_digit())).then_some(end)
}

pub(super) fn is_any_label(text: &str) -> bool {
    [PROJECT_LABELS, DEPARTMENT_LABELS, UNIT_LABELS, OTHER_LABELS]
        .iter()
        .any(|l| is_one_of(text, l))
}

/// Whether a row is a title-area line above a form: a title, the year, `部门：…`, a form
/// number (one or two filled cells).
pub(super) fn is_title_line(row: &Row) -> bool {
    let filled: Vec<&str> = row.filled().map(|(_, c)| &*c.text).collect();
    if filled.is_empty() || filled.len() > 2 || label_value(row, PROJECT_LABELS).is_some() {
        return false;
    }
    filled.iter().all(|t| {
        let t = t.trim();
        t.contains("绩效")
            || t.ends_with("自评表")
            || t.ends_with("申报表")
            || t.contains("年度")
            || t.starts_with("部门")
            || t.starts_with("单位")
            || t.contains("报表编号")
            || t.contains("公开")
            || t.contains("金额单位")
            || t.contains("填报")
            || printed_total(t).is_some()
    })
}

/// The label of a 其中 row of the funds block (`其中:本年财政拨款`, `上年结转资金`, `其他资金`).
pub(super) fn is_funds_part(text: &str) -> bool {
    let t = compact(text);
    let t = t
        .strip_prefix("其中")
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(&t);
    [
        "本年财政拨款",
        "当年财政拨款",
        "财政拨款",
        "财政资金",
        "上年结转资金",
        "上年结转",
        "其他资金",
        "财政专户管理资金",
        "单位资金",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// A name that is a template placeholder: empty, only its number (`指标2:`), or dots.
/// A form's approval row: a department's opinion and its seal or signature
/// (`财政部门支出股室初审意见 (盖章)`, `主管部门审核意见`, `审批意见：`), written in the first
/// filled cell of a row with no indicator.
pub(super) fn is_approval_row(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let opinion = [
        "审核意见",
        "初审意见",
        "审批意见",
        "复审意见",
        "审查意见",
        "评审意见",
    ]
    .iter()
    .any(|w| t.contains(w));
    let seal = ["盖章", "签章", "签字", "签名"]
        .iter()
        .any(|w| t.contains(w));
    (opinion || (t.contains("意见") && seal)) && t.chars().count() <= 40
}

pub(crate) fn is_placeholder(name: &str) -> bool {
    let t = name.trim();
    let rest = t
        .strip_prefix("指标")
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()))
        .filter(|r| r.len() < t.len())
        .map(|r| r.trim_start_matches([':', '：', '.', '、', ' ']))
        .unwrap_or(t);
    rest.trim().chars().all(|c| {
        matches!(
            c,
            '…' | '.' | '。' | '/' | '／' | '-' | '—' | '无' | '略' | '*'
        )
    })
}

/// The goal block's column labels: the 预期目标 column and the 实际完成情况 column.
pub(super) fn goal_columns(row: &Row) -> Option<(usize, Option<usize>)> {
    const GOAL: &[&str] = &[
        "预期目标",
        "年度目标",
        "项目年度目标",
        "年度总体目标",
        "总体目标",
        "年度绩效目标",
    ];
    const ACTUAL: &[&str] = &[
        "实际完成情况",
        "年度目标完成情况",
        "目标实际完成情况",
        "全年实际完成情况",
        "实际完成",
    ];
    let mut goal = None;
    let mut actual = None;
    for (j, c) in row.filled() {
        if is_one_of(&c.text, GOAL) {
            goal = Some(j);
        } else if is_one_of(&c.text, ACTUAL) {
            actual = Some(j);
        }
    }
    goal.map(|g| (g, actual))
}

/// `(万元)`, `（元）`, `单位：万元` in a text.
pub(super) fn money_unit_in(text: &str) -> Option<String> {
    // every unit ends in 元: most cells (a form's every cell is asked) have none
    if !text.contains('元') {
        return None;
    }
    let t = compact(text);
    for unit in ["亿元", "万元", "千元", "元"] {
        for open in ['(', '（'] {
            for close in [')', '）'] {
                if t.contains(&format!("{open}{unit}{close}")) {
                    return Some(unit.to_owned());
                }
            }
        }
        for lead in ["单位：", "单位:"] {
            if t.contains(&format!("{lead}{unit}")) {
                return Some(unit.to_owned());
            }
        }
    }
    None
}

/// The year of `(2022年度)` or `2022年度…`.
pub(super) fn year_in(text: &str) -> Option<i32> {
    let i = text.find("年")?;
    let digits: String = text[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let y: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1990..=2100).contains(&y)).then_some(y)
}

/// The value of `部门：…` (a title-area line).
pub(super) fn prefixed(text: &str, keys: &[&str]) -> Option<String> {
    // the label before the colon, loosely (`单位名称（盖章）：…` is `单位名称：…`)
    let colon = text.find([':', '：'])?;
    let key = normalize(&text[..colon]);
    if !keys.contains(&key.as_str()) {
        return None;
    }
    let rest = &text[colon..];
    let rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
    // `部门：某局   公开14表`: the first word
    let v = rest.split_whitespace().next()?.to_owned();
    (!v.is_empty()).then_some(v)
}

/// Template instructions left in a cell.
pub(super) fn is_template_text(t: &str) -> bool {
    t.contains("字以内") || t.contains("字左右）") || t.contains("字左右)")
}

/// Header cells of a task list above a 部门整体支出 form's grid (`年度主要任务 | 任务名称 | 主要内容
/// | 预算数 | 执行数`): its amounts are each task's, not the funds block's.
pub(super) const TASK_LIST: &[&str] = &[
    "任务名称",
    "年度主要任务",
    "主要任务",
    "重点任务",
    "年度重点任务",
    "主要内容",
    "任务内容",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_told_from_names() {
        for p in ["", "指标2:", "指标1:/", "……", "...", "/", "指标 3：", "无"] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for n in [
            "指标1:完成中型灌区节水改造项目数量",
            "学生满意度",
            "指标体系完善率",
        ] {
            assert!(!is_placeholder(n), "{n:?}");
        }
    }

    #[test]
    fn points_beside_a_category() {
        assert_eq!(
            points_in("(50分)"),
            (Some(Decimal::from(50)), String::new())
        );
        assert_eq!(
            points_in("满意度指标\n(10分)"),
            (Some(Decimal::from(10)), "满意度指标".into())
        );
        assert_eq!(
            points_in("产出指标（50分）"),
            (Some(Decimal::from(50)), "产出指标".into())
        );
        assert_eq!(points_in("经济效益\n指标"), (None, "经济效益指标".into()));
        assert_eq!(
            points_in("年度绩效目标1(40分)"),
            (Some(Decimal::from(40)), "年度绩效目标1".into())
        );
        assert_eq!(
            points_in("数量指标 15 分"),
            (Some(Decimal::from(15)), "数量指标".into())
        );
        assert_eq!(
            points_in("项目绩效 85分"),
            (Some(Decimal::from(85)), "项目绩效".into())
        );
        assert_eq!(points_in("得分"), (None, "得分".into()));
        assert_eq!(
            points_mentioned("得分(20分*执行率)"),
            Some(Decimal::from(20))
        );
        assert_eq!(
            points_mentioned("预算执行情况(万元)(20分)"),
            Some(Decimal::from(20))
        );
        assert_eq!(points_mentioned("执行率(B/A)"), None);
        assert_eq!(printed_total("自评总分: 95"), Some(Decimal::from(95)));
        assert_eq!(printed_total("总分：95.5分"), Some("95.5".parse().unwrap()));
        assert_eq!(printed_total("项目名称：总分"), None);
        assert_eq!(printed_total("合计：854万"), None);
        assert_eq!(expand_level("产").as_deref(), Some("产出指标"));
        assert_eq!(expand_level("数量值").as_deref(), Some("数量指标"));
        assert_eq!(expand_level("年度数值"), None);
    }

    #[test]
    fn money_units_and_years() {
        assert_eq!(money_unit_in("项目资金\n(万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("项目资金\n(元)").as_deref(), Some("元"));
        assert_eq!(money_unit_in("年度预算数(万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("资金情况 (万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("年初预算数"), None);
        assert_eq!(year_in("(2022年度)"), Some(2022));
        assert_eq!(year_in("部门预算项目支出绩效自评表(2023年度)"), Some(2023));
        assert_eq!(year_in("12年"), None);
    }

    #[test]
    fn a_headings_number_is_told_from_a_figure() {
        fn rest(t: &str) -> Option<&str> {
            numbered_heading(t).map(|k| &t[k..])
        }
        assert_eq!(rest("（一）A项目"), Some("A项目"));
        assert_eq!(rest("(12)A项目"), Some("A项目"));
        assert_eq!(rest("一、A项目"), Some("A项目"));
        assert_eq!(rest("1.A项目"), Some("A项目"));
        assert_eq!(rest("2、 A项目"), Some(" A项目"));
        // a figure, a word, an unclosed bracket: no heading
        assert_eq!(rest("1.5万元"), None);
        assert_eq!(rest("一.A项目"), None);
        assert_eq!(rest("A项目"), None);
        assert_eq!(rest("（一A项目"), None);
        assert_eq!(rest("（一二三四）A"), None);
    }

    #[test]
    fn labels_above_a_form() {
        let keys = ["部门", "单位名称"];
        assert_eq!(
            prefixed("部门:临沧市永德县明朗中学        公开14表", &keys).as_deref(),
            Some("临沧市永德县明朗中学")
        );
        assert_eq!(
            prefixed("单位名称（盖章）：某局", &keys).as_deref(),
            Some("某局")
        );
        assert_eq!(prefixed("部门预算项目支出绩效自评表", &keys), None);
    }

    #[test]
    fn line_breaks_inside_names() {
        assert_eq!(tidy("可持续影\n响指标"), "可持续影响指标");
        assert_eq!(tidy(" 项目资金\n(万元)"), "项目资金 (万元)");
        assert_eq!(tidy("GDP\ngrowth"), "GDP growth");
    }
}
