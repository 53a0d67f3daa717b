//! A pile read and scored as a stream (what `jixiao evaluate` does with a pile): each table is
//! read, told apart from the tables before it, scored and handed on, then dropped, so memory
//! does not grow with the number of tables — only each form's roll-up row stays
//! ([`super::rollup::Builder`]).
//!
//! Decisions where the spec is silent:
//! - **Actuals and rule files first.** They must be known before any table is scored, so the
//!   files whose ending an actuals or rule file has (`.yaml`, `.yml`, none) are read first
//!   ([`prepare`]). A file with another ending that turns out to be YAML actuals or rules is
//!   listed as not read (`pile.not-a-table`, saying to name it `.yaml`), never applied to the
//!   tables already scored.
//! - **Tables in the order copies are chosen.** The other files are read in the order
//!   [`crate::inputs::preference`] then name, in batches on the worker threads: the first of
//!   several copies of one table is then the one [`super::sort`] would choose, and the others
//!   are named as its copies without keeping any table. A copy is scored with its batch (the
//!   threads do not wait for each other) and its result dropped.
//! - Each table's result is handed on in that order; the roll-up is sorted at the end as
//!   [`super::rollup`] says, so the bytes are those of [`super::sort`] and
//!   [`super::evaluate`], at any thread count.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::eval::ActualsFile;
use crate::inputs::{self, ProjectPrint};
use crate::report::model::Report;
use crate::rules::RuleSource;
use crate::table::{ReadOptions, model::Document};

use super::gather::{Gathered, Item, Origin, Refusal, Unread};
use super::{ProjectFacts, Read, Settings, par_map, read_item};

/// Tables read and scored at once per worker thread: enough to keep the threads busy, few
/// enough that the tables in flight stay small.
const BATCH_PER_WORKER: usize = 8;

/// A pile with its actuals and rule files read, its tables not yet.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The actuals files, by name.
    pub actuals: Vec<(String, ActualsFile)>,
    /// The rule files, by name (loaded before `--rules`).
    pub rules: Vec<RuleSource>,
    /// The files not read so far, by name.
    pub unread: Vec<Unread>,
    /// Tables met among the YAML-named files (a table saved as `.yaml`): scored first.
    early: Vec<(Item, Document)>,
    /// The other files, in the order they are read.
    items: Vec<Item>,
}

impl Prepared {
    /// How many files are left to read.
    pub fn remaining(&self) -> usize {
        self.early.len() + self.items.len()
    }
}

fn yaml_named(name: &str) -> bool {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "yaml" | "yml" | "")
}

/// Read the actuals and rule files of `gathered` (on `workers` threads).
pub fn prepare(gathered: Gathered, opts: &ReadOptions, workers: usize) -> Prepared {
    let (first, mut items): (Vec<Item>, Vec<Item>) = gathered
        .items
        .into_iter()
        .partition(|i| yaml_named(&i.name));
    let mut out = Prepared {
        unread: gathered.unread,
        ..Prepared::default()
    };
    let read = par_map(&first, workers, |item| read_item(item, opts));
    for (item, r) in first.into_iter().zip(read) {
        match r {
            Read::Table(doc) => out.early.push((item, *doc)),
            Read::Actuals(a) => out.actuals.push((item.name, a)),
            Read::Rules(r) => out.rules.push(r),
            Read::Unread(refusal) => out.unread.push(Unread {
                name: item.name,
                refusal,
            }),
        }
    }
    items.sort_by(|a, b| {
        (inputs::preference(&a.name), &a.name).cmp(&(inputs::preference(&b.name), &b.name))
    });
    out.items = items;
    out
}

/// One table of the pile, scored.
#[derive(Debug)]
pub struct Scored {
    pub name: String,
    /// Its path, where it is a file.
    pub path: Option<PathBuf>,
    /// The table itself.
    pub doc: Document,
    /// The actuals file applied, where one was.
    pub actuals: Option<String>,
    pub result: Result<Report, Refusal>,
    pub facts: Vec<ProjectFacts>,
}

/// What is left once every table has been handed on.
#[derive(Debug, Default)]
pub struct Finished {
    /// Each table read with its copies (by the table's name), for those that have some.
    pub copies: Vec<(String, Vec<String>)>,
    /// The files not read (those of [`Prepared`] included), and the actuals files no table
    /// matched.
    pub unread: Vec<Unread>,
}

enum Out {
    Table {
        print: Vec<ProjectPrint>,
        matched: Vec<usize>,
        scored: Box<Scored>,
    },
    Unread(Refusal),
}

fn late_yaml(name: &str, what: &str) -> Refusal {
    Refusal::NotATable {
        name: name.to_owned(),
        reason: format!(
            "这是{what}，但文件名不以 .yaml 或 .yml 结尾：改名后再读取（汇总先读实际值和规则文件，再读各表）"
        ),
    }
}

fn score_item(
    item: &Item,
    doc: Option<Document>,
    opts: &ReadOptions,
    actuals: &[(String, ActualsFile)],
    keys: &super::ActualsKeys,
    s: &Settings<'_>,
) -> Out {
    let doc = match doc {
        Some(d) => d,
        None => match read_item(item, opts) {
            Read::Table(d) => *d,
            Read::Actuals(_) => return Out::Unread(late_yaml(&item.name, "实际值文件")),
            Read::Rules(_) => return Out::Unread(late_yaml(&item.name, "规则文件")),
            Read::Unread(r) => return Out::Unread(r),
        },
    };
    let print = inputs::fingerprint(&doc);
    let matched = super::matching(&doc, actuals, keys);
    let (applied, result, facts) = super::score(&item.name, &doc, &matched, actuals, s);
    Out::Table {
        print,
        matched,
        scored: Box::new(Scored {
            name: item.name.clone(),
            path: match &item.origin {
                Origin::File(p) => Some(p.clone()),
                Origin::Entry(_) | Origin::Page(_) => None,
            },
            doc,
            actuals: applied,
            result,
            facts,
        }),
    }
}

/// Read and score every table of `p`, handing each distinct table to `each` in the order read;
/// `tick` is called once per file read (for a progress bar).
/// `p`'s actuals and rule files stay in it.
pub fn run(
    p: &mut Prepared,
    opts: &ReadOptions,
    s: &Settings<'_>,
    tick: &(dyn Fn() + Sync),
    each: &mut dyn FnMut(Scored),
) -> Finished {
    let actuals = &p.actuals;
    let keys = super::ActualsKeys::new(actuals);
    let early = std::mem::take(&mut p.early);
    let items = std::mem::take(&mut p.items);
    let mut done = Finished {
        unread: std::mem::take(&mut p.unread),
        ..Finished::default()
    };
    // each distinct table's print, to the index of its name
    let mut prints: HashMap<Vec<ProjectPrint>, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    // a table's index to its place in `done.copies`
    let mut copies_of: HashMap<usize, usize> = HashMap::new();
    let mut used = vec![false; actuals.len()];
    let mut take = |out: Out, item_name: String, done: &mut Finished| match out {
        Out::Unread(refusal) => done.unread.push(Unread {
            name: item_name,
            refusal,
        }),
        Out::Table {
            print,
            matched,
            scored,
        } => match prints.get(&print) {
            Some(&i) => match copies_of.get(&i) {
                Some(&c) => done.copies[c].1.push(scored.name),
                None => {
                    copies_of.insert(i, done.copies.len());
                    done.copies.push((names[i].clone(), vec![scored.name]));
                }
            },
            None => {
                prints.insert(print, names.len());
                names.push(scored.name.clone());
                for m in matched {
                    used[m] = true;
                }
                each(*scored);
            }
        },
    };
    for (item, doc) in early {
        let out = score_item(&item, Some(doc), opts, actuals, &keys, s);
        tick();
        take(out, item.name, &mut done);
    }
    let batch = s.workers.max(1) * BATCH_PER_WORKER;
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        let chunk: Vec<Item> = items.by_ref().take(batch).collect();
        let outs = par_map(&chunk, s.workers, |item| {
            let out = score_item(item, None, opts, actuals, &keys, s);
            tick();
            out
        });
        for (item, out) in chunk.into_iter().zip(outs) {
            take(out, item.name, &mut done);
        }
    }
    for (i, (name, _)) in actuals.iter().enumerate() {
        if !used[i] {
            done.unread.push(Unread {
                name: name.clone(),
                refusal: Refusal::ActualsUnused { name: name.clone() },
            });
        }
    }
    done.unread.sort_by(|a, b| a.name.cmp(&b.name));
    done
}
