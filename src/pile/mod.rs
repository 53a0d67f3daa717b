//! A pile of forms (issue 26): any number of files, folders and `.zip` archives read and
//! evaluated in one run, each distinct table or form on its own, with one roll-up
//! ([`rollup`], rendered by [`render`]).
//!
//! - [`gather`](mod@gather) lists the files (folders walked, archives unzipped within their limits).
//! - [`sort`] reads every file on the worker threads and tells what it is by content
//!   ([`crate::inputs::classify`]): tables that give the same projects and indicators
//!   ([`crate::inputs::fingerprint`]) are one table, read once — the first by
//!   [`crate::inputs::preference`], then by name — and the others named as its copies.
//! - [`evaluate`] scores each table on the worker threads. An actuals file applies to the tables
//!   its names match ([`crate::eval::unmatched::check`]); a table two actuals files match is
//!   not guessed at but listed unread (`pile.actuals-ambiguous`), and an actuals file that
//!   matches no table is listed too (`pile.actuals-unused`).
//!
//! Work is handed out by index and every result is put back at its index, so the output never
//! depends on the number of threads (`--jobs`).
//!
//! `jixiao evaluate` reads a pile through [`stream`] instead (the same choices, one batch of
//! tables at a time, each dropped once its roll-up row is kept); `inspect` and `review` print
//! every table and read it whole through [`sort`].

pub mod gather;
pub mod html;
pub mod jsonl;
pub mod render;
pub mod rollup;
pub mod stream;
pub mod xlsx;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::eval::{self, ActualsFile, Methodology};
use crate::inputs::{self, Kind};
use crate::report::model::Report;
use crate::rules::RuleSource;
use crate::table::{ReadOptions, model::Document};

pub use gather::{Gathered, Item, Origin, Refusal, Unread, gather};

/// `f` over `items` on `workers` threads; the results in the order of `items`.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = workers.clamp(1, items.len().max(1));
    if workers == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(r);
                    }
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// One table of the pile, read.
#[derive(Debug)]
pub struct Form {
    /// The file it was read from.
    pub name: String,
    /// Its path, where it is a file (not an archive's entry).
    pub path: Option<PathBuf>,
    pub doc: Document,
    /// Copies of the same table in other files, not read again.
    pub copies: Vec<String>,
}

/// The pile sorted by content.
#[derive(Debug, Default)]
pub struct Sorted {
    /// The tables, by name.
    pub forms: Vec<Form>,
    /// The actuals files, by name.
    pub actuals: Vec<(String, ActualsFile)>,
    /// Rule files found in folders and archives, by name (loaded before `--rules`).
    pub rules: Vec<RuleSource>,
    /// The files not read, by name.
    pub unread: Vec<Unread>,
}

enum Read {
    Table(Box<Document>),
    Actuals(ActualsFile),
    Rules(RuleSource),
    Unread(Refusal),
}

/// A file past `limit`, as the bounded reader would have said.
fn too_large(name: &str, limit: &crate::limits::Limit, size: usize) -> Refusal {
    Refusal::Read(crate::bounded::BoundedError::TooLarge {
        name: name.to_owned(),
        what: limit.what,
        max: limit.shown(),
        help: limit.help(),
        size: Some(size as u64),
    })
}

fn read_item(item: &Item, opts: &ReadOptions) -> Read {
    let owned;
    let bytes: &[u8] = match &item.origin {
        Origin::Entry(b) => b,
        Origin::Page(b) => b,
        Origin::File(p) => match crate::bounded::read_path(p, &crate::limits::INPUT) {
            Ok(b) => {
                owned = b;
                &owned
            }
            Err(e) => return Read::Unread(e.into()),
        },
    };
    // a web page's linked style sheets are read from its own folder (on disk, in its archive)
    let opts = match &item.origin {
        Origin::File(p) => crate::table::page_styles::at_path(opts, p, bytes),
        Origin::Entry(_) | Origin::Page(_) => {
            crate::table::page_styles::in_archive(opts, item.page_folder.as_ref(), bytes)
        }
    };
    match inputs::classify_why(&item.name, bytes, &opts) {
        (Kind::Table, Ok(Some(doc))) => Read::Table(Box::new(doc)),
        (Kind::Actuals, _) => {
            if bytes.len() as u64 > crate::limits::ACTUALS.get() {
                return Read::Unread(too_large(&item.name, &crate::limits::ACTUALS, bytes.len()));
            }
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Read::Unread(Refusal::ActualsEncoding {
                    name: item.name.clone(),
                });
            };
            match ActualsFile::parse(&item.name, text) {
                Ok(a) => Read::Actuals(a),
                Err(e) => Read::Unread(Refusal::Actuals(e)),
            }
        }
        // a rule file in a folder or an archive alike: its text, loaded before `--rules`
        (Kind::Rules, _) => {
            if bytes.len() as u64 > crate::limits::RULE_FILE.get() {
                return Read::Unread(too_large(
                    &item.name,
                    &crate::limits::RULE_FILE,
                    bytes.len(),
                ));
            }
            Read::Rules(RuleSource::from_bytes(&item.name, bytes))
        }
        // why it is no table, from this one reading (read again for it, the file took
        // twice its reading)
        (_, Err(e)) => Read::Unread(e.into()),
        (_, Ok(_)) => Read::Unread(Refusal::NotATable {
            name: item.name.clone(),
            reason: "读取时内容有变".to_owned(),
        }),
    }
}

/// Read every item on `workers` threads and sort the pile by content.
pub fn sort(gathered: Gathered, opts: &ReadOptions, workers: usize) -> Sorted {
    let mut out = Sorted {
        unread: gathered.unread,
        ..Sorted::default()
    };
    // read in the order copies are chosen in (the first by preference, then name, is read; the
    // others are named), a few files at a time: a copy's document is dropped as soon as its
    // fingerprint is known, and an archive entry's bytes once it is read. All documents were
    // held until the end: 5,000 copies of a 15 KB table in a 22 MB zip took 655 MB.
    let mut order: Vec<(usize, Item)> = gathered.items.into_iter().enumerate().collect();
    order.sort_by(|(_, a), (_, b)| {
        (inputs::preference(&a.name), &a.name).cmp(&(inputs::preference(&b.name), &b.name))
    });
    let mut prints: std::collections::HashMap<Vec<inputs::ProjectPrint>, usize> =
        std::collections::HashMap::new();
    // actuals and rule files keep the order by name (a later rule file overrides an earlier)
    let mut actuals = Vec::new();
    let mut rules = Vec::new();
    let batch = workers.max(1) * 4;
    let mut rest = order.into_iter();
    loop {
        let items: Vec<(usize, Item)> = rest.by_ref().take(batch).collect();
        if items.is_empty() {
            break;
        }
        let read = par_map(&items, workers, |(_, item)| read_item(item, opts));
        for ((at, item), r) in items.into_iter().zip(read) {
            match r {
                Read::Table(doc) => {
                    let print = inputs::fingerprint(&doc);
                    match prints.get(&print) {
                        Some(&i) => out.forms[i].copies.push(item.name),
                        None => {
                            prints.insert(print, out.forms.len());
                            out.forms.push(Form {
                                name: item.name,
                                path: match item.origin {
                                    Origin::File(p) => Some(p),
                                    Origin::Entry(_) | Origin::Page(_) => None,
                                },
                                doc: *doc,
                                copies: Vec::new(),
                            });
                        }
                    }
                }
                Read::Actuals(a) => actuals.push((at, item.name, a)),
                Read::Rules(p) => rules.push((at, p)),
                Read::Unread(refusal) => out.unread.push(Unread {
                    name: item.name,
                    refusal,
                }),
            }
        }
    }
    actuals.sort_by_key(|a| a.0);
    out.actuals = actuals.into_iter().map(|(_, n, a)| (n, a)).collect();
    rules.sort_by_key(|r| r.0);
    out.rules = rules.into_iter().map(|(_, r)| r).collect();
    out.forms.sort_by(|a, b| a.name.cmp(&b.name));
    out.unread.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

impl Sorted {
    /// `other`'s files added to these (files given beside a folder), each list in its order.
    pub fn join(mut self, other: Sorted) -> Sorted {
        self.forms.extend(other.forms);
        self.forms.sort_by(|a, b| a.name.cmp(&b.name));
        self.actuals.extend(other.actuals);
        self.actuals.sort_by(|a, b| a.0.cmp(&b.0));
        self.rules.extend(other.rules);
        self.unread.extend(other.unread);
        self.unread.sort_by(|a, b| a.name.cmp(&b.name));
        self
    }
}

/// What the evaluation of a pile needs besides the tables.
pub struct Settings<'a> {
    pub methodology: &'a Methodology,
    pub rules: &'a crate::rules::RuleSet,
    pub year: Option<i32>,
    pub workers: usize,
}

/// One table of the pile, evaluated (or why not).
#[derive(Debug)]
pub struct Evaluated {
    pub name: String,
    pub copies: Vec<String>,
    /// The actuals file applied, where one was.
    pub actuals: Option<String>,
    pub result: Result<Report, Refusal>,
    /// What the table says of each project besides its scores.
    pub facts: Vec<ProjectFacts>,
}

/// What a table says of one project that the report does not carry: its 主管部门 and the sheet
/// it is on (a workbook read whole).
#[derive(Debug, Clone)]
pub struct ProjectFacts {
    pub unit: String,
    pub project: String,
    pub department: Option<String>,
    pub sheet: Option<String>,
}

/// The projects of a pile's actuals files by their folded names, each with the files that name
/// it: a table is tried only against the files that name one of its projects (every table was
/// tried against every file, its refusal's nearest names made each time: 1,600 tables and
/// 1,600 files that match none of them took minutes).
#[derive(Debug, Default)]
pub(crate) struct ActualsKeys {
    /// Folded (unit, project) of every entry, to the files that hold it.
    by_key: HashMap<(String, String), Vec<usize>>,
    /// Folded project of every entry without a unit, to the files that hold it.
    unitless: HashMap<String, Vec<usize>>,
}

impl ActualsKeys {
    pub(crate) fn new(actuals: &[(String, ActualsFile)]) -> Self {
        let mut keys = ActualsKeys::default();
        for (i, (_, a)) in actuals.iter().enumerate() {
            for e in &a.projects {
                let project = eval::fold::fold(&e.project).into_owned();
                if e.unit.is_empty() {
                    push_once(keys.unitless.entry(project.clone()).or_default(), i);
                }
                let unit = eval::fold::fold(&e.unit).into_owned();
                push_once(keys.by_key.entry((unit, project)).or_default(), i);
            }
        }
        keys
    }

    /// The files that may match `doc`: those with an entry whose names, folded, are those of
    /// one of its projects (the matcher finds an entry only so), in file order.
    fn candidates(&self, doc: &Document) -> Vec<usize> {
        let mut out = Vec::new();
        for (u, p) in doc.projects() {
            let project = eval::fold::fold(&p.name);
            let unit = eval::fold::fold(&u.name);
            let key = (unit.into_owned(), project.into_owned());
            out.extend(self.by_key.get(&key).into_iter().flatten());
            out.extend(self.unitless.get(&key.1).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `i` added to a list of files unless it ends it already.
fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// The actuals files of `actuals` whose names `doc` matches (a file with no projects matches
/// nothing); `keys` is [`ActualsKeys::new`] of `actuals`.
pub(crate) fn matching(
    doc: &Document,
    actuals: &[(String, ActualsFile)],
    keys: &ActualsKeys,
) -> Vec<usize> {
    keys.candidates(doc)
        .into_iter()
        .filter(|&i| {
            let a = &actuals[i].1;
            !a.projects.is_empty() && eval::unmatched::matches(doc, a)
        })
        .collect()
}

/// One table scored with the actuals file its names match (`m`, indices in `actuals`): the
/// actuals file applied, the report or why not, and what the table says of each project.
pub(crate) fn score(
    name: &str,
    doc: &Document,
    m: &[usize],
    actuals: &[(String, ActualsFile)],
    s: &Settings<'_>,
) -> (Option<String>, Result<Report, Refusal>, Vec<ProjectFacts>) {
    let facts = doc
        .projects()
        .map(|(u, p)| ProjectFacts {
            unit: u.name.clone(),
            project: p.name.clone(),
            department: p.form.as_ref().and_then(|f| f.department.clone()),
            sheet: p
                .at
                .cell
                .and_then(|_| doc.source.sheet_at(p.at.offset))
                .map(str::to_owned),
        })
        .collect();
    let mut actuals_name = None;
    let result = (|| {
        let applied = match m {
            [] => None,
            [i] => {
                actuals_name = Some(actuals[*i].0.clone());
                Some(&actuals[*i].1)
            }
            many => {
                return Err(Refusal::ActualsAmbiguous {
                    table: name.to_owned(),
                    files: many
                        .iter()
                        .map(|i| actuals[*i].0.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                });
            }
        };
        eval::unfilled::check(doc, applied).map_err(|e| Refusal::Unfilled(Box::new(e)))?;
        Ok(eval::evaluate(
            doc,
            applied,
            &eval::Options {
                methodology: s.methodology,
                rules: s.rules,
                year: s.year,
                progress: None,
                cancel: None,
            },
        ))
    })();
    (actuals_name, result, facts)
}

/// Evaluate every table of `sorted`; the actuals files that matched no table are added to
/// `unread`.
pub fn evaluate(sorted: &Sorted, s: &Settings<'_>) -> (Vec<Evaluated>, Vec<Unread>) {
    // which actuals files match which table (a file with no projects matches nothing)
    let keys = ActualsKeys::new(&sorted.actuals);
    let matching: Vec<Vec<usize>> = par_map(&sorted.forms, s.workers, |f| {
        matching(&f.doc, &sorted.actuals, &keys)
    });
    let mut used = vec![false; sorted.actuals.len()];
    for &i in matching.iter().flatten() {
        used[i] = true;
    }
    let mut unread = Vec::new();
    for (i, (name, _)) in sorted.actuals.iter().enumerate() {
        if !used[i] {
            unread.push(Unread {
                name: name.clone(),
                refusal: Refusal::ActualsUnused { name: name.clone() },
            });
        }
    }
    let jobs: Vec<(&Form, &Vec<usize>)> = sorted.forms.iter().zip(&matching).collect();
    let done = par_map(&jobs, s.workers, |(form, m)| {
        let (actuals, result, facts) = score(&form.name, &form.doc, m, &sorted.actuals, s);
        Evaluated {
            name: form.name.clone(),
            copies: form.copies.clone(),
            actuals,
            result,
            facts,
        }
    });
    (done, unread)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        // uneven work, so threads finish out of order
        let f = |n: &u64| (0..(n % 7) * 1000).fold(*n, |a, b| a.wrapping_mul(31).wrapping_add(b));
        let one = par_map(&items, 1, f);
        for workers in [2, 3, 8] {
            assert_eq!(par_map(&items, workers, f), one, "{workers} threads");
        }
        assert_eq!(one.len(), 500);
        assert!(par_map(&Vec::<u64>::new(), 4, f).is_empty());
    }

    #[test]
    fn a_file_of_the_pile_that_is_no_table_is_read_once_and_keeps_its_reason() {
        let item = Item {
            name: "说明.txt".to_owned(),
            origin: Origin::Entry("这不是表格\n只是一段说明\n".as_bytes().to_vec()),
            page_folder: None,
        };
        crate::table::READS.with(|n| n.set(0));
        let read = read_item(&item, &ReadOptions::default());
        assert_eq!(crate::table::READS.with(|n| n.get()), 1, "read once");
        let Read::Unread(Refusal::Table(e)) = read else {
            panic!("not refused with the reader's error");
        };
        assert!(e.to_string().contains("说明.txt"), "{e}");
    }
}
