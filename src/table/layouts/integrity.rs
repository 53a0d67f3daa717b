//! Integrity checks of a target table, in exact decimals: every row's 总计 equals 财政拨款 +
//! 财政专户拨款 + 其他资金; each unit's amounts equal the sums of its projects'; the 合计 row
//! equals the sums of the units. Empty cells count as 0. A sum that depends on a skipped row is
//! not checked, and a `table.sum-unchecked` finding says so. Self-evaluation sheets have no sums.

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity, codes};
use crate::table::amount::format_amount;
use crate::table::model::{Amount, Amounts, Document, Layout};

type Column = (&'static str, fn(&Amounts) -> Option<&Amount>);

const COLUMNS: [Column; 4] = [
    ("总计", |a| a.total.as_ref()),
    ("财政拨款", |a| a.fiscal.as_ref()),
    ("财政专户拨款", |a| a.special.as_ref()),
    ("其他资金", |a| a.other.as_ref()),
];

fn value(a: Option<&Amount>) -> Decimal {
    a.map(|a| a.value).unwrap_or_default()
}

/// All integrity findings of `doc`, in the order of its steps. `rows_skipped` says whether some
/// data row was skipped.
pub(crate) fn check(doc: &Document, rows_skipped: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if doc.layout != Layout::TargetTable {
        return out;
    }
    rows_equal_their_sources(doc, &mut out);
    units_equal_their_projects(doc, &mut out);
    total_equals_the_units(doc, rows_skipped, &mut out);
    out
}

/// A row of the table with amounts: the 合计 row (no unit, no project), a unit's or a project's.
struct AmountRow<'a> {
    amounts: &'a Amounts,
    unit: Option<&'a str>,
    project: Option<&'a str>,
}

impl AmountRow<'_> {
    /// How a message names the row.
    fn who(&self) -> String {
        match (self.unit, self.project) {
            (_, Some(p)) => format!("项目「{p}」"),
            (Some(u), None) => format!("单位「{u}」"),
            (None, None) => "合计行".to_owned(),
        }
    }
}

/// Every row with amounts in table order: the 合计 row, then each unit and its projects.
fn amount_rows(doc: &Document) -> Vec<AmountRow<'_>> {
    let mut rows = Vec::new();
    if let Some(t) = &doc.total {
        rows.push(AmountRow {
            amounts: &t.amounts,
            unit: None,
            project: None,
        });
    }
    for u in &doc.units {
        rows.push(AmountRow {
            amounts: &u.amounts,
            unit: Some(&u.name),
            project: None,
        });
        for p in &u.projects {
            rows.push(AmountRow {
                amounts: &p.amounts,
                unit: Some(&u.name),
                project: Some(&p.name),
            });
        }
    }
    rows
}

/// Step 1: each row's 总计 = 财政拨款 + 财政专户拨款 + 其他资金 (a row without 总计 is not checked).
fn rows_equal_their_sources(doc: &Document, out: &mut Vec<Finding>) {
    for row in amount_rows(doc) {
        let amounts = row.amounts;
        let Some(total) = &amounts.total else {
            continue;
        };
        let fiscal = value(amounts.fiscal.as_ref());
        let special = value(amounts.special.as_ref());
        let other = value(amounts.other.as_ref());
        let sum = fiscal + special + other;
        if total.value == sum {
            continue;
        }
        let mut f = Finding::at_location(
            codes::SOURCE_SUM_MISMATCH,
            Severity::Error,
            &doc.source,
            total.at,
            format!(
                "{}总计 {} 万元，不等于资金来源之和 {} 万元（财政拨款 {} + 财政专户拨款 {} + 其他资金 {}），差 {}",
                row.who(),
                format_amount(total.value),
                format_amount(sum),
                format_amount(fiscal),
                format_amount(special),
                format_amount(other),
                format_amount(total.value - sum),
            ),
        )
        .label(format!("资金来源之和为 {}", format_amount(sum)))
        .help("核对该行的财政拨款、财政专户拨款、其他资金，或改正总计");
        if let Some(u) = row.unit {
            f = f.unit(u);
        }
        if let Some(p) = row.project {
            f = f.project(p);
        }
        out.push(f);
    }
}

/// A column's own amount and the sum of its parts where the two differ; `None` where they agree,
/// or where neither the row nor any part fills the column (nothing to check).
fn mismatch<'a>(
    own: Option<&Amount>,
    parts: impl IntoIterator<Item = Option<&'a Amount>>,
) -> Option<(Decimal, Decimal)> {
    let mut any = own.is_some();
    let mut sum = Decimal::ZERO;
    for part in parts {
        any |= part.is_some();
        sum += value(part);
    }
    (any && value(own) != sum).then(|| (value(own), sum))
}

/// Step 2: each unit's amounts = the sums of its projects', column by column. A unit with a row
/// skipped is not checked (`table.sum-unchecked`); an implicit unit has no row to check.
fn units_equal_their_projects(doc: &Document, out: &mut Vec<Finding>) {
    for u in doc.units.iter().filter(|u| !u.implicit) {
        if u.incomplete {
            out.push(
                Finding::at_location(
                    codes::SUM_UNCHECKED,
                    Severity::Info,
                    &doc.source,
                    u.name_at,
                    format!("单位「{}」下有行未读取，未核对其金额与项目之和", u.name),
                )
                .label("未核对")
                .unit(&u.name),
            );
            continue;
        }
        for (label, get) in COLUMNS {
            let own = get(&u.amounts);
            let parts = u.projects.iter().map(|p| get(&p.amounts));
            let Some((own_value, sum)) = mismatch(own, parts) else {
                continue;
            };
            out.push(
                Finding::at_location(
                    codes::UNIT_SUM_MISMATCH,
                    Severity::Error,
                    &doc.source,
                    own.map(|a| a.at).unwrap_or(u.name_at),
                    format!(
                        "单位「{}」{label} {} 万元，不等于其 {} 个项目的{label}之和 {} 万元，差 {}",
                        u.name,
                        format_amount(own_value),
                        u.projects.len(),
                        format_amount(sum),
                        format_amount(own_value - sum),
                    ),
                )
                .label(format!("项目之和为 {}", format_amount(sum)))
                .help("核对该单位下各项目的金额，或改正单位行的金额")
                .unit(&u.name),
            );
        }
    }
}

/// Step 3: the 合计 row = the sums of the units, column by column (an implicit unit has no row:
/// its projects stand in for it). Where any row was skipped, not checked (`table.sum-unchecked`).
fn total_equals_the_units(doc: &Document, rows_skipped: bool, out: &mut Vec<Finding>) {
    let Some(t) = &doc.total else {
        return;
    };
    if rows_skipped {
        out.push(
            Finding::at_location(
                codes::SUM_UNCHECKED,
                Severity::Info,
                &doc.source,
                t.amounts
                    .total
                    .as_ref()
                    .map(|a| a.at)
                    .unwrap_or(t.at.with_len(0)),
                "表中有行未读取，未核对合计行与各单位之和",
            )
            .label("未核对"),
        );
        return;
    }
    for (label, get) in COLUMNS {
        let own = get(&t.amounts);
        let parts = doc.units.iter().flat_map(|u| {
            if u.implicit {
                u.projects.iter().map(|p| get(&p.amounts)).collect()
            } else {
                vec![get(&u.amounts)]
            }
        });
        let Some((own_value, sum)) = mismatch(own, parts) else {
            continue;
        };
        out.push(
            Finding::at_location(
                codes::TOTAL_SUM_MISMATCH,
                Severity::Error,
                &doc.source,
                own.map(|a| a.at).unwrap_or(t.at),
                format!(
                    "合计行{label} {} 万元，不等于 {} 个单位的{label}之和 {} 万元，差 {}",
                    format_amount(own_value),
                    doc.units.len(),
                    format_amount(sum),
                    format_amount(own_value - sum),
                ),
            )
            .label(format!("单位之和为 {}", format_amount(sum)))
            .help("核对各单位行的金额，或改正合计行"),
        );
    }
}
