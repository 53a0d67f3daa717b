//! Reading tables: the seed and its three sample forms, the self-evaluation sheet of the corpus,
//! encodings, line endings, and inputs that must give a clear error rather than a panic.

use std::path::{Path, PathBuf};

use jixiao::finding::codes;
use jixiao::table::{self, Document, EncodingChoice, ReadError, ReadOptions};
use rust_decimal::Decimal;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_path() -> PathBuf {
    root().join("tests/fixtures/seed/000_1d4fe422b316c871.txt")
}

fn sample(name: &str) -> PathBuf {
    root().join("samples/guangzhou-hpf-2023").join(name)
}

fn read(path: &Path) -> Document {
    jixiao::inputs::read_path(path, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The model without source positions: every `at`/`name_at` key removed.
fn shape(doc: &Document) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| k != "at" && k != "name_at");
                // amounts compare by value: a workbook stores 857.6 where the text says 857.60
                if let Some(Value::String(v)) = map.get_mut("value") {
                    *v = v.parse::<Decimal>().unwrap().normalize().to_string();
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::json!({
        "department": doc.department,
        "money_unit": doc.money_unit,
        "layout": doc.layout,
        "total": doc.total,
        "units": doc.units,
        "rows_read": doc.rows_read,
        "rows_skipped": doc.rows_skipped,
    });
    strip(&mut v);
    v
}

fn assert_seed_counts(doc: &Document) {
    let c = doc.counts();
    assert_eq!(
        (c.units, c.projects, c.indicators),
        (6, 29, 77),
        "{}",
        doc.source.name
    );
    assert_eq!((c.rows_read, c.rows_skipped), (36, 0));
    assert!(doc.findings.is_empty(), "{:#?}", doc.findings);
}

#[test]
fn seed_reads_as_six_units_29_projects_77_indicators() {
    let doc = read(&seed_path());
    assert_seed_counts(&doc);
    assert_eq!(doc.department.as_deref(), Some("广州住房公积金管理中心"));
    assert_eq!(doc.money_unit.as_deref(), Some("万元"));
    let total = doc.total.as_ref().unwrap().amounts.total.as_ref().unwrap();
    assert_eq!(total.value, dec("12748.27"));
    assert_eq!(total.at.line, 10);
}

#[test]
fn every_sample_form_reads_as_the_seed() {
    let seed = read(&seed_path());
    for name in ["targets.tsv", "targets.xlsx", "targets-gbk.csv"] {
        let doc = read(&sample(name));
        assert_seed_counts(&doc);
        assert!(shape(&doc) == shape(&seed), "{name} differs from the seed");
    }
    assert_eq!(read(&sample("targets-gbk.csv")).source.encoding, "GB18030");
}

#[test]
fn sample_tsv_is_the_seed_byte_for_byte() {
    assert_eq!(
        std::fs::read(sample("targets.tsv")).unwrap(),
        std::fs::read(seed_path()).unwrap()
    );
}

#[test]
fn bom_crlf_and_forced_encodings_read_alike() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let base = shape(&read(&seed_path()));
    let crlf = format!("\u{feff}{}", seed.replace('\n', "\r\n"));
    let doc = table::read_bytes("t.tsv", crlf.as_bytes(), &ReadOptions::default()).unwrap();
    assert!(shape(&doc) == base);
    let (gbk, _, _) = encoding_rs::GBK.encode(&seed);
    let forced = ReadOptions {
        encoding: EncodingChoice::Gbk,
        ..ReadOptions::default()
    };
    let doc = table::read_bytes("t.txt", &gbk, &forced).unwrap();
    assert!(shape(&doc) == base);
    // UTF-16LE with BOM, as Excel's "Unicode text" saves it
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    let doc = table::read_bytes("t.txt", &utf16, &ReadOptions::default()).unwrap();
    assert!(shape(&doc) == base);
    let doc = table::read_str("t.tsv", &seed, &ReadOptions::default()).unwrap();
    assert!(shape(&doc) == base);
    // GBK bytes forced as UTF-8: a clear error, with the byte offset
    let forced = ReadOptions {
        encoding: EncodingChoice::Utf8,
        ..ReadOptions::default()
    };
    assert!(matches!(
        table::read_bytes("t.tsv", &gbk, &forced),
        Err(ReadError::Decode { .. })
    ));
}

#[test]
fn seed_indicator_cells_split_as_written() {
    let doc = read(&seed_path());
    let inds: Vec<_> = doc.indicators().collect();
    // the first indicator, with the byte range of its name and target in the file
    let (_, p, i) = inds[0];
    assert_eq!(p.name, "业务用房物业管理费");
    assert_eq!((i.seq, i.category.as_deref()), (1, Some("产出指标")));
    assert_eq!((&*i.name, &*i.target), ("物业管理覆盖面积", "年度计划数"));
    assert_eq!(doc.source.slice(&i.at.name()), "物业管理覆盖面积");
    assert_eq!(doc.source.slice(&i.at.target()), "年度计划数");
    assert_eq!(i.at.name().line, 12);
    // five indicators without a category, kept as None
    let none: Vec<_> = inds
        .iter()
        .filter(|(_, _, i)| i.category.is_none())
        .map(|(_, _, i)| &*i.name)
        .collect();
    assert_eq!(
        none,
        [
            "缴存单位及职工满意度",
            "评价满意度",
            "培训人员满意度",
            "群众满意度",
            "缴存单位及职工满意度"
        ]
    );
    // the doubled stop is kept as the terminator, not in the target
    let doubled: Vec<_> = inds
        .iter()
        .filter(|(_, _, i)| i.terminator == "。。")
        .collect();
    assert_eq!(doubled.len(), 2);
    assert_eq!(
        &*doubled[0].2.target,
        "通过宣传指引，让缴存单位按时足额完成公积金缴存"
    );
    // odd spacing in a project name is kept
    assert!(
        doc.projects()
            .any(|(_, p)| p.name == "广州住房公积金管理中心 2023年-2024年IT整体运维项目 (2023)")
    );
    // every name and target location points at exactly its text, in every form
    for name in ["targets.tsv", "targets-gbk.csv"] {
        let doc = read(&sample(name));
        for (_, p, i) in doc.indicators() {
            assert_eq!(doc.source.slice(&i.at.name()), &*i.name, "{name}");
            assert_eq!(doc.source.slice(&i.at.target()), &*i.target, "{name}");
            assert_eq!(doc.source.slice(&p.name_at), p.name, "{name}");
        }
    }
}

#[test]
fn xlsx_locations_name_sheet_and_cell() {
    let doc = read(&sample("targets.xlsx"));
    assert_eq!(doc.source.sheet.as_deref(), Some("项目支出绩效目标表"));
    let (_, p, i) = doc.indicators().next().unwrap();
    assert_eq!(p.name_at.cell.unwrap().a1(), "A12");
    assert_eq!(i.at.target().cell.unwrap().a1(), "G12");
    assert_eq!(doc.source.slice(&i.at.target()), "年度计划数");
    let missing = ReadOptions {
        sheet: Some("Sheet9".into()),
        ..ReadOptions::default()
    };
    assert!(matches!(
        table::read_path(&sample("targets.xlsx"), &missing),
        Err(ReadError::NoSheet { .. })
    ));
}

#[test]
fn corpus_self_evaluation_sheet() {
    let doc = read(&root().join("tests/fixtures/lang/corpus_scored.tsv"));
    let c = doc.counts();
    assert_eq!((c.units, c.projects, c.indicators), (1, 1, 20));
    assert_eq!((c.rows_read, c.rows_skipped), (21, 0));
    // the two transcription columns are reported, not silently dropped
    let codes_found: Vec<_> = doc.findings.iter().map(|f| f.code.as_ref()).collect();
    assert_eq!(codes_found, [codes::COLUMN_IGNORED, codes::COLUMN_IGNORED]);
    let (u, p) = doc.projects().next().unwrap();
    assert_eq!(u.name, "");
    assert_eq!(p.name, "国家基本公共卫生服务");
    let b = p.budget.as_ref().unwrap();
    assert_eq!(
        (b.budget, b.spent),
        (Some(dec("207.4538")), Some(dec("207.4538")))
    );
    assert_eq!(
        (b.weight, b.published_score),
        (Some(dec("10")), Some(dec("10")))
    );
    let i = &p.indicators[2];
    assert_eq!(i.seq, 3);
    assert_eq!(
        (i.category.as_deref(), i.subcategory.as_deref()),
        (Some("产出指标"), Some("数量指标"))
    );
    assert_eq!(&*i.name, "指标8:适龄儿童疫苗接种率");
    assert_eq!(
        (&*i.target, i.actual.as_deref()),
        ("100.00%", Some("97.30%"))
    );
    assert_eq!(
        (i.weight, i.published_score),
        (Some(dec("2")), Some(dec("1.9")))
    );
    assert_eq!(doc.source.slice(&i.at.actual().unwrap()), "97.30%");
}

#[test]
fn self_evaluation_split_target_columns_are_joined() {
    let doc = read(&root().join("tests/fixtures/table/self-eval-split.csv"));
    let (u, p) = doc.projects().next().unwrap();
    assert_eq!(u.name, "示例街道办事处");
    let targets: Vec<_> = p.indicators.iter().map(|i| &*i.target).collect();
    assert_eq!(targets, ["≥5000人次", "≥95%", "≤2%"]);
    // 一级指标 filled down from the merged cell above
    assert_eq!(p.indicators[1].category.as_deref(), Some("产出指标"));
    assert_eq!(p.indicators[1].subcategory.as_deref(), Some("质量指标"));
    let b = p.budget.as_ref().unwrap();
    assert_eq!(
        (b.budget, b.spent),
        (Some(dec("120.5")), Some(dec("114.2")))
    );
    assert_eq!((doc.rows_read, doc.rows_skipped), (5, 1));
}

#[test]
fn changed_project_amount_gives_one_finding_per_broken_sum() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    // 番禺办事处's 专项工作经费: 总计 only → its row and its unit's 总计 break
    let changed = seed.replacen(
        "专项工作经费\t66.57\t66.57",
        "专项工作经费\t67.57\t66.57",
        1,
    );
    assert_ne!(changed, seed);
    let doc = table::read_str("changed.tsv", &changed, &ReadOptions::default()).unwrap();
    let found: Vec<_> = doc
        .findings
        .iter()
        .map(|f| (f.code.as_ref(), f.line, f.unit_name()))
        .collect();
    assert_eq!(
        found,
        [
            (
                codes::SOURCE_SUM_MISMATCH.as_str(),
                Some(25),
                Some("广州住房公积金管理中心番禺办事处")
            ),
            (
                codes::UNIT_SUM_MISMATCH.as_str(),
                Some(24),
                Some("广州住房公积金管理中心番禺办事处")
            ),
        ]
    );
    assert!(
        doc.findings[1].message.contains("177.99") && doc.findings[1].message.contains("178.99")
    );
}

#[test]
fn bad_inputs_give_clear_errors() {
    let opts = ReadOptions::default();
    assert!(matches!(
        table::read_bytes("e.tsv", b"", &opts),
        Err(ReadError::Empty { .. })
    ));
    assert!(matches!(
        table::read_bytes("e.tsv", b"\r\n\n  \n", &opts),
        Err(ReadError::Empty { .. })
    ));
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(
        table::read_bytes("g.tsv", &garbage, &opts),
        Err(ReadError::Binary { .. })
    ));
    assert!(matches!(
        table::read_bytes("g.xlsx", &garbage, &opts),
        Err(ReadError::NotWorkbook { .. })
    ));
    assert!(matches!(
        table::read_bytes("z.xlsx", b"PK\x03\x04not really a zip", &opts),
        Err(ReadError::Workbook { .. })
    ));
    assert!(matches!(
        table::read_bytes("t.tsv", "只是一段文字\n没有表头".as_bytes(), &opts),
        Err(ReadError::NoHeader { .. })
    ));
    assert!(matches!(
        table::read_path(Path::new("/nonexistent/t.tsv"), &opts),
        Err(ReadError::Io { .. })
    ));
}

#[test]
fn a_50_mb_cell_skips_its_row_and_the_rest_is_read() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let huge = "很".repeat(50 * 1024 * 1024 / 3);
    let text = seed.replacen("力争实现综合行政工作规范化", &huge, 1);
    let doc = table::read_str("big.tsv", &text, &ReadOptions::default()).unwrap();
    assert_eq!(doc.findings[0].code, codes::CELL_TOO_LONG);
    assert_eq!(doc.findings[0].line, Some(12));
    assert_eq!((doc.rows_read, doc.rows_skipped), (36, 1));
    assert_eq!(doc.counts().projects, 28);
    // the diagnostic stays short
    let rendered = doc.findings[0].render(&doc.source, 100);
    assert!(rendered.len() < 2000, "{}", rendered.len());
}

#[test]
fn truncated_file_and_extra_columns() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let cut = &seed[..seed.find("专项工作经费\t66.57").unwrap() + "专项工作经费\t66.5".len()];
    let doc = table::read_str("cut.tsv", cut, &ReadOptions::default()).unwrap();
    assert_eq!(doc.findings[0].code, codes::ROW_TOO_SHORT);
    assert_eq!(doc.rows_skipped, 1);
    let extra = seed.replacen("90%以上。", "90%以上。\t多余\t更多", 1);
    let doc = table::read_str("extra.tsv", &extra, &ReadOptions::default()).unwrap();
    assert_eq!(doc.findings.len(), 1);
    assert_eq!(doc.findings[0].code, codes::EXTRA_CELLS);
    assert_eq!(doc.counts().indicators, 77);
}

#[test]
fn workbook_findings_name_sheet_and_cell() {
    use rust_xlsxwriter::Workbook;
    // a table that starts at B3 of a second sheet, with one amount that is not a number
    let rows: [&[&str]; 5] = [
        &[
            "项目名称",
            "总计",
            "财政拨款",
            "财政专户拨款",
            "其他资金",
            "绩效目标",
            "绩效指标",
        ],
        &["合计", "30", "30", "", "", "", ""],
        &["示例单位", "30", "30", "", "", "", ""],
        &[
            "项目甲",
            "10",
            "10",
            "",
            "",
            "目标甲。",
            "1、产出指标：完成率，年度指标值：100%。",
        ],
        &[
            "项目乙",
            "二十",
            "20",
            "",
            "",
            "目标乙。",
            "1、效益指标：满意度，年度指标值：≥90%。",
        ],
    ];
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "见下一页")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("目标表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32 + 2, c as u16 + 1, *text).unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let opts = ReadOptions {
        sheet: Some("目标表".into()),
        ..ReadOptions::default()
    };
    let doc = table::read_bytes("t.xlsx", &bytes, &opts).unwrap();
    assert_eq!(doc.counts().projects, 1);
    let (_, p, i) = doc.indicators().next().unwrap();
    assert_eq!(p.name_at.cell.unwrap().a1(), "B6");
    assert_eq!(doc.source.slice(&i.at.target()), "100%");
    let f = &doc.findings[0];
    assert_eq!(f.code, codes::BAD_AMOUNT);
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["sheet"], "目标表");
    assert_eq!(json["cell"], "C7");
    assert!(json.get("line").is_none() && json.get("column").is_none());
    let rendered = f.render(&doc.source, 100);
    assert!(
        rendered.contains("二十") && rendered.contains("[t.xlsx!目标表!C7]"),
        "{rendered}"
    );
    // by default every sheet: the notes sheet is skipped and said so, the table is read
    let all = table::read_bytes("t.xlsx", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(all.counts().projects, 1);
    let skipped = &all.findings[0];
    assert_eq!(skipped.code, codes::SHEET_SKIPPED);
    assert_eq!(skipped.sheet(), Some("说明"));
    let bad = all
        .findings
        .iter()
        .find(|f| f.code == codes::BAD_AMOUNT)
        .unwrap();
    assert_eq!(bad.sheet(), Some("目标表"));
    assert_eq!(bad.cell(), Some("C7"));
    let rendered = bad.render(&all.source, 100);
    assert!(rendered.contains("[t.xlsx!目标表!C7]"), "{rendered}");
    // a workbook of notes alone has no table
    let mut notes = Workbook::new();
    notes
        .add_worksheet()
        .write_string(0, 0, "见下一页")
        .unwrap();
    notes.add_worksheet().write_string(1, 1, "说明").unwrap();
    let bytes = notes.save_to_buffer().unwrap();
    assert!(matches!(
        table::read_bytes("t.xlsx", &bytes, &ReadOptions::default()),
        Err(ReadError::NoHeader { .. })
    ));
}

#[test]
fn a_sample_directory_reads_its_targets_file() {
    let doc = read(&root().join("samples/guangzhou-hpf-2023"));
    assert!(doc.source.name.ends_with("targets.tsv"));
    assert_seed_counts(&doc);
    assert!(matches!(
        jixiao::inputs::read_path(&root().join("tests"), &ReadOptions::default()),
        Err(ReadError::Io { .. })
    ));
}
