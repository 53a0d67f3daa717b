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

/// All integrity findings of `doc`. `rows_skipped` says whether some data row was skipped.
pub(crate) fn check(doc: &Document, rows_skipped: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if doc.layout != Layout::TargetTable {
        return out;
    }
    let src = &doc.source;
    // 1. each row: 总计 = sources
    let mut rows: Vec<(&Amounts, Option<&str>, Option<&str>)> = Vec::new();
    if let Some(t) = &doc.total {
        rows.push((&t.amounts, None, None));
    }
    for u in &doc.units {
        rows.push((&u.amounts, Some(&u.name), None));
        for p in &u.projects {
            rows.push((&p.amounts, Some(&u.name), Some(&p.name)));
        }
    }
    for (amounts, unit, project) in rows {
        let Some(total) = &amounts.total else {
            continue;
        };
        let sum = value(amounts.fiscal.as_ref())
            + value(amounts.special.as_ref())
            + value(amounts.other.as_ref());
        if total.value != sum {
            let who = match (unit, project) {
                (_, Some(p)) => format!("项目「{p}」"),
                (Some(u), None) => format!("单位「{u}」"),
                (None, None) => "合计行".to_owned(),
            };
            let mut f = Finding::at_location(
                codes::SOURCE_SUM_MISMATCH,
                Severity::Error,
                src,
                total.at,
                format!(
                    "{who}总计 {} 万元，不等于资金来源之和 {} 万元（财政拨款 {} + 财政专户拨款 {} + 其他资金 {}），差 {}",
                    format_amount(total.value),
                    format_amount(sum),
                    format_amount(value(amounts.fiscal.as_ref())),
                    format_amount(value(amounts.special.as_ref())),
                    format_amount(value(amounts.other.as_ref())),
                    format_amount(total.value - sum),
                ),
            )
            .label(format!("资金来源之和为 {}", format_amount(sum)))
            .help("核对该行的财政拨款、财政专户拨款、其他资金，或改正总计");
            if let Some(u) = unit {
                f = f.unit(u);
            }
            if let Some(p) = project {
                f = f.project(p);
            }
            out.push(f);
        }
    }
    // 2. each unit = sum of its projects
    for u in doc.units.iter().filter(|u| !u.implicit) {
        if u.incomplete {
            out.push(
                Finding::at_location(
                    codes::SUM_UNCHECKED,
                    Severity::Info,
                    src,
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
            if own.is_none() && u.projects.iter().all(|p| get(&p.amounts).is_none()) {
                continue;
            }
            let sum: Decimal = u.projects.iter().map(|p| value(get(&p.amounts))).sum();
            if value(own) != sum {
                let at = own.map(|a| a.at).unwrap_or(u.name_at);
                out.push(
                    Finding::at_location(
                        codes::UNIT_SUM_MISMATCH,
                        Severity::Error,
                        src,
                        at,
                        format!(
                            "单位「{}」{label} {} 万元，不等于其 {} 个项目的{label}之和 {} 万元，差 {}",
                            u.name,
                            format_amount(value(own)),
                            u.projects.len(),
                            format_amount(sum),
                            format_amount(value(own) - sum),
                        ),
                    )
                    .label(format!("项目之和为 {}", format_amount(sum)))
                    .help("核对该单位下各项目的金额，或改正单位行的金额")
                    .unit(&u.name),
                );
            }
        }
    }
    // 3. 合计 = sum of units
    if let Some(t) = &doc.total {
        if rows_skipped {
            out.push(
                Finding::at_location(
                    codes::SUM_UNCHECKED,
                    Severity::Info,
                    src,
                    t.amounts
                        .total
                        .as_ref()
                        .map(|a| a.at)
                        .unwrap_or(t.at.with_len(0)),
                    "表中有行未读取，未核对合计行与各单位之和",
                )
                .label("未核对"),
            );
            return out;
        }
        for (label, get) in COLUMNS {
            let own = get(&t.amounts);
            // an implicit unit has no row: its projects stand in for it
            let parts: Vec<Option<&Amount>> = doc
                .units
                .iter()
                .flat_map(|u| {
                    if u.implicit {
                        u.projects
                            .iter()
                            .map(|p| get(&p.amounts))
                            .collect::<Vec<_>>()
                    } else {
                        vec![get(&u.amounts)]
                    }
                })
                .collect();
            if own.is_none() && parts.iter().all(Option::is_none) {
                continue;
            }
            let sum: Decimal = parts.iter().map(|a| value(*a)).sum();
            if value(own) != sum {
                let at = own.map(|a| a.at).unwrap_or(t.at);
                out.push(
                    Finding::at_location(
                        codes::TOTAL_SUM_MISMATCH,
                        Severity::Error,
                        src,
                        at,
                        format!(
                            "合计行{label} {} 万元，不等于 {} 个单位的{label}之和 {} 万元，差 {}",
                            format_amount(value(own)),
                            doc.units.len(),
                            format_amount(sum),
                            format_amount(value(own) - sum),
                        ),
                    )
                    .label(format!("单位之和为 {}", format_amount(sum)))
                    .help("核对各单位行的金额，或改正合计行"),
                );
            }
        }
    }
    out
}
