//! The roll-up of a pile as JSON lines: one line per form (`"record":"form"`, the fields of the
//! json roll-up's `forms` and the form's own `opinions`), then one `"record":"totals"` line
//! (`totals`, `units`, `departments`, `unread`, `copies`). Each form's line is complete on its
//! own, so a pile's lines can be written as each form is scored and dropped
//! ([`form_line`], [`totals_line`]): `jixiao evaluate` does so, in the order the tables are
//! read ([`super::stream`]). [`render_jsonl`] writes a roll-up already built, in its order
//! (by difference).

use std::collections::HashMap;

use serde::Serialize;

use super::rollup::{CopyRow, FormRow, Group, Opinion, Rollup, Totals, UnreadRow};

#[derive(Serialize)]
struct FormLine<'a> {
    record: &'static str,
    #[serde(flatten)]
    form: &'a FormRow,
    opinions: Vec<&'a Opinion>,
}

#[derive(Serialize)]
struct TotalsLine<'a> {
    record: &'static str,
    totals: &'a Totals,
    units: &'a [Group],
    departments: &'a [Group],
    unread: &'a [UnreadRow],
    copies: &'a [CopyRow],
}

fn line(v: &impl Serialize) -> String {
    let mut s = serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// One form's line: its row and its own opinions.
pub fn form_line(form: &FormRow, opinions: Vec<&Opinion>) -> String {
    line(&FormLine {
        record: "form",
        form,
        opinions,
    })
}

/// The closing line: the pile's totals, per unit and department, the files not read and the
/// copies.
pub fn totals_line(r: &Rollup) -> String {
    line(&TotalsLine {
        record: "totals",
        totals: &r.totals,
        units: &r.units,
        departments: &r.departments,
        unread: &r.unread,
        copies: &r.copies,
    })
}

/// The roll-up as JSON lines, forms in the roll-up's order, then the totals line.
pub fn render_jsonl(r: &Rollup) -> String {
    let mut own: HashMap<(&str, &str, &str), Vec<&Opinion>> = HashMap::new();
    for o in &r.opinions {
        own.entry((&o.file, &o.unit, &o.project))
            .or_default()
            .push(o);
    }
    let mut out = String::new();
    for f in &r.forms {
        let mine = own
            .remove(&(f.file.as_str(), f.unit.as_str(), f.project.as_str()))
            .unwrap_or_default();
        out.push_str(&form_line(f, mine));
    }
    out.push_str(&totals_line(r));
    out
}
