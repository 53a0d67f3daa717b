//! The names a table carries onto each of its indicators (unit, project, 一级 and 二级指标),
//! bounded in length ([`crate::limits::NAME`]): a name written once and filled down (a merged
//! cell, a blank cell below it, a form's 项目名称) is repeated in every line of the report and
//! every finding about the indicators under it, and every rule condition on it reads it again
//! for each. A 1 MB project name over 2,000 one-line indicators (a 1 MB file) made 2 GB of JSON
//! lines or CSV and 3.4–3.9 GB of memory, and 960 rules of small patterns on `project` ran past
//! two minutes (the nineteenth probe, `tests/hostile/PROBE.md`). The read stops with the named
//! limit (`table.name-too-long`), whole or streamed, before anything is evaluated.

use super::ReadError;
use super::model::Document;

/// `Err` naming the first unit, project or category name of `doc` longer than
/// [`crate::limits::NAME`] (in file order).
pub(crate) fn check(doc: &Document) -> Result<(), ReadError> {
    let max = crate::limits::NAME.get_usize();
    let err =
        |what: &'static str, text: &str, line: u32| too_long(&doc.source.name, what, text, line);
    for unit in &doc.units {
        if unit.name.len() > max {
            return Err(err("单位名称", &unit.name, unit.name_at.line));
        }
        for p in &unit.projects {
            if p.name.len() > max {
                return Err(err("项目名称", &p.name, p.name_at.line));
            }
            for i in &p.indicators {
                // only the lengths are looked at for each indicator (a streamed block's hot
                // loop): where it is is worked out for the error alone
                let category = i.category.as_deref().unwrap_or_default();
                let sub = i.subcategory.as_deref().unwrap_or_default();
                if category.len() > max || sub.len() > max {
                    let line = i.at.parts().item.line;
                    return Err(if category.len() > max {
                        err("一级指标", category, line)
                    } else {
                        err("二级指标", sub, line)
                    });
                }
            }
        }
    }
    Ok(())
}

/// The error of a name past the limit: where, how long, and its first characters.
fn too_long(file: &str, what: &'static str, text: &str, line: u32) -> ReadError {
    let start: String = text.chars().take(20).collect();
    ReadError::NameTooLong {
        name: file.to_owned(),
        what,
        line,
        bytes: text.len(),
        start,
        help: crate::limits::NAME.help(),
    }
}
