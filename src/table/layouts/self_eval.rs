//! The flat self-evaluation sheet (contract §4.2): one row an indicator, into the same model.
//!
//! 单位, 项目, 一级指标 and 二级指标 are filled down from the row above when empty (merged cells
//! in a workbook read as empty). Split target columns (指标性质 | 指标值 | 度量单位) are joined
//! into one target (`≥` `95` `%` → `≥95%`). A project's budget row is either a row with 全年预算数/
//! 全年执行数 and no 三级指标, or — as flattened sheets write it — a row whose 三级指标 is
//! `预算执行率` with no 一级指标 and plain numbers as target and actual: the target is then the
//! budget and the actual the amount spent (万元), and its 分值/得分 are kept on the budget line.
//!
//! Rows come as the grid's, or straight from a streamed block's text ([`SheetRow`]); read the
//! same either way. An indicator's name, target, actual and 二级指标 are kept as ranges of the
//! source text where they are a part of it ([`RowText`]: no copy a row), else copied.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity, codes};
use crate::table::Ctx;
use crate::table::amount::{NotANumber, parse_number, parse_number_why, without_wanyuan};
use crate::table::columns::{Header, Role};
use crate::table::form::pair::{Shape, labelled_noted, split, unsplit};
use crate::table::grid::Row;
use crate::table::model::{
    Amounts, BudgetLine, IndicatorRow, IndicatorSource, Project, RowText, UnitRow,
};
use crate::table::moved_header::MovedHeader;
use crate::table::source::{Location, SourceText};
use crate::table::target_table::clip;
use crate::table::{sheet_headings, sheet_total};

/// What is filled down from the rows above: the unit and project of the last row read, and
/// the 一级/二级指标 in effect; and the header in force where a header row below the first
/// moved its columns (`moved_header`). Carried from one block to the next when a sheet is read
/// in blocks (streaming).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FillDown {
    pub unit: Option<Arc<str>>,
    pub project: Option<Arc<str>>,
    pub level1: Option<Arc<str>>,
    pub level2: Option<RowText>,
    pub moved: Option<Arc<MovedHeader>>,
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
    /// Whether `self` and `other` agree in the parts `used`, and in the header in force (every
    /// row of a block reads by it: two `None`s on every sheet but two tables in one).
    pub fn agrees(&self, other: &FillDown, used: StateUse) -> bool {
        self.moved == other.moved
            && (!used.unit || self.unit == other.unit)
            && (!used.project || self.project == other.project)
            && (!used.level1 || self.level1 == other.level1)
            && (!used.level2 || self.level2 == other.level2)
    }
}

/// What the layout reads of one data row: its cells' trimmed texts and where they are. A row of
/// the grid is one ([`Row`]); a row of a plain block read straight from its text
/// (`table::flat`) is another, with no cell list of its own. Both read the same.
pub(crate) trait SheetRow<'t>: Copy {
    /// The cells in the row.
    fn width(self) -> usize;
    /// The trimmed text of cell `i` (`""` where the row has no such cell).
    fn text(self, i: usize) -> &'t str;
    /// Where cell `i`'s text is (a cell the row has).
    fn cell_at(self, i: usize, source: &SourceText) -> Location;
    /// Where the cells `cols` are (each a cell the row has, or `None`), in the order asked:
    /// [`SheetRow::cell_at`] of each, which a row read from its text answers in one pass.
    fn cells_at<const N: usize>(
        self,
        cols: [Option<usize>; N],
        source: &SourceText,
    ) -> [Option<Location>; N] {
        cols.map(|c| c.map(|i| self.cell_at(i, source)))
    }
    /// Where an indicator row's parts are: the row (`row_at`) and its cells `cols` (name,
    /// 一级指标, target, actual; the name's always given, a target not given is the name's
    /// place with no length), packed. [`SheetRow::cells_at`] packed by
    /// [`IndicatorSource::of_row`]; a row read from its text packs its places straight.
    fn indicator_source(
        self,
        row_at: Location,
        cols: [Option<usize>; 4],
        source: &SourceText,
    ) -> IndicatorSource {
        by_cells(self, row_at, cols, source)
    }
    /// Where the whole row is.
    fn row_at(self, ctx: &Ctx<'_>) -> Location;
    /// Checks the row's shape against the header (too few cells skips it with a finding; a
    /// filled cell beyond the header is a warning): whether it is read.
    fn shape_ok(self, ctx: &mut Ctx<'_>, h: &Header) -> bool;
}

impl<'t> SheetRow<'t> for &'t Row<'_> {
    fn width(self) -> usize {
        self.cells.len()
    }

    fn text(self, i: usize) -> &'t str {
        Row::text(self, i)
    }

    fn cell_at(self, i: usize, source: &SourceText) -> Location {
        self.cells[i].location(source)
    }

    fn row_at(self, ctx: &Ctx<'_>) -> Location {
        ctx.row_location(self)
    }

    fn shape_ok(self, ctx: &mut Ctx<'_>, h: &Header) -> bool {
        ctx.check_shape(h, self)
    }
}

/// [`SheetRow::indicator_source`] made of [`SheetRow::cells_at`] and
/// [`IndicatorSource::of_row`] (every kind of row's way, and a text row's where its places do not
/// pack straight).
pub(crate) fn by_cells<'t, R: SheetRow<'t>>(
    row: R,
    row_at: Location,
    cols: [Option<usize>; 4],
    source: &SourceText,
) -> IndicatorSource {
    let [name_at, category_at, target_at, actual_at] = row.cells_at(cols, source);
    let name_at = name_at.unwrap_or(row_at);
    IndicatorSource::of_row(
        row_at,
        category_at,
        name_at,
        target_at.unwrap_or(name_at.with_len(0)),
        actual_at,
    )
}

/// A filled cell of a row: its column and trimmed text.
#[derive(Clone, Copy)]
struct Cell<'t> {
    i: usize,
    text: &'t str,
}

/// Reads the data rows of a self-evaluation sheet. `unit_hint` names the unit when the sheet
/// has no 单位 column (from `单位名称：…` in the preamble); else the unit name is empty.
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    h: &Header,
    rows: &[&Row],
    unit_hint: Option<&str>,
) -> Vec<UnitRow> {
    read_from(ctx, h, rows, (unit_hint, false), &mut FillDown::default()).0
}

/// [`read`] starting from the fill-down state `state` (left as the last row leaves it), for
/// rows of any kind ([`SheetRow`]). `continues`: the rows are a streamed block that may go on
/// with the project the block before was cut inside, so the first project's printed total is
/// left unchecked here (its rows are a part; `sheet_carry` checks it against the whole
/// project's at the turnstile).
pub(crate) fn read_from<'t, R: SheetRow<'t>>(
    ctx: &mut Ctx<'_>,
    h: &Header,
    rows: &[R],
    (unit_hint, continues): (Option<&str>, bool),
    state: &mut FillDown,
) -> (Vec<UnitRow>, StateUse) {
    let (number_cols, number_count) = number_cols(h);
    let target_parts = [Role::Nature, Role::Measure, Role::Direction]
        .into_iter()
        .any(|r| h.col(r).is_some());
    let mut sheet = SheetReader {
        number_cols,
        number_count,
        target_parts,
        ctx,
        h,
        unit_hint,
        state,
        used: StateUse::default(),
        set: StateUse::default(),
        units: Vec::new(),
        unit_index: FxHashMap::default(),
        project_index: Vec::new(),
        last_place: None,
        categories: Vec::new(),
        rows,
        at: 0,
        totals: Vec::new(),
        sums: Vec::new(),
        sum_from: None,
        headings: Vec::new(),
        continues,
        labelled_said: false,
    };
    for (i, &row) in rows.iter().enumerate() {
        sheet.at = i;
        sheet.row(row);
    }
    sheet.check_totals();
    (sheet.units, sheet.used)
}

/// Where the project a row belongs to is in the units read (its unit's and its own names are
/// those of `units[ui]` and its `projects[pi]`).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Place {
    ui: usize,
    pi: usize,
}

/// A run of a sheet's rows being read: the fill-down state and the units read so far.
struct SheetReader<'s, 'c, 'a, R> {
    ctx: &'c mut Ctx<'a>,
    h: &'s Header,
    unit_hint: Option<&'s str>,
    state: &'s mut FillDown,
    /// Which parts of the incoming state were read before this run set them.
    used: StateUse,
    set: StateUse,
    units: Vec<UnitRow>,
    /// The units by name (the names shared with the state: no copy a unit).
    unit_index: FxHashMap<Arc<str>, usize>,
    /// Per unit: its projects by name.
    project_index: Vec<FxHashMap<Arc<str>, usize>>,
    /// The unit and project names of the last row read, and where that project is.
    last_place: Option<(Arc<str>, Arc<str>, usize, usize)>,
    /// The 一级指标 names made so far (a few: a sheet repeats the same categories project
    /// after project), shared by the rows that name them again instead of one copy a project.
    categories: Vec<Arc<str>>,
    /// The rows being read, and the index of the row being read in them (to size a new
    /// project's indicators once, from the rows that follow it).
    rows: &'s [R],
    at: usize,
    /// The projects that have a total row of their own (`sheet_total`, `None`) or a subtotal
    /// (`Some`: the indicators it sums are told at the end), checked at the end.
    totals: Vec<(Place, Option<sheet_total::Subtotal>)>,
    /// Summing rows (`合计` in the 项目 column) over several projects, checked at the end.
    sums: Vec<sheet_total::ProjectsSum>,
    /// The unit of the last summing row and its projects' count then: the next one sums the
    /// projects after those.
    sum_from: Option<(usize, usize)>,
    /// Rows read as indicators that may be category headings (`一、产出指标` alone on a row),
    /// told once the rows are read (`sheet_headings`).
    headings: Vec<(Place, sheet_headings::Heading)>,
    /// The number cells the header has ([`NUMBER_CELLS`]' index and the column), the first
    /// `number_count` of them: resolved once, not a role looked up a row (`number_cols`).
    number_cols: [(usize, usize); 4],
    number_count: usize,
    /// Whether the header has a 指标性质, 度量单位 or 指标方向 column, whose cells a row's
    /// target is joined with ([`joined_target`]); resolved once, not three roles looked up a
    /// row.
    target_parts: bool,
    /// Whether the first project's printed total is left to `sheet_carry` (a streamed block
    /// that may continue a project cut inside: [`read_from`]).
    continues: bool,
    /// Whether a target cell that labels its actual too was split and said ([`Self::paired`]).
    labelled_said: bool,
}

/// The number cells `h` has: each [`NUMBER_CELLS`] index with its column, in that order, and
/// how many.
fn number_cols(h: &Header) -> ([(usize, usize); 4], usize) {
    let mut cols = [(0, 0); 4];
    let mut n = 0;
    for (k, &(role, ..)) in NUMBER_CELLS.iter().enumerate() {
        if let Some(i) = h.col(role) {
            cols[n] = (k, i);
            n += 1;
        }
    }
    (cols, n)
}

/// The non-empty cell of `row` in the column of `role`.
fn cell<'t, R: SheetRow<'t>>(h: &Header, row: R, role: Role) -> Option<Cell<'t>> {
    let i = h.col(role)?;
    let text = row.text(i);
    (!text.is_empty()).then_some(Cell { i, text })
}

/// Where the cells of `roles` are in `row` (a budget row's amounts: `BudgetLine::cells`), in a
/// workbook, a document or a page; none in a text input, which shows no figure rounded (and
/// whose cell places cost a count of the row's characters: the streamed 1M sheet's budget rows
/// took 1 % more instructions for them).
fn cells_of<'t, R: SheetRow<'t>>(
    h: &Header,
    row: R,
    source: &SourceText,
    roles: [Role; 2],
) -> [Option<Location>; 2] {
    if source.format.is_text() {
        return [None; 2];
    }
    roles.map(|role| cell(h, row, role).map(|c| row.cell_at(c.i, source)))
}

/// Whether a 预算执行率 row's target is the whole budget: empty, `100%`, `≥100%` (the rate
/// the budget line is scored against); a lower target (`≥95%`) is an indicator's, scored as one.
fn whole_budget(target: &str) -> bool {
    let t = target.trim();
    let t = t
        .trim_start_matches(['≥', '≧', '>', '=', '＞', '＝'])
        .trim_start();
    t.is_empty() || percent_share(t) == Some(Decimal::ONE)
}

/// A rate written with its `%` (`93.5%`, `93.50 ％`) as a share (0.935); `None` for anything
/// else: a bare `0.935` or `93.5` could be either scale and is not taken as the rate.
fn percent_share(text: &str) -> Option<Decimal> {
    let digits = text.trim().strip_suffix(['%', '％'])?.trim_end();
    let v = parse_number(digits).ok().flatten()?;
    if v.is_sign_negative() {
        return None;
    }
    v.checked_div(Decimal::ONE_HUNDRED)
}

/// The cells a 预算执行率 row's amounts were read from: each its column's where that column
/// gave it (`read`), else the target's (全年预算数) or the actual's (全年执行数).
fn rate_row_cells<'t, R: SheetRow<'t>>(
    h: &Header,
    row: R,
    source: &SourceText,
    read: [Option<Decimal>; 2],
) -> [Option<Location>; 2] {
    let from = [
        [Role::Target, Role::Budget][usize::from(read[0].is_some())],
        [Role::Actual, Role::Spent][usize::from(read[1].is_some())],
    ];
    cells_of(h, row, source, from)
}

/// A name shared with the state (a row that repeats it allocates nothing).
fn shared(cell: Option<Cell>, last: &Option<Arc<str>>) -> Option<Arc<str>> {
    match (cell, last) {
        (Some(c), Some(l)) if c.text == &**l => Some(l.clone()),
        (Some(c), _) => Some(Arc::from(c.text)),
        (None, l) => l.clone(),
    }
}

/// The project of a unit's overall spending named by its cell `unit` (`某县农业农村局` +
/// `部门整体支出`: [`Header::project_suffix`]), shared with the state's where it is that one; a
/// summing row's `合计` stays as written.
#[cold]
#[inline(never)]
fn whole_spending(unit: &str, suffix: Option<&str>, last: &Option<Arc<str>>) -> Arc<str> {
    let suffix = suffix.unwrap_or("");
    if let Some(l) = last
        && l.strip_suffix(suffix) == Some(unit)
    {
        return l.clone();
    }
    if sheet_total::is_total_name(unit) {
        return Arc::from(unit);
    }
    Arc::from(format!("{unit}{suffix}"))
}

/// Sets `slot` to `name`, unless it holds that very name already.
fn set_shared(slot: &mut Option<Arc<str>>, name: &Arc<str>) {
    if !slot.as_ref().is_some_and(|s| Arc::ptr_eq(s, name)) {
        *slot = Some(name.clone());
    }
}

/// Whether a name opens with its own number (`指标2：…`, `2.`, `3、`, `（二）`, `(3)`): an
/// indicator of its own (or a template's), never the rest of the name above it.
fn numbered(name: &str) -> bool {
    let t = name.trim_start();
    let t = t.strip_prefix("指标").unwrap_or(t);
    let t = t.trim_start_matches(['（', '(']);
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .count();
    digits > 0
        && t.chars()
            .nth(digits)
            .is_some_and(|c| ".．、:：）) ".contains(c))
}

/// Whether the number cell `text` starts with printable ASCII and ends with an ASCII digit:
/// no `分`, `%` or `万元` ends it and no space is at either end (what `SheetReader::numbers`
/// drops before reading a figure leaves it whole).
#[inline]
fn plain_figure(text: &str) -> bool {
    let b = text.as_bytes();
    b.first().is_some_and(|f| (0x21..=0x7E).contains(f)) && b.last().is_some_and(u8::is_ascii_digit)
}

/// Cell `i` of `row` read as [`NUMBER_CELLS`]' `k`th figure (`None` where empty).
#[inline(always)]
fn number<'t, R: SheetRow<'t>>(
    row: R,
    k: usize,
    i: usize,
) -> Result<Option<Decimal>, BadNumber<'t>> {
    let text = row.text(i);
    if text.is_empty() {
        return Ok(None);
    }
    let (c, role) = (Cell { i, text }, NUMBER_CELLS[k].0);
    // (a figure between ASCII ends, `258.00`, has no 分, % or 万元 to drop and no space to
    // trim: most filled number cells, read without the searches)
    let text = if plain_figure(c.text) {
        c.text
    } else {
        let text = c.text.trim_end_matches(['分', '%']);
        match role {
            Role::Budget | Role::Spent => without_wanyuan(text),
            _ => text,
        }
    };
    parse_number_why(text).map_err(|why| BadNumber { k, cell: c, why })
}

/// `预算执行` in an indicator's name (a budget row, form 2), looked for by a searcher built once
/// (`str::contains` builds one each row).
static BUDGET_ROW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("预算执行"));

/// The 分值, 得分, 全年预算数 and 全年执行数 of a row.
type Numbers = [Option<Decimal>; 4];

/// A number cell of a row that is not a number: which of [`NUMBER_CELLS`], the cell, and why.
struct BadNumber<'t> {
    k: usize,
    cell: Cell<'t>,
    why: NotANumber,
}

/// The cells of [`Numbers`], in its order: their role, their name in a finding and the code of
/// a cell that is not a number.
const NUMBER_CELLS: [(Role, &str, crate::codes::Code); 4] = [
    (Role::Weight, "分值", codes::BAD_NUMBER),
    (Role::Score, "得分", codes::BAD_NUMBER),
    (Role::Budget, "全年预算数", codes::BAD_AMOUNT),
    (Role::Spent, "全年执行数", codes::BAD_AMOUNT),
];

impl<'t, R: SheetRow<'t>> SheetReader<'_, '_, '_, R> {
    /// Checks each project's total row and subtotals against its rows (`sheet_total`), once
    /// the rows are read: a subtotal sums the project's indicators since its last subtotal.
    fn check_totals(&mut self) {
        let mut totals = std::mem::take(&mut self.totals);
        // a project's entries together, each in the order read
        totals.sort_by_key(|(p, _)| (p.ui, p.pi));
        if !self.headings.is_empty() {
            self.settle_headings(&mut totals);
        }
        let mut from = (None, 0);
        for (place, sub) in totals {
            let project = &mut self.units[place.ui].projects[place.pi];
            match sub {
                // the first project of a block that may continue a cut one: checked at the
                // turnstile against the whole project (`sheet_carry`), its findings put where
                // they would have been listed here
                None if self.continues && place == (Place { ui: 0, pi: 0 }) => {
                    self.ctx.first_total_at = Some(self.ctx.findings.listed());
                }
                None => sheet_total::check(self.ctx, project),
                Some(mut sub) => {
                    sub.from = if from.0 == Some(place) { from.1 } else { 0 };
                    from = (Some(place), sub.to);
                    sheet_total::check_subtotal(self.ctx, project, &sub);
                }
            }
        }
        for sum in std::mem::take(&mut self.sums) {
            let projects = &self.units[sum.ui].projects[sum.projects.clone()];
            sheet_total::check_projects_sum(self.ctx, projects, &sum);
        }
    }

    /// Takes the category headings out of their projects' indicators (`sheet_headings`), and
    /// moves the subtotals read with the rows (`totals`, sorted by project) past them.
    fn settle_headings(&mut self, totals: &mut [(Place, Option<sheet_total::Subtotal>)]) {
        let mut headings = std::mem::take(&mut self.headings);
        headings.sort_by_key(|(p, _)| (p.ui, p.pi));
        for group in headings.chunk_by(|a, b| a.0 == b.0) {
            let place = group[0].0;
            let found: Vec<sheet_headings::Heading> =
                group.iter().map(|(_, h)| h.clone()).collect();
            let project = &mut self.units[place.ui].projects[place.pi];
            let taken = sheet_headings::settle(self.ctx, project, &found);
            // `totals` is sorted by project: the place's own, found by halving (a filter over
            // all of them made settling quadratic in the projects with headings)
            let key = |p: &Place| (p.ui, p.pi);
            let from = totals.partition_point(|(p, _)| key(p) < key(&place));
            for (_, sub) in totals[from..].iter_mut().take_while(|(p, _)| *p == place) {
                if let Some(sub) = sub {
                    sub.to -= taken.partition_point(|&i| i < sub.to);
                }
            }
        }
    }

    /// Reads one data row: its unit and project (filled down), its numbers, then what it is
    /// (a budget row, a project heading, an indicator).
    fn row(&mut self, row: R) {
        if !row.shape_ok(self.ctx, self.h) {
            return;
        }
        let row_at = row.row_at(self.ctx);
        let unit_cell = cell(self.h, row, Role::Unit);
        let project_cell = cell(self.h, row, Role::Project);
        if unit_cell.is_none()
            && project_cell.is_none()
            && let Some(place) = self.place_of_state()
        {
            self.row_in_place(row, place, row_at);
            return;
        }
        let Some((unit_name, project_name)) = self.names(row, unit_cell, project_cell) else {
            return;
        };
        if project_cell.is_some() && self.state.project.as_deref() != Some(&*project_name) {
            // `合计` in the 项目 column: a summing row, never a project (checked once a run of
            // rows changes project, so no row of a project's own pays for it)
            if sheet_total::is_total_name(&project_name) && self.sum_row(row, row_at) {
                return;
            }
            self.state.level1 = None;
            self.state.level2 = None;
            self.set.level1 = true;
            self.set.level2 = true;
        }
        // the names hold for the rows below that leave theirs empty, whether or not this row's
        // figures read: a row skipped for a bad number still names their project, never the
        // one above (most rows repeat the names above: the state keeps its own, no count changed)
        set_shared(&mut self.state.unit, &unit_name);
        set_shared(&mut self.state.project, &project_name);
        let numbers = match self.numbers(row).or_else(|bad| self.full_marks(row, bad)) {
            Ok(numbers) => numbers,
            Err(bad) => return self.bad_number(row, bad, &unit_name, &project_name),
        };
        self.set.unit = true;
        self.set.project = true;
        let place = self.place(
            unit_name,
            project_name,
            (row, unit_cell.or(project_cell), project_cell),
            row_at,
        );
        self.contents(row, &place, numbers, row_at);
    }

    /// Where a row without a unit or project of its own belongs when the fill-down state names
    /// the unit and project of the row read before (most rows): what [`Self::names`] and
    /// [`Self::place`] find for it, without a name's count changed; `None` where they must be
    /// asked.
    fn place_of_state(&self) -> Option<Place> {
        let (Some(unit), Some(project)) = (&self.state.unit, &self.state.project) else {
            return None;
        };
        let (u, p, ui, pi) = self.last_place.as_ref()?;
        (Arc::ptr_eq(u, unit) && Arc::ptr_eq(p, project)).then_some(Place { ui: *ui, pi: *pi })
    }

    /// [`Self::row`] for a row whose place the state gives ([`Self::place_of_state`]): the same
    /// steps, the names left where they are.
    fn row_in_place(&mut self, row: R, place: Place, row_at: Location) {
        // (as `names` marks a row that takes both names from the state)
        self.used.unit |= !self.set.unit;
        self.used.project |= !self.set.project;
        // (most such rows are indicators, their number cells empty: read as none without the
        // call, which moved the four figures through memory each row)
        let empty = self.number_cols[..self.number_count]
            .iter()
            .all(|&(_, i)| row.text(i).is_empty());
        let read = if empty {
            Ok([None; 4])
        } else {
            self.numbers(row).or_else(|bad| self.full_marks(row, bad))
        };
        let numbers = match read {
            Ok(numbers) => numbers,
            Err(bad) => {
                let u = &self.units[place.ui];
                let (unit, project) = (u.name.clone(), u.projects[place.pi].name.clone());
                return self.bad_number(row, bad, &unit, &project);
            }
        };
        self.set.unit = true;
        self.set.project = true;
        self.contents(row, &place, numbers, row_at);
    }

    /// The unit and project of a row, filled down from the rows above; a row that belongs to
    /// no project is skipped with a finding.
    fn names(
        &mut self,
        row: R,
        unit_cell: Option<Cell>,
        project_cell: Option<Cell>,
    ) -> Option<(Arc<str>, Arc<str>)> {
        let state = &*self.state;
        self.used.unit |= !self.set.unit && (unit_cell.is_none() || project_cell.is_none());
        self.used.project |= !self.set.project;
        let unit_name: Arc<str> = shared(unit_cell, &state.unit)
            .or_else(|| self.unit_hint.map(Arc::from))
            .unwrap_or_else(|| Arc::from(""));
        let project_name = match (&project_cell, &state.project) {
            // (a sheet of departments with no 项目 column: the unit's cell names its project)
            (Some(c), _) if self.h.project_suffix.is_some() => {
                whole_spending(c.text, self.h.project_suffix, &state.project)
            }
            (Some(_), _) => shared(project_cell, &state.project).expect("a filled cell"),
            (None, Some(p))
                if unit_cell.is_none() || state.unit.as_deref() == Some(&*unit_name) =>
            {
                p.clone()
            }
            _ => {
                let f = missing_name(self.ctx, row, "这一行不知道属于哪个项目；该行未读取")
                    .label("项目列是空的")
                    .help("在项目列填上项目名称");
                self.ctx.skip(f);
                return None;
            }
        };
        Some((unit_name, project_name))
    }

    /// The row's 分值, 得分, 全年预算数 and 全年执行数; the first cell that is not a number
    /// ([`Self::bad_number`] skips the row with a finding).
    #[inline]
    fn numbers(&self, row: R) -> Result<Numbers, BadNumber<'t>> {
        let mut numbers: Numbers = [None; 4];
        // (only the number columns the header has, resolved once: a sheet of two amounts and
        // no 分值 or 得分 asks two cells a row, not four roles)
        for &(k, i) in &self.number_cols[..self.number_count] {
            numbers[k] = number(row, k, i)?;
        }
        // amounts whose header states another money unit (`全年执行数（元）`): converted, on
        // the few sheets that need it (one branch a row on the others)
        if self.h.money.into.is_some() {
            self.money_converted(row, &mut numbers);
        }
        Ok(numbers)
    }

    /// [`Self::numbers`] of a row whose 得分 `bad` is written `满分` beside a 分值: the 分值 is
    /// its 得分, said (`table.form-reading`, as a form's); any other cell that is not a number
    /// stays `bad` (the row skipped: it was, 满分 too, and the project's sums went short).
    #[cold]
    #[inline(never)]
    fn full_marks(&mut self, row: R, bad: BadNumber<'t>) -> Result<Numbers, BadNumber<'t>> {
        if NUMBER_CELLS[bad.k].0 != Role::Score || bad.cell.text != "满分" {
            return Err(bad);
        }
        let mut numbers: Numbers = [None; 4];
        for &(k, i) in &self.number_cols[..self.number_count] {
            if k != bad.k {
                numbers[k] = number(row, k, i)?;
            }
        }
        let Some(weight) = numbers[0] else {
            return Err(bad);
        };
        numbers[bad.k] = Some(weight);
        if self.h.money.into.is_some() {
            self.money_converted(row, &mut numbers);
        }
        let at = row.cell_at(bad.cell.i, self.ctx.source);
        let message = format!(
            "得分写作「满分」：按这一行的分值 {} 读取",
            weight.normalize()
        );
        let f = self
            .ctx
            .finding(codes::FORM_READING, Severity::Info, at, message)
            .label("满分");
        self.ctx.findings.push(f);
        Ok(numbers)
    }

    /// The row's 全年预算数 and 全年执行数 in the unit the sheet's amounts are read in
    /// (`Header::money`): each column's as its header states
    /// it, an amount written `300万元` in 万元 whatever its header says.
    #[cold]
    #[inline(never)]
    fn money_converted(&self, row: R, numbers: &mut Numbers) {
        for (k, role) in [(2, Role::Budget), (3, Role::Spent)] {
            let (Some(v), Some(c)) = (numbers[k], cell(self.h, row, role)) else {
                continue;
            };
            let text = c.text.trim_end_matches(['分', '%']);
            let wan = without_wanyuan(text).len() != text.len();
            // (an amount is under 10^15 and a factor at most 10^8: no product overflows)
            if let Some(f) = self.h.money.factor(k - 2, wan) {
                numbers[k] = v.checked_mul(f);
            }
        }
    }

    /// Skips a row whose number cell `bad` is not a number, with a finding naming its unit and
    /// project.
    fn bad_number(&mut self, row: R, bad: BadNumber<'t>, unit_name: &str, project_name: &str) {
        let (_, label, code) = NUMBER_CELLS[bad.k];
        let what = match bad.why {
            NotANumber::Text => "不是数字",
            NotANumber::OutOfRange => "超出可计算的范围（绝对值须小于 10^15，非零时不小于 10^-10）",
        };
        let f = self
            .ctx
            .finding(
                code,
                Severity::Error,
                row.cell_at(bad.cell.i, self.ctx.source),
                format!("{label}「{}」{what}；该行未读取", clip(bad.cell.text)),
            )
            .label("这里应是数字")
            .help("只填数字，如 10 或 207.4538")
            .unit(unit_name)
            .project(project_name);
        self.ctx.skip(f);
    }

    /// Where the row's unit and project are among those read (rows come in runs of one
    /// project: the place of the row before, unless it changed), added where new.
    fn place(
        &mut self,
        unit: Arc<str>,
        project: Arc<str>,
        (row, unit_at, project_cell): (R, Option<Cell>, Option<Cell>),
        row_at: Location,
    ) -> Place {
        let same_place = self.last_place.as_ref().and_then(|(u, p, ui, pi)| {
            (Arc::ptr_eq(u, &unit) && Arc::ptr_eq(p, &project)).then_some((*ui, *pi))
        });
        if let Some((ui, pi)) = same_place {
            return Place { ui, pi };
        }
        let source = self.ctx.source;
        // a new project of the unit above (most): the unit's place without its name hashed
        let same_unit = self
            .last_place
            .as_ref()
            .and_then(|(u, _, ui, _)| Arc::ptr_eq(u, &unit).then_some(*ui));
        let ui = match same_unit.or_else(|| self.unit_index.get(&*unit).copied()) {
            Some(ui) => ui,
            None => {
                let projects = self.projects_of(&unit);
                self.units.push(UnitRow {
                    name: String::from(&*unit),
                    name_at: unit_at.map_or(row_at, |c| row.cell_at(c.i, source)),
                    amounts: Amounts::default(),
                    // sized once, as a project's indicators are
                    projects: Vec::with_capacity(projects),
                    incomplete: false,
                    implicit: false,
                });
                // sized once too (no table grown and its names hashed again)
                self.project_index.push(FxHashMap::with_capacity_and_hasher(
                    projects,
                    Default::default(),
                ));
                self.unit_index.insert(unit.clone(), self.units.len() - 1);
                self.units.len() - 1
            }
        };
        let pi = match self.project_index[ui].get(&*project) {
            Some(&pi) => pi,
            None => {
                let rows = self.rows_of(&project);
                let projects = &mut self.units[ui].projects;
                projects.push(Project {
                    name: String::from(&*project),
                    name_at: project_cell.map_or(row_at, |c| row.cell_at(c.i, source)),
                    amounts: Amounts::default(),
                    goal: None,
                    // sized once: no vector grown (and copied) row by row
                    indicators: Vec::with_capacity(rows),
                    budget: None,
                    at: row_at,
                    form: None,
                });
                let pi = projects.len() - 1;
                self.project_index[ui].insert(project.clone(), pi);
                pi
            }
        };
        self.last_place = Some((unit, project, ui, pi));
        Place { ui, pi }
    }

    /// The rows from the one being read on that may belong to `project`: this one and those
    /// after it up to the next row naming another project (an upper bound on its indicators
    /// in a run, exact for a sheet of one row an indicator; a project whose rows come back
    /// later grows as rows are added).
    fn rows_of(&self, project: &str) -> usize {
        let col = self.h.col(Role::Project);
        // (the unit's cell names a unit's overall spending)
        let project = match self.h.project_suffix {
            Some(s) => project.strip_suffix(s).unwrap_or(project),
            None => project,
        };
        let rest = &self.rows[(self.at + 1).min(self.rows.len())..];
        let more = match col {
            None => rest.len(),
            Some(c) => rest
                .iter()
                .position(|&r| {
                    let t = r.text(c);
                    !t.is_empty() && t != project
                })
                .unwrap_or(rest.len()),
        };
        1 + more
    }

    /// The projects that may follow for `unit` from the row being read on: one a run of rows
    /// naming a project other than the row above, up to the next row naming another unit (an
    /// upper bound on its projects in a run).
    fn projects_of(&self, unit: &str) -> usize {
        let Some(pc) = self.h.col(Role::Project) else {
            return 1;
        };
        let uc = self.h.col(Role::Unit);
        let mut last = self.rows[self.at].text(pc);
        let mut n = 1;
        for &r in &self.rows[(self.at + 1).min(self.rows.len())..] {
            if let Some(uc) = uc {
                let u = r.text(uc);
                if !u.is_empty() && u != unit {
                    break;
                }
            }
            let p = r.text(pc);
            if !p.is_empty() && p != last {
                n += 1;
                last = p;
            }
        }
        n
    }

    /// The target and actual of a row under a header that states their units, or beside an
    /// actual's unit column ([`with_units`]): the actual as read in its unit, where it changes
    /// (the target in place), and the warning where the actual writes a unit of its own other
    /// than its column's.
    #[cold]
    #[inline(never)]
    fn in_units(
        &mut self,
        row: R,
        place: &Place,
        target: &mut Cow<'_, str>,
        [actual, indicator]: [Option<Cell<'_>>; 2],
    ) -> Option<String> {
        let h = self.h;
        let measure = h.actual_unit.map(|u| (row.text(u.col), u.shared));
        let mut actual_in_unit = None;
        with_units(
            h,
            measure,
            target,
            actual.map(|c| c.text),
            &mut actual_in_unit,
        );
        self.unit_conflict(place, measure.map(|m| m.0), actual, indicator, row);
        actual_in_unit
    }

    /// The target of a row with a 调整后指标值 (`table.target-adjusted`): the adjusted one where
    /// filled and other than the 年度指标值 (joined with the row's 指标性质 and 度量单位 as the
    /// 年度指标值 is), with the warning naming both; else the 年度指标值 (`original`).
    #[cold]
    #[inline(never)]
    fn adjusted(
        &mut self,
        row: R,
        place: &Place,
        original: (Cow<'t, str>, Option<usize>),
        indicator: Option<Cell<'_>>,
    ) -> (Cow<'t, str>, Option<usize>) {
        let h = self.h;
        let (Some(adjusted), Some(indicator)) = (cell(h, row, Role::Adjusted), indicator) else {
            return original;
        };
        let (target, at) = joined_with(h, row, Some(adjusted));
        if target.trim() == original.0.trim() {
            return original;
        }
        let f = target_adjusted(
            self.ctx,
            row.cell_at(adjusted.i, self.ctx.source),
            indicator.text.trim(),
            &target,
            &original.0,
        )
        .project(&self.units[place.ui].projects[place.pi].name);
        self.ctx.findings.push(f);
        (target, at)
    }

    /// `table.actual-unit-conflict`: the actual `actual` writes a unit of its own other than
    /// its unit column's `measure` ([`super::actual_unit::conflict`]); read as the cell writes it.
    #[cold]
    #[inline(never)]
    fn unit_conflict(
        &mut self,
        place: &Place,
        measure: Option<&str>,
        actual: Option<Cell<'_>>,
        indicator: Option<Cell<'_>>,
        row: R,
    ) {
        let (Some(measure), Some(actual), Some(indicator)) = (measure, actual, indicator) else {
            return;
        };
        let Some((own, column)) = super::actual_unit::conflict(measure, actual.text) else {
            return;
        };
        let at = row.cell_at(actual.i, self.ctx.source);
        let name = indicator.text.trim();
        let f = actual_unit_conflict(self.ctx, at, name, actual.text, own, column)
            .project(&self.units[place.ui].projects[place.pi].name);
        self.ctx.findings.push(f);
    }

    /// The row's target and the column of its cell ([`joined_target`]): a sheet with none of
    /// 指标性质, 度量单位 and 指标方向 (most) reads its 年度指标值 cell alone, the three
    /// columns not asked of each row (`target_parts`).
    #[inline(always)]
    fn target(&self, row: R) -> (Cow<'t, str>, Option<usize>) {
        if self.target_parts {
            return joined_target(self.h, row);
        }
        let value = cell(self.h, row, Role::Target);
        (
            Cow::Borrowed(value.map_or("", |v| v.text)),
            value.map(|c| c.i),
        )
    }

    /// What the row holds for its project: a budget row (全年预算数 / 全年执行数 and no
    /// indicator, or 预算执行率 with plain amounts as target and actual), a project heading
    /// (only unit and project filled), a row without a name (skipped), or an indicator.
    fn contents(&mut self, row: R, place: &Place, numbers: Numbers, row_at: Location) {
        let h = self.h;
        let [mut weight, mut score, budget, spent] = numbers;
        if let Some(both) = h.both {
            (weight, score) = self.both_points(row, place, both);
        }
        let indicator_cell = cell(h, row, Role::Indicator);
        let level1_cell = cell(h, row, Role::Level1);
        let (mut target, mut target_at) = self.target(row);
        if h.col(Role::Adjusted).is_some() {
            (target, target_at) = self.adjusted(row, place, (target, target_at), indicator_cell);
        }
        let mut actual_cell = cell(h, row, Role::Actual);
        // a bare figure under a header that states its unit (`实际完成值（元）`), in that unit
        // and beside an actual under its own unit column (`5` | `万人`)
        let mut actual_in_unit = None;
        if h.figures != [None; 2] || h.actual_unit.is_some() {
            let cells = [actual_cell, indicator_cell];
            actual_in_unit = self.in_units(row, place, &mut target, cells);
        }
        // one column of both (`年度指标值/实际完成值`, `目标：… 实际：…` cells): split as it says
        let read = (&mut target, &mut actual_cell, &mut actual_in_unit);
        if h.pair.is_some() && !self.paired(row, place, indicator_cell, read) {
            return;
        }
        let project = &mut self.units[place.ui].projects[place.pi];
        // budget row, form 1: 全年预算数 / 全年执行数 and no indicator
        if indicator_cell.is_none() && (budget.is_some() || spent.is_some()) {
            let cells = cells_of(h, row, self.ctx.source, [Role::Budget, Role::Spent]);
            let line = BudgetLine::of_amounts((budget, spent), (weight, score), row_at, cells);
            project.budget = Some(line);
            return;
        }
        // the sheet's own total row (`总分`, `合计`: no target, no actual) is the project's
        // printed total, never an indicator (checked against its rows once they are read)
        if target.is_empty()
            && actual_cell.is_none()
            && indicator_cell
                .or(level1_cell)
                .is_some_and(|c| sheet_total::is_total_name(c.text))
        {
            let name = indicator_cell.or(level1_cell).map_or("", |c| c.text);
            self.total_row(*place, name, [weight, score], row_at);
            return;
        }
        let Some(indicator_cell) = indicator_cell else {
            self.heading_or_nameless(row, place, [weight, score], row_at);
            return;
        };
        // budget row, form 2: 预算执行率 with plain amounts, or the rate itself (`93.5%`)
        if level1_cell.is_none_or(|c| c.text.starts_with("预算"))
            && BUDGET_ROW.find(indicator_cell.text.as_bytes()).is_some()
            && self.rate_row(
                (row, place, row_at),
                &target,
                (actual_cell, actual_in_unit.as_deref()),
                [weight, score, budget, spent],
            )
        {
            return;
        }
        // a `其中：…` part of the indicator above, a category's heading (`一、产出指标`)
        if self.aside(
            row,
            place,
            indicator_cell.text,
            &target,
            [weight, score],
            row_at,
        ) {
            return;
        }
        let (level1, level2) = self.levels(level1_cell, cell(h, row, Role::Level2));
        let source = self.ctx.source;
        let project = &mut self.units[place.ui].projects[place.pi];
        let seq = project.indicators.len() as u32 + 1;
        // the four places in one pass over the row (a row read from its text counts its
        // columns once, not once a cell, and packs them straight)
        let at = row.indicator_source(
            row_at,
            [
                Some(indicator_cell.i),
                level1_cell.map(|c| c.i),
                target_at,
                actual_cell.map(|c| c.i),
            ],
            source,
        );
        // written where it goes in the project's list (`push` built the ~330-byte row on the
        // stack and copied it there)
        let list = &mut project.indicators;
        list.reserve(1);
        list.spare_capacity_mut()[0].write(IndicatorRow {
            seq,
            category: level1,
            subcategory: level2,
            name: held(indicator_cell.text, source),
            target: match target {
                Cow::Borrowed(t) => held(t, source),
                Cow::Owned(t) => RowText::from(t),
            },
            actual: actual_in_unit
                .map(RowText::from)
                .or_else(|| actual_cell.map(|c| held(c.text, source))),
            plan: cell(h, row, Role::Figure).map(|c| Arc::from(c.text)),
            weight,
            published_score: score,
            deviation_note: cell(h, row, Role::Deviation).map(|c| c.text.to_owned()),
            terminator: String::new(),
            at,
        });
        // SAFETY: the slot after the list's rows was written just above (room reserved)
        unsafe { list.set_len(list.len() + 1) };
    }

    /// A `预算执行率` row (no 一级指标) of `place`'s project whose target and actual are plain
    /// amounts (the actual split from a column of both where the sheet has one, `split`): the
    /// project's budget line, its amounts the target (全年预算数) and the actual (全年执行数)
    /// where their own columns give none. Whether it was one.
    #[cold]
    #[inline(never)]
    fn rate_row(
        &mut self,
        (row, place, row_at): (R, &Place, Location),
        target: &str,
        (actual_cell, split): (Option<Cell<'_>>, Option<&str>),
        [weight, score, budget, spent]: Numbers,
    ) -> bool {
        let h = self.h;
        let b = parse_number(target).ok().flatten();
        let actual = match h.pair {
            Some(_) => split,
            None => actual_cell.map(|c| c.text),
        };
        let s = actual.and_then(|a| parse_number(a).ok().flatten());
        // the rate itself against the whole budget: scored from the rate, as a form's
        // 预算执行率 row is (its amounts from their own columns where the sheet has them)
        let rate = match (b, s) {
            (None, None) if whole_budget(target) => actual.and_then(percent_share),
            _ => None,
        };
        if rate.is_none() && (b.is_none() || (s.is_none() && actual_cell.is_some())) {
            return false;
        }
        let cells = rate_row_cells(h, row, self.ctx.source, [budget, spent]);
        let mut line =
            BudgetLine::of_amounts((budget.or(b), spent.or(s)), (weight, score), row_at, cells);
        // the rate itself, as a form's is (no doubt to weigh: it was written with its `%`)
        line.rate = rate;
        self.units[place.ui].projects[place.pi].budget = Some(line);
        if let Some(r) = rate {
            let message = format!(
                "「预算执行率」行是项目的预算执行一栏：实际完成值 {}% 是执行率，按它计分（预算执行的分值，不作为指标）",
                (r * Decimal::ONE_HUNDRED).normalize()
            );
            let f = self
                .ctx
                .finding(codes::FORM_READING, Severity::Info, row_at, message);
            self.ctx.findings.push(f);
        }
        true
    }

    /// The target and actual of `row` from the sheet's one column of both ([`Header::pair`]),
    /// split as a form's (`form::pair::split`; the target joined with the row's 指标性质 and
    /// 度量单位 as a 年度指标值 is) into `read` (the target, the actual's cell — the column's —
    /// and the actual as read). Left as they are where the cell is empty or the row names no
    /// indicator (a total row, a nameless row: told as such); `false` where the indicator's
    /// cell does not split: named (`table.target-and-actual-unsplit`), the row skipped and the
    /// project 未核对, as a form's.
    #[cold]
    #[inline(never)]
    fn paired(
        &mut self,
        row: R,
        place: &Place,
        indicator: Option<Cell<'_>>,
        read: (
            &mut Cow<'t, str>,
            &mut Option<Cell<'t>>,
            &mut Option<String>,
        ),
    ) -> bool {
        let h = self.h;
        let Some(pair) = h.pair else {
            return true;
        };
        let text = row.text(pair.col);
        let Some(indicator) = indicator.filter(|_| !text.is_empty()) else {
            return true;
        };
        if let Some((t, a)) = split(text, &pair) {
            if pair.shape == Shape::Labels && !std::mem::replace(&mut self.labelled_said, true) {
                let at = row.cell_at(pair.col, self.ctx.source);
                let f = labelled_noted(self.ctx, at, indicator.text.trim(), text)
                    .project(&self.units[place.ui].projects[place.pi].name);
                self.ctx.findings.push(f);
            }
            let [n, m, d] = [Role::Nature, Role::Measure, Role::Direction].map(|r| cell(h, row, r));
            *read.0 = match (n, m, d) {
                (None, None, None) => Cow::Owned(t),
                _ => Cow::Owned(join_target(
                    n.map(|c| c.text),
                    Some(&t),
                    m.map(|c| c.text),
                    d.map(|c| c.text),
                )),
            };
            *read.1 = cell(h, row, Role::Target);
            *read.2 = Some(a);
            return true;
        }
        // a target cell that labels no actual (the sheet's target column, `Shape::Labels`): as read
        if pair.shape == Shape::Labels {
            return true;
        }
        let at = row.cell_at(pair.col, self.ctx.source);
        let (f, unchecked) = unsplit(self.ctx, at, indicator.text.trim(), text);
        let project = &mut self.units[place.ui].projects[place.pi];
        self.ctx.skip(f.project(&project.name));
        sheet_total::facts(project).unchecked.push(unchecked);
        false
    }

    /// The 分值 and 得分 of `row` from the sheet's one `分值/得分` column (`both`: its column,
    /// and whether 得分 comes first), split as a form's (`columns::split_points`). A cell
    /// that does not split (`10`, `10/九`) gives neither, is named
    /// (`table.weight-and-score-unsplit`) and leaves its project 未核对: its 分值 unknown, no
    /// total of the sheet's can be confirmed.
    #[cold]
    #[inline(never)]
    fn both_points(
        &mut self,
        row: R,
        place: &Place,
        (col, score_first): (usize, bool),
    ) -> (Option<Decimal>, Option<Decimal>) {
        let text = row.text(col);
        if text.trim().is_empty() {
            return (None, None);
        }
        if let Some((weight, score)) = super::columns::split_points(text, score_first) {
            return (Some(weight), score);
        }
        let project = &mut self.units[place.ui].projects[place.pi];
        let f = self
            .ctx
            .finding(
                codes::WEIGHT_AND_SCORE_UNSPLIT,
                Severity::Warning,
                row.cell_at(col, self.ctx.source),
                format!(
                    "「{}」不能拆成分值和得分两个数（这一列每格写作“分值/得分”，如 10/9.5）：这一行的分值和得分未读取，项目总分未核对",
                    clip(text)
                ),
            )
            .label("分值/得分")
            .help("把这一格写成“分值/得分”两个数，或把这一列拆成「分值」「得分」两列")
            .project(&project.name);
        self.ctx.findings.push(f);
        sheet_total::facts(project)
            .unchecked
            .push(format!("「{}」拆不成分值和得分", clip(text)));
        (None, None)
    }

    /// The total row named `name` (`合计`, `总分`; a `小计` is a subtotal) of the project at
    /// `place`, its 分值 and 得分 `sums`: kept as the project's printed total (a second one is
    /// named, not used), checked against its rows once they are read.
    fn total_row(
        &mut self,
        place: Place,
        name: &str,
        [weight, score]: [Option<Decimal>; 2],
        at: Location,
    ) {
        let project = &mut self.units[place.ui].projects[place.pi];
        if sheet_total::is_subtotal_name(name) {
            self.subtotal_row(place, [weight, score], at);
        } else if sheet_total::keep(self.ctx, project, weight, score, at) {
            self.totals.push((place, None));
        }
    }

    /// A subtotal row (`小计`, `产出指标小计`) of the project at `place`, its 分值 and 得分
    /// `sums`: kept with the indicators read so far, checked once the rows are read against
    /// those since the project's last subtotal (`sheet_total::check_subtotal`).
    fn subtotal_row(&mut self, place: Place, [weight, score]: [Option<Decimal>; 2], at: Location) {
        let to = self.units[place.ui].projects[place.pi].indicators.len();
        let sub = sheet_total::Subtotal {
            from: 0,
            to,
            weight,
            score,
            at,
        };
        self.totals.push((place, Some(sub)));
    }

    /// Whether the row named `name` (its 一级指标 with no 三级指标, or its 三级指标), with no
    /// target and no actual and a 分值 or 得分 (`sums`), is a category's subtotal
    /// (`产出指标小计`): kept as [`Self::subtotal_row`] (named "该行未读取" in the 一级指标 column and
    /// scored as an indicator of its own in the 三级指标 column before, its figures never checked).
    fn category_subtotal(
        &mut self,
        place: &Place,
        name: &str,
        sums: [Option<Decimal>; 2],
        at: Location,
    ) -> bool {
        if sums == [None; 2] || !sheet_total::names_subtotal(name) {
            return false;
        }
        self.subtotal_row(*place, sums, at);
        true
    }

    /// A row whose 项目 cell is a total's name (`合计`, `总计`, `小计`, `总分`) and that has no
    /// indicator, target or actual of its own: a summing row, never a project (it made a
    /// project named 合计, counted in the projects and the average). It sums the projects of
    /// its unit read since the last such row: one project, and it is that project's printed
    /// total (as a `合计` in the 一级指标 column is); several, and it is checked against their
    /// sums at the end ([`sheet_total::ProjectsSum`]); none, and it is set aside with a word.
    /// `false`: the row is not a summing row (it names an indicator, a target or an actual, or
    /// a number cell is not one), read as any row.
    #[cold]
    #[inline(never)]
    fn sum_row(&mut self, row: R, row_at: Location) -> bool {
        let h = self.h;
        let total_or_none = |c: Option<Cell>| c.is_none_or(|c| sheet_total::is_total_name(c.text));
        // (the target's cells asked one by one: `joined_target` stays inlined in `contents`)
        let no_target = [Role::Target, Role::Nature, Role::Measure]
            .into_iter()
            .all(|r| cell(h, row, r).is_none());
        if !(total_or_none(cell(h, row, Role::Indicator))
            && total_or_none(cell(h, row, Role::Level1))
            && no_target
            && cell(h, row, Role::Actual).is_none())
        {
            return false;
        }
        let Ok([weight, score, ..]) = self.numbers(row) else {
            return false;
        };
        let name = cell(h, row, Role::Project).map_or("", |c| c.text);
        // the projects of the unit of the row before, since the last summing row of that unit
        let Some(ui) = self.last_place.as_ref().map(|(.., ui, _)| *ui) else {
            self.sum_set_aside(row_at, name);
            return true;
        };
        let from = match self.sum_from {
            Some((u, pi)) if u == ui => pi,
            _ => 0,
        };
        let to = self.units[ui].projects.len();
        self.sum_from = Some((ui, to));
        match to - from {
            0 => self.sum_set_aside(row_at, name),
            1 => self.total_row(Place { ui, pi: from }, name, [weight, score], row_at),
            _ => self.sums.push(sheet_total::ProjectsSum {
                ui,
                projects: from..to,
                weight,
                score,
                at: row_at,
            }),
        }
        true
    }

    /// A summing row (`合计` in the 项目 column) with no project above it to sum: not read, named.
    fn sum_set_aside(&mut self, at: Location, name: &str) {
        let f = self
            .ctx
            .finding(
                codes::ROW_IGNORED,
                Severity::Info,
                at,
                format!("项目列的“{name}”是合计行，其上没有可核对的项目；该行未读取"),
            )
            .label("合计行");
        self.ctx.findings.push(f);
        self.ctx.rows_skipped += 1;
    }

    /// Sets aside a row of `place`'s project named `name` that is no indicator of its own: a
    /// `其中：…` row with no 分值 and no 得分 (`breakdown`, true: not read
    /// further); a category's name alone on a row with no target, actual or levels, noted as a
    /// heading to be told once the rows are read (`sheet_headings`; read on as an indicator
    /// till then). Cheap for a row with a target and a 分值.
    fn aside(
        &mut self,
        row: R,
        place: &Place,
        name: &str,
        target: &str,
        [weight, score]: [Option<Decimal>; 2],
        at: Location,
    ) -> bool {
        // (a row's name is trimmed: a byte compare, and a branch on the target, on most rows)
        let b = name.as_bytes();
        if weight.is_none()
            && score.is_none()
            && (b.starts_with("其中".as_bytes())
                || b.starts_with("含：".as_bytes())
                || b.starts_with(b"\xe5\x90\xab:"))
        {
            let actual = cell(self.h, row, Role::Actual);
            return self.breakdown(place, name, target, actual, at);
        }
        target.is_empty() && self.heading_or_not(row, place, name, [weight, score], at)
    }

    /// [`SheetReader::note_heading`] for a row with no target, where it has no actual and no
    /// levels either; a category's subtotal (`产出指标小计` with no actual,
    /// [`Self::category_subtotal`]) is set aside instead: whether it was one.
    #[cold]
    #[inline(never)]
    fn heading_or_not(
        &mut self,
        row: R,
        place: &Place,
        name: &str,
        numbers: [Option<Decimal>; 2],
        at: Location,
    ) -> bool {
        let h = self.h;
        if cell(h, row, Role::Actual).is_none() && self.category_subtotal(place, name, numbers, at)
        {
            return true;
        }
        if [Role::Actual, Role::Level1, Role::Level2]
            .into_iter()
            .all(|r| cell(h, row, r).is_none())
        {
            if numbers == [None, None] && self.folded_name(place, name, at) {
                return true;
            }
            self.note_heading(place, name, numbers, at);
        }
        false
    }

    /// A row of `place`'s project that holds only a name (`name`: no target, actual, levels,
    /// 分值 or 得分; told by [`Self::heading_or_not`]), directly under an indicator, and no
    /// category's name: the rest of that indicator's name, folded onto a second row
    /// (`参加培训的基层` / `干部人数`). Joined to it, with `table.name-folded`; read as an
    /// indicator of its own it was 无法比较 and drew its category's points left. Whether it was.
    fn folded_name(&mut self, place: &Place, name: &str, at: Location) -> bool {
        if sheet_headings::level_of(name).is_some()
            || crate::table::form::is_placeholder(name)
            || numbered(name)
        {
            return false;
        }
        let project = &mut self.units[place.ui].projects[place.pi];
        let Some(last) = project.indicators.last_mut() else {
            return false;
        };
        if last.at.name().line.checked_add(1) != Some(at.line) {
            return false;
        }
        let joined = format!("{}{}", last.name.trim(), name.trim());
        let f = self
            .ctx
            .finding(
                codes::NAME_FOLDED,
                Severity::Info,
                at,
                format!(
                    "这一行只写了「{}」（没有指标值、实际完成值和分值），是上一行指标名称的续写，合并为「{joined}」",
                    name.trim()
                ),
            )
            .label("续写的指标名称")
            .project(&project.name);
        last.name = RowText::from(joined);
        self.ctx.findings.push(f);
        true
    }

    /// A `其中：…` row (`name`, told by [`SheetReader::aside`]) of `place`'s project with no 分值
    /// and no 得分 under an indicator:
    /// a part of it, as a form's ★ breakdowns are — named in a note with its target and actual,
    /// never scored (read as an indicator it took its category's points left, 2.5 of them, and
    /// the project 102.5). Whether it was one.
    fn breakdown(
        &mut self,
        place: &Place,
        name: &str,
        target: &str,
        actual: Option<Cell>,
        at: Location,
    ) -> bool {
        let project = &self.units[place.ui].projects[place.pi];
        let Some(parent) = project.indicators.last() else {
            return false;
        };
        let actual = actual.map_or("", |c| c.text);
        let f = self
            .ctx
            .finding(
                codes::FORM_BREAKDOWN,
                Severity::Info,
                at,
                format!(
                    "「{name}」是「{}」的分项（其中…，没有分值和得分；年度指标值「{target}」，实际完成值「{actual}」），列出但不单独计分",
                    parent.name.trim()
                ),
            )
            .label("分项")
            .project(&project.name);
        self.ctx.findings.push(f);
        true
    }

    /// Notes the row about to be read as `place`'s next indicator, named `name`, with no
    /// target, actual or levels, as a category heading where the name is a category's alone
    /// (`一、产出指标`): told once the rows are read (`sheet_headings`).
    fn note_heading(
        &mut self,
        place: &Place,
        name: &str,
        [weight, score]: [Option<Decimal>; 2],
        at: Location,
    ) {
        let Some((level, name)) = sheet_headings::level_of(name) else {
            return;
        };
        let index = self.units[place.ui].projects[place.pi].indicators.len();
        let heading = sheet_headings::Heading {
            index,
            level,
            name,
            weight,
            score,
            at,
        };
        self.headings.push((*place, heading));
    }

    /// A row with no indicator name: only unit/project filled is a project heading; a
    /// category's subtotal in the 一级 or 二级指标 column (`产出指标小计`, no target and no actual, its
    /// 分值 and 得分 `sums`) is kept to be checked ([`Self::category_subtotal`]); anything else is
    /// a row without a name (skipped, the unit incomplete).
    fn heading_or_nameless(
        &mut self,
        row: R,
        place: &Place,
        sums: [Option<Decimal>; 2],
        at: Location,
    ) {
        let h = self.h;
        let others = (0..row.width()).any(|i| {
            !row.text(i).is_empty()
                && Some(i) != h.col(Role::Unit)
                && Some(i) != h.col(Role::Project)
        });
        if !others {
            return;
        }
        let bare = || joined_target(h, row).0.is_empty() && cell(h, row, Role::Actual).is_none();
        // (the 二级指标's subtotal, `数量指标小计`, first: its 一级指标 cell may be filled)
        let named = [Role::Level2, Role::Level1]
            .into_iter()
            .filter_map(|r| cell(h, row, r))
            .find(|c| sheet_total::names_subtotal(c.text));
        if let Some(name) = named.filter(|_| bare())
            && self.category_subtotal(place, name.text, sums, at)
        {
            return;
        }
        let f = missing_name(self.ctx, row, "这一行有内容但没有三级指标名称；该行未读取")
            .label("三级指标列是空的")
            .help("填上三级指标名称；预算执行情况请填在全年预算数、全年执行数列")
            .unit(&self.units[place.ui].name)
            .project(&self.units[place.ui].projects[place.pi].name);
        self.ctx.skip(f);
        self.units[place.ui].incomplete = true;
    }

    /// The 一级 and 二级指标 of an indicator row, filled down: a written 一级指标 starts over
    /// (its 二级指标 is the row's own, or none).
    fn levels(
        &mut self,
        level1_cell: Option<Cell>,
        level2_cell: Option<Cell>,
    ) -> (Option<Arc<str>>, Option<RowText>) {
        fn keep<T: std::ops::Deref<Target = str>>(
            last: &mut Option<T>,
            cell: Option<Cell>,
            make: impl FnOnce(&str) -> T,
        ) {
            match (last.as_deref(), cell) {
                (Some(l), Some(c)) if l == c.text => {}
                (_, Some(c)) => *last = Some(make(c.text)),
                (_, None) => *last = None,
            }
        }
        let source = self.ctx.source;
        self.used.level1 |= !self.set.level1 && level1_cell.is_none();
        self.used.level2 |= !self.set.level2 && level2_cell.is_none();
        if level1_cell.is_some() {
            let categories = &mut self.categories;
            keep(&mut self.state.level1, level1_cell, |t| {
                category_name(categories, t)
            });
            keep(&mut self.state.level2, level2_cell, |t| held(t, source));
            self.set.level1 = true;
            self.set.level2 = true;
        } else if level2_cell.is_some() {
            keep(&mut self.state.level2, level2_cell, |t| held(t, source));
            self.set.level2 = true;
        }
        (self.state.level1.clone(), self.state.level2.clone())
    }
}

/// The 一级指标 `text` as a shared name: one of `made` where it is there, else made and kept
/// (up to [`CATEGORIES_KEPT`]).
fn category_name(made: &mut Vec<Arc<str>>, text: &str) -> Arc<str> {
    if let Some(c) = made.iter().find(|c| ***c == *text) {
        return Arc::clone(c);
    }
    let c = Arc::<str>::from(text);
    if made.len() < CATEGORIES_KEPT {
        made.push(Arc::clone(&c));
    }
    c
}

/// How many 一级指标 names a block's reading keeps to share ([`category_name`]): the three or
/// four of a sheet and a few more; a sheet of many more names makes the rest one a project.
const CATEGORIES_KEPT: usize = 8;

/// The target of a row: the 年度指标值 cell, or 指标性质 + 指标值 + 度量单位 joined. Its
/// location is the value cell's (the first filled part's when the value is empty): the
/// column of that cell is given.
fn joined_target<'t, R: SheetRow<'t>>(h: &Header, row: R) -> (Cow<'t, str>, Option<usize>) {
    joined_with(h, row, cell(h, row, Role::Target))
}

/// [`joined_target`] with `value` in the 指标值's place (the 调整后指标值 where it is read).
/// Inlined always: called from two places it was not, and the streamed varied sheet took
/// 0.7 % more instructions for the call.
#[inline(always)]
fn joined_with<'t, R: SheetRow<'t>>(
    h: &Header,
    row: R,
    value: Option<Cell<'t>>,
) -> (Cow<'t, str>, Option<usize>) {
    let nature = cell(h, row, Role::Nature);
    let measure = cell(h, row, Role::Measure);
    let direction = cell(h, row, Role::Direction);
    let at = value.or(nature).or(measure).map(|c| c.i);
    // the 年度指标值 cell alone (most sheets): the cell's own text
    if nature.is_none() && measure.is_none() && direction.is_none() {
        return (Cow::Borrowed(value.map_or("", |v| v.text)), at);
    }
    let text = join_target(
        nature.map(|c| c.text),
        value.map(|c| c.text),
        measure.map(|c| c.text),
        direction.map(|c| c.text),
    );
    (Cow::Owned(text), at)
}

/// The target and actual of a row under a 年度指标值 / 实际完成值 header that states a unit
/// (`Header::figures`): each written as a bare figure (ending in a digit: `500000`, `≥100`,
/// `90-100`) gets the unit (`500000元`); one that writes its own unit is kept. An actual under
/// `（%）` beside a target in % is left bare: it reads in the target's unit all the same, and a
/// fraction of 1 (`0.95` against `≥90%`, a cell that lost its percent format) goes to a person
/// rather than count as 0.95 % (it scored 0.53 of 50 without a word).
fn with_header_units(
    h: &Header,
    target: &mut Cow<'_, str>,
    actual: Option<&str>,
    actual_in_unit: &mut Option<String>,
) {
    use crate::table::layouts::actual_unit::bare;
    if let Some(unit) = h.figures[0]
        && bare(target)
    {
        *target = Cow::Owned(format!("{}{unit}", target.trim_end()));
    }
    if let (Some(unit), Some(a)) = (h.figures[1], actual)
        && bare(a)
        && !(unit == "%" && target.contains(['%', '％']))
    {
        *actual_in_unit = Some(format!("{}{unit}", a.trim_end()));
    }
}

/// The target and actual of a row under a header that states their units
/// ([`with_header_units`]), then with the actuals' unit column's `measure` (the unit and
/// whether the column is the sheet's only one: [`super::actual_unit::apply`]).
#[cold]
#[inline(never)]
fn with_units(
    h: &Header,
    measure: Option<(&str, bool)>,
    target: &mut Cow<'_, str>,
    actual: Option<&str>,
    actual_in_unit: &mut Option<String>,
) {
    if h.figures != [None; 2] {
        with_header_units(h, target, actual, actual_in_unit);
    }
    // (an empty one changes nothing: `apply`)
    let Some((measure, shared)) = measure else {
        return;
    };
    let now = actual_in_unit.as_deref().or(actual);
    let (t, a) = super::actual_unit::apply(measure, shared, target, now);
    if let Some(t) = t {
        *target = Cow::Owned(t);
    }
    if a.is_some() {
        *actual_in_unit = a;
    }
}

/// The warning that the indicator `name` is scored on its 调整后指标值 `adjusted`, not its
/// 年度指标值 `original`: `table.target-adjusted` at the adjusted cell.
pub(crate) fn target_adjusted(
    ctx: &Ctx<'_>,
    at: Location,
    name: &str,
    adjusted: &str,
    original: &str,
) -> Finding {
    let original = match original.trim() {
        "" => "（空）".to_owned(),
        t => format!("「{}」", clip(t)),
    };
    ctx.finding(
        codes::TARGET_ADJUSTED,
        Severity::Warning,
        at,
        format!(
            "指标「{}」按调整后指标值「{}」计分，年度指标值为{original}：调整须经批准，未经批准的应按年度指标值评价，请核对",
            clip(name),
            clip(adjusted.trim())
        ),
    )
    .label("按调整后指标值计分")
    .indicator(name.to_owned())
    .help("如调整未经批准，删去这一行调整后指标值中的内容，即按年度指标值计分")
}

/// The warning that the indicator `name`'s actual's own unit (`own`, of `actual`) is not its
/// unit column's (`column`), and that the cell's is read: `table.actual-unit-conflict` at the
/// actual's cell.
pub(crate) fn actual_unit_conflict(
    ctx: &Ctx<'_>,
    at: Location,
    name: &str,
    actual: &str,
    own: &str,
    column: &str,
) -> Finding {
    ctx.finding(
        codes::ACTUAL_UNIT_CONFLICT,
        Severity::Warning,
        at,
        format!(
            "实际完成值「{}」自带单位“{own}”，与其度量单位列的“{column}”不同：按单元格所写（{own}）读取计分，请核对",
            clip(actual.trim())
        ),
    )
    .label("单位与度量单位列不同")
    .indicator(name.to_owned())
    .help("使实际完成值与度量单位列一致：单元格只写数字、单位留在度量单位列，或改正写错的一处")
}

/// A cell's text as a row keeps it: held with the source text where it is a part of it (a
/// cell without a doubled quote; every cell of a plain block), else its own copy.
#[inline]
fn held(text: &str, source: &SourceText) -> RowText {
    RowText::within(&source.text, text).unwrap_or_else(|| RowText::from(text))
}

/// An error for a data row without the name it needs (`table.missing-name`), at its first
/// filled cell (the whole row where none is): the row is to be skipped.
fn missing_name<'t, R: SheetRow<'t>>(ctx: &Ctx<'_>, row: R, message: &'static str) -> Finding {
    let at = (0..row.width())
        .find(|&i| !row.text(i).is_empty())
        .map_or_else(|| row.row_at(ctx), |i| row.cell_at(i, ctx.source));
    ctx.finding(codes::MISSING_NAME, Severity::Error, at, message)
}

/// A target split over 指标性质 | 指标值 | 度量单位 joined into one (`≥` `95` `%` → `≥95%`): a
/// nature that names a kind (`定性`, `定量`) is not part of it, nor a unit the value already
/// ends with. A direction — `正向` / `反向` in the 指标性质 or in a 指标方向 column of its own
/// (`direction`) — gives a figure written without a comparison its sign, `≥` / `≤` (what
/// 正向 / 反向 mean to the rules: a bare figure of a 反向 indicator is an upper bound); read
/// without it, `50万元` of a 反向 `差旅费支出` was a floor and 45万元 scored 未达标.
pub(crate) fn join_target(
    nature: Option<&str>,
    value: Option<&str>,
    measure: Option<&str>,
    direction: Option<&str>,
) -> String {
    let mut text = String::new();
    if let Some(t) = nature
        && !(t.contains("定性") || t.contains("定量") || t.contains('向'))
    {
        text.push_str(t);
    }
    if text.is_empty()
        && let Some(sign) = [nature, direction]
            .into_iter()
            .flatten()
            .find_map(direction_sign)
        && value.is_some_and(starts_with_figure)
        && !measure.is_some_and(is_date_unit)
    {
        text.push_str(sign);
    }
    if let Some(v) = value {
        text.push_str(v);
    }
    // `%(百分比)`: the unit, without the gloss in brackets; a value that writes the unit
    // already and goes on in words after it (`11月底前` beside `月`) is whole as it is (it read
    // `11月底前月`, no deadline)
    if let Some(m) = measure.map(super::actual_unit::unit_of)
        && !text.ends_with(m)
        && !(text.contains(m) && !m.is_empty() && !super::actual_unit::bare(&text))
    {
        text.push_str(m);
    }
    text
}

/// The sign a direction word gives a bare figure: `正向` (`正向指标`) `≥`, `反向` `≤`.
fn direction_sign(word: &str) -> Option<&'static str> {
    let w = word.trim();
    if w.starts_with("正向") {
        Some("≥")
    } else if w.starts_with("反向") {
        Some("≤")
    } else {
        None
    }
}

/// A 度量单位 that makes the figure a date (`12` `月` is December, a deadline read as `≤`
/// already): a direction does not sign it.
fn is_date_unit(measure: &str) -> bool {
    matches!(
        measure.trim(),
        "年" | "月" | "日" | "号" | "月底" | "年底" | "月前" | "年前"
    )
}

/// Whether a target value starts with a figure (no comparison, word or sign of its own).
fn starts_with_figure(value: &str) -> bool {
    value
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use crate::table::{ReadOptions, read_str};

    /// A number cell read without the searches (`plain_figure`) is the text the searches
    /// leave: every cell of ASCII, CJK, space, `分`, `%` and `万元` pieces up to three long.
    #[test]
    fn a_plain_figure_is_what_the_trims_leave() {
        use crate::table::amount::without_wanyuan;
        let pieces = [
            "", "1", "258.00", "-3", ".5", " ", "\u{3000}", "分", "%", "万元", "元", "a", "中",
            "\u{a0}", "+", "\t",
        ];
        let mut plain = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    if super::plain_figure(&text) {
                        let trimmed = text.trim_end_matches(['分', '%']);
                        assert_eq!(without_wanyuan(trimmed), text, "{text:?}");
                        assert_eq!(trimmed, text, "{text:?}");
                        plain += 1;
                    }
                }
            }
        }
        assert!(plain > 100, "{plain}");
    }

    /// The 一级指标 that projects repeat is one shared name (not one copy a project), and a
    /// sheet of more names than are kept to share still reads each as written.
    #[test]
    fn categories_repeated_by_projects_are_one_name() {
        let mut text = String::from("单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\n");
        for p in 0..12 {
            text.push_str(&format!("某局\t项目{p}\t产出指标\t甲\t1\t1\n"));
            text.push_str(&format!("\t\t类别{p}\t乙\t1\t1\n"));
            text.push_str("\t\t\t丙\t1\t1\n");
        }
        let doc = read_str("t.tsv", &text, &ReadOptions::default()).expect("reads");
        let rows: Vec<_> = doc
            .indicators()
            .map(|(_, p, i)| (p.name.clone(), i))
            .collect();
        assert_eq!(rows.len(), 36);
        let first = rows[0].1.category.clone().expect("a category");
        for (k, (project, row)) in rows.iter().enumerate() {
            let c = row.category.as_deref().expect("a category");
            let p = k / 3;
            assert_eq!(project, &format!("项目{p}"));
            let want = if k % 3 == 0 {
                "产出指标".to_owned()
            } else {
                format!("类别{p}")
            };
            assert_eq!(c, want, "row {k}");
            if k % 3 == 0 {
                assert!(
                    std::sync::Arc::ptr_eq(row.category.as_ref().expect("some"), &first),
                    "row {k}"
                );
            }
        }
    }

    /// A project's indicators are sized once from the rows that follow it, not grown row by
    /// row (a grown vector copies every row read so far, and doubles past what it needs).
    #[test]
    fn a_projects_indicators_are_sized_from_its_rows() {
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
        );
        text.push_str("某局\t甲项目\t\t\t\t\t\t100\t90\n");
        for k in 0..5 {
            text.push_str(&format!(
                "\t\t产出指标\t数量指标\t指标{k}\t≥{k}个\t{k}个\t\t\n"
            ));
        }
        // the same project written again on each row still counts as its rows
        text.push_str("某局\t乙项目\t\t\t\t\t\t50\t50\n");
        for k in 0..9 {
            text.push_str(&format!("\t乙项目\t产出指标\t\t指标{k}\t{k}\t{k}\t\t\n"));
        }
        // another unit: its rows end the first unit's run
        text.push_str("另一局\t丙项目\t\t\t\t\t\t1\t1\n");
        text.push_str("\t\t产出指标\t数量指标\t指标\t1\t1\t\t\n");
        let doc = read_str("t.tsv", &text, &ReadOptions::default()).expect("reads");
        let units = &doc.units;
        assert_eq!(units.len(), 2);
        assert!(
            units[0].projects.capacity() <= 2,
            "{}",
            units[0].projects.capacity()
        );
        assert!(
            units[1].projects.capacity() <= 1,
            "{}",
            units[1].projects.capacity()
        );
        let projects: Vec<_> = doc.projects().map(|(_, p)| p).take(2).collect();
        assert_eq!(projects.len(), 2);
        // each: its budget row and its indicator rows, no more
        for (p, rows) in projects.iter().zip([6, 10]) {
            assert_eq!(p.indicators.len(), rows - 1, "{}", p.name);
            assert!(
                p.indicators.capacity() <= rows,
                "{}: capacity {} for {} rows",
                p.name,
                p.indicators.capacity(),
                rows
            );
        }
    }
}
