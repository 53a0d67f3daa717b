//! The vocabulary of targets, as data: comparator words and symbols, Chinese numerals,
//! magnitudes, unit spellings, the phrases of yes/no and plan targets, traditional characters.
//!
//! The grammar in [`super::parse`](mod@super::parse) reads these tables; adding a phrasing is one row here and one
//! row in `tests/fixtures/lang/cases.tsv`. Lists that are searched by prefix are ordered
//! longest first so the longest spelling wins.

use rust_decimal::Decimal;

use super::ast::Op;

/// How a comparator word relates to the number it stands beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpWord {
    /// A plain operator.
    Op(Op),
    /// `控制在`: the operator comes from the suffix (`以内` → `<=`), or `<=` without one.
    Within,
    /// `达到`: `>=` unless a suffix says otherwise.
    Reach,
    /// `约`, `≈`: an approximate value.
    About,
    /// `在` of `在90%到95%之间`.
    Between,
}

/// Words and symbols written before the number, longest first.
pub const PREFIX_OPS: &[(&str, OpWord)] = &[
    ("大于或等于", OpWord::Op(Op::Ge)),
    ("小于或等于", OpWord::Op(Op::Le)),
    ("大于等于", OpWord::Op(Op::Ge)),
    ("小于等于", OpWord::Op(Op::Le)),
    ("不得低于", OpWord::Op(Op::Ge)),
    ("不得少于", OpWord::Op(Op::Ge)),
    ("不得小于", OpWord::Op(Op::Ge)),
    ("不能低于", OpWord::Op(Op::Ge)),
    ("不能少于", OpWord::Op(Op::Ge)),
    ("不得超过", OpWord::Op(Op::Le)),
    ("不得高于", OpWord::Op(Op::Le)),
    ("不得多于", OpWord::Op(Op::Le)),
    ("不得大于", OpWord::Op(Op::Le)),
    ("不能超过", OpWord::Op(Op::Le)),
    ("不低于", OpWord::Op(Op::Ge)),
    ("不少于", OpWord::Op(Op::Ge)),
    ("不小于", OpWord::Op(Op::Ge)),
    ("不超过", OpWord::Op(Op::Le)),
    ("不超出", OpWord::Op(Op::Le)),
    ("不高于", OpWord::Op(Op::Le)),
    ("不多于", OpWord::Op(Op::Le)),
    ("不大于", OpWord::Op(Op::Le)),
    ("控制在", OpWord::Within),
    ("控制于", OpWord::Within),
    ("大于", OpWord::Op(Op::Gt)),
    ("高于", OpWord::Op(Op::Gt)),
    ("多于", OpWord::Op(Op::Gt)),
    ("超过", OpWord::Op(Op::Gt)),
    ("小于", OpWord::Op(Op::Lt)),
    ("低于", OpWord::Op(Op::Lt)),
    ("少于", OpWord::Op(Op::Lt)),
    ("不足", OpWord::Op(Op::Lt)),
    ("至少", OpWord::Op(Op::Ge)),
    ("最少", OpWord::Op(Op::Ge)),
    ("最多", OpWord::Op(Op::Le)),
    ("最高", OpWord::Op(Op::Le)),
    ("等于", OpWord::Op(Op::Eq)),
    ("达到", OpWord::Reach),
    // `达100%`, `需达95%`: the one-character form tables write as often
    ("达", OpWord::Reach),
    ("完成", OpWord::Reach),
    ("实现", OpWord::Reach),
    ("大约", OpWord::About),
    ("约为", OpWord::About),
    ("约", OpWord::About),
    ("在", OpWord::Between),
    // Symbols: ASCII pairs, full-width, and the odd characters real tables use.
    (">=", OpWord::Op(Op::Ge)),
    ("=>", OpWord::Op(Op::Ge)),
    ("＞＝", OpWord::Op(Op::Ge)),
    (">＝", OpWord::Op(Op::Ge)),
    ("<=", OpWord::Op(Op::Le)),
    ("=<", OpWord::Op(Op::Le)),
    ("＜＝", OpWord::Op(Op::Le)),
    ("<＝", OpWord::Op(Op::Le)),
    ("==", OpWord::Op(Op::Eq)),
    ("≥", OpWord::Op(Op::Ge)),
    ("≧", OpWord::Op(Op::Ge)),
    ("⩾", OpWord::Op(Op::Ge)),
    ("≤", OpWord::Op(Op::Le)),
    ("≦", OpWord::Op(Op::Le)),
    ("⩽", OpWord::Op(Op::Le)),
    (">", OpWord::Op(Op::Gt)),
    ("＞", OpWord::Op(Op::Gt)),
    ("<", OpWord::Op(Op::Lt)),
    ("＜", OpWord::Op(Op::Lt)),
    ("=", OpWord::Op(Op::Eq)),
    ("＝", OpWord::Op(Op::Eq)),
    ("═", OpWord::Op(Op::Eq)),
    ("﹦", OpWord::Op(Op::Eq)),
    ("≈", OpWord::About),
    ("~", OpWord::About),
    ("～", OpWord::About),
];

/// What a word written after the number says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuffixWord {
    Op(Op),
    /// `左右`, `上下`: approximate.
    About,
    /// `之间` closing `在…到…之间`.
    Between,
}

/// Words written after the number (and unit), longest first. In Chinese legal usage
/// `以上`/`以下`/`以内` include the number itself.
pub const SUFFIX_OPS: &[(&str, SuffixWord)] = &[
    ("及其以上", SuffixWord::Op(Op::Ge)),
    ("及以上", SuffixWord::Op(Op::Ge)),
    ("或以上", SuffixWord::Op(Op::Ge)),
    ("及以下", SuffixWord::Op(Op::Le)),
    ("或以下", SuffixWord::Op(Op::Le)),
    ("以上", SuffixWord::Op(Op::Ge)),
    ("以下", SuffixWord::Op(Op::Le)),
    ("以内", SuffixWord::Op(Op::Le)),
    ("之内", SuffixWord::Op(Op::Le)),
    ("之上", SuffixWord::Op(Op::Ge)),
    ("以外", SuffixWord::Op(Op::Gt)),
    ("左右", SuffixWord::About),
    ("上下", SuffixWord::About),
    ("之间", SuffixWord::Between),
    ("内", SuffixWord::Op(Op::Le)),
];

/// Separators between the two ends of a range (`90%-95%`, `3至5个`, `3~5`, `在90%到95%之间`).
/// Each is one character, so that a look at the first character finds it.
pub const RANGE_SEPARATORS: &[char] = &['-', '－', '—', '–', '~', '～', '〜', '至', '到'];

/// Characters dropped from the end of a target (`。。`, `；`).
pub fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '.' | '，' | ',' | '；' | ';' | '、' | '！' | '!' | '：' | ':' | '…'
    ) || c.is_whitespace()
}

/// An ASCII or full-width digit's value.
pub const fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A decimal point, ASCII or full-width.
pub fn is_decimal_point(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// A thousands separator inside a number (`12,748.27`).
pub fn is_thousands_separator(c: char) -> bool {
    matches!(c, ',' | '，')
}

/// Chinese digits.
pub const fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Chinese place units inside a number below 万 (十 百 千).
pub const fn cn_small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Chinese section units (万 亿), applied to everything before them.
pub fn cn_big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Magnitudes written after an Arabic number (`518万`, `1.5亿`, `5百万`), longest first.
pub const MAGNITUDES: &[(&str, u64)] = &[
    ("十万", 100_000),
    ("百万", 1_000_000),
    ("千万", 10_000_000),
    ("十萬", 100_000),
    ("百萬", 1_000_000),
    ("千萬", 10_000_000),
    ("万亿", 1_000_000_000_000),
    ("萬億", 1_000_000_000_000),
    ("十", 10),
    ("百", 100),
    ("千", 1000),
    ("万", 10_000),
    ("萬", 10_000),
    ("亿", 100_000_000),
    ("億", 100_000_000),
];

/// `百分之九十五`: the percent written as words, before the number.
pub const PERCENT_WORD_PREFIX: &str = "百分之";

/// Unit spellings and their one normalised spelling. Searched longest first, so spellings that
/// begin with a magnitude character (`千克`, `百分点`) are taken as units, not magnitudes.
pub const UNIT_SPELLINGS: &[(&str, &str)] = &[
    ("平方公里", "平方公里"),
    ("平方千米", "平方公里"),
    ("个工作日", "工作日"),
    ("个百分点", "百分点"),
    ("個百分點", "百分点"),
    ("千瓦时", "千瓦时"),
    ("平方米", "平方米"),
    ("立方米", "立方米"),
    ("百分点", "百分点"),
    ("百分比", "%"),
    ("工作日", "工作日"),
    ("个月", "月"),
    ("個月", "月"),
    ("平米", "平方米"),
    ("方米", "平方米"),
    ("千克", "千克"),
    ("公斤", "千克"),
    ("千米", "公里"),
    ("公里", "公里"),
    ("千瓦", "千瓦"),
    ("公顷", "公顷"),
    ("公頃", "公顷"),
    ("小时", "小时"),
    ("小時", "小时"),
    ("分钟", "分钟"),
    ("分鐘", "分钟"),
    ("秒钟", "秒"),
    ("秒鐘", "秒"),
    ("人次", "人次"),
    ("户次", "户次"),
    ("元", "元"),
    ("㎡", "平方米"),
    ("m²", "平方米"),
    ("m2", "平方米"),
    ("M²", "平方米"),
    ("m³", "立方米"),
    ("km", "公里"),
    ("KM", "公里"),
    ("kg", "千克"),
    ("KG", "千克"),
    ("min", "分钟"),
    ("ms", "毫秒"),
    ("GB", "GB"),
    ("Gb", "GB"),
    ("gb", "GB"),
    ("TB", "TB"),
    ("tb", "TB"),
    ("MB", "MB"),
    ("mb", "MB"),
    ("KB", "KB"),
    ("kb", "KB"),
    ("PB", "PB"),
    ("G", "GB"),
    ("T", "TB"),
    ("s", "秒"),
    ("S", "秒"),
    ("h", "小时"),
    ("m", "米"),
    ("%", "%"),
    ("％", "%"),
    ("‰", "‰"),
    ("秒", "秒"),
    ("个", "个"),
    ("個", "个"),
    ("亩", "亩"),
    ("畝", "亩"),
    ("吨", "吨"),
    ("噸", "吨"),
    ("项", "项"),
    ("項", "项"),
    ("户", "户"),
    ("戶", "户"),
    ("辆", "辆"),
    ("輛", "辆"),
    ("场", "场"),
    ("場", "场"),
    ("条", "条"),
    ("條", "条"),
    ("张", "张"),
    ("張", "张"),
    ("台", "台"),
    ("臺", "台"),
    ("间", "间"),
    ("間", "间"),
    ("种", "种"),
    ("種", "种"),
    ("处", "处"),
    ("處", "处"),
    ("册", "册"),
    ("冊", "册"),
    ("门", "门"),
    ("門", "门"),
    ("节", "节"),
    ("節", "节"),
];

/// Measure words a target may give two of, the second in brackets (`20台（套）`, `≥5个(项)`,
/// `300人(次)`): the unit is either, or both written together (`台套`, `人次`). Counts only:
/// money, time and lengths in brackets are remarks, not alternatives. (One `match` on the
/// characters, not a list of strings: it is asked after every unit a target writes.)
pub fn is_alternative_unit(word: &str) -> bool {
    let mut cs = word.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(c), None, _) => matches!(
            c,
            '次' | '个'
                | '项'
                | '人'
                | '份'
                | '家'
                | '所'
                | '场'
                | '期'
                | '批'
                | '篇'
                | '条'
                | '座'
                | '台'
                | '套'
                | '辆'
                | '户'
                | '名'
                | '件'
                | '本'
                | '册'
                | '部'
                | '处'
                | '类'
                | '种'
                | '宗'
                | '例'
                | '栋'
                | '间'
                | '张'
                | '块'
                | '只'
                | '头'
                | '株'
                | '棵'
                | '支'
                | '把'
                | '组'
                | '对'
                | '双'
                | '箱'
                | '袋'
                | '盒'
        ),
        (Some('人' | '册'), Some('次'), None) => true,
        _ => false,
    }
}

/// Units a Chinese numeral may stand before (`两次`, `三个`): a closed list, so that words such
/// as `一流` or `一致` are not read as numbers.
pub const COUNTING_UNITS: &[&str] = &[
    "次",
    "个",
    "個",
    "项",
    "項",
    "人",
    "人次",
    "份",
    "家",
    "所",
    "场",
    "場",
    "期",
    "批",
    "篇",
    "条",
    "條",
    "座",
    "台",
    "臺",
    "套",
    "辆",
    "輛",
    "户",
    "戶",
    "名",
    "起",
    "件",
    "天",
    "年",
    "月",
    "个月",
    "日",
    "周",
    "季度",
    "轮",
    "本",
    "册",
    "部",
    "处",
    "类",
    "种",
    "宗",
    "例",
    "栋",
    "间",
    "亩",
    "公里",
    "米",
    "元",
    "万元",
    "小时",
    "分钟",
    "秒",
    "工作日",
    "个工作日",
    "层",
    "级",
    "档",
    "张",
    "片",
    "块",
    "所",
    "家次",
    "村",
    "镇",
    "县",
];

/// Words that make a whole target a "yes" requirement.
pub const YES_WORDS: &[&str] = &[
    "是",
    "有",
    "达标",
    "已达标",
    "符合",
    "符合标准",
    "符合要求",
    "符合规定",
    "达到",
    "达到要求",
    "达到标准",
    "完成",
    "已完成",
    "全部完成",
    "按时完成",
    "按期完成",
    "及时完成",
    "按时按质完成",
    "按时保质完成",
    "按质按量完成",
    "按时按量完成",
    "保质保量完成",
    "按时保质保量完成",
    "均达到",
    "均达标",
    "全部达标",
    "已达到",
    "已完成全年目标",
    "完成全年目标",
    "达到预期目标",
    "合格",
    "通过",
    "yes",
    "Yes",
    "YES",
    "true",
    "√",
    "✓",
];

/// Words that make a whole target a "no" requirement.
pub const NO_WORDS: &[&str] = &[
    "否",
    "无",
    "沒有",
    "没有",
    "不存在",
    "未发生",
    "不发生",
    "no",
    "No",
    "NO",
    "false",
    "×",
];

/// The yes/no question marker (`是否及时完成支付工作`).
pub const YES_NO_QUESTION: &[&str] = &["是否", "有无", "有没有", "能否", "可否"];

/// Question markers whose question a restatement answers (`是否利于企业走出去`, answered
/// `有利于推动企业走出去` or `不利于…`). `有无` and `有没有` are not here: whether 有 or 无 is
/// wanted is not in the question.
pub const RESTATED_QUESTION: &[&str] = &["是否", "能否", "可否"];

/// Whole actuals that say a yes/no target was met: grade words and their kin (`达成`,
/// `实现`), read as the answer the target wants, and said so in the note.
pub const ANSWER_MET: &[&str] = &[
    "达成",
    "已达成",
    "全部达成",
    "完全达成",
    "达成目标",
    "实现",
    "已实现",
    "全部实现",
    "实现目标",
    "达到",
    "已达到",
    "达标",
    "已达标",
    "完成",
    "已完成",
    "全部完成",
];

/// Whole actuals that say a yes/no target was not met.
pub const ANSWER_NOT_MET: &[&str] = &[
    "未达成",
    "没有达成",
    "未实现",
    "没有实现",
    "未达到",
    "没有达到",
    "未达标",
    "不达标",
    "未完成",
    "没有完成",
    "不符合",
    "不满足",
    "未满足",
    "不能",
];

/// Words that make a restatement partial or hedged (`按时完成了部分工作`, `基本符合标准`,
/// `符合标准，但…`): such an actual answers neither 是 nor 否 and goes to a person.
pub const HEDGES: &[&str] = &[
    "部分",
    "基本",
    "个别",
    "尚有",
    "仍有",
    "但",
    "不完全",
    "未全部",
    "大体",
    "大致",
];

/// Negations in a restatement of a yes/no question (`不利于…`, `未按期…`, `没有…`).
pub const NEGATIONS: &[&str] = &["没有", "尚未", "不", "未", "没", "无", "非"];

/// Words that start with a negation but do not negate (`不断提升`, `不低于标准`): read past
/// before negations are counted.
pub const NOT_NEGATING: &[&str] = &[
    "不断",
    "不仅",
    "不但",
    "不只",
    "无论",
    "不论",
    "不低于",
    "不少于",
    "不小于",
    "毫不",
    "无不",
    "非常",
];

/// Whole targets that refer to a number supplied later (each contains `计划`).
pub const PLAN_PHRASES: &[&str] = &[
    "年度计划数",
    "年度计划",
    "计划数",
    "计划值",
    "计划",
    "按计划",
    "按计划完成",
    "按计划执行",
    "按年度计划完成",
    "完成年度计划",
    "达到年度计划",
    "达到年度计划数",
    "达到计划数",
    "达到计划",
    "完成计划",
    "完成计划数",
    "按计划数完成",
];

/// Whole targets that refer to the plan's schedule rather than a figure (`按计划实施`): plan
/// targets, the plan value or schedule coming with the actuals.
pub const PLAN_SCHEDULE_PHRASES: &[&str] = &[
    "按计划实施",
    "按计划推进",
    "按计划开展",
    "按计划进行",
    "按计划进度推进",
    "按计划进度完成",
    "按计划进度实施",
    "按进度完成",
    "按进度推进",
    "按进度实施",
    "按工程进度完成",
    "按序时进度完成",
    "按序时进度推进",
];

/// Words in front of a target that qualify it without changing its comparison (`力争95%`,
/// `均≥90%`, `须达到100%`, `确保完成`): read past, and kept beside the reading as its
/// `qualifier`. Tried only where the whole text does not read; longest first.
pub const QUALIFIERS: &[&str] = &[
    "均为", "确保", "力争", "争取", "保持", "维持", "务必", "必须", "均须", "均应", "均需", "均要",
    "全部", "平均", "年均", "合计", "累计", "总计", "保证", "均", "须", "应", "需",
];

/// Words that average (`平均每人`, `年均增长`): a `均` ending one is no distributive word.
pub const AVERAGING: &[&str] = &["平均", "年均", "日均", "月均"];

/// Distributive words before a comparison (`门诊和住院满意度分别≥90%`, `各不低于3次`): the
/// comparison applies to each item the name joins. Tried only where a target does not read
/// otherwise; `均` in front of a whole target is also a [`QUALIFIERS`] word.
pub const DISTRIBUTIVE: &[&str] = &["分别", "各", "均", "都"];

/// Words that join the items of a name (`门诊和住院`, `A、B`, `A及B`), longest first.
pub const ITEM_JOINERS: &[&str] = &["以及", "和", "、", "及", "与", "跟", "，", ",", "/", "／"];

/// Per-unit words in front of a value (`平均每人每月300元`, `每生每年3300元`): each names a
/// denominator of the value's unit (`元/人·月`, `元/生·年`).
pub const PER_WORD: &str = "每";

/// Words that say "per head" in front of a value (`人均≥300元` is `>= 300 元/人`), with the
/// denominator each names.
pub const PER_HEAD: &[(&str, &str)] = &[
    ("人均", "人"),
    ("户均", "户"),
    ("生均", "生"),
    ("亩均", "亩"),
];

/// Words in brackets after a value that say what the figure counts (`≥20个（累计）`,
/// `（新增）`, `（年均）`): never read past as a remark (`eval::score::qualifiers` scores them).
pub const COUNTING_NOTES: &[&str] = &["累计", "新增", "年均"];

/// The counting word of a bracket's text (`累计`, `累计数`, `当年新增`, `本年新增数`): the word
/// with `当年`/`本年` before it and `数` after it taken off; none for any other text.
pub fn counting_note(inner: &str) -> Option<&'static str> {
    let w = inner
        .strip_prefix("当年")
        .or_else(|| inner.strip_prefix("本年"))
        .unwrap_or(inner);
    let w = w.strip_suffix('数').unwrap_or(w);
    COUNTING_NOTES.iter().find(|c| **c == w).copied()
}

/// Notes after a value that repeat what the comparator says (`95%（含）以上`): read past.
pub const INCLUSIVE_NOTES: &[&str] = &["（含本数）", "(含本数)", "（含）", "(含)"];

/// Notes after a comparator word that exclude the bound (`95%以上（不含）`: above 95%, not 95%).
/// `不包含`, `不包括` say the same as `不含` (read as `不含` is: `95%以上（不包含）` was read as
/// `≥ 95%`, the note passed over as a remark).
pub const EXCLUSIVE_NOTES: &[&str] = &[
    "（不含本数）",
    "(不含本数)",
    "（不包含本数）",
    "(不包含本数)",
    "（不包括本数）",
    "(不包括本数)",
    "（不含）",
    "(不含)",
    "（不包含）",
    "(不包含)",
    "（不包括）",
    "(不包括)",
];

/// Denominators that are spans of time: written last in a compound unit (`元/人·月`, whether
/// the text wrote `元/人/月` or `元/月·人`).
pub const TIME_DENOMINATORS: &[&str] = &[
    "年",
    "月",
    "日",
    "天",
    "周",
    "季度",
    "学期",
    "小时",
    "分钟",
    "秒",
    "工作日",
    "年度",
    "半年",
];

/// Denominators written after 每 that are longer than one character, longest first.
pub const PER_UNITS: &[&str] = &[
    "平方米",
    "立方米",
    "工作日",
    "学期",
    "季度",
    "学生",
    "平米",
    "公里",
    "小时",
    "人次",
    "户次",
    "个月",
    "年度",
    "半年",
];

/// The joiners of a compound unit's denominators (`元/人·月`, `元/人*年`, `元/人.月`): all
/// printed as `·`.
pub fn is_unit_joiner(c: char) -> bool {
    matches!(c, '·' | '*' | '＊' | '×' | '•' | '・' | '.' | '．' | '‧')
}

/// Money written as a bare magnitude before a per-unit (`5万/月`) under an indicator about money
/// reads as 元: words of such indicators.
pub const MONEY_INDICATOR_WORDS: &[&str] = &[
    "成本", "费用", "补助", "标准", "资金", "经费", "补贴", "工资", "价格", "金额", "投资", "收入",
    "奖励", "奖补", "费",
];

/// The plus-minus sign of a tolerance (`±5%`, `100±5`, `+-3%`), longest first.
pub const PLUS_MINUS: &[&str] = &["正负", "+/-", "＋／－", "+-", "＋－", "±"];

/// Words that may open a tolerance (`误差±3%`, `偏差不超过±2个百分点`), longest first.
pub const TOLERANCE_LEADS: &[&str] = &[
    "允许误差",
    "允许偏差",
    "误差范围",
    "偏差范围",
    "误差率",
    "偏差率",
    "偏离度",
    "误差",
    "偏差",
    "浮动",
    "波动",
    "偏离",
];

/// Words that may close a tolerance (`±5%以内`).
pub const TOLERANCE_TAILS: &[&str] = &["范围以内", "范围之内", "范围内", "以内", "之内", "内"];

/// The baseline of a relative target, as written (`较上年`, `同比`): longest first. The
/// canonical form writes `上年`.
pub const RELATIVE_BASES: &[&str] = &[
    "与上年同期相比",
    "与去年同期相比",
    "与上年相比",
    "与去年相比",
    "较上年同期",
    "比上年同期",
    "较去年同期",
    "比去年同期",
    "较上一年度",
    "比上一年度",
    "较上一年",
    "比上一年",
    "较上年度",
    "比上年度",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "上年同期",
    "去年同期",
    "上年度",
    "同比",
    "上年",
    "去年",
];

/// Words after a baseline that say which way the change goes: `true` up (增长), `false` down
/// (下降). Longest first.
pub const RELATIVE_CHANGES: &[(&str, bool)] = &[
    ("增长率", true),
    ("提高率", true),
    ("下降率", false),
    ("增长", true),
    ("提高", true),
    ("增加", true),
    ("上升", true),
    ("提升", true),
    ("增幅", true),
    ("下降", false),
    ("降低", false),
    ("减少", false),
    ("降幅", false),
    ("减低", false),
    ("压减", false),
    ("缩减", false),
];

/// Words that may follow a baseline compared as a whole (`不低于上年水平`).
pub const RELATIVE_BASE_TAILS: &[&str] = &[
    "同期水平",
    "实际水平",
    "完成值",
    "实际值",
    "水平",
    "同期",
    "实际",
];

/// The baseline as the canonical form writes it (`>= 上年 + 10 %`).
pub const CANONICAL_BASE: &str = "上年";

/// Named periods and the month each ends with (`全年`, `上半年`, `第三季度`), longest first. A
/// period is a deadline at its end.
pub const PERIODS: &[(&str, u32)] = &[
    ("第一季度", 3),
    ("第二季度", 6),
    ("第三季度", 9),
    ("第四季度", 12),
    ("一季度", 3),
    ("二季度", 6),
    ("三季度", 9),
    ("四季度", 12),
    ("全年度", 12),
    ("上半年", 6),
    ("下半年", 12),
    ("全年", 12),
];

/// Words naming the table's own year in front of a period (`本年度内`, `当年完成`), longest first.
pub const YEAR_WORDS: &[&str] = &[
    "本年度",
    "当年度",
    "今年度",
    "当年",
    "本年",
    "今年",
    "年度",
    "年",
];

/// Words after a named period (`第三季度末`, `上半年结束前`, `全年内`), longest first.
pub const PERIOD_TAILS: &[&str] = &[
    "结束以前",
    "结束之前",
    "结束前",
    "末以前",
    "末前",
    "底前",
    "以前",
    "之前",
    "以内",
    "之内",
    "末",
    "底",
    "前",
    "内",
];

/// Words after a day written with figures (`2023.6.30前`).
pub const DAY_TAILS: &[&str] = &["日以前", "日之前", "日前", "以前", "之前", "前"];

/// Words after a whole year (`2023年内`, `年度内完成`).
pub const WITHIN_TAILS: &[&str] = &["以内", "之内", "内"];

/// The words of a deadline after a month, as a comparison's unit would be read (`13月底前` read
/// as `>= 13` of a unit `月底前`): what the deadline reader did not take is a month that does
/// not exist (`13月底前`, `0月前`), never a quantity of such a unit (`parse::deadline_word_unit`).
pub const MONTH_DEADLINE_WORDS: &[&str] = &[
    "月底前",
    "月底",
    "月末前",
    "月末",
    "月前",
    "月以前",
    "月之前",
    "月初",
    "月中",
    "月上旬",
    "月中旬",
    "月下旬",
    "月份前",
    "月份",
];

/// Words after the last month of a period (`1-12月底`, `3月至10月份`).
pub const MONTH_END_TAILS: &[&str] = &["底", "末", "份"];

/// Words between a relative change and its amount (`增长幅度10%`, `提高了2个百分点`).
pub const RELATIVE_FILLERS: &[&str] = &["幅度", "了"];

/// Separators between the two ends of a period (`2023年3月-10月`, `3月至10月`).
pub const PERIOD_SEPARATORS: &[&str] = &["—", "–", "－", "-", "~", "～", "〜", "至", "到"];

/// Adverbs that make a change word unmeasurable where no figure follows (`明显提升`, `逐步完善`,
/// `进一步提高`, `有所改善`, `较上年提高`): the review check `review.unmeasurable-target`.
pub const VAGUE_ADVERBS: &[&str] = &[
    "进一步",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "明显",
    "显著",
    "逐步",
    "有所",
    "持续",
    "不断",
    "稳步",
    "大幅",
    "逐年",
    "同比",
    "得到",
    "有效",
    "全面",
    "大力",
    "切实",
];

/// Change words that say "better" without saying how much.
pub const VAGUE_CHANGES: &[&str] = &[
    "提升", "提高", "改善", "完善", "增强", "增加", "增长", "加强", "下降", "降低", "减少", "好转",
    "优化", "扩大", "规范",
];

pub(crate) use crate::traditional::simplified_of;
/// The 繁→简 folding lives below both the table readers and the parser (`crate::traditional`).
pub use crate::traditional::{is_traditional, simplify};

/// A decimal of an integer magnitude.
pub fn magnitude_decimal(m: u64) -> Decimal {
    Decimal::from(m)
}

/// Units accepted alone in an indicator name's closing parentheses (`湿地保有量(公顷)`), besides
/// the spellings above and the counting units.
pub const NAME_UNITS: &[&str] = &[
    "单", "篇", "株", "头", "只", "棵", "吨", "份", "册", "万元", "元",
];

/// A word table indexed by first character, so looking a word up at a position costs one map
/// probe and a few comparisons instead of a scan of the whole table. Within a first character
/// the words keep the table's order, longest first.
pub struct Index<T: 'static> {
    /// Words grouped by first character, sorted by that character for a binary search (cheaper
    /// than hashing for tables this small).
    by_first: Vec<(char, Vec<(&'static str, T)>)>,
    /// A bit for each first character's code point modulo `FIRST_BITS`: a character whose bit
    /// is clear begins no word, told without the search (most characters a reader looks at
    /// begin none: digits, `%`, the ideographs of a name).
    first: [u64; FIRST_BITS / 64],
}

/// How many bits [`Index`]'s quick refusal holds.
const FIRST_BITS: usize = 1024;

impl<T: Copy> Index<T> {
    pub fn new(table: &'static [(&'static str, T)]) -> Self {
        let mut by_first: Vec<(char, Vec<(&'static str, T)>)> = Vec::new();
        for &(word, value) in table {
            let Some(c) = word.chars().next() else {
                continue;
            };
            match by_first.iter_mut().find(|(k, _)| *k == c) {
                Some((_, words)) => words.push((word, value)),
                None => by_first.push((c, vec![(word, value)])),
            }
        }
        for (_, words) in &mut by_first {
            words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        by_first.sort_by_key(|(c, _)| *c);
        let mut first = [0u64; FIRST_BITS / 64];
        for (c, _) in &by_first {
            let k = *c as usize % FIRST_BITS;
            first[k / 64] |= 1 << (k % 64);
        }
        Index { by_first, first }
    }

    /// The words of the table that `input` starts with, longest first.
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    pub fn prefixes<'a>(&'a self, input: &'a str) -> impl Iterator<Item = (&'static str, T)> + 'a {
        input
            .chars()
            .next()
            .filter(|&c| {
                let k = c as usize % FIRST_BITS;
                self.first[k / 64] >> (k % 64) & 1 == 1
            })
            .and_then(|c| {
                self.by_first
                    .binary_search_by_key(&c, |(k, _)| *k)
                    .ok()
                    .map(|i| &self.by_first[i].1)
            })
            .into_iter()
            .flatten()
            .filter(move |(w, _)| input.starts_with(w))
            .copied()
    }

    /// The longest word of the table that `input` starts with.
    pub fn longest(&self, input: &str) -> Option<(&'static str, T)> {
        self.prefixes(input).next()
    }
}

/// [`PREFIX_OPS`], indexed.
pub static PREFIX_INDEX: std::sync::LazyLock<Index<OpWord>> =
    std::sync::LazyLock::new(|| Index::new(PREFIX_OPS));
/// [`SUFFIX_OPS`], indexed.
pub static SUFFIX_INDEX: std::sync::LazyLock<Index<SuffixWord>> =
    std::sync::LazyLock::new(|| Index::new(SUFFIX_OPS));
/// [`UNIT_SPELLINGS`], indexed.
pub static UNIT_INDEX: std::sync::LazyLock<Index<&'static str>> =
    std::sync::LazyLock::new(|| Index::new(UNIT_SPELLINGS));
/// [`MAGNITUDES`], indexed.
pub static MAGNITUDE_INDEX: std::sync::LazyLock<Index<u64>> =
    std::sync::LazyLock::new(|| Index::new(MAGNITUDES));

/// The normalised spelling of a unit written exactly as one of [`UNIT_SPELLINGS`].
/// A spelling listed twice means what its first row says.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn unit_by_spelling(written: &str) -> Option<&'static str> {
    static BY_SPELLING: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            let mut map = rustc_hash::FxHashMap::default();
            for &(spelling, norm) in UNIT_SPELLINGS {
                map.entry(spelling).or_insert(norm);
            }
            map
        });
    BY_SPELLING.get(written).copied()
}
