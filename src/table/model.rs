//! The model every later stage reads: department → units → projects → indicators.
//!
//! Both inputs (the target table of contract §4.1 and the flat self-evaluation sheet of §4.2) become
//! one [`Document`]. Text is kept as written (trimmed): targets stay raw for the target parser,
//! categories stay `None` where the table gives none. Amounts are exact [`Decimal`]s in 万元.
//! Every value carries a [`Location`] into [`Document::source`]. Nothing here reads files.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::Finding;
use crate::table::source::{Location, SourceText};

/// Which layout the input had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// 项目支出绩效目标表 (contract §4.1): amounts, goal, a 绩效指标 cell per project.
    TargetTable,
    /// 绩效自评表 flattened, one row an indicator (contract §4.2).
    SelfEvaluation,
    /// Published per-project forms (contract §4.4), one project a form; see [`Project::form`].
    Forms,
}

/// One amount cell: an exact value in 万元 and where it was.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The value in 万元, exactly as written (thousands separators removed).
    pub value: Decimal,
    /// The cell.
    pub at: Location,
}

/// The four amount cells of a target-table row; `None` where the cell is empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AmountCells {
    /// 总计.
    pub total: Option<Amount>,
    /// 财政拨款.
    pub fiscal: Option<Amount>,
    /// 财政专户拨款.
    pub special: Option<Amount>,
    /// 其他资金.
    pub other: Option<Amount>,
}

/// The four amount columns of a target-table row ([`AmountCells`], read and written through
/// it: `amounts.total`). Held boxed, and not at all where no cell is filled: 224 bytes a
/// project of a self-evaluation sheet or a form, which has none, are 8 (issue 27, the memory
/// of a table read whole).
#[derive(Clone, Default)]
pub struct Amounts(Option<Box<AmountCells>>);

/// What an [`Amounts`] of no cell reads as.
static NO_AMOUNTS: AmountCells = AmountCells {
    total: None,
    fiscal: None,
    special: None,
    other: None,
};

impl std::ops::Deref for Amounts {
    type Target = AmountCells;

    fn deref(&self) -> &AmountCells {
        self.0.as_deref().unwrap_or(&NO_AMOUNTS)
    }
}

impl std::ops::DerefMut for Amounts {
    fn deref_mut(&mut self) -> &mut AmountCells {
        self.0.get_or_insert_with(Default::default)
    }
}

impl PartialEq for Amounts {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Amounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for Amounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl Amounts {
    /// Whether no amount cell is filled.
    pub fn is_empty(&self) -> bool {
        self.total.is_none()
            && self.fiscal.is_none()
            && self.special.is_none()
            && self.other.is_none()
    }

    /// 总计 as a value (an empty cell is 0).
    pub fn total_value(&self) -> Decimal {
        self.total.as_ref().map(|a| a.value).unwrap_or_default()
    }
}

/// A text cell (or part of one) and where it was.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    /// The text as written, trimmed.
    pub text: String,
    /// Its characters in the source.
    pub at: Location,
}

/// The 合计 row of a target table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalRow {
    /// Its amounts.
    pub amounts: Amounts,
    /// The whole row.
    pub at: Location,
}

/// A unit (预算单位 / 资金使用单位) with its projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRow {
    /// The unit's name as written; empty where a self-evaluation sheet names no unit.
    pub name: String,
    /// Where the name is (for a self-evaluation sheet without a 单位 column: the first row of
    /// the unit's first project).
    pub name_at: Location,
    /// The unit row's amounts (empty for self-evaluation sheets).
    pub amounts: Amounts,
    /// Its projects in table order.
    pub projects: Vec<Project>,
    /// Whether some row that belongs to this unit was skipped (its sums are then unchecked).
    pub incomplete: bool,
    /// Whether the table has no row for this unit: project rows came before any unit row (a
    /// unit's own table), and the unit is named after the department (or empty).
    pub implicit: bool,
}

/// The budget execution line of a project (self-evaluation sheets).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    /// 全年预算数 in 万元.
    pub budget: Option<Decimal>,
    /// 全年执行数 in 万元.
    pub spent: Option<Decimal>,
    /// 分值 of the budget-execution row.
    pub weight: Option<Decimal>,
    /// 得分 the sheet printed for it.
    pub published_score: Option<Decimal>,
    /// The execution rate a form prints (a share: 0.95) where it gives no amounts: budget
    /// execution is scored from it (a form's 预算执行率 row of `95%` and 10 points).
    #[serde(skip)]
    pub rate: Option<Decimal>,
    /// The rate a form prints with no amounts is a bare figure of two readings (`1.5`: 150 %
    /// or 1.5 %, `table.form-rate-doubt`): budget execution keeps its points, waiting for a
    /// person, rather than scored either way or dropped.
    #[serde(skip)]
    pub rate_doubt: bool,
    /// The row.
    pub at: Location,
    /// The cells the 全年预算数 (a form's, or its 年初预算数) and 全年执行数 were read from, where
    /// each was read from one cell (not a form's 其中 rows' sum): a workbook figure shown
    /// rounded there is read held (`table::held`).
    #[serde(skip)]
    pub cells: [Option<Location>; 2],
}

impl BudgetLine {
    /// A sheet's budget row of amounts (no printed rate): 全年预算数, 全年执行数, 分值, 得分,
    /// the row and the two amounts' cells.
    pub(crate) fn of_amounts(
        (budget, spent): (Option<Decimal>, Option<Decimal>),
        (weight, published_score): (Option<Decimal>, Option<Decimal>),
        at: Location,
        cells: [Option<Location>; 2],
    ) -> Self {
        BudgetLine {
            budget,
            spent,
            weight,
            published_score,
            rate: None,
            rate_doubt: false,
            at,
            cells,
        }
    }
}

/// A project (项目) with its goal and indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// The project's name as written (trimmed; inner spacing kept).
    pub name: String,
    /// Where the name is.
    pub name_at: Location,
    /// The row's amounts (target tables).
    pub amounts: Amounts,
    /// 绩效目标, where given.
    pub goal: Option<Text>,
    /// Its indicators in order.
    pub indicators: Vec<IndicatorRow>,
    /// The budget line (self-evaluation sheets), where given.
    pub budget: Option<BudgetLine>,
    /// The whole row (target tables) or the first row of the project (sheets).
    pub at: Location,
    /// What a published form says beyond the indicators (contract §4.4): `None` for tables and
    /// flat sheets.
    pub form: Option<Box<FormFacts>>,
}

/// Which form a project was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// 项目支出绩效自评表 (or a 部门整体支出 self-evaluation): actuals and scores.
    SelfEvaluation,
    /// 绩效目标申报表: targets only.
    Target,
}

/// The facts of one published form (one project).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormFacts {
    /// Self-evaluation or target form.
    pub kind: FormKind,
    /// The form's title, as printed.
    pub title: Option<String>,
    /// The year in the title (`(2022年度)`).
    pub year: Option<i32>,
    /// 主管部门.
    pub department: Option<String>,
    /// The money unit of the funds block (`万元`, `元`), as printed.
    pub money_unit: Option<String>,
    /// 年初预算数.
    pub budget_initial: Option<Decimal>,
    /// 执行率 as printed (`100%`).
    pub execution_rate: Option<String>,
    /// 实际完成情况 of the goal block.
    pub goal_actual: Option<Text>,
    /// Points printed beside a category (`产出指标(50分)`), by category.
    pub category_points: Vec<(Arc<str>, Decimal)>,
    /// The 总分 / 合计 row (or a total printed elsewhere on the form: `自评总分: 95`).
    pub total: Option<FormTotal>,
    /// `其中…` rows breaking an indicator down: kept and shown, never scored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
    /// The form's own sums that no reading makes agree (`原表总分 95 ≠ 各项得分之和 100`):
    /// where any, the project is 未核对 and gets no total or grade.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    /// The form's sums agree only without its budget row (its 总分 is the indicators' 得分, its
    /// points the indicators' 分值): budget execution is shown as printed but not scored.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub budget_outside: bool,
}

/// A `其中…` row of a form: part of the indicator above it, not an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The `seq` of the indicator it breaks down.
    pub parent: u32,
    pub name: String,
    pub target: String,
    pub actual: Option<String>,
    pub at: Location,
}

/// The 总分 / 合计 row of a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormTotal {
    /// The points it adds up to (its 分值 / 权重 cell).
    pub weight: Option<Decimal>,
    /// The published total (its 得分 cell).
    pub score: Option<Decimal>,
    /// The grade printed beside it (`优`).
    pub grade: Option<String>,
    /// The row.
    pub at: Location,
}

/// A text of an indicator row: its own shared text, or a range of the block of a streamed
/// sheet it was read from (no allocation, no copy: the row holds the block, whose text the
/// document holds too). It reads, compares, hashes, prints and serialises as the `str` it is.
/// A block's range is checked once, when the text is made: reading it is a slice with no
/// check ([`RowText::in_block`] and [`RowText::within`] refuse a range that is not the
/// block's text).
#[derive(Clone)]
pub struct RowText(Held);

/// Where a [`RowText`]'s characters are.
#[derive(Clone)]
enum Held {
    Own(Arc<str>),
    /// `text[start..end]` (a range on character boundaries, checked when made).
    Block {
        text: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl RowText {
    /// `text[range]`, held with the block; `None` where `range` is no text of it (past its
    /// end, not on character boundaries, or past 4 GB).
    pub fn in_block(text: &Arc<String>, range: std::ops::Range<usize>) -> Option<RowText> {
        let start = u32::try_from(range.start).ok()?;
        let end = u32::try_from(range.end).ok()?;
        text.get(range)?;
        Some(RowText(Held::Block {
            text: Arc::clone(text),
            start,
            end,
        }))
    }

    /// `part`, a `str` that lies within `text`, held with the block (a `str` inside a `str`
    /// starts and ends on its character boundaries: nothing to check but where it lies);
    /// `None` where it does not lie within `text` or lies past 4 GB.
    #[inline]
    pub fn within(text: &Arc<String>, part: &str) -> Option<RowText> {
        let at = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        if at > text.len() || part.len() > text.len() - at {
            return None;
        }
        // (a `str` of one character or more starts and ends on its characters' boundaries; an
        // empty one is only a place, checked so that reading it back needs no check)
        if part.is_empty() && !text.is_char_boundary(at) {
            return None;
        }
        let start = u32::try_from(at).ok()?;
        let end = u32::try_from(at + part.len()).ok()?;
        Some(RowText(Held::Block {
            text: Arc::clone(text),
            start,
            end,
        }))
    }

    /// The text as an `Arc<str>` of its own (shared where it is one already, else copied).
    pub fn to_arc(&self) -> Arc<str> {
        match &self.0 {
            Held::Own(s) => Arc::clone(s),
            Held::Block { .. } => Arc::from(&**self),
        }
    }
}

impl std::ops::Deref for RowText {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match &self.0 {
            Held::Own(s) => s,
            Held::Block { text, start, end } => {
                let range = *start as usize..*end as usize;
                debug_assert!(text.get(range.clone()).is_some());
                // SAFETY: a block's range is checked when the text is made (`in_block`: a range
                // of the text on its character boundaries; `within`: a `str` that lies in it),
                // and the block's text never changes after (it is shared, never mutated: no
                // `RowText` asks for it mutably). Reading a row's texts is on the hot path (the
                // readings memo hashes and compares four of them a row): no bounds or boundary
                // checks a read.
                unsafe { text.get_unchecked(range) }
            }
        }
    }
}

impl AsRef<str> for RowText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for RowText {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<Arc<str>> for RowText {
    fn from(s: Arc<str>) -> Self {
        RowText(Held::Own(s))
    }
}

impl From<&str> for RowText {
    fn from(s: &str) -> Self {
        RowText(Held::Own(Arc::from(s)))
    }
}

impl From<String> for RowText {
    fn from(s: String) -> Self {
        RowText(Held::Own(Arc::from(s)))
    }
}

impl PartialEq for RowText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for RowText {}

impl PartialEq<str> for RowText {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl std::hash::Hash for RowText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl std::fmt::Debug for RowText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for RowText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self, f)
    }
}

impl Serialize for RowText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// One indicator (三级指标) with its raw target and, from a sheet, its actual and scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// The sequence number written in the 绩效指标 cell (`2、…` is 2); in a sheet the position
    /// inside its project, from 1.
    pub seq: u32,
    /// 一级指标 as written; `None` where the table gives none (`1、：缴存单位…`). Never invented.
    pub category: Option<Arc<str>>,
    /// 二级指标 as written, where given.
    pub subcategory: Option<RowText>,
    /// 三级指标: the indicator's name as written.
    pub name: RowText,
    /// 年度指标值: the target, raw (the target parser reads it).
    pub target: RowText,
    /// 实际完成值 from a sheet.
    pub actual: Option<RowText>,
    /// The figure a form gives a target to compare with, where it has the column: the plan value
    /// of a plan target (计划数), the baseline of a relative one (上年实际).
    pub plan: Option<Arc<str>>,
    /// 分值 from a sheet.
    pub weight: Option<Decimal>,
    /// 得分 printed in the sheet.
    pub published_score: Option<Decimal>,
    /// 偏差原因 from a sheet.
    pub deviation_note: Option<String>,
    /// The punctuation that ended the item in the 绩效指标 cell (`。`, `。。`, or empty).
    pub terminator: String,
    /// Where each part is.
    pub at: IndicatorSource,
}

/// Where the parts of one indicator are. In a 绩效指标 cell each is a byte range inside the cell;
/// in a sheet each is its own cell (the target of split columns: the value cell). What
/// [`IndicatorSource`] holds, packed, and gives back.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SourceParts {
    /// The whole item (`1、产出指标：…。`) or the whole row.
    pub item: Location,
    /// The category text, where present.
    pub category: Option<Location>,
    /// The name.
    pub name: Location,
    /// The target.
    pub target: Location,
    /// The actual, where present.
    pub actual: Option<Location>,
    /// The punctuation that ended the item in a 绩效指标 cell (zero-length where there is none);
    /// `None` for sheets.
    pub terminator: Option<Location>,
}

/// [`SourceParts`] packed (issue 27, the memory of a table read whole): six [`Location`]s of 40
/// bytes are 240 bytes an indicator row, more than half of the row. Packed, a location is four
/// 32-bit numbers (offset, length, line, column; the column's top bit says whether the location
/// names the workbook cell at its line and column, as every workbook location does), 104
/// bytes in all. A location that does not pack so (an offset past 4 GB, a cell elsewhere than
/// its line and column) keeps all six as they are, boxed: nothing is lost either way
/// ([`IndicatorSource::parts`] gives back exactly what was packed). Serialises as
/// [`SourceParts`].
#[derive(Clone)]
pub struct IndicatorSource(Packed);

#[derive(Clone)]
enum Packed {
    /// The six places in [`SourceParts`]' order; bit `k` of `present` says whether place `k`
    /// is given (item, name and target always are).
    Small {
        places: [PackedLocation; 6],
        present: u8,
    },
    Full(Box<SourceParts>),
}

/// A [`Location`] in 16 bytes (see [`IndicatorSource`]).
#[derive(Clone, Copy, Default)]
struct PackedLocation {
    offset: u32,
    len: u32,
    line: u32,
    /// The column; the top bit set where the location names the cell at (`line`, column).
    column: u32,
}

const CELL_BIT: u32 = 1 << 31;

impl PackedLocation {
    fn pack(at: Location) -> Option<PackedLocation> {
        let cell = match at.cell {
            None => 0,
            Some(c) if c.row == at.line && c.col == at.column => CELL_BIT,
            Some(_) => return None,
        };
        if at.column & CELL_BIT != 0 {
            return None;
        }
        Some(PackedLocation {
            offset: u32::try_from(at.offset).ok()?,
            len: u32::try_from(at.len).ok()?,
            line: at.line,
            column: at.column | cell,
        })
    }

    #[inline]
    fn unpack(self) -> Location {
        let column = self.column & !CELL_BIT;
        Location {
            offset: self.offset as usize,
            len: self.len as usize,
            line: self.line,
            column,
            cell: (self.column & CELL_BIT != 0).then_some(crate::source::CellAddr {
                row: self.line,
                col: column,
            }),
        }
    }
}

impl SourceParts {
    /// The six places in the order [`IndicatorSource`] packs them.
    fn places(&self) -> [Option<Location>; 6] {
        [
            Some(self.item),
            self.category,
            Some(self.name),
            Some(self.target),
            self.actual,
            self.terminator,
        ]
    }
}

impl From<SourceParts> for IndicatorSource {
    fn from(parts: SourceParts) -> IndicatorSource {
        let all = parts.places();
        let mut places = [PackedLocation::default(); 6];
        let mut present = 0u8;
        for (k, at) in all.into_iter().enumerate() {
            if let Some(at) = at {
                match PackedLocation::pack(at) {
                    Some(p) => places[k] = p,
                    None => return IndicatorSource(Packed::Full(Box::new(parts))),
                }
                present |= 1 << k;
            }
        }
        IndicatorSource(Packed::Small { places, present })
    }
}

impl IndicatorSource {
    /// The places of a sheet's row (no terminator), packed as `From<SourceParts>` packs them,
    /// without the six places gathered and walked first (a streamed row's places: 240
    /// instructions a row that way).
    pub fn of_row(
        item: Location,
        category: Option<Location>,
        name: Location,
        target: Location,
        actual: Option<Location>,
    ) -> IndicatorSource {
        let mut places = [PackedLocation::default(); 6];
        let mut present = 0b1101;
        let mut pack = |k: usize, at: Location| {
            places[k] = PackedLocation::pack(at)?;
            present |= 1 << k;
            Some(())
        };
        let packed = pack(0, item)
            .and_then(|_| pack(2, name))
            .and_then(|_| pack(3, target))
            .and_then(|_| category.map_or(Some(()), |at| pack(1, at)))
            .and_then(|_| actual.map_or(Some(()), |at| pack(4, at)));
        match packed {
            Some(()) => IndicatorSource(Packed::Small { places, present }),
            None => IndicatorSource(Packed::Full(Box::new(SourceParts {
                item,
                category,
                name,
                target,
                actual,
                terminator: None,
            }))),
        }
    }

    /// The places of a row read straight from a block's text (`table::flat`), packed as
    /// [`IndicatorSource::of_row`] packs them without a [`Location`] made for each: the row
    /// (`row`: its byte range, line `line`, column 1) and its cells `[name, category, target,
    /// actual]`, each (offset, length, column); the name is always given, a target not given
    /// is the name's place with no length. `None` where a column does not pack (past 2^31).
    #[inline]
    pub(crate) fn of_text_row(
        line: u32,
        row: (u32, u32),
        cells: [Option<(u32, u32, u32)>; 4],
    ) -> Option<IndicatorSource> {
        let [name, category, target, actual] = cells;
        let name = name?;
        let target = target.unwrap_or((name.0, 0, name.2));
        let place = |(offset, len, column): (u32, u32, u32)| {
            (column & CELL_BIT == 0).then_some(PackedLocation {
                offset,
                len,
                line,
                column,
            })
        };
        let mut places = [PackedLocation::default(); 6];
        let mut present = 0b1101;
        places[0] = place((row.0, row.1 - row.0, 1))?;
        places[2] = place(name)?;
        places[3] = place(target)?;
        if let Some(c) = category {
            places[1] = place(c)?;
            present |= 1 << 1;
        }
        if let Some(a) = actual {
            places[4] = place(a)?;
            present |= 1 << 4;
        }
        Some(IndicatorSource(Packed::Small { places, present }))
    }

    /// Place `k` of [`SourceParts`]' order, where given.
    #[inline]
    fn place(&self, k: usize) -> Option<Location> {
        match &self.0 {
            Packed::Small { places, present } => {
                (present & (1 << k) != 0).then(|| places[k].unpack())
            }
            Packed::Full(parts) => parts.places()[k],
        }
    }

    /// Place `k` (item, name or target: always given).
    #[inline]
    fn given(&self, k: usize) -> Location {
        match &self.0 {
            Packed::Small { places, .. } => places[k].unpack(),
            Packed::Full(parts) => match k {
                0 => parts.item,
                2 => parts.name,
                _ => parts.target,
            },
        }
    }

    /// The whole item (`1、产出指标：…。`) or the whole row.
    pub fn item(&self) -> Location {
        self.given(0)
    }

    /// The category text, where present.
    pub fn category(&self) -> Option<Location> {
        self.place(1)
    }

    /// The name.
    pub fn name(&self) -> Location {
        self.given(2)
    }

    /// The target.
    pub fn target(&self) -> Location {
        self.given(3)
    }

    /// The actual, where present.
    pub fn actual(&self) -> Option<Location> {
        self.place(4)
    }

    /// The punctuation that ended the item in a 绩效指标 cell (zero-length where there is none);
    /// `None` for sheets.
    pub fn terminator(&self) -> Option<Location> {
        self.place(5)
    }

    /// Every place, as given.
    pub fn parts(&self) -> SourceParts {
        SourceParts {
            item: self.item(),
            category: self.category(),
            name: self.name(),
            target: self.target(),
            actual: self.actual(),
            terminator: self.terminator(),
        }
    }
}

impl PartialEq for IndicatorSource {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl std::fmt::Debug for IndicatorSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.parts(), f)
    }
}

impl Serialize for IndicatorSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.parts().serialize(serializer)
    }
}

/// Everything read from one table.
#[derive(Debug, Clone)]
pub struct Document {
    /// The source text every [`Location`] points into.
    pub source: SourceText,
    /// The layout found.
    pub layout: Layout,
    /// `部门名称：…` from the preamble.
    pub department: Option<String>,
    /// `单位：万元` and the like from the preamble (the money unit as written).
    pub money_unit: Option<String>,
    /// The 合计 row, where present.
    pub total: Option<TotalRow>,
    /// Units in table order.
    pub units: Vec<UnitRow>,
    /// What the reader found wrong, in source order (integrity findings last).
    pub findings: Vec<Finding>,
    /// Data rows read (blank, preamble and header rows not counted).
    pub rows_read: usize,
    /// Data rows skipped because they were malformed (each has a finding).
    pub rows_skipped: usize,
    /// The targets and actuals read as the value their cell holds where the sheet shows it
    /// rounded, sorted by place (empty but for such a workbook: [`super::held`]).
    pub held: Vec<super::held::HeldFigure>,
}

/// The counts of contract §3 findings JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Units.
    pub units: usize,
    /// Projects.
    pub projects: usize,
    /// Indicators.
    pub indicators: usize,
    /// Data rows read.
    pub rows_read: usize,
    /// Data rows skipped.
    pub rows_skipped: usize,
}

impl Document {
    /// The counts of units, projects, indicators and rows.
    pub fn counts(&self) -> Counts {
        Counts {
            units: self.units.len(),
            projects: self.units.iter().map(|u| u.projects.len()).sum(),
            indicators: self.indicators().count(),
            rows_read: self.rows_read,
            rows_skipped: self.rows_skipped,
        }
    }

    /// Every project with its unit, in table order.
    pub fn projects(&self) -> impl Iterator<Item = (&UnitRow, &Project)> {
        self.units
            .iter()
            .flat_map(|u| u.projects.iter().map(move |p| (u, p)))
    }

    /// Whether the table carries anything year-end to score: an actual (实际完成值) on some
    /// indicator, a 全年执行数, or a printed 得分 (the office's grading of its qualitative rows).
    /// A target table, or a form still to fill, has none, and scoring it would give every
    /// project 0.00.
    pub fn has_actuals(&self) -> bool {
        self.projects().any(|(_, p)| {
            p.budget
                .as_ref()
                .is_some_and(|b| b.spent.is_some() || b.published_score.is_some())
                || p.indicators.iter().any(|i| {
                    i.actual.as_deref().is_some_and(|a| !a.trim().is_empty())
                        || i.published_score.is_some()
                })
        })
    }

    /// Every indicator with its unit and project, in table order.
    pub fn indicators(&self) -> impl Iterator<Item = (&UnitRow, &Project, &IndicatorRow)> {
        self.projects()
            .flat_map(|(u, p)| p.indicators.iter().map(move |i| (u, p, i)))
    }

    /// The year its forms print (`(2022年度)`), where every form that prints one agrees.
    pub fn form_year(&self) -> Option<i32> {
        let mut years = self
            .projects()
            .filter_map(|(_, p)| p.form.as_ref().and_then(|f| f.year));
        let first = years.next()?;
        years.all(|y| y == first).then_some(first)
    }

    /// The findings JSON of contract §3 (`{"counts":…,"findings":[…]}`), ready for serde.
    pub fn findings_report(&self) -> FindingsReport<'_> {
        FindingsReport {
            counts: self.counts(),
            findings: &self.findings,
        }
    }
}

/// The findings JSON of contract §3, fields in the order the contract gives.
#[derive(Debug, Serialize)]
pub struct FindingsReport<'a> {
    /// Counts.
    pub counts: Counts,
    /// Findings.
    pub findings: &'a [Finding],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(offset: usize, len: usize, line: u32, column: u32, cell: bool) -> Location {
        Location {
            offset,
            len,
            line,
            column,
            cell: cell.then_some(crate::source::CellAddr {
                row: line,
                col: column,
            }),
        }
    }

    /// Packed places give back exactly what was packed, whether they pack small or not
    /// (an offset past 4 GB, a cell elsewhere than its line and column, a column using the
    /// cell bit): each part, the serialised form and equality.
    #[test]
    fn packed_places_are_given_back_as_packed() {
        let small = at(7, 12, 3, 2, false);
        let cell = at(100, 3, 12, 7, true);
        let far = at(u32::MAX as usize + 5, 2, 1, 1, false);
        let long = at(0, u32::MAX as usize + 1, 1, 1, false);
        let elsewhere = Location {
            cell: Some(crate::source::CellAddr { row: 2, col: 9 }),
            ..small
        };
        let high_column = at(1, 1, 1, 1 << 31, false);
        for odd in [
            None,
            Some(far),
            Some(long),
            Some(elsewhere),
            Some(high_column),
        ] {
            for k in 0..6 {
                let mut places = [Some(small), Some(cell), Some(small), Some(cell), None, None];
                if k == 4 {
                    places[5] = Some(small.with_len(0));
                }
                if let Some(o) = odd {
                    places[k] = Some(o);
                }
                let parts = SourceParts {
                    item: places[0].unwrap_or(small),
                    category: places[1],
                    name: places[2].unwrap_or(small),
                    target: places[3].unwrap_or(small),
                    actual: places[4],
                    terminator: places[5],
                };
                let packed = IndicatorSource::from(parts);
                assert_eq!(packed.parts(), parts);
                assert_eq!(packed.item(), parts.item);
                assert_eq!(packed.category(), parts.category);
                assert_eq!(packed.name(), parts.name);
                assert_eq!(packed.target(), parts.target);
                assert_eq!(packed.actual(), parts.actual);
                assert_eq!(packed.terminator(), parts.terminator);
                assert_eq!(
                    serde_json::to_string(&packed).expect("json"),
                    serde_json::to_string(&parts).expect("json")
                );
                assert_eq!(packed, IndicatorSource::from(parts));
                // a sheet's row packs its places alike
                let row = IndicatorSource::of_row(
                    parts.item,
                    parts.category,
                    parts.name,
                    parts.target,
                    parts.actual,
                );
                let no_terminator = SourceParts {
                    terminator: None,
                    ..parts
                };
                assert_eq!(row.parts(), no_terminator);
                assert_eq!(
                    std::mem::discriminant(&row.0),
                    std::mem::discriminant(&IndicatorSource::from(no_terminator).0)
                );
                assert_eq!(format!("{packed:?}"), format!("{parts:?}"));
            }
        }
        // small where every place packs: 104 bytes, not six locations' 240
        assert!(std::mem::size_of::<IndicatorSource>() <= 104);
    }

    /// A text row's places packed straight are what [`IndicatorSource::of_row`] packs of the
    /// same places, with every part given or not and a target not given (the name's place, no
    /// length); a column past 2^31 is refused (its row is packed the other way).
    #[test]
    fn a_text_rows_places_pack_as_its_locations_do() {
        let (line, row) = (9, (40, 90));
        let item = at(40, 50, line, 1, false);
        for mask in 0..8 {
            let part = |k: u32, offset: u32, column: u32| {
                (mask & (1 << k) != 0).then_some((offset, 3 + k, column))
            };
            let (category, target, actual) = (part(0, 41, 2), part(1, 60, 12), part(2, 70, 20));
            let name = (50, 6, 8);
            let to_at = |(o, l, c): (u32, u32, u32)| at(o as usize, l as usize, line, c, false);
            let packed =
                IndicatorSource::of_text_row(line, row, [Some(name), category, target, actual])
                    .expect("packs");
            let by_locations = IndicatorSource::of_row(
                item,
                category.map(to_at),
                to_at(name),
                to_at(target.unwrap_or((name.0, 0, name.2))),
                actual.map(to_at),
            );
            assert_eq!(packed.parts(), by_locations.parts(), "{mask}");
            assert_eq!(packed, by_locations);
        }
        let high = (50, 6, 1 << 31);
        assert!(IndicatorSource::of_text_row(line, row, [Some(high), None, None, None]).is_none());
        assert!(IndicatorSource::of_text_row(line, row, [None, None, None, None]).is_none());
    }

    /// A block's text is read back with no check ([`RowText`]'s `deref`): every range made is
    /// checked when made. Every range of a block of one- to four-byte characters, each ends
    /// within, past or inside a character: made exactly where the block's `get` gives a text,
    /// and read back as that text; a part of the block is held as itself, and an empty part
    /// inside a character (a safe `str`: an empty run of bytes) is refused.
    #[test]
    fn a_text_held_with_its_block_is_made_only_where_it_reads_back() {
        let block = Arc::new(String::from("产\t≥9é%a𝄞"));
        let len = block.len();
        for a in 0..len + 3 {
            for b in 0..len + 3 {
                let made = RowText::in_block(&block, a..b);
                assert_eq!(made.is_some(), block.get(a..b).is_some(), "{a}..{b}");
                if let (Some(made), Some(text)) = (made, block.get(a..b)) {
                    assert_eq!(&*made, text, "{a}..{b}");
                    let within = RowText::within(&block, text).expect("a part of the block");
                    assert_eq!(&*within, text, "{a}..{b}");
                }
            }
            if a <= len {
                // (no bytes are a `str` wherever they are; `&block[a..a]` panics inside one)
                let bytes = block.as_bytes();
                let empty = std::str::from_utf8(&bytes[a..a]).expect("no bytes");
                let within = RowText::within(&block, empty);
                assert_eq!(within.is_some(), block.is_char_boundary(a), "{a}");
                assert!(within.is_none_or(|w| w.is_empty()));
            }
        }
    }

    /// A text held with its block reads, compares, hashes, prints and serialises as the same
    /// text of its own; a range that is no text of the block is refused.
    #[test]
    fn a_text_held_with_its_block_is_the_text() {
        let block = Arc::new(String::from("产出指标\t≥95%\té"));
        let hash = |t: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
            use std::hash::Hasher;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t(&mut h);
            h.finish()
        };
        for (range, text) in [
            (0..12, "产出指标"),
            (13..19, "≥95%"),
            (20..22, "é"),
            (22..22, ""),
        ] {
            let held = RowText::in_block(&block, range.clone()).expect("a text of the block");
            let own = RowText::from(text);
            assert_eq!(&*held, text);
            assert_eq!(held, own);
            assert_eq!(format!("{held:?}"), format!("{:?}", Arc::<str>::from(text)));
            assert_eq!(held.to_string(), text);
            assert_eq!(
                serde_json::to_string(&held).expect("json"),
                serde_json::to_string(text).expect("json")
            );
            use std::hash::Hash;
            assert_eq!(hash(&|h| held.hash(h)), hash(&|h| text.hash(h)));
            assert_eq!(&*held.to_arc(), text);
            // the same part of the block, told by where it lies
            let within = RowText::within(&block, &block[range.clone()]).expect("within");
            assert_eq!(&*within, text);
            assert_eq!(within, held);
        }
        // texts that do not lie within the block: a literal, an equal text of another string,
        // another string's tail
        let other = String::from("产出指标\t≥95%\té and more");
        assert!(RowText::within(&block, "产出指标").is_none());
        assert!(RowText::within(&block, &other[..12]).is_none());
        assert!(RowText::within(&block, &other[block.len()..]).is_none());
        // inside a character, past the end
        assert!(RowText::in_block(&block, 1..12).is_none());
        assert!(RowText::in_block(&block, 20..21).is_none());
        assert!(RowText::in_block(&block, 19..40).is_none());
    }
}
