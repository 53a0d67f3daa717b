//! The flat self-evaluation sheet (contract §4.2): one row an indicator, into the same model.
//!
//! 单位, 项目, 一级指标 and 二级指标 are filled down from the row above when empty (merged cells
//! in a workbook read as empty). Split target columns (指标性质 | 指标值 | 度量单位) are joined
//! into one target (`≥` `95` `%` → `≥95%`). A project's budget row is either a row with 全年预算数/
//! 全年执行数 and no 三级指标, or — as flattened sheets write it — a row whose 三级指标 is
//! `预算执行率` with no 一级指标 and plain numbers as target and actual: the target is then the
//! budget and the actual the amount spent (万元), and its 分值/得分 are kept on the budget line.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::amount::{NotANumber, parse_number, parse_number_why};
use crate::table::columns::{Header, Role};
use crate::table::grid::{Cell, Row};
use crate::table::model::{Amounts, BudgetLine, IndicatorRow, IndicatorSource, Project, UnitRow};
use crate::table::target_table::clip;

/// What is filled down from the rows above: the unit and project of the last row read, and
/// the 一级/二级指标 in effect. Carried from one block to the next when a sheet is read in
/// blocks (streaming).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FillDown {
    pub unit: Option<Arc<str>>,
    pub project: Option<Arc<str>>,
    pub level1: Option<Arc<str>>,
    pub level2: Option<Arc<str>>,
}

/// Which parts of the fill-down state a run of rows read before setting them: the parts a
/// block's reading depends on from the rows before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StateUse {
    pub unit: bool,
    pub project: bool,
    pub level1: bool,
    pub level2: bool,
}

impl FillDown {
    /// Whether `self` and `other` agree in the parts `used`.
    pub fn agrees(&self, other: &FillDown, used: StateUse) -> bool {
        (!used.unit || self.unit == other.unit)
            && (!used.project || self.project == other.project)
            && (!used.level1 || self.level1 == other.level1)
            && (!used.level2 || self.level2 == other.level2)
    }
}

/// Reads the data rows of a self-evaluation sheet. `unit_hint` names the unit when the sheet
/// has no 单位 column (from `单位名称：…` in the preamble); else the unit name is empty.
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    h: &Header,
    rows: &[&Row],
    unit_hint: Option<&str>,
) -> Vec<UnitRow> {
    read_from(ctx, h, rows, unit_hint, &mut FillDown::default()).0
}

/// [`read`] starting from the fill-down state `state` (left as the last row leaves it).
pub(crate) fn read_from(
    ctx: &mut Ctx<'_>,
    h: &Header,
    rows: &[&Row],
    unit_hint: Option<&str>,
    state: &mut FillDown,
) -> (Vec<UnitRow>, StateUse) {
    // which parts of the incoming state were read before this run set them
    let mut used = StateUse::default();
    let mut set = StateUse::default();
    let mut units: Vec<UnitRow> = Vec::new();
    let mut unit_index: FxHashMap<String, usize> = FxHashMap::default();
    // per unit: its projects by name
    let mut project_index: Vec<FxHashMap<String, usize>> = Vec::new();
    // the unit and project names of the last row read, and where that project is
    let mut last_place: Option<(Arc<str>, Arc<str>, usize, usize)> = None;
    let FillDown {
        unit: last_unit,
        project: last_project,
        level1: last_level1,
        level2: last_level2,
    } = state;
    fn cell<'r, 'a>(h: &Header, row: &'r Row<'a>, role: Role) -> Option<&'r Cell<'a>> {
        h.col(role)
            .and_then(|c| row.cell(c))
            .filter(|c| !c.text.is_empty())
    }
    let cell = |row, role| cell(h, row, role);
    for row in rows {
        if !ctx.check_shape(h, row) {
            continue;
        }
        let row_at = ctx.row_location(row);
        // unit and project, filled down
        let unit_cell = cell(row, Role::Unit);
        let project_cell = cell(row, Role::Project);
        used.unit |= !set.unit && (unit_cell.is_none() || project_cell.is_none());
        used.project |= !set.project;
        // names shared with the state (a row that repeats them allocates nothing)
        let shared = |cell: Option<&Cell>, last: &Option<Arc<str>>| -> Option<Arc<str>> {
            match (cell, last) {
                (Some(c), Some(l)) if *c.text == **l => Some(l.clone()),
                (Some(c), _) => Some(Arc::from(&*c.text)),
                (None, l) => l.clone(),
            }
        };
        let unit_name: Arc<str> = shared(unit_cell, last_unit)
            .or_else(|| unit_hint.map(Arc::from))
            .unwrap_or_else(|| Arc::from(""));
        let project_name = match (&project_cell, &last_project) {
            (Some(_), _) => shared(project_cell, last_project).expect("a filled cell"),
            (None, Some(p)) if unit_cell.is_none() || last_unit.as_deref() == Some(&*unit_name) => {
                p.clone()
            }
            _ => {
                let at = ctx.first_filled_location(row);
                let f = ctx
                    .finding(
                        codes::MISSING_NAME,
                        Severity::Error,
                        at,
                        "这一行不知道属于哪个项目；该行未读取",
                    )
                    .label("项目列是空的")
                    .help("在项目列填上项目名称");
                ctx.skip(f);
                continue;
            }
        };
        if project_cell.is_some() && last_project.as_deref() != Some(&*project_name) {
            *last_level1 = None;
            *last_level2 = None;
            set.level1 = true;
            set.level2 = true;
        }
        // numbers
        let mut numbers: [Option<Decimal>; 4] = [None; 4];
        let mut bad = false;
        for (k, (role, label, code)) in [
            (Role::Weight, "分值", codes::BAD_NUMBER),
            (Role::Score, "得分", codes::BAD_NUMBER),
            (Role::Budget, "全年预算数", codes::BAD_AMOUNT),
            (Role::Spent, "全年执行数", codes::BAD_AMOUNT),
        ]
        .into_iter()
        .enumerate()
        {
            let Some(c) = cell(row, role) else { continue };
            match parse_number_why(c.text.trim_end_matches(['分', '%'])) {
                Ok(v) => numbers[k] = v,
                Err(why) => {
                    let what = match why {
                        NotANumber::Text => "不是数字",
                        NotANumber::OutOfRange => {
                            "超出可计算的范围（绝对值须小于 10^15，非零时不小于 10^-10）"
                        }
                    };
                    let f = ctx
                        .finding(
                            code,
                            Severity::Error,
                            c.location(ctx.source),
                            format!("{label}「{}」{what}；该行未读取", clip(&c.text)),
                        )
                        .label("这里应是数字")
                        .help("只填数字，如 10 或 207.4538")
                        .unit(&*unit_name)
                        .project(&*project_name);
                    ctx.skip(f);
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            continue;
        }
        let [weight, score, budget, spent] = numbers;
        *last_unit = Some(unit_name.clone());
        *last_project = Some(project_name.clone());
        set.unit = true;
        set.project = true;

        // rows come in runs of one project: the place of the row before, unless it changed
        let same_place = last_place.as_ref().and_then(|(u, p, ui, pi)| {
            (Arc::ptr_eq(u, &unit_name) && Arc::ptr_eq(p, &project_name)).then_some((*ui, *pi))
        });
        let (ui, pi) = match same_place {
            Some(place) => place,
            None => {
                let ui = match unit_index.get(&*unit_name) {
                    Some(&ui) => ui,
                    None => {
                        units.push(UnitRow {
                            name: String::from(&*unit_name),
                            name_at: unit_cell
                                .or(project_cell)
                                .map(|c| c.location(ctx.source))
                                .unwrap_or(row_at),
                            amounts: Amounts::default(),
                            projects: Vec::new(),
                            incomplete: false,
                            implicit: false,
                        });
                        project_index.push(FxHashMap::default());
                        unit_index.insert(String::from(&*unit_name), units.len() - 1);
                        units.len() - 1
                    }
                };
                let pi = match project_index[ui].get(&*project_name) {
                    Some(&pi) => pi,
                    None => {
                        units[ui].projects.push(Project {
                            name: String::from(&*project_name),
                            name_at: project_cell
                                .map(|c| c.location(ctx.source))
                                .unwrap_or(row_at),
                            amounts: Amounts::default(),
                            goal: None,
                            indicators: Vec::new(),
                            budget: None,
                            at: row_at,
                            form: None,
                        });
                        let pi = units[ui].projects.len() - 1;
                        project_index[ui].insert(String::from(&*project_name), pi);
                        pi
                    }
                };
                last_place = Some((unit_name.clone(), project_name.clone(), ui, pi));
                (ui, pi)
            }
        };
        let project = &mut units[ui].projects[pi];

        let indicator_cell = cell(row, Role::Indicator);
        let level1_cell = cell(row, Role::Level1);
        let level2_cell = cell(row, Role::Level2);
        let (target, target_at) = joined_target(ctx, h, row);
        let actual_cell = cell(row, Role::Actual);

        // budget row, form 1: 全年预算数 / 全年执行数 and no indicator
        if indicator_cell.is_none() && (budget.is_some() || spent.is_some()) {
            project.budget = Some(BudgetLine {
                budget,
                spent,
                weight,
                published_score: score,
                at: row_at,
            });
            continue;
        }
        let Some(indicator_cell) = indicator_cell else {
            // only unit/project filled: a project heading; anything else is a row without a name
            let others = row
                .filled()
                .any(|(i, _)| Some(i) != h.col(Role::Unit) && Some(i) != h.col(Role::Project));
            if others {
                let at = ctx.first_filled_location(row);
                let f = ctx
                    .finding(
                        codes::MISSING_NAME,
                        Severity::Error,
                        at,
                        "这一行有内容但没有三级指标名称；该行未读取",
                    )
                    .label("三级指标列是空的")
                    .help("填上三级指标名称；预算执行情况请填在全年预算数、全年执行数列")
                    .unit(&*unit_name)
                    .project(&*project_name);
                ctx.skip(f);
                units[ui].incomplete = true;
            }
            continue;
        };
        // budget row, form 2: 预算执行率 with plain amounts as target and actual
        if level1_cell.is_none() && indicator_cell.text.contains("预算执行") {
            let b = parse_number(&target).ok().flatten();
            let s = actual_cell
                .as_ref()
                .and_then(|c| parse_number(&c.text).ok().flatten());
            if b.is_some() && (s.is_some() || actual_cell.is_none()) {
                project.budget = Some(BudgetLine {
                    budget: budget.or(b),
                    spent: spent.or(s),
                    weight,
                    published_score: score,
                    at: row_at,
                });
                continue;
            }
        }
        used.level1 |= !set.level1 && level1_cell.is_none();
        used.level2 |= !set.level2 && level2_cell.is_none();
        // a written 一级指标 starts over: its 二级指标 is the row's own (or none)
        fn keep(last: &mut Option<Arc<str>>, cell: Option<&Cell>) {
            match (last.as_deref(), cell) {
                (Some(l), Some(c)) if l == c.text => {}
                (_, Some(c)) => *last = Some(Arc::from(&*c.text)),
                (_, None) => *last = None,
            }
        }
        if level1_cell.is_some() {
            keep(last_level1, level1_cell);
            keep(last_level2, level2_cell);
            set.level1 = true;
            set.level2 = true;
        } else if level2_cell.is_some() {
            keep(last_level2, level2_cell);
            set.level2 = true;
        }
        let level1 = last_level1.clone();
        let level2 = last_level2.clone();
        let seq = project.indicators.len() as u32 + 1;
        let name_at = indicator_cell.location(ctx.source);
        project.indicators.push(IndicatorRow {
            seq,
            category: level1,
            subcategory: level2,
            name: Arc::from(&*indicator_cell.text),
            target: Arc::from(&*target),
            actual: actual_cell.as_ref().map(|c| Arc::from(&*c.text)),
            plan: cell(row, Role::Figure).map(|c| Arc::from(&*c.text)),
            weight,
            published_score: score,
            deviation_note: cell(row, Role::Deviation).map(|c| c.text.to_string()),
            terminator: String::new(),
            at: IndicatorSource {
                item: row_at,
                category: level1_cell.as_ref().map(|c| c.location(ctx.source)),
                name: name_at,
                target: target_at.unwrap_or(name_at.with_len(0)),
                actual: actual_cell.as_ref().map(|c| c.location(ctx.source)),
                terminator: None,
            },
        });
    }
    (units, used)
}

/// The target of a row: the 年度指标值 cell, or 指标性质 + 指标值 + 度量单位 joined. Its
/// location is the value cell's (the first filled part's when the value is empty).
fn joined_target<'r>(
    ctx: &Ctx<'_>,
    h: &Header,
    row: &'r Row,
) -> (Cow<'r, str>, Option<crate::table::Location>) {
    let get = |role: Role| {
        h.col(role)
            .and_then(|c| row.cell(c))
            .filter(|c| !c.text.is_empty())
    };
    let value = get(Role::Target);
    let nature = get(Role::Nature);
    let measure = get(Role::Measure);
    let at = value.or(nature).or(measure).map(|c| c.location(ctx.source));
    // the 年度指标值 cell alone (most sheets): the cell's own text
    if nature.is_none() && measure.is_none() {
        return (Cow::Borrowed(value.map_or("", |v| &*v.text)), at);
    }
    let text = join_target(
        nature.map(|c| &*c.text),
        value.map(|c| &*c.text),
        measure.map(|c| &*c.text),
    );
    (Cow::Owned(text), at)
}

/// A target split over 指标性质 | 指标值 | 度量单位 joined into one (`≥` `95` `%` → `≥95%`): a
/// nature that names a kind (`定性`, `定量`, `正向`) is not part of it, nor a unit the value
/// already ends with.
pub(crate) fn join_target(
    nature: Option<&str>,
    value: Option<&str>,
    measure: Option<&str>,
) -> String {
    let mut text = String::new();
    if let Some(t) = nature
        && !(t.contains("定性") || t.contains("定量") || t.contains('向'))
    {
        text.push_str(t);
    }
    if let Some(v) = value {
        text.push_str(v);
    }
    // `%(百分比)`: the unit, without the gloss in brackets
    let measure = measure.map(|m| match m.find(['(', '（']) {
        Some(k) if k > 0 => m[..k].trim_end(),
        _ => m,
    });
    if let Some(m) = measure
        && !text.ends_with(m)
    {
        text.push_str(m);
    }
    text
}
