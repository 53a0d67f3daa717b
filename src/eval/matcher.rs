//! Which entry of an actuals file belongs to which project and indicator of a table (contract §4):
//! a project by unit and name (else an entry that leaves the unit out), an indicator by
//! sequence and name, else its name, else (once every row of the project had its try) its
//! folded name, else its sequence; entries that match nothing are
//! findings (`actuals.unmatched`) with their line in the file. Indexed so that a national-size
//! file matches in linear time; nothing here scores.
//!
//! Names that differ only in how they are typed match after folding ([`super::fold`]: width,
//! spaces, brackets, a leading budget code), tried only where the names as written find
//! nothing: the file's names are folded once, on the first miss, so a file whose names are
//! the table's pays nothing for it.
//!
//! A project given twice (or more) in one file: the first project of that unit and name in
//! the table takes the first entry, a second project of the same names (a table may list one
//! twice) the second, and so on in file order. An entry left over when every project of its
//! names has taken one is a duplicate, not an entry the table lacks: it is named
//! `actuals.duplicate` (with the line of the entry that was used), its figures are not used and
//! not merged into the other's (which of two differing figures is right is not for jixiao to
//! guess), and it stands with the unmatched entries at the top of every report.

use std::borrow::Cow;
use std::collections::HashMap;

use super::fold::fold;

use super::actuals_file::{ActualsFile, IndicatorActual, ProjectActuals};
use crate::finding::{Finding, Severity};
use crate::table::model::{IndicatorRow, Project};

/// Matches the projects and indicators of a table with the entries of an actuals file, in
/// table order, marking each entry as it is taken; what is never taken is reported at the end.
pub struct Matcher<'a> {
    file: Option<&'a ActualsFile>,
    matched: Vec<bool>,
    used: Vec<Vec<bool>>,
    /// The entries of each (unit, project), in file order: a place in `keyed`.
    by_key: HashMap<(&'a str, &'a str), usize>,
    keyed: Vec<Cursor>,
    /// Entries without a unit, by project, and how many of them are known taken (a cursor, so
    /// many projects of one name take their entries in linear time).
    unitless: HashMap<&'a str, (Vec<usize>, usize)>,
    /// The indicators of each entry taken so far, indexed (built when it is first taken).
    index: HashMap<usize, EntryIndex<'a>>,
    /// Entries by folded unit and project, and those without a unit by folded project (built
    /// on the first project whose names as written find nothing).
    folded: Option<Folded<'a>>,
}

/// A folded (unit, project) key to look up (a key of the map's lifetime: owned).
fn owned_key(unit: &str, project: &str) -> (Cow<'static, str>, Cow<'static, str>) {
    (
        Cow::Owned(fold(unit).into_owned()),
        Cow::Owned(project.to_owned()),
    )
}

/// Entries by folded names.
#[derive(Debug, Default)]
struct Folded<'a> {
    by_key: HashMap<(Cow<'a, str>, Cow<'a, str>), Cursor>,
    unitless: HashMap<Cow<'a, str>, Cursor>,
}

impl<'a> Folded<'a> {
    fn new(entries: &'a [ProjectActuals]) -> Self {
        let mut f = Folded::default();
        for (i, e) in entries.iter().enumerate() {
            let project = fold(&e.project);
            if e.unit.is_empty() {
                f.unitless.entry(project.clone()).or_default().list.push(i);
            }
            f.by_key
                .entry((fold(&e.unit), project))
                .or_default()
                .list
                .push(i);
        }
        f
    }
}

/// Positions in a list in file order, and how far they are known to be taken.
#[derive(Debug, Default)]
struct Cursor {
    list: Vec<usize>,
    next: usize,
}

impl Cursor {
    /// The first position not yet used (amortised constant time: used ones are passed once).
    fn first_free(&mut self, used: &[bool]) -> Option<usize> {
        while self.next < self.list.len() && used[self.list[self.next]] {
            self.next += 1;
        }
        self.list.get(self.next).copied()
    }
}

/// Indicators by folded name.
type FoldedNames<'a> = HashMap<Cow<'a, str>, FoldedGroup>;

/// The entries of one folded name, indexed as [`EntryIndex`]'s names are: by sequence, and
/// all of them with how far they are known taken, so that a row finds its entry in amortised
/// constant time however many entries fold to one name (a scan of the group per row was
/// quadratic: 32,000 rows of `ａ` against 32,000 entries of `a`, minutes).
#[derive(Debug, Default)]
struct FoldedGroup {
    by_seq: HashMap<u32, Cursor>,
    all: Cursor,
    /// A place in `all.list` past `all.next`: every entry between the two is known taken.
    second: usize,
}

impl FoldedGroup {
    /// The only free entry of the group, where exactly one is free.
    fn only_free(&mut self, used: &[bool]) -> Option<usize> {
        let first = self.all.first_free(used)?;
        // the next free entry after the first: entries once taken stay taken, so the search
        // goes on from where it stopped before
        self.second = self.second.max(self.all.next + 1);
        while self.second < self.all.list.len() && used[self.all.list[self.second]] {
            self.second += 1;
        }
        (self.second >= self.all.list.len()).then_some(first)
    }
}

/// One entry's indicators indexed by (seq, name), name and seq, so that every table row finds
/// its entry in constant time however long the lists (it was a scan of the list per row).
#[derive(Debug, Default)]
struct EntryIndex<'a> {
    by_seq_name: HashMap<u32, HashMap<&'a str, Cursor>>,
    /// By name, with how many of that name are still free.
    by_name: HashMap<&'a str, (Cursor, usize)>,
    by_seq: HashMap<u32, Cursor>,
    /// By folded name, with each entry's sequence (built on the first row whose name as
    /// written finds nothing).
    folded: Option<FoldedNames<'a>>,
}

impl<'a> EntryIndex<'a> {
    fn new(list: &'a [IndicatorActual]) -> Self {
        let mut index = EntryIndex::default();
        for (i, a) in list.iter().enumerate() {
            let name = a.indicator.as_str();
            let by_name = index.by_name.entry(name).or_default();
            by_name.0.list.push(i);
            by_name.1 += 1;
            if let Some(seq) = a.seq {
                index
                    .by_seq_name
                    .entry(seq)
                    .or_default()
                    .entry(name)
                    .or_default()
                    .list
                    .push(i);
                index.by_seq.entry(seq).or_default().list.push(i);
            }
        }
        index
    }

    /// The entry of an indicator by its name as written: same sequence and name, else the
    /// only unused one of that name.
    ///
    /// The only one of a name is not taken by a row whose target differs from the one the
    /// entry repeats where another row of that name has it (`meant_elsewhere`): a project with
    /// two `培训人数` (`≥100人`, `≥90%`) and one entry `target: ≥90%` gives it to the second.
    fn take_exact(
        &mut self,
        list: &'a [IndicatorActual],
        used: &mut [bool],
        row: &IndicatorRow,
        meant_elsewhere: &mut dyn FnMut(&IndicatorActual) -> bool,
    ) -> Option<&'a IndicatorActual> {
        let name: &str = &row.name;
        let pick = self
            .by_seq_name
            .get_mut(&row.seq)
            .and_then(|m| m.get_mut(name))
            .and_then(|c| c.first_free(used))
            .or_else(|| match self.by_name.get_mut(name) {
                Some((c, 1)) => c.first_free(used).filter(|&i| !meant_elsewhere(&list[i])),
                _ => None,
            })?;
        Some(self.mark(list, used, pick))
    }

    /// The entry of an indicator no name as written found (after every row of the project
    /// had its try, so a row named exactly keeps its entry): the name folded (`（）` for `()`,
    /// spaces) with the same sequence, else the only unused one of that folded name; else the
    /// first unused one with the same sequence number.
    fn take_loose(
        &mut self,
        list: &'a [IndicatorActual],
        used: &mut [bool],
        row: &IndicatorRow,
    ) -> Option<&'a IndicatorActual> {
        let name: &str = &row.name;
        let folded = (!self.by_name.contains_key(name))
            .then(|| {
                let folded = self.folded.get_or_insert_with(|| {
                    let mut m = FoldedNames::new();
                    for (i, a) in list.iter().enumerate() {
                        let group = m.entry(fold(&a.indicator)).or_default();
                        group.all.list.push(i);
                        if let Some(seq) = a.seq {
                            group.by_seq.entry(seq).or_default().list.push(i);
                        }
                    }
                    m
                });
                let group = folded.get_mut(fold(name).as_ref())?;
                group
                    .by_seq
                    .get_mut(&row.seq)
                    .and_then(|c| c.first_free(used))
                    .or_else(|| group.only_free(used))
            })
            .flatten();
        let pick = folded.or_else(|| {
            self.by_seq
                .get_mut(&row.seq)
                .and_then(|c| c.first_free(used))
        })?;
        Some(self.mark(list, used, pick))
    }

    /// Marks `pick` taken and gives it.
    fn mark(
        &mut self,
        list: &'a [IndicatorActual],
        used: &mut [bool],
        pick: usize,
    ) -> &'a IndicatorActual {
        used[pick] = true;
        if let Some((_, free)) = self.by_name.get_mut(list[pick].indicator.as_str()) {
            *free -= 1;
        }
        &list[pick]
    }
}

/// Whether the entry `a`, the only one of `row`'s name, repeats a target other than `row`'s
/// that another row of the same name has (folded as names are: width, spaces, brackets): it
/// was written for that row. The project's (name, target) pairs are gathered on the first
/// entry that repeats a target of its own (`targets`), so a file whose targets are the
/// table's pays nothing for it.
fn meant_elsewhere<'r>(
    a: &IndicatorActual,
    row: &IndicatorRow,
    rows: &'r [IndicatorRow],
    targets: &mut Option<std::collections::HashSet<(&'r str, String)>>,
) -> bool {
    let Some(written) = a.target.as_deref().map(fold) else {
        return false;
    };
    if written.is_empty() || written == fold(&row.target) {
        return false;
    }
    let targets = targets.get_or_insert_with(|| {
        rows.iter()
            .map(|r| (&*r.name, fold(&r.target).into_owned()))
            .collect()
    });
    targets.contains(&(&*row.name, written.into_owned()))
}

/// What one project takes from the actuals file: its entry, and each indicator's.
#[derive(Debug, Clone, Default)]
pub struct Taken<'a> {
    pub entry: Option<&'a ProjectActuals>,
    /// Each indicator's entry, in the project's order; an indicator past its end takes none
    /// (a project that takes nothing has an empty list: no list made a project).
    pub indicators: Vec<Option<&'a IndicatorActual>>,
}

impl<'a> Taken<'a> {
    /// A project that takes nothing from an actuals file (the sheet carries its actuals).
    pub fn none(_project: &Project) -> Self {
        Taken::default()
    }

    /// The entry of the project's indicator `i`, where it took one.
    #[inline]
    pub fn indicator(&self, i: usize) -> Option<&'a IndicatorActual> {
        self.indicators.get(i).copied().flatten()
    }
}

impl<'a> Matcher<'a> {
    pub fn new(file: Option<&'a ActualsFile>) -> Self {
        let entries: &[ProjectActuals] = file.map(|a| a.projects.as_slice()).unwrap_or(&[]);
        let mut by_key = HashMap::new();
        let mut unitless: HashMap<&str, (Vec<usize>, usize)> = HashMap::new();
        let mut keyed: Vec<Cursor> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let slot = *by_key
                .entry((e.unit.as_str(), e.project.as_str()))
                .or_insert_with(|| {
                    keyed.push(Cursor::default());
                    keyed.len() - 1
                });
            keyed[slot].list.push(i);
            if e.unit.is_empty() {
                unitless.entry(e.project.as_str()).or_default().0.push(i);
            }
        }
        Matcher {
            file,
            matched: vec![false; entries.len()],
            used: entries
                .iter()
                .map(|p| vec![false; p.indicators.len()])
                .collect(),
            by_key,
            keyed,
            unitless,
            index: HashMap::new(),
            folded: None,
        }
    }

    /// The entry of a project whose names as written find none, after folding both sides.
    fn take_folded(&mut self, file: &'a ActualsFile, unit: &str, project: &str) -> Option<usize> {
        let folded = self
            .folded
            .get_or_insert_with(|| Folded::new(&file.projects));
        let project = fold(project);
        let key = owned_key(unit, &project);
        let matched = &self.matched;
        folded
            .by_key
            .get_mut(&key)
            .and_then(|c| c.first_free(matched))
            .or_else(|| {
                folded
                    .unitless
                    .get_mut(project.as_ref())?
                    .first_free(matched)
            })
    }

    /// Whether an entry of the file belongs to a project of the table named `unit` and
    /// `project` (as written, or folded), without taking it.
    pub fn finds(&mut self, unit: &str, project: &str) -> bool {
        let Some(file) = self.file else {
            return false;
        };
        self.by_key.contains_key(&(unit, project)) || self.unitless.contains_key(project) || {
            let folded = self
                .folded
                .get_or_insert_with(|| Folded::new(&file.projects));
            let project = fold(project);
            folded.by_key.contains_key(&owned_key(unit, &project))
                || folded.unitless.contains_key(project.as_ref())
        }
    }

    /// The entry of a project (same unit and project, else an unused entry that leaves the unit
    /// out) and of each of its indicators.
    pub fn take(&mut self, unit: &str, project: &Project) -> Taken<'a> {
        let Some(file) = self.file else {
            return Taken::none(project);
        };
        let matched = &self.matched;
        let found = self
            .by_key
            .get(&(unit, project.name.as_str()))
            // the next entry of these names; where the table has more projects of them than
            // the file entries, the first one again
            .and_then(|&slot| {
                let c = &mut self.keyed[slot];
                c.first_free(matched).or(c.list.first().copied())
            })
            .or_else(|| {
                let (list, next) = self.unitless.get_mut(project.name.as_str())?;
                while *next < list.len() && self.matched[list[*next]] {
                    *next += 1;
                }
                list.get(*next).copied()
            })
            .or_else(|| self.take_folded(file, unit, &project.name));
        let Some(i) = found else {
            return Taken::none(project);
        };
        self.matched[i] = true;
        let entry = &file.projects[i];
        let used = &mut self.used[i];
        let index = self
            .index
            .entry(i)
            .or_insert_with(|| EntryIndex::new(&entry.indicators));
        let mut targets = None;
        let mut indicators: Vec<_> = project
            .indicators
            .iter()
            .map(|row| {
                let mut elsewhere = |a: &IndicatorActual| {
                    meant_elsewhere(a, row, &project.indicators, &mut targets)
                };
                index.take_exact(&entry.indicators, used, row, &mut elsewhere)
            })
            .collect();
        // rows no name as written found, once every row had its try
        if indicators.iter().any(Option::is_none) {
            for (slot, row) in indicators.iter_mut().zip(&project.indicators) {
                if slot.is_none() {
                    *slot = index.take_loose(&entry.indicators, used, row);
                }
            }
        }
        Taken {
            entry: Some(entry),
            indicators,
        }
    }

    /// Whether an entry (or an indicator of an entry) matched nothing in the table, without
    /// making the findings ([`Matcher::unmatched`]).
    pub fn any_unmatched(&self) -> bool {
        self.matched.contains(&false) || self.used.iter().any(|u| u.contains(&false))
    }

    /// Entries that matched nothing in the table (`actuals.unmatched`, or `actuals.duplicate`
    /// for a second entry of one name), in file order: each code's first ones listed, the rest
    /// counted and said in one closing finding a code (`table::listing`: an actuals file of
    /// 190,000 entries the table lacks held and wrote as many findings, 87 MB of JSON). Their
    /// positions are found by one forward pass over the file's text (linear in its size,
    /// however many entries go unmatched).
    pub fn unmatched(&self) -> Vec<Finding> {
        let mut findings = crate::table::listing::Findings::default();
        let Some(a) = self.file else {
            return Vec::new();
        };
        // the first entry taken of each (folded) unit and project, where an entry is left over
        let taken_first: HashMap<(Cow<str>, Cow<str>), usize> = if self.matched.contains(&false) {
            let mut m = HashMap::new();
            for (i, p) in a.projects.iter().enumerate() {
                if self.matched[i] {
                    m.entry((fold(&p.unit), fold(&p.project))).or_insert(i);
                }
            }
            m
        } else {
            HashMap::new()
        };
        let firsts: std::collections::HashSet<usize> = taken_first.values().copied().collect();
        let mut places: HashMap<usize, Option<(u32, u32)>> = HashMap::new();
        let mut locator = Locator::new(&a.text);
        for (i, p) in a.projects.iter().enumerate() {
            let at = locator.find(&p.project);
            if !self.matched[i] {
                let first = taken_first.get(&(fold(&p.unit), fold(&p.project))).copied();
                findings.push(match first {
                    Some(first) => duplicate(a, p, at, places.get(&first).copied().flatten()),
                    None => unmatched(a, &p.unit, &p.project, None, at),
                });
                continue;
            }
            if firsts.contains(&i) {
                places.insert(i, at);
            }
            // the entries of this project by folded name and sequence (made where one is left
            // over): a left-over entry that shares them with another is a second entry for one
            // indicator (`actuals.duplicate`), not a name the table lacks
            let mut twins: Option<Twins> = None;
            for (j, taken) in self.used[i].iter().enumerate() {
                if !taken {
                    let e = &p.indicators[j];
                    let at = at.and_then(|_| locator.find(&e.indicator));
                    let twins = twins.get_or_insert_with(|| {
                        let mut m: HashMap<_, Vec<usize>> = HashMap::new();
                        for (k, t) in p.indicators.iter().enumerate() {
                            m.entry((fold(&t.indicator), t.seq)).or_default().push(k);
                        }
                        m
                    });
                    let group = &twins[&(fold(&e.indicator), e.seq)];
                    findings.push(if group.len() > 1 {
                        let used = group.iter().find(|&&k| self.used[i][k]);
                        let others: Vec<&IndicatorActual> = group
                            .iter()
                            .filter(|&&k| k != j)
                            .map(|&k| &p.indicators[k])
                            .collect();
                        duplicate_indicator(a, p, used.map(|&k| &p.indicators[k]), &others, e, at)
                    } else {
                        unmatched(a, &p.unit, &p.project, Some(&e.indicator), at)
                    });
                }
            }
        }
        findings.close()
    }
}

/// Finds names in a text in the order they were written, never looking back: each search starts
/// where the last one ended, so finding every entry of a file reads its text about once. A
/// name not found (written with escapes, say) costs one scan to the end; after a few of those
/// positions are no longer looked for, so the time stays linear.
struct Locator<'t> {
    text: &'t str,
    from: usize,
    misses: u32,
    /// Line and column (in characters) at `line_at`, counted forward only.
    line: usize,
    column: usize,
    line_at: usize,
}

impl<'t> Locator<'t> {
    const MAX_MISSES: u32 = 8;

    fn new(text: &'t str) -> Self {
        Locator {
            text,
            from: 0,
            misses: 0,
            line: 1,
            column: 1,
            line_at: 0,
        }
    }

    /// The 1-based line and column of the next `name` after the last one found.
    fn find(&mut self, name: &str) -> Option<(u32, u32)> {
        if self.misses >= Self::MAX_MISSES || name.is_empty() {
            return None;
        }
        let Some(k) = memchr::memmem::find(&self.text.as_bytes()[self.from..], name.as_bytes())
        else {
            self.misses += 1;
            return None;
        };
        let at = self.from + k;
        let between = &self.text[self.line_at..at];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = between[nl + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.line_at = at;
        self.from = at + name.len();
        let column = self.column;
        Some((
            u32::try_from(self.line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        ))
    }
}

/// `actuals.duplicate`: an entry of a project another entry of the file gave to the table
/// already (`first`: where that one is, when it comes before).
fn duplicate(
    file: &ActualsFile,
    p: &ProjectActuals,
    at: Option<(u32, u32)>,
    first: Option<(u32, u32)>,
) -> Finding {
    let used = first
        .map(|(line, _)| format!("第 {line} 行的那一条"))
        .unwrap_or_else(|| "另一条".to_owned());
    let message = format!(
        "实际值文件中项目“{}”写了不止一次：评分用的是{used}，这一条的数字未计入评分（也没有与那一条合并）",
        p.project
    );
    let mut f = Finding::new(crate::codes::ACTUALS_DUPLICATE, Severity::Warning, &file.name, message)
        .help("把同一项目的数字写在一条中（指标都列在一个 indicators 下）；若目标表确有两个同名项目，按表中的顺序各写一条")
        .in_project(&p.unit, &p.project);
    if let Some((line, column)) = at {
        f.line = Some(line);
        f.column = Some(column);
    }
    f
}

/// A project's entries by folded indicator name and sequence number.
type Twins<'n> = HashMap<(Cow<'n, str>, Option<u32>), Vec<usize>>;

/// `actuals.duplicate` for an indicator: an entry of a project's indicator that shares its name
/// and sequence with `others`; `used` is the one the table took, if any (with two entries of
/// one name and no sequence to tell them, the table takes neither). Its figures are not scored
/// (the tenth probe: it was named "not in the table", and which figure was scored, or that
/// none was, was not said).
fn duplicate_indicator(
    file: &ActualsFile,
    p: &ProjectActuals,
    used: Option<&IndicatorActual>,
    others: &[&IndicatorActual],
    this: &IndicatorActual,
    at: Option<(u32, u32)>,
) -> Finding {
    let shown = |e: &IndicatorActual| {
        e.actual
            .as_deref()
            .or(e.grade.as_deref())
            .map_or_else(|| "（未填）".to_owned(), |t| format!("“{t}”"))
    };
    let message = match used {
        Some(u) => format!(
            "实际值文件中项目“{}”的指标“{}”写了不止一次：评分用的是另一条（实际值 {}），这一条（实际值 {}）未计入评分",
            p.project,
            this.indicator,
            shown(u),
            shown(this)
        ),
        None => {
            let rest: Vec<String> = others.iter().take(3).map(|e| shown(e)).collect();
            format!(
                "实际值文件中项目“{}”的指标“{}”写了不止一次（这一条实际值 {}，另有 {}{}）：无法确定用哪一条，都未计入评分（表中该指标按缺实际值处理）；若目标表中没有这个指标，请核对名称",
                p.project,
                this.indicator,
                shown(this),
                rest.join("、"),
                if others.len() > 3 { "……" } else { "" }
            )
        }
    };
    let mut f = Finding::new(crate::codes::ACTUALS_DUPLICATE, Severity::Warning, &file.name, message)
        .help("每个指标只写一条；两条的数字不一致时，删去不对的那一条；表中确有两个同名指标时，用序号（seq）区分")
        .in_project(&p.unit, &p.project)
        .indicator(&this.indicator);
    if let Some((line, column)) = at {
        f.line = Some(line);
        f.column = Some(column);
    }
    f
}

fn unmatched(
    file: &ActualsFile,
    unit: &str,
    project: &str,
    indicator: Option<&str>,
    at: Option<(u32, u32)>,
) -> Finding {
    let (message, help) = match indicator {
        Some(i) => (
            format!("实际值文件中的指标“{i}”在目标表的项目“{project}”中找不到"),
            "核对指标名称和序号（seq）是否与目标表一致",
        ),
        None => (
            format!("实际值文件中的项目“{project}”在目标表中找不到"),
            "核对单位（unit）和项目（project）名称是否与目标表一致",
        ),
    };
    let mut f = Finding::new(
        crate::codes::ACTUALS_UNMATCHED,
        Severity::Warning,
        &file.name,
        message,
    )
    .help(help)
    .in_project(unit, project);
    if let Some((line, column)) = at {
        f.line = Some(line);
        f.column = Some(column);
    }
    if let Some(i) = indicator {
        f = f.indicator(i);
    }
    f
}
