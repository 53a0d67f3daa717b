//! The funds block of a form: the 年度资金总额 row under its header (年初预算数, 全年预算数 or
//! 调整后预算数, 全年执行数 or 预算执行数, 分值 or 权重, 执行率, 得分), its 其中 rows checked against
//! it, amounts written with words around them, and points cells.

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::amount::parse_number;
use crate::table::grid::{Cell, Row};
use crate::table::source::Location;

use super::FormReader;
use super::words::*;

/// What the 年度资金总额 row gives.
#[derive(Debug, Default)]
pub(super) struct FundsRow {
    pub initial: Option<Decimal>,
    pub budget: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub rate: Option<String>,
    pub at: Option<Location>,
    /// An amount was written with `万` after it (`3359.62万`).
    pub wan: bool,
    /// The money unit each of 年初预算数, 全年预算数 and 全年执行数 states for itself: after the
    /// amount (`2,000,000元`, `300万元`) or in its column's header (`全年执行数（元）`).
    pub stated: [Option<&'static str>; 3],
    /// An amount was left empty or 0 and taken from the 其中 rows' sum: the printed 执行率
    /// belongs to the row as printed, not to the amounts read.
    pub from_parts: bool,
    /// The cells of 年初预算数, 全年预算数 and 全年执行数, where read.
    pub cells: [Option<Location>; 3],
    /// The budget row's 得分 the form's 总分 implies where no cell prints it (its 分值 read from
    /// the total's remainder: `budget_row`): checked against the 总分, never shown as printed.
    pub implied_score: Option<Decimal>,
}

impl FundsRow {
    /// Amount `k`: 0 年初预算数, 1 全年预算数, 2 全年执行数.
    fn amount(&self, k: usize) -> Option<Decimal> {
        [self.initial, self.budget, self.spent][k]
    }

    fn amount_mut(&mut self, k: usize) -> &mut Option<Decimal> {
        match k {
            0 => &mut self.initial,
            1 => &mut self.budget,
            _ => &mut self.spent,
        }
    }
}

/// The sum of amount `k` of the 其中 rows `parts` and the money unit it is in: each part's unit
/// is the one it states, else the block's (`block`). Parts of one unit (or none known) are
/// added as written; parts of different known units in the first one's; `None` where no part
/// gives the amount or the sum is past the decimal range. Where some parts' unit is known and
/// others' is not, they are added as written, the unit unknown (a difference stays a finding).
fn parts_sum(
    parts: &[FundsRow],
    k: usize,
    block: Option<&'static str>,
) -> Option<(Decimal, Option<&'static str>)> {
    let mut given = parts
        .iter()
        .filter_map(|p| Some((p.amount(k)?, p.stated[k].or(block))));
    let (first, unit) = given.next()?;
    let (mut sum, mut raw, mut one_unit) = (Some(first), Some(first), true);
    for (v, u) in given {
        raw = raw.and_then(|r| r.checked_add(v));
        one_unit &= u == unit;
        sum = match (unit, u) {
            (Some(into), Some(from)) => sum.and_then(|s| s.checked_add(in_unit(v, from, into)?)),
            _ => None,
        };
    }
    if one_unit {
        return raw.map(|r| (r, unit));
    }
    match sum {
        Some(s) => Some((s, unit)),
        None => raw.map(|r| (r, None)),
    }
}

/// `value` in the money unit `from`, in the money unit `into`.
fn in_unit(value: Decimal, from: &str, into: &str) -> Option<Decimal> {
    value
        .checked_mul(yuan_in(from)?)?
        .checked_div(yuan_in(into)?)
}

/// The money units an amount may state, with how many 元 each is.
const MONEY_UNITS: [(&str, i64); 4] = [
    ("亿元", 100_000_000),
    ("万元", 10_000),
    ("千元", 1_000),
    ("元", 1),
];

/// The money unit named in `text` (`(万元)`, `单位：元`) as one of [`MONEY_UNITS`].
pub(crate) fn money_unit_named(text: &str) -> Option<&'static str> {
    money_unit_of(&money_unit_in(text)?)
}

/// `unit` as one of [`MONEY_UNITS`] (`万元`), where it is one.
pub(crate) fn money_unit_of(unit: &str) -> Option<&'static str> {
    MONEY_UNITS.iter().map(|(u, _)| *u).find(|u| *u == unit)
}

/// How many 元 a unit of [`MONEY_UNITS`] is.
pub(crate) fn yuan_in(unit: &str) -> Option<Decimal> {
    MONEY_UNITS
        .iter()
        .find(|(u, _)| *u == unit)
        .map(|(_, n)| Decimal::from(*n))
}

impl FormReader<'_, '_, '_> {
    /// The 年度资金总额 row against the sum of its 其中 rows, each amount in the money unit it
    /// states (after it, `8,800,000元`, or in its column's header), else the block's (`block`):
    /// a difference is a finding; a total left empty or 0 while its parts hold amounts takes
    /// their sum (with that finding), never a budget of 0 that drops budget execution. Amounts
    /// in different units are compared converted (880 万元 of parts under a total of
    /// 8,800,000 元 agree: compared as written, a false "8800000 ≠ 880"); where a unit is
    /// known for some and not others, as written.
    pub(super) fn reconcile_funds(
        &mut self,
        funds: &mut FundsRow,
        parts: &[FundsRow],
        block: Option<&'static str>,
    ) {
        let Some(at) = funds.at else {
            return;
        };
        let mut differs = Vec::new();
        let names = ["年初预算数", "全年预算数", "全年执行数"];
        for (k, what) in names.into_iter().enumerate() {
            let Some((part, part_unit)) = parts_sum(parts, k, block) else {
                continue;
            };
            let total_unit = funds.stated[k].or(block);
            // the parts' sum in the total's unit, where both units are known and differ
            let converted = match (total_unit, part_unit) {
                (Some(t), Some(p)) if t != p => in_unit(part, p, t).map(|v| (v, t)),
                _ => None,
            };
            let compared = converted.map_or(part, |(v, _)| v);
            match funds.amount(k) {
                Some(t) if t == compared => {}
                Some(t) if !t.is_zero() => differs.push(match converted {
                    None => format!(
                        "{what}：总额 {} ≠ 其中各项之和 {}",
                        t.normalize(),
                        compared.normalize()
                    ),
                    Some((v, unit)) => format!(
                        "{what}：总额 {} {unit} ≠ 其中各项之和 {} {} 即 {} {unit}",
                        t.normalize(),
                        part.normalize(),
                        part_unit.unwrap_or_default(),
                        v.normalize()
                    ),
                }),
                _ if part.is_zero() => {}
                _ => {
                    differs.push(format!(
                        "{what}：总额为空或为 0，按其中各项之和 {} 读取",
                        part.normalize()
                    ));
                    // in the parts' unit: `funds_units` converts it with the others
                    *funds.amount_mut(k) = Some(part);
                    funds.stated[k] = part_unit.or(funds.stated[k]);
                    funds.from_parts = true;
                }
            }
        }
        if !differs.is_empty() {
            let f = self
                .ctx
                .finding(
                    codes::FORM_FUNDS_MISMATCH,
                    Severity::Warning,
                    at,
                    format!("年度资金总额与其中各项不一致（{}）", differs.join("；")),
                )
                .label("年度资金总额")
                .help("核对资金总额与本年财政拨款、上年结转、其他资金的加总");
            self.ctx.findings.push(f);
        }
    }

    /// The 执行率 the form prints against its own amounts (全年执行数 ÷ 全年预算数, else 年初预算数,
    /// in one money unit: after `funds_units`): where neither reading of it — a percentage
    /// (`50%`, `50`) or a fraction of 1 (`0.5`) — is within half a unit of its last printed
    /// place or 0.5 percentage points of the amounts' rate, a finding. Budget execution is
    /// scored from the amounts, so one of the two is wrong, and where the form prints no 得分
    /// (a template filled in) nothing else would say so (the eleventh probe: `50%` beside
    /// 880 and 880 scored 10 of 10 without a word). A rate past 100 % printed as `100%` (capped)
    /// agrees.
    pub(super) fn check_rate(&mut self, funds: &FundsRow) {
        if funds.from_parts {
            return;
        }
        let (Some(text), Some(spent), Some(budget), Some(at)) = (
            funds.rate.as_deref(),
            funds.spent,
            funds.budget.or(funds.initial),
            funds.at,
        ) else {
            return;
        };
        let t = text.trim();
        let (digits, percent) = match t.strip_suffix(['%', '％']) {
            Some(d) => (d.trim_end(), true),
            None => (t, false),
        };
        let (Ok(Some(printed)), true) = (parse_number(digits), budget > Decimal::ZERO) else {
            return;
        };
        let Some(rate) = spent
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|s| s.checked_div(budget))
        else {
            return;
        };
        let slack = crate::table::amount::half_unit_at(printed.scale()).max(Decimal::new(5, 1));
        let near = |p: Decimal| {
            (p - rate).abs() <= slack || (p == Decimal::ONE_HUNDRED && rate > Decimal::ONE_HUNDRED)
        };
        let as_fraction = || {
            !percent
                && printed <= Decimal::new(15, 1)
                && printed.checked_mul(Decimal::ONE_HUNDRED).is_some_and(|p| {
                    (p - rate).abs()
                        <= (crate::table::amount::half_unit_at(printed.scale())
                            * Decimal::ONE_HUNDRED)
                            .max(Decimal::new(5, 1))
                        || (p == Decimal::ONE_HUNDRED && rate > Decimal::ONE_HUNDRED)
                })
        };
        if near(printed) || as_fraction() {
            return;
        }
        let f = self
            .ctx
            .finding(
                codes::FORM_RATE_MISMATCH,
                Severity::Warning,
                at,
                format!(
                    "原表执行率 {} 与全年执行数 {} ÷ 全年预算数 {} = {}% 不符：预算执行率按金额计分，请核对金额与执行率",
                    tidy(text),
                    spent.normalize(),
                    budget.normalize(),
                    rate.round_dp(2).normalize()
                ),
            )
            .label("执行率")
            .help("核对全年预算数、全年执行数与执行率（执行率 = 全年执行数 ÷ 全年预算数）");
        self.ctx.findings.push(f);
    }

    /// An amount cell: a number, a number in 万 (`3359.62万`, returned with `true`), or words
    /// around a leading number (with a finding).
    pub(super) fn amount_in(&mut self, cell: &Cell) -> (Option<Decimal>, bool) {
        let (v, unit) = self.amount_stated(cell);
        (v, unit == Some("万元"))
    }

    /// An amount cell and the money unit written after its number, where one is (`300万元`,
    /// `3359.62万`, `2,000,000元`, `1.2亿元`); otherwise as [`Self::amount`] reads it.
    pub(super) fn amount_stated(&mut self, cell: &Cell) -> (Option<Decimal>, Option<&'static str>) {
        let t = cell.text.trim();
        let suffixes = [
            ("万元", "万元"),
            ("万", "万元"),
            ("亿元", "亿元"),
            ("千元", "千元"),
            ("元", "元"),
        ];
        for (suffix, unit) in suffixes {
            if let Some(n) = t.strip_suffix(suffix)
                && let Ok(Some(v)) = parse_number(n.trim_end())
            {
                return (Some(v), Some(unit));
            }
        }
        (self.amount(cell), None)
    }

    /// An amount cell: a number, or words around a leading number (with a finding).
    pub(super) fn amount(&mut self, cell: &Cell) -> Option<Decimal> {
        match parse_number(&cell.text) {
            Ok(v) => v,
            Err(()) => {
                let lead: String = cell
                    .text
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '，'))
                    .collect();
                let at = cell.location(self.ctx.source);
                match parse_number(&lead) {
                    Ok(Some(v)) => {
                        let f = self
                            .ctx
                            .finding(
                                codes::FORM_AMOUNT_PROSE,
                                Severity::Info,
                                at,
                                format!("金额单元格含说明文字，读取开头的数 {v}"),
                            )
                            .label("金额与说明写在一起")
                            .help("金额单元格只填数字，说明写在备注中");
                        self.ctx.findings.push(f);
                        Some(v)
                    }
                    _ => {
                        let f = self
                            .ctx
                            .finding(
                                codes::BAD_AMOUNT,
                                Severity::Warning,
                                at,
                                format!("「{}」不是金额，未读取", tidy(&cell.text)),
                            )
                            .label("不是数字");
                        self.ctx.findings.push(f);
                        None
                    }
                }
            }
        }
    }

    /// A 分值 cell ([`Self::points`]), or a 权重 written as a percentage of the form's 100
    /// points (`权重（%）` over `50%`: 50 points). Read as words, such a column was set aside
    /// and the form scored by the method's weights (87.50 where it printed 90; the seventeenth
    /// probe).
    pub(super) fn weight_points(&mut self, cell: Option<&Cell>) -> Option<Decimal> {
        let percent = cell.and_then(|c| {
            let t = c.text.trim().strip_suffix(['%', '％'])?;
            parse_number(t).ok().flatten()
        });
        percent.or_else(|| self.points(cell))
    }

    /// A 分值 / 得分 cell: a number, possibly ending in `分`; `-` or `/` is empty.
    pub(super) fn points(&mut self, cell: Option<&Cell>) -> Option<Decimal> {
        let cell = cell?;
        let t = cell.text.trim();
        let t = t.strip_suffix('分').unwrap_or(t);
        // a total that was not given (jixiao's own reports write these in its place)
        if matches!(t, "待评定" | "未核对") {
            return None;
        }
        let remarked = || remarked(t);
        match parse_number(t) {
            Ok(v) => v,
            Err(()) if remarked().is_some() => {
                let (v, remark) = remarked()?;
                self.remark_noted(cell, v, remark);
                Some(v)
            }
            Err(()) => {
                let at = cell.location(self.ctx.source);
                let f = self
                    .ctx
                    .finding(
                        codes::BAD_NUMBER,
                        Severity::Warning,
                        at,
                        format!("「{}」不是分数，未读取", tidy(&cell.text)),
                    )
                    .label("不是数字");
                self.ctx.findings.push(f);
                None
            }
        }
    }

    /// `table.form-reading` at a 分值 / 得分 cell read as the figure before its remark.
    #[cold]
    #[inline(never)]
    fn remark_noted(&mut self, cell: &Cell, v: Decimal, remark: &str) {
        let f = self
            .ctx
            .finding(
                codes::FORM_READING,
                Severity::Info,
                cell.location(self.ctx.source),
                format!(
                    "「{}」读作 {}：括号中的「{remark}」是说明",
                    tidy(&cell.text),
                    v.normalize()
                ),
            )
            .label("括号中的说明");
        self.ctx.findings.push(f);
    }

    /// The 年度资金总额 row under the funds header.
    /// `units` are the money units the header names for its columns (`全年执行数（元）`).
    pub(super) fn funds_row(
        &mut self,
        row: &Row,
        h: &[(Fund, usize)],
        units: &[(usize, &'static str)],
        funds: &mut FundsRow,
    ) {
        for &(f, col) in h {
            let Some(cell) = row.cell(col).filter(|c| !c.text.trim().is_empty()) else {
                continue;
            };
            match f {
                Fund::Initial | Fund::Budget | Fund::Spent => {
                    let (v, unit) = self.amount_stated(cell);
                    funds.wan |= unit == Some("万元");
                    let headed = units.iter().find(|(c, _)| *c == col).map(|(_, u)| *u);
                    let k = match f {
                        Fund::Initial => 0,
                        Fund::Budget => 1,
                        _ => 2,
                    };
                    funds.stated[k] = unit.or(headed);
                    funds.cells[k] = Some(cell.location(self.ctx.source));
                    match f {
                        Fund::Initial => funds.initial = v,
                        Fund::Budget => funds.budget = v,
                        _ => funds.spent = v,
                    }
                }
                Fund::Weight => funds.weight = self.points(Some(cell)),
                Fund::Score => funds.score = self.points(Some(cell)),
                Fund::Rate => funds.rate = Some(tidy(&cell.text)).filter(|t| t != "-"),
            }
        }
    }
}

/// A figure with a remark in brackets after it (`18（扣2分）`, `97.5分(优)`): the figure and
/// the remark; `None` for anything else.
pub(super) fn remarked(t: &str) -> Option<(Decimal, &str)> {
    let t = t.trim();
    let inner = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let remark = inner[open..].trim_start_matches(['（', '(']).trim();
    let before = inner[..open].trim();
    let before = before.strip_suffix('分').unwrap_or(before).trim();
    if remark.is_empty() || before.is_empty() {
        return None;
    }
    Some((parse_number(before).ok().flatten()?, remark))
}
