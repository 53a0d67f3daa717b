//! Writes `samples/guangzhou-hpf-2023/targets.xlsx` and `targets-gbk.csv` from `targets.tsv`
//! (the published seed table, byte for byte). Run once after the TSV changes:
//! `cargo run --example make_sample_tables`. The outputs are committed; tests read them.
//!
//! The workbook keeps every line of the TSV on the sheet row of the same number (blank lines
//! stay blank rows), amounts as numbers formatted `#,##0.00`; its creation date is fixed so the
//! bytes do not change between runs. The CSV is comma-separated, CRLF, quoted as Excel quotes,
//! encoded in GBK as Chinese Excel saves it.

use std::error::Error;
use std::fs;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023");
    let tsv = fs::read_to_string(dir.join("targets.tsv"))?;
    let lines: Vec<Vec<&str>> = tsv
        .split('\n')
        .map(|l| l.trim_end_matches('\r').split('\t').collect())
        .collect();
    let header = lines
        .iter()
        .position(|cells| cells.first().is_some_and(|c| c.starts_with("项目名称")))
        .ok_or("no header in targets.tsv")?;

    // workbook
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2023, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let money = Format::new().set_num_format("#,##0.00");
    let ws = wb.add_worksheet();
    ws.set_name("项目支出绩效目标表")?;
    for (r, cells) in lines.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let (row, col) = (r as u32, c as u16);
            let amount = (1..=4).contains(&c) && r > header;
            match text.replace(',', "").parse::<f64>() {
                Ok(v) if amount => ws.write_number_with_format(row, col, v, &money)?,
                _ => ws.write_string(row, col, *text)?,
            };
        }
    }
    ws.set_column_width(0, 48)?;
    ws.set_column_width(5, 60)?;
    ws.set_column_width(6, 80)?;
    fs::write(dir.join("targets.xlsx"), wb.save_to_buffer()?)?;

    // GBK csv, quoted as Excel quotes: only fields with a comma, quote or line break
    let mut utf8 = String::new();
    for cells in &lines {
        let fields: Vec<String> = cells
            .iter()
            .map(|f| {
                if f.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    (*f).to_owned()
                }
            })
            .collect();
        utf8.push_str(&fields.join(","));
        utf8.push_str("\r\n");
    }
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    if unmappable {
        return Err("a character of the table has no GBK code".into());
    }
    fs::write(dir.join("targets-gbk.csv"), gbk)?;
    Ok(())
}
