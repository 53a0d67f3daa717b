//! Finding the header row and what each column means, with names matched loosely.
//!
//! Spaces, line breaks, brackets and what they enclose (`项目名称（资金使用单位）`), and case are
//! ignored; each column role has a list of accepted spellings (`指标值` = `年度指标值`, `完成值` =
//! `实际完成值`, English names such as `indicator`, `target` for transcribed sheets). The layout
//! whose required roles are all present wins. Nothing here reads values.
//!
//! A [`ColumnMap`] (`--columns 年度指标值=年度数值`) says which header is which column where the
//! spelling is none of these; it is in force for one read on its thread (`with_map`). A header
//! that lacks a needed column is named (`near_miss`: the nearest row and the first column it
//! lacks), and a self-evaluation sheet without an actuals column says so (`missing_actual`).

use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::table::grid::Row;
use crate::table::model::Layout;

/// Which header is which column, as the user says it (`--columns 年度指标值=年度数值,
/// 实际完成值=完成情况`): a header cell reading the right-hand name is read as the left-hand
/// one. Names are compared as `normalize` leaves them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// (header as printed, normalized; the column it is, normalized)
    pairs: Vec<(String, String)>,
}

/// A `--columns` value that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("列名对应「{0}」无法读取")]
#[diagnostic(
    code("table.bad-columns"),
    help(
        "写作 列名=表头中的列名，多个用逗号分隔，例如 \
         年度指标值=年度数值,实际完成值=完成情况；左边是 jixiao 认得的列名（三级指标、年度指标值、\
         实际完成值、分值、得分、项目 等）"
    )
)]
pub struct BadColumns(pub String);

impl std::str::FromStr for ColumnMap {
    type Err = BadColumns;

    fn from_str(s: &str) -> Result<Self, BadColumns> {
        let mut pairs = Vec::new();
        for part in s.split([',', '，', ';', '；']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let Some((known, header)) = part.split_once(['=', '＝']) else {
                return Err(BadColumns(part.to_owned()));
            };
            let (known, header) = (normalize(known), normalize(header));
            if known.is_empty() || header.is_empty() || !is_known_name(&known) {
                return Err(BadColumns(part.to_owned()));
            }
            pairs.push((header, known));
        }
        Ok(ColumnMap { pairs })
    }
}

impl ColumnMap {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// Whether `n` (normalized) is a column name jixiao knows in some layout.
fn is_known_name(n: &str) -> bool {
    [TARGET_TABLE, SELF_EVALUATION]
        .iter()
        .flat_map(|t| t.iter())
        .any(|(_, names)| names.contains(&n))
        || crate::table::form::is_grid_name(n)
}

thread_local! {
    /// The column map of the read under way on this thread (empty: none).
    static ALIASES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `map` in force for the header names read on this thread.
pub(crate) fn with_map<T>(map: &ColumnMap, f: impl FnOnce() -> T) -> T {
    if map.is_empty() {
        return f();
    }
    let before = ALIASES.with(|a| std::mem::replace(&mut *a.borrow_mut(), map.pairs.clone()));
    let out = f();
    ALIASES.with(|a| *a.borrow_mut() = before);
    out
}

/// Separators of text tables that jixiao does not part columns at, each named as a message
/// says it.
const OTHER_SEPARATORS: &[(char, &str)] = &[
    (';', "分号（;）"),
    ('；', "全角分号（；）"),
    ('|', "竖线（|）"),
    ('｜', "全角竖线（｜）"),
    ('，', "全角逗号（，）"),
    ('、', "顿号（、）"),
];

/// The separator, named, where one of the first rows of `rows` is a header once its one filled
/// cell is cut at it (`项目;三级指标;年度指标值;实际完成值`, or Excel's `sep=;` line before it;
/// `项目|三级指标|…`; `项目，三级指标，…`): a text table separated so is read as one column. Two
/// names jixiao knows are enough.
pub(crate) fn separated_header(rows: &[Row]) -> Option<&'static str> {
    rows.iter()
        .filter(|r| !r.is_blank())
        .take(20)
        .find_map(|row| {
            let mut filled = row.filled();
            let (_, cell) = filled.next()?;
            if filled.next().is_some() || cell.text.len() > 4096 {
                return None;
            }
            OTHER_SEPARATORS.iter().find_map(|&(sep, named)| {
                cell.text
                    .split(sep)
                    .filter(|piece| is_known_name(&normalize(piece)))
                    .nth(1)
                    .map(|_| named)
            })
        })
}

/// Whether a column map is in force for the read under way on this thread.
pub(crate) fn map_in_force() -> bool {
    ALIASES.with(|a| !a.borrow().is_empty())
}

/// A normalized header name as the column map in force says it (itself where none applies).
pub(crate) fn alias(n: String) -> String {
    ALIASES.with(|a| {
        a.borrow()
            .iter()
            .find(|(h, _)| *h == n)
            .map(|(_, k)| k.clone())
            .unwrap_or(n)
    })
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    // target table
    Name,
    Total,
    Fiscal,
    Special,
    Other,
    Goal,
    Indicators,
    // self-evaluation sheet
    Unit,
    Project,
    Level1,
    Level2,
    Indicator,
    Target,
    Actual,
    Weight,
    Score,
    Deviation,
    Budget,
    Spent,
    Nature,
    Measure,
    /// 指标方向 (`正向` / `反向`): which way a bare target's figure is better.
    Direction,
    /// The figure a target compares with: 计划数 (plan targets), 上年实际 (relative targets).
    Figure,
    /// 调整后指标值 / 中期调整指标值: the target as adjusted in the year, scored where filled
    /// (`table.target-adjusted`).
    Adjusted,
}

const TARGET_TABLE: &[(Role, &[&str])] = &[
    (
        Role::Name,
        &[
            "项目名称",
            "项目",
            "单位及项目名称",
            "项目单位名称",
            "单位项目名称",
            "资金使用单位",
            "名称",
        ],
    ),
    (
        Role::Total,
        &[
            "总计",
            "合计",
            "金额",
            "资金总额",
            "年度资金总额",
            "预算金额",
            "金额合计",
            "total",
        ],
    ),
    (
        Role::Fiscal,
        &[
            "财政拨款",
            "财政拨款资金",
            "一般公共预算",
            "一般公共预算拨款",
        ],
    ),
    (
        Role::Special,
        &["财政专户拨款", "财政专户管理资金", "财政专户"],
    ),
    (Role::Other, &["其他资金", "其他", "其他来源"]),
    (
        Role::Goal,
        &[
            "绩效目标",
            "年度绩效目标",
            "项目绩效目标",
            "年度目标",
            "goal",
        ],
    ),
    (
        Role::Indicators,
        &[
            "绩效指标",
            "年度绩效指标",
            "绩效指标及指标值",
            "绩效指标和指标值",
            "indicators",
        ],
    ),
];

/// Names of a 调整后指标值 column ([`Role::Adjusted`]; a form's grid reads them too).
pub(crate) const ADJUSTED_NAMES: &[&str] = &[
    "调整后指标值",
    "调整后目标值",
    "调整后年度指标值",
    "调整后的指标值",
    "中期调整指标值",
    "中期调整后指标值",
    "中期调整目标值",
    "调整指标值",
];

/// A self-evaluation sheet's names of a 度量单位 column ([`Role::Measure`]; the actuals' one too:
/// `settle_actual_unit`).
const MEASURE_NAMES: &[&str] = &["度量单位", "计量单位"];

const SELF_EVALUATION: &[(Role, &[&str])] = &[
    (
        Role::Unit,
        &[
            "单位",
            "单位名称",
            "预算单位",
            "资金使用单位",
            "主管部门",
            "unit",
            "部门名称",
            "部门",
            "预算部门",
        ],
    ),
    (Role::Project, &["项目", "项目名称", "project"]),
    (Role::Level1, &["一级指标", "level1"]),
    (Role::Level2, &["二级指标", "level2"]),
    (
        Role::Indicator,
        &["三级指标", "指标名称", "指标", "indicator"],
    ),
    (
        Role::Target,
        &[
            "年度指标值",
            "指标值",
            "目标值",
            "年度目标值",
            "预期指标值",
            "年度目标",
            "年度数值",
            "全年目标值",
            "全年指标值",
            "年初目标值",
            "年初指标值",
            "本年度指标值",
            "本年度目标值",
            "当年指标值",
            "当年目标值",
            "target",
        ],
    ),
    (
        Role::Actual,
        &[
            "实际完成值",
            "完成值",
            "全年实际值",
            "实际值",
            "实际完成情况",
            "全年完成值",
            "完成情况",
            "全年实际完成值",
            "实际完成指标值",
            "actual",
        ],
    ),
    (
        Role::Weight,
        &["分值", "权重", "标准分", "标准分值", "满分值", "weight"],
    ),
    (Role::Score, &["得分", "score", "published_score"]),
    (
        Role::Deviation,
        &[
            "偏差原因",
            "偏差原因分析及改进措施",
            "偏差原因及改进措施",
            "偏差原因分析",
            "原因分析",
            "deviation",
            "deviation_note",
        ],
    ),
    (Role::Budget, &["全年预算数", "预算数", "budget"]),
    (Role::Spent, &["全年执行数", "执行数", "spent"]),
    (Role::Nature, &["指标性质", "计算符号", "符号"]),
    (Role::Measure, MEASURE_NAMES),
    (Role::Direction, &["指标方向", "指标属性"]),
    (
        Role::Figure,
        &[
            "上年实际",
            "上年实际值",
            "上年完成值",
            "上年实际完成值",
            "计划数",
            "计划值",
            "baseline",
            "plan",
        ],
    ),
    (Role::Adjusted, ADJUSTED_NAMES),
];

/// A header row read: the layout, the column of each role, and the columns not understood.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub layout: Layout,
    /// `(role, column index)` for every role found, in header order (the first column of a
    /// role wins); changed only through [`Header::add`], so it agrees with `by_role`.
    roles: Vec<(Role, usize)>,
    /// Non-empty header cells that mean nothing to the reader.
    pub unknown: Vec<usize>,
    /// Number of columns up to the last non-empty header cell.
    pub width: usize,
    /// The column of each role, by `Role as usize` (what `roles` says, for a lookup per cell).
    by_role: [Option<usize>; ROLES],
    /// The money units of a sheet's 全年预算数 and 全年执行数 columns, where their headers
    /// state them (`全年执行数（元）`), and how their amounts are read in one unit.
    pub money: MoneyColumns,
    /// The unit a self-evaluation sheet's 年度指标值 and 实际完成值 headers state
    /// (`年度指标值（万元）`, `实际完成值（%）`): a bare figure under it is read in it.
    pub figures: [Option<&'static str>; 2],
    /// A self-evaluation sheet's one column headed with both 分值 and 得分 (`分值/得分`, each
    /// cell `10/9.5`) where it has neither column alone: its column, and whether 得分 comes
    /// first. Each cell is read split in two ([`split_points`]), as a form's is.
    pub both: Option<(usize, bool)>,
    /// A self-evaluation sheet's one column naming both the target and the actual
    /// (`年度指标值/实际完成值`, `年度目标值（实际值）`) where it has no 实际完成值 column: also the
    /// target's column, each cell split in two as a form's is ([`Header::settle_pair`]).
    pub pair: Option<super::form::pair::Pair>,
    /// A self-evaluation sheet's 度量单位 column after its 实际完成值: the actuals' unit
    /// ([`Header::settle_actual_unit`]).
    pub actual_unit: Option<super::actual_unit::ActualUnit>,
    /// A self-evaluation sheet with no 项目 column whose 部门名称 (or 单位) column names whose
    /// targets they are: each unit's rows are one project, its overall spending, named by the
    /// unit's cell and this (`部门整体支出`; [`Header::settle_project_from_unit`]).
    pub project_suffix: Option<&'static str>,
    /// Two or more actual columns each naming a year (`2022年完成值 | 2023年完成值`) where the
    /// header has no 实际完成值: the one read ([`Header::settle_actual_year`]).
    pub actual_years: Option<Box<ActualYears>>,
}

/// A header's actual columns naming years (`2022年完成值 | 2023年完成值`): each column and its
/// year, the one read as the actual, and what chose it: the year asked (`--year`), the title's,
/// else the latest; with the title's and the asked year, for the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActualYears {
    pub cols: Vec<(usize, i32)>,
    pub taken: (usize, i32),
    pub by: super::periods::YearBy,
    pub title: Option<i32>,
    pub asked: Option<i32>,
}

impl ActualYears {
    /// `cols` (two or more), the latest taken until [`ActualYears::settle`].
    pub fn latest(cols: Vec<(usize, i32)>, taken: (usize, i32)) -> ActualYears {
        ActualYears {
            cols,
            taken,
            by: super::periods::YearBy::Latest,
            title: None,
            asked: None,
        }
    }

    /// The column read, chosen by the year asked of the read (`--year`), else the `title`'s,
    /// else the latest ([`super::periods::year_column`]).
    pub fn settle(&mut self, title: Option<i32>) -> Option<usize> {
        let asked = super::periods::asked_year();
        let (col, year, by) = super::periods::year_column(&self.cols, title, asked)?;
        self.taken = (col, year);
        self.by = by;
        self.title = title;
        self.asked = asked;
        Some(col)
    }
}

/// The money units a sheet's 全年预算数 and 全年执行数 headers state (`全年预算数（万元）`,
/// `全年执行数（元）`), and, where they differ from the unit the amounts are read in (the
/// preamble's `单位：万元`, else 全年预算数's, else 万元: [`Header::settle_money`]), what each
/// column's amounts are multiplied by. Read as one unit, 2,000,000 元 spent of a 300 万元
/// budget was an execution of 666,666 %.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MoneyColumns {
    /// The unit each header states: 全年预算数, 全年执行数.
    pub stated: [Option<&'static str>; 2],
    /// The unit amounts are read in, where some column is converted into it.
    pub into: Option<&'static str>,
    /// What each column's amounts are multiplied by (`None`: read as written).
    pub scale: [Option<Decimal>; 2],
}

impl MoneyColumns {
    /// What an amount of column `k` (0: 全年预算数, 1: 全年执行数) written with `万元` after it
    /// (`wan`) is multiplied by to read it in [`MoneyColumns::into`]; `None` where no column
    /// is converted (the amounts read as ever) or the factor is 1.
    #[inline]
    pub fn factor(&self, k: usize, wan: bool) -> Option<Decimal> {
        let into = self.into?;
        if !wan {
            return self.scale[k];
        }
        (into != "万元").then(|| ratio("万元", into)).flatten()
    }
}

/// How many `into` one `unit` is (both money units): `元` into `万元` is 0.0001.
fn ratio(unit: &str, into: &str) -> Option<Decimal> {
    let (u, i) = (
        crate::table::form::yuan_in(unit)?,
        crate::table::form::yuan_in(into)?,
    );
    u.checked_div(i)
}

/// How many roles there are.
const ROLES: usize = Role::Adjusted as usize + 1;

impl Header {
    /// A header with the roles `roles` (the first column of a role wins).
    pub fn new(
        layout: Layout,
        roles: Vec<(Role, usize)>,
        unknown: Vec<usize>,
        width: usize,
    ) -> Self {
        let mut h = Header {
            layout,
            roles: Vec::new(),
            unknown,
            width,
            by_role: [None; ROLES],
            money: MoneyColumns::default(),
            figures: [None; 2],
            both: None,
            pair: None,
            actual_unit: None,
            project_suffix: None,
            actual_years: None,
        };
        for (r, c) in roles {
            h.add(r, c);
        }
        h
    }

    /// Adds role `role` at column `col`, unless the role has a column already.
    pub fn add(&mut self, role: Role, col: usize) {
        if self.by_role[role as usize].is_none() {
            self.by_role[role as usize] = Some(col);
            self.roles.push((role, col));
        }
    }

    /// Moves role `role` to column `col` (a second header row naming which of a merged
    /// header's columns holds it: `年度指标值` over `数值 | 单位`).
    pub fn replace(&mut self, role: Role, col: usize) {
        self.by_role[role as usize] = Some(col);
        match self.roles.iter_mut().find(|(r, _)| *r == role) {
            Some(slot) => slot.1 = col,
            None => self.roles.push((role, col)),
        }
    }

    /// Every role found and its column, in header order.
    pub fn roles(&self) -> &[(Role, usize)] {
        &self.roles
    }

    /// The column of a role.
    pub fn col(&self, role: Role) -> Option<usize> {
        self.by_role[role as usize]
    }

    /// Two or more columns of actuals each naming a year (`2022年完成值 | 2023年完成值`) where the
    /// header (`row`) has no 实际完成值: the latest is the actual until the title's year says
    /// otherwise ([`Header::settle_actual_year`]); one such column alone is the actual. Both
    /// were unknown columns before, and every indicator 缺实际值.
    fn actual_of_years(&mut self, row: &Row) {
        let cols: Vec<(usize, i32)> = self
            .unknown
            .iter()
            .filter_map(|&i| Some((i, super::periods::actual_year(&row.cell(i)?.text)?)))
            .collect();
        let Some((col, year, _)) = super::periods::year_column(&cols, None, None) else {
            return;
        };
        self.add(Role::Actual, col);
        self.unknown.retain(|u| !cols.iter().any(|(c, _)| c == u));
        if cols.len() > 1 {
            self.actual_years = Some(Box::new(ActualYears::latest(cols, (col, year))));
        }
    }

    /// A target column naming the year (`2023年指标值`, beside `2024年指标值`) where the header
    /// has no 年度指标值: the one [`super::periods::target_column`] tells, by the year asked or
    /// the actuals' column's (`2023年实际完成值`). Before, the header was refused (没有找到年度
    /// 指标值列); the other years' columns stay unknown (named, not read).
    fn target_of_years(&mut self, row: &Row) {
        use super::periods::{actual_year, asked_year, target_column, target_year, year_column};
        let of = |f: fn(&str) -> Option<i32>| -> Vec<(usize, i32)> {
            let named = |&i: &usize| Some((i, f(&row.cell(i)?.text)?));
            self.unknown.iter().filter_map(named).collect()
        };
        let targets = of(target_year);
        if targets.is_empty() {
            return;
        }
        let actual = match self.col(Role::Actual) {
            Some(_) => None,
            None => year_column(&of(actual_year), None, asked_year()).map(|(_, y, _)| y),
        };
        if let Some(col) = target_column(&targets, actual) {
            self.add(Role::Target, col);
            self.unknown.retain(|&u| u != col);
        }
    }

    /// The actual among two years' columns ([`Header::actual_years`]): the year asked
    /// (`--year`), else the one `title` names, where a column names it, else the latest.
    pub fn settle_actual_year(&mut self, title: Option<i32>) {
        let Some(years) = self.actual_years.as_mut() else {
            return;
        };
        let Some(col) = years.settle(title) else {
            return;
        };
        self.replace(Role::Actual, col);
    }

    /// A self-evaluation header with indicators and targets, a 部门名称 (单位名称, 主管部门 …)
    /// column and no 项目 column (`row`): the unit's column names the projects too, each unit's
    /// rows its overall spending (`某县农业农村局部门整体支出`). Read as one per-project form
    /// before, the unit column was passed over and every department's indicators were one
    /// 未命名项目 (196 of 200 for two).
    fn settle_project_from_unit(&mut self, row: &Row) {
        let (Some(unit), Some(_), Some(_)) = (
            self.col(Role::Unit),
            self.col(Role::Indicator),
            self.col(Role::Target),
        ) else {
            return;
        };
        let named = |w: &str| row.cell(unit).is_some_and(|c| c.text.contains(w));
        // (`unit` may be a measure's: only a Chinese name of a unit or department)
        let department = named("部门");
        if !department && !named("单位") {
            return;
        }
        self.add(Role::Project, unit);
        self.project_suffix = Some(if department {
            "部门整体支出"
        } else {
            "单位整体支出"
        });
    }

    /// Notes the money unit the header cell `text` of a 全年预算数 or 全年执行数 column states.
    fn note_money(&mut self, role: Role, text: &str) {
        let k = match role {
            Role::Budget => 0,
            Role::Spent => 1,
            Role::Target | Role::Actual => {
                let k = usize::from(role == Role::Actual);
                if self.layout == Layout::SelfEvaluation && self.figures[k].is_none() {
                    self.figures[k] = figure_unit_named(text);
                }
                return;
            }
            _ => return,
        };
        if self.layout == Layout::SelfEvaluation && self.money.stated[k].is_none() {
            self.money.stated[k] = crate::table::form::money_unit_named(text);
        }
    }

    /// Finds a self-evaluation sheet's `分值/得分` column among the header cells of `names`
    /// not understood ([`Header::both`]), where it has neither a 分值 nor a 得分 column.
    pub fn settle_both(&mut self, names: &Row) {
        if self.layout != Layout::SelfEvaluation
            || self.col(Role::Weight).is_some()
            || self.col(Role::Score).is_some()
        {
            return;
        }
        self.both = self.unknown.iter().find_map(|&i| {
            let text = &names.cell(i)?.text;
            let (weight, score) = names_weight_and_score(text)?;
            Some((i, score < weight))
        });
    }

    /// Finds a self-evaluation sheet's one column naming both the target and the actual
    /// ([`Header::pair`]) among the header cells of `names` not understood, or at its target's
    /// column (`年度目标值（实际值）` reads as 年度目标值 without its brackets), where it has no
    /// 实际完成值 column: refused whole before (没有找到年度指标值列), or its cells read as targets
    /// with no actual. The column becomes the target's.
    fn settle_pair(&mut self, names: &Row) {
        use super::form::pair::{Pair, header_pair};
        let target = self.col(Role::Target);
        let found = target.iter().chain(&self.unknown).find_map(|&i| {
            let text = &names.cell(i)?.text;
            if text.len() > 96 {
                return None;
            }
            let (actual_first, shape) = header_pair(text)?;
            Some(Pair {
                col: i,
                actual_first,
                shape,
            })
        });
        // (a column beside a target of its own, `目标完成情况`, is no pair: left as it was)
        let Some(pair) = found.filter(|p| target.is_none_or(|t| t == p.col)) else {
            // the target's column alone: a cell may still label both (`目标：≥95% 实际：96%`)
            self.pair = target.map(|col| Pair {
                col,
                actual_first: false,
                shape: super::form::pair::Shape::Labels,
            });
            return;
        };
        self.unknown.retain(|&i| i != pair.col);
        self.add(Role::Target, pair.col);
        self.pair = Some(pair);
    }

    /// Where the 实际完成值 column names a part of the year (`实际完成值（1-6月）`, `上半年`) and a
    /// column not understood is another 实际完成值 naming the whole year (`实际完成值（全年）`):
    /// the year's is the actual (the first was read, the half year's 90户 scored against the
    /// year's ≥200户; `table.column-duplicate` then names the part's column as the one unread).
    fn prefer_whole_year(&mut self, names: &Row) {
        let Some(first) = self.col(Role::Actual) else {
            return;
        };
        let text = |i: usize| names.cell(i).map_or("", |c| &*c.text);
        use super::periods::whole_year;
        if whole_year(text(first)) != Some(false) {
            return;
        }
        let actual_names = SELF_EVALUATION
            .iter()
            .find(|(r, _)| *r == Role::Actual)
            .map_or(&[][..], |(_, n)| *n);
        let Some(year) = self.unknown.iter().copied().find(|&i| {
            whole_year(text(i)) == Some(true)
                && actual_names.contains(&alias(normalize(text(i))).as_str())
        }) else {
            return;
        };
        self.replace(Role::Actual, year);
        self.unknown.retain(|&u| u != year);
        self.unknown.push(first);
        self.unknown.sort_unstable();
    }

    /// Finds a self-evaluation sheet's actuals' unit column (`实际完成值 | 度量单位`, or a second
    /// 度量单位 after the 实际完成值 the header did not understand) among the header cells of
    /// `names` ([`super::actual_unit`]). Where it is the sheet's only unit column it is no longer
    /// the target's 度量单位 (joined to a target with its own unit it read `≥40000人万人`).
    pub fn settle_actual_unit(&mut self, names: &Row) {
        let (Some(target), Some(actual)) = (self.col(Role::Target), self.col(Role::Actual)) else {
            return;
        };
        if self.layout != Layout::SelfEvaluation {
            return;
        }
        let is_measure = |i: usize| {
            names
                .cell(i)
                .is_some_and(|c| normalizes_to_one_of(&c.text, MEASURE_NAMES))
        };
        let mut measures: Vec<usize> = self.col(Role::Measure).into_iter().collect();
        measures.extend(self.unknown.iter().copied().filter(|&i| is_measure(i)));
        measures.sort_unstable();
        let Some(u) = super::actual_unit::find(target, actual, &measures) else {
            return;
        };
        if self.col(Role::Measure) == Some(u.col) {
            self.by_role[Role::Measure as usize] = None;
            self.roles.retain(|&(r, _)| r != Role::Measure);
        }
        self.unknown.retain(|&i| i != u.col);
        self.actual_unit = Some(u);
    }

    /// Decides the unit a sheet's amounts are read in, once its preamble (`单位：万元`,
    /// `preamble`) is known: the preamble's, else the unit 全年预算数's header states, else 万元;
    /// each column whose header states another is converted into it ([`MoneyColumns`]).
    pub fn settle_money(&mut self, preamble: Option<&str>) {
        let m = &mut self.money;
        if m.stated.iter().all(Option::is_none) {
            return;
        }
        let into = preamble
            .and_then(crate::table::form::money_unit_of)
            .or(m.stated[0])
            .unwrap_or("万元");
        for k in 0..2 {
            m.scale[k] = m.stated[k]
                .filter(|u| *u != into)
                .and_then(|u| ratio(u, into));
        }
        m.into = m.scale.iter().any(Option::is_some).then_some(into);
    }
}

/// Longest cell considered as a header name.
const MAX_HEADER_BYTES: usize = 256;

/// A header name reduced for matching: no spaces, no bracketed parts, lowercase.
pub(crate) fn normalize(s: &str) -> String {
    normalize_within(s, usize::MAX).unwrap_or_default()
}

/// [`normalize`], or `None` once the result would be longer than `max` bytes (a cell that
/// cannot be the header names it is compared with).
fn normalize_within(s: &str, max: usize) -> Option<String> {
    let mut out = String::with_capacity(s.len().min(max));
    normalized(s, |c| {
        out.push(c);
        out.len() <= max
    })
    .then_some(out)
}

/// Hands each character of [`normalize`]'s result of `s` to `push`, which says whether to go
/// on; `false` where `push` stopped it, or `s` is longer than any header name.
fn normalized(s: &str, mut push: impl FnMut(char) -> bool) -> bool {
    if s.len() > MAX_HEADER_BYTES {
        // no header name is this long; do not copy a huge cell
        return false;
    }
    let mut depth = 0u32;
    for c in s.chars() {
        let go_on = match c {
            '(' | '（' | '[' | '【' | '〔' => {
                depth += 1;
                true
            }
            ')' | '）' | ']' | '】' | '〕' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ if depth > 0 => true,
            _ if c.is_whitespace() || c == '\u{3000}' || c == '*' || c == '＊' => true,
            ':' | '：' => true,
            // CJK symbols, kana and ideographs have no case (most header text); traditional
            // characters read as their simplified forms (`實際完成值` is `实际完成值`)
            '\u{3000}'..='\u{9fff}' => push(crate::traditional::simplify(c)),
            _ => c.to_lowercase().all(&mut push),
        };
        if !go_on {
            return false;
        }
    }
    true
}

/// Whether [`normalize`] of `text` is one of `names`, told without a copy and given up at the
/// first character no name goes on with (a project named `项目12` is told from `项目` at its
/// `1`: the cells of every row are asked whether they repeat the header).
pub(crate) fn normalizes_to_one_of(text: &str, names: &[&str]) -> bool {
    let mut held = [0u8; MAX_HEADER_BYTES + 4];
    let mut len = 0;
    let whole = normalized(text, |c| {
        let end = len + c.len_utf8();
        if end > held.len() {
            return false;
        }
        c.encode_utf8(&mut held[len..end]);
        len = end;
        names.iter().any(|n| n.as_bytes().starts_with(&held[..len]))
    });
    whole && names.iter().any(|n| n.as_bytes() == &held[..len])
}

fn match_layout(row: &Row, table: &[(Role, &[&str])], layout: Layout) -> Header {
    let mut roles: Vec<(Role, usize)> = Vec::new();
    let mut unknown = Vec::new();
    let mut width = 0;
    let mut money = Vec::new();
    for (i, cell) in row.filled() {
        width = i + 1;
        let n = alias(normalize(&cell.text));
        let role = table
            .iter()
            .find(|(_, names)| names.contains(&n.as_str()))
            .map(|(r, _)| *r);
        match role {
            Some(r) if !roles.iter().any(|(x, _)| *x == r) => {
                if matches!(r, Role::Budget | Role::Spent | Role::Target | Role::Actual) {
                    money.push((r, &*cell.text));
                }
                roles.push((r, i));
            }
            _ => unknown.push(i),
        }
    }
    // with split target columns, `指标值`/`目标值` is the value part: still the Target role
    let mut h = Header::new(layout, roles, unknown, width);
    for (r, text) in money {
        h.note_money(r, text);
    }
    h
}

/// Reads `row` as a header, if it is one.
pub(crate) fn detect(row: &Row) -> Option<Header> {
    if row.filled().count() < 3 {
        return None;
    }
    let t = match_layout(row, TARGET_TABLE, Layout::TargetTable);
    let has = |h: &Header, r: Role| h.col(r).is_some();
    if has(&t, Role::Name)
        && has(&t, Role::Total)
        && (has(&t, Role::Indicators) || has(&t, Role::Goal))
    {
        return Some(t);
    }
    let mut s = match_layout(row, SELF_EVALUATION, Layout::SelfEvaluation);
    if !has(&s, Role::Target) && !s.unknown.is_empty() && has(&s, Role::Indicator) {
        s.target_of_years(row);
    }
    // (only where the row names indicators and targets: `scan` asks this of every form row)
    if !has(&s, Role::Actual)
        && !s.unknown.is_empty()
        && has(&s, Role::Indicator)
        && has(&s, Role::Target)
    {
        s.actual_of_years(row);
    }
    if has(&s, Role::Project) && has(&s, Role::Indicator) && !has(&s, Role::Actual) {
        s.settle_pair(row);
    }
    if has(&s, Role::Actual) && !s.unknown.is_empty() {
        s.prefer_whole_year(row);
    }
    if !has(&s, Role::Project) && has(&s, Role::Unit) {
        s.settle_project_from_unit(row);
    }
    if has(&s, Role::Project) && has(&s, Role::Indicator) && has(&s, Role::Target) {
        return Some(s);
    }
    None
}

/// A self-evaluation header written on two rows (`row`, then `next`): `项目 | 绩效指标 | | |
/// 年度指标值 | …` over `| 一级指标 | 二级指标 | 三级指标 | …`, the group cell merged across the
/// indicator columns (a web page's `<th colspan=3>`, Excel's merge), or `项目 | 绩效指标 | … |
/// 分值 | 得分` over the levels, 年度指标值 and 实际完成值. The first row names the project column
/// and another of the sheet's (target, actual, 分值, 得分) but no indicator column; `next`, no
/// header of its own, names it and the target column if the first did not. Without this the
/// grid was read as one per-project form: the 项目 column dropped, every project's indicators
/// scored as one 未命名项目.
pub(crate) fn detect_two_rows(row: &Row, next: &Row) -> Option<Header> {
    if row.filled().count() < 3 {
        return None;
    }
    let mut h = match_layout(row, SELF_EVALUATION, Layout::SelfEvaluation);
    let figures = [Role::Target, Role::Actual, Role::Weight, Role::Score];
    if h.col(Role::Project).is_none()
        || h.col(Role::Indicator).is_some()
        || !figures.iter().any(|&r| h.col(r).is_some())
        || detect(next).is_some()
    {
        return None;
    }
    (merge_subheader(&mut h, next)
        && h.col(Role::Indicator).is_some()
        && h.col(Role::Target).is_some())
    .then_some(h)
}

/// The row of `rows` that comes nearest a header without being one (two of the roles a
/// layout needs, or of a form's grid), and the first role it lacks: `("实际完成值", "一级指标 |
/// 二级指标 | …")`. Only the first rows are looked at.
pub(crate) fn near_miss(rows: &[Row]) -> Option<(String, String)> {
    let mut best: Option<(usize, &'static str, String)> = None;
    for row in rows.iter().filter(|r| !r.is_blank()).take(60) {
        if row.filled().count() < 3 {
            continue;
        }
        let header = || {
            row.filled()
                .map(|(_, c)| c.text.split_whitespace().collect::<Vec<_>>().join(""))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let s = match_layout(row, SELF_EVALUATION, Layout::SelfEvaluation);
        let t = match_layout(row, TARGET_TABLE, Layout::TargetTable);
        let candidates: [(&Header, &[(Role, &'static str)]); 2] = [
            (
                &s,
                &[
                    (Role::Indicator, "三级指标"),
                    (Role::Target, "年度指标值"),
                    (Role::Actual, "实际完成值"),
                    (Role::Project, "项目"),
                ],
            ),
            (
                &t,
                &[
                    (Role::Name, "项目名称"),
                    (Role::Total, "总计"),
                    (Role::Indicators, "绩效指标"),
                ],
            ),
        ];
        for (h, needs) in candidates {
            let found = needs.iter().filter(|(r, _)| h.col(*r).is_some()).count();
            let missing = needs.iter().find(|(r, _)| h.col(*r).is_none());
            if let Some((_, name)) = missing
                && found >= 2
                && best.as_ref().is_none_or(|(n, _, _)| found > *n)
            {
                best = Some((found, name, header()));
            }
        }
    }
    best.map(|(_, name, header)| (name.to_owned(), header))
}

/// The unit a 年度指标值 or 实际完成值 header cell `text` states in brackets: a money unit
/// (`（万元）`), a percentage (`（%）`), or a count ([`HEADER_COUNTS`]: `（人）`, `（万人）`);
/// `None` for anything else (`（目标）`).
pub(crate) fn figure_unit_named(text: &str) -> Option<&'static str> {
    if let Some(unit) = crate::table::form::money_unit_named(text) {
        return Some(unit);
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let percent = [
        "(%)",
        "（%）",
        "(％)",
        "（％）",
        "(%）",
        "（%)",
        "（百分比）",
        "(百分比)",
    ]
    .iter()
    .any(|p| t.contains(p));
    if percent {
        return Some("%");
    }
    // (most headers hold no bracket)
    if !t.contains(['(', '（']) {
        return None;
    }
    HEADER_COUNTS.iter().copied().find(|u| {
        t.split(['(', '（']).skip(1).any(|after| {
            after
                .strip_prefix(u)
                .is_some_and(|r| r.starts_with([')', '）']))
        })
    })
}

/// Counts a 年度指标值 or 实际完成值 header may state (`实际完成值（万人）`, `年度指标值（人）`):
/// `5` under the first is 5万人, 50,000 people, and `≥40000` under the second 40,000 people.
/// Read bare, 5 against `≥40000` scored 0.01 of 50 points without a word (the seventeenth
/// probe); a count without a magnitude is named too, so that the two bare figures meet in one
/// unit.
const HEADER_COUNTS: &[&str] = &[
    "万人次",
    "万人",
    "千人",
    "万户",
    "万个",
    "万次",
    "万亩",
    "万吨",
    "万册",
    "万件",
    "万株",
    "万平方米",
    "万公里",
    "万辆",
    "万台",
    "万套",
    "人次",
    "人",
    "户",
    "个",
    "次",
    "家",
    "所",
    "件",
    "项",
    "场",
    "亩",
    "吨",
    "辆",
    "台",
    "套",
    "天",
];

/// `table.header-unit`: a 年度指标值 or 实际完成值 header that states a unit (`实际完成值（元）`):
/// the bare figures under it are read in that unit (`500000` as `500000元`), said once at the
/// header. (Read bare, `500000` 元 spent against `≥100` 万元 passed as 500,000 ≥ 100.)
pub(crate) fn figure_units(ctx: &mut crate::table::Ctx<'_>, header: &Header, names: &Row) {
    for (k, (role, name)) in [(Role::Target, "年度指标值"), (Role::Actual, "实际完成值")]
        .into_iter()
        .enumerate()
    {
        let (Some(unit), Some(col)) = (header.figures[k], header.col(role)) else {
            continue;
        };
        let Some(cell) = names.cell(col) else {
            continue;
        };
        let f = ctx
            .finding(
                crate::finding::codes::HEADER_UNIT,
                crate::finding::Severity::Info,
                cell.location(ctx.source),
                format!(
                    "「{}」写明单位{unit}：该列未写单位的{name}按{unit}读",
                    cell.text
                ),
            )
            .label("表头写明的单位");
        ctx.findings.push(f);
    }
}

/// `table.no-actuals-column`: a self-evaluation sheet whose header has neither an actuals
/// column (实际完成值, 完成值, 完成情况, …) nor a 得分 column; every row would be 缺实际值.
pub(crate) fn missing_actual(ctx: &mut crate::table::Ctx<'_>, header: &Header, names: &Row) {
    if header.layout != Layout::SelfEvaluation
        || header.col(Role::Actual).is_some()
        || header.col(Role::Score).is_some()
        || header
            .pair
            .is_some_and(|p| p.shape != super::form::pair::Shape::Labels)
    {
        return;
    }
    let Some((_, first)) = names.filled().next() else {
        return;
    };
    let text: Vec<&str> = names.filled().map(|(_, c)| c.text.trim()).collect();
    let at = first.location(ctx.source);
    let f = ctx
        .finding(
            crate::finding::codes::NO_ACTUALS_COLUMN,
            crate::finding::Severity::Warning,
            at,
            format!("没有找到实际完成值列：表头是 {}", text.join(" | ")),
        )
        .label("表头")
        .help(
            "实际完成值列可写作 实际完成值、完成值、实际值、完成情况、实际完成情况；列名不同时用 \
             --columns 实际完成值=<列名> 指明，或另给实际值文件",
        );
    ctx.findings.push(f);
}

/// `table.column-duplicate`: a self-evaluation sheet header column the reader passed over whose
/// name, without its bracketed words, is that of a figure another column already gives
/// (`实际完成值（上半年）` then `实际完成值（全年）`; `年度指标值` then `年度指标值（调整后）`): the
/// first is read and the other was named only as an unknown column (a note `inspect` lists),
/// so a half-year figure could be scored for the year's without a word (the eleventh probe).
/// The columns named, which are not named again as unknown.
pub(crate) fn duplicate_columns(
    ctx: &mut crate::table::Ctx<'_>,
    header: &Header,
    names: &Row,
) -> Vec<usize> {
    let mut named = Vec::new();
    if header.layout != Layout::SelfEvaluation {
        return named;
    }
    for &col in &header.unknown {
        let Some(cell) = names.cell(col) else {
            continue;
        };
        let n = alias(normalize(&cell.text));
        let Some((role, first)) = SELF_EVALUATION
            .iter()
            .find(|(_, names)| names.contains(&n.as_str()))
            .map(|(r, _)| *r)
            .filter(|r| {
                matches!(
                    r,
                    Role::Target
                        | Role::Actual
                        | Role::Weight
                        | Role::Score
                        | Role::Budget
                        | Role::Spent
                )
            })
            .and_then(|r| Some((r, header.col(r)?)))
        else {
            continue;
        };
        let read = names.cell(first).map_or("", |c| c.text.trim());
        let what = match role {
            Role::Target => "年度指标值",
            Role::Actual => "实际完成值",
            Role::Weight => "分值",
            Role::Score => "得分",
            Role::Budget => "全年预算数",
            _ => "全年执行数",
        };
        let f = ctx
            .finding(
                crate::finding::codes::COLUMN_DUPLICATE,
                crate::finding::Severity::Warning,
                cell.location(ctx.source),
                format!(
                    "「{}」与第 {} 列「{read}」都是{what}：读取第 {} 列，这一列未读取",
                    cell.text.trim(),
                    first + 1,
                    first + 1
                ),
            )
            .label("同名的列")
            .help("删去不用的一列，或把它改名（如“实际完成值（上半年）”改为“上半年完成值”），使要读的一列是唯一的");
        ctx.findings.push(f);
        named.push(col);
    }
    named
}

/// `table.form-reading` where the actual is one of two years' columns
/// ([`Header::actual_years`]): which, and why, at the column read.
pub(crate) fn actual_year_noted(ctx: &mut crate::table::Ctx<'_>, header: &Header, names: &Row) {
    let Some(years) = header.actual_years.as_deref() else {
        return;
    };
    let Some(cell) = names.cell(years.taken.0) else {
        return;
    };
    let f = super::periods::year_noted(ctx, years, cell, |i| {
        names
            .cell(i)
            .map_or(String::new(), |c| c.text.trim().to_owned())
    });
    ctx.findings.push(f);
}

/// `table.form-no-project` where the unit's column names the projects
/// ([`Header::project_suffix`]): said once, at the column's header.
pub(crate) fn project_from_unit(ctx: &mut crate::table::Ctx<'_>, header: &Header, names: &Row) {
    let (Some(suffix), Some(cell)) = (
        header.project_suffix,
        header.col(Role::Unit).and_then(|c| names.cell(c)),
    ) else {
        return;
    };
    let f = ctx
        .finding(
            crate::finding::codes::FORM_NO_PROJECT,
            crate::finding::Severity::Info,
            cell.location(ctx.source),
            format!(
                "表中没有项目列：每个「{}」的指标读作一个项目，名为其名称加“{suffix}”（如“某某局{suffix}”）",
                cell.text.trim()
            ),
        )
        .label("按此列分项目");
    ctx.findings.push(f);
}

/// Merges a second header row (a merged `资金来源` cell above `财政拨款 | 财政专户拨款 | 其他资金`)
/// into `header`: when every filled cell of `row` names a role of the layout, those roles are
/// added for their columns and the row is consumed (returns true).
///
/// Under a self-evaluation sheet's 年度指标值 merged across columns, the cells split it (a web
/// page's `<th colspan>` over `数值 | 单位`, Excel's merge the same): `单位` there is the
/// target's 度量单位 (not the unit-of-organization column it names elsewhere), `符号` its
/// 指标性质, `数值` the figure itself ([`target_split`]). Read as a data row, the second header
/// row was named and its 单位 column dropped: `≥95` | `%` | `0.96` scored 0.51 of 50.
pub(crate) fn merge_subheader(header: &mut Header, row: &Row) -> bool {
    let table = match header.layout {
        Layout::TargetTable => TARGET_TABLE,
        Layout::SelfEvaluation | Layout::Forms => SELF_EVALUATION,
    };
    let split = target_split(header);
    if let Some(annual) = super::periods::annual_in_split(row, &split) {
        // `指标值` over `中期 | 年度`: the year's column is the target's
        header.replace(Role::Target, annual);
        header.unknown.retain(|&u| u != annual);
        header.width = header.width.max(annual + 1);
        return true;
    }
    if header.layout == Layout::TargetTable && super::periods::annual_goals(header, row) {
        return true;
    }
    let mut found = Vec::new();
    let mut value_at = None;
    for (i, cell) in row.filled() {
        let n = alias(normalize(&cell.text));
        if split.contains(&i) {
            match n.as_str() {
                "数值" | "指标值" | "目标值" | "值" | "年度指标值" => {
                    value_at = Some(i);
                    continue;
                }
                "单位" | "度量单位" | "计量单位" | "计量" => {
                    found.push((Role::Measure, i));
                    continue;
                }
                "符号" | "指标性质" | "计算符号" | "性质" => {
                    found.push((Role::Nature, i));
                    continue;
                }
                _ => {}
            }
        }
        match table.iter().find(|(_, names)| names.contains(&n.as_str())) {
            Some((r, _)) => found.push((*r, i)),
            None => return false,
        }
    }
    if found.is_empty() {
        return false;
    }
    // a split names the target's unit or nature (a row of `数值` alone may be data)
    if let Some(i) = value_at {
        if !found
            .iter()
            .any(|(r, _)| matches!(r, Role::Measure | Role::Nature))
        {
            return false;
        }
        header.replace(Role::Target, i);
        header.unknown.retain(|&u| u != i);
        header.width = header.width.max(i + 1);
    }
    for &(r, i) in &found {
        match header.col(r) {
            None => {
                header.add(r, i);
                if let Some(cell) = row.cell(i) {
                    header.note_money(r, &cell.text);
                }
            }
            // a group cell of the first row (`指标` merged over `一级指标 | 二级指标 | 三级指标`)
            // took a role this row gives another column, and this row names the group's own
            // column otherwise: this row is the more exact (the 一级指标 was read as the names)
            Some(j) if j != i && found.iter().any(|&(o, k)| k == j && o != r) => {
                header.replace(r, i);
            }
            Some(_) => continue,
        }
        header.unknown.retain(|&u| u != i);
        header.width = header.width.max(i + 1);
    }
    true
}

/// The columns the header cell of `role` spans where it is merged across columns: its own and
/// those right of it up to the next column the header names or does not understand.
pub(super) fn role_span(header: &Header, role: Role) -> Option<std::ops::Range<usize>> {
    let t = header.col(role)?;
    let next = header
        .roles()
        .iter()
        .map(|(_, c)| *c)
        .chain(header.unknown.iter().copied())
        .filter(|&c| c > t)
        .min()
        .unwrap_or(header.width.max(t + 1) + 8);
    Some(t..next)
}

/// The columns a self-evaluation sheet's 年度指标值 header cell spans where it is merged across
/// columns: its own and those right of it up to the next column the header names or does not
/// understand (a merged cell's other columns are empty in the first header row). Empty where
/// the header has no target column, splits it already (指标性质, 度量单位) or is no sheet's.
fn target_split(header: &Header) -> std::ops::Range<usize> {
    if header.layout != Layout::SelfEvaluation
        || header.col(Role::Measure).is_some()
        || header.col(Role::Nature).is_some()
    {
        return 0..0;
    }
    role_span(header, Role::Target).unwrap_or(0..0)
}

/// Whether `text` is one of the header names of a sheet column `role` (`项目`, `项目名称`).
pub(crate) fn is_sheet_header_name(role: Role, text: &str) -> bool {
    let Some((_, names)) = SELF_EVALUATION.iter().find(|(r, _)| *r == role) else {
        return false;
    };
    if text.is_empty() {
        return false;
    }
    // the first character normalizing keeps must start a name (most cells are told at once)
    let kept = text
        .chars()
        .find(|&c| !(c.is_whitespace() || matches!(c, '\u{3000}' | '*' | '＊' | ':' | '：')));
    match kept {
        None => return false,
        Some('(' | '（' | '[' | '【' | '〔' | ')' | '）' | ']' | '】' | '〕') => {}
        Some(c) => {
            let mut lower = c.to_lowercase();
            let first = if ('\u{3000}'..='\u{9fff}').contains(&c) {
                Some(crate::traditional::simplify(c))
            } else {
                lower.next()
            };
            if !names.iter().any(|n| n.chars().next() == first) {
                return false;
            }
        }
    }
    normalizes_to_one_of(text, names)
}

/// The header `row` holds where it repeats `header` (as multi-page exports do: half or more of
/// its cells are header names of `header`'s layout), with its own roles and columns, which
/// [`moved_columns`] compares with `header`'s.
pub(crate) fn repeated_header(row: &Row, header: &Header) -> Option<Header> {
    // cheap test first: the first header column must hold a header name again
    if !may_repeat_header(header, |col| row.text(col)) {
        return None;
    }
    detect(row).filter(|h| h.layout == header.layout && h.roles.len() * 2 >= header.roles.len())
}

/// The columns where a header row found again below the first (`again`, from
/// [`repeated_header`]) names another column than `header` does: each as `(its column, the
/// header's column of the role it names, if any)`. Empty when it repeats the header column for
/// column (a page break's copy); else the rows below it were laid out for other columns (two
/// tables in one sheet).
pub(crate) fn moved_columns(again: &Header, header: &Header) -> Vec<(usize, Option<usize>)> {
    again
        .roles
        .iter()
        .filter_map(|&(role, col)| {
            let at = header.col(role);
            let other_role_there = header.roles.iter().any(|&(r, c)| c == col && r != role);
            (at.is_some_and(|c| c != col) || other_role_there).then_some((col, at))
        })
        .collect()
}

/// Whether a row whose cells' texts `text` gives may repeat `header`: its first header column
/// holds a header name of that column again (the cheap first test of [`repeated_header`],
/// for rows that are not a [`Row`]: where it holds, the row is read as a grid row).
pub(crate) fn may_repeat_header<'t>(header: &Header, text: impl Fn(usize) -> &'t str) -> bool {
    let table = match header.layout {
        Layout::TargetTable => TARGET_TABLE,
        Layout::SelfEvaluation | Layout::Forms => SELF_EVALUATION,
    };
    let Some(&(role, col)) = header.roles.first() else {
        return false;
    };
    let text = text(col);
    if text.is_empty() || text.len() > 64 {
        return false;
    }
    // asked of every row of a sheet: with no column map in force, told without a copy and
    // given up at the first character no name of the role goes on with (a project named
    // `项目12` at its `1`), as `normalize` would tell it (`alias` of a name is itself)
    if ALIASES.with(|a| a.borrow().is_empty()) {
        return table
            .iter()
            .any(|(r, names)| *r == role && normalizes_to_one_of(text, names));
    }
    let n = alias(normalize(text));
    table
        .iter()
        .any(|(r, names)| *r == role && names.contains(&n.as_str()))
}

/// Where a header cell names 分值 (or 权重) and 得分 (`分值/得分`, `得分/分值`): the byte
/// offset of each; `None` where it does not name both (or is longer than a header is).
pub(crate) fn names_weight_and_score(text: &str) -> Option<(usize, usize)> {
    if text.len() > 96 {
        return None;
    }
    let weight = text.find("分值").or_else(|| text.find("权重"))?;
    let score = text.find("得分")?;
    Some((weight, score))
}

/// One cell of a `分值/得分` column split in two, (分值, 得分): `10/9.5` (either may end in 分;
/// `／` as well, or a line break: `10` and `9.5` on two lines of the cell), or a 分值 alone before an empty 得分 (`10/`, a form not scored yet); the two
/// the other way round where the header writes 得分 first (`score_first`). `None` where the
/// cell does not split so (`10`, `10/九`, `10/9/8`): the caller names it. A form's grid and a
/// flat sheet read their cells with this one splitter.
pub(crate) fn split_points(text: &str, score_first: bool) -> Option<(Decimal, Option<Decimal>)> {
    let number = |s: &str| {
        let s = s.trim();
        let s = s.strip_suffix('分').unwrap_or(s).trim();
        if s.is_empty() {
            return Some(None);
        }
        crate::table::amount::parse_number(s)
            .ok()
            .flatten()
            .map(Some)
    };
    let text = text.trim();
    // `20/18`; or the two on two lines of the cell (`20<br>18` under `分值<br>得分`, a web
    // page's or a Word cell's line break), where the cell holds no bar
    let (a, b) = match text.split_once(['/', '／']) {
        Some(pair) => Some(pair).filter(|(_, b)| !b.contains(['/', '／']))?,
        None => text.split_once('\n').filter(|(_, b)| !b.contains('\n'))?,
    };
    let (a, b) = (number(a)?, number(b)?);
    // (分值, 得分) as the header orders them: a 分值 there, a 得分 where written
    match if score_first { (b, a) } else { (a, b) } {
        (Some(weight), score) => Some((weight, score)),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_told_by_their_first_character_as_in_full() {
        let texts = [
            "项目",
            " 项目名称 ",
            "（注）项目",
            "Project",
            "PROJECT",
            "*项目",
            "：项目",
            "项",
            "其他运行经费（1）",
            "p",
            "project x",
            "\u{3000}项目",
            ")项目",
            "一级指标",
            "Level1",
            "",
            "  ",
            "İ",
            "项目（万元）",
            "項目",
            "三級指標",
            // told at the first character no name goes on with (H77)
            "项目12",
            "项目名",
            "项目名称甲",
            "项目 名 称",
            "项目名稱",
            "项目名称（一）（二）",
        ];
        for role in [Role::Project, Role::Level1, Role::Unit] {
            let names = SELF_EVALUATION
                .iter()
                .find(|(r, _)| *r == role)
                .map_or(&[][..], |(_, n)| *n);
            let long = "项目".repeat(60);
            for text in texts.iter().copied().chain([long.as_str()]) {
                let full = !text.is_empty() && names.contains(&normalize(text).as_str());
                assert_eq!(is_sheet_header_name(role, text), full, "{role:?} {text:?}");
            }
        }
    }

    #[test]
    fn normalizes_loosely() {
        assert_eq!(normalize("项目名称（资金使用单位）"), "项目名称");
        assert_eq!(normalize(" 年度 指标值 "), "年度指标值");
        assert_eq!(normalize("Indicator"), "indicator");
        assert_eq!(normalize("全年预算数(万元)"), "全年预算数");
        assert_eq!(normalize("實際完成值"), "实际完成值");
    }
}
