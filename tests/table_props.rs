//! Property tests: no input makes a reader panic, and every name and target location points at
//! exactly its text.

use jixiao::table::{self, ReadOptions};
use proptest::prelude::*;

const HEADER: &str =
    "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n";

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\t",
        "\n",
        "\r\n",
        "\"",
        ",",
        "1、",
        "2、",
        "10、",
        "：",
        ":",
        "，",
        ",",
        "年度指标值",
        "指标值",
        "。",
        "。。",
        "合计",
        "总计",
        "单位",
        "项目",
        "产出指标",
        "满意度",
        "12,748.27",
        "0.5",
        "-",
        "abc",
        "中",
        " ",
        "\u{3000}",
        "\u{feff}",
        "；",
        ".",
        "(",
        "）",
        "≥95%",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn readers_never_panic_and_locations_point_at_their_text(body in text(), csv in any::<bool>()) {
        let input = format!("{HEADER}{body}");
        let name = if csv { "p.csv" } else { "p.tsv" };
        for bytes in [input.as_bytes(), body.as_bytes()] {
            if let Ok(doc) = table::read_bytes(name, bytes, &ReadOptions::default()) {
                for (_, p, i) in doc.indicators() {
                    prop_assert_eq!(doc.source.slice(&i.at.name()), &*i.name);
                    prop_assert_eq!(doc.source.slice(&i.at.target()), &*i.target);
                    prop_assert_eq!(doc.source.slice(&p.name_at), &*p.name);
                    for at in [i.at.name(), i.at.target(), p.name_at] {
                        prop_assert_eq!((at.line, at.column), doc.source.line_col(at.offset));
                    }
                }
                let c = doc.counts();
                prop_assert!(c.rows_skipped <= c.rows_read);
                for f in &doc.findings {
                    let _ = f.render(&doc.source, 100);
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for name in ["x.tsv", "x.csv", "x.xlsx", "x"] {
            let _ = table::read_bytes(name, &bytes, &ReadOptions::default());
        }
    }
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/guangzhou-hpf-2023/targets.tsv"
    ))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The seed with a few random edits (insertions and deletions at random places).
    #[test]
    fn edited_seed_reads_without_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), piece(), 0usize..8), 1..6)) {
        let mut text = seed();
        for (at, insert, delete) in edits {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) { i -= 1; }
            let mut j = (i + delete).min(text.len());
            while !text.is_char_boundary(j) { j += 1; }
            text.replace_range(i..j, insert);
        }
        let doc = table::read_str("edited.tsv", &text, &ReadOptions::default());
        if let Ok(doc) = doc {
            for (_, p, i) in doc.indicators() {
                prop_assert_eq!(doc.source.slice(&i.at.name()), &*i.name);
                prop_assert_eq!(doc.source.slice(&i.at.target()), &*i.target);
                prop_assert_eq!(doc.source.slice(&p.name_at), &*p.name);
                for at in [i.at.name(), i.at.target(), p.name_at] {
                    prop_assert_eq!((at.line, at.column), doc.source.line_col(at.offset));
                }
            }
            for f in &doc.findings {
                let _ = f.render(&doc.source, 100);
            }
        }
    }
}
