//! The streamed text sheet's row reading (`table::stream`, `table::flat`, `self_eval`) on the
//! odd rows a faster reading could break, each read in blocks of many sizes and compared with
//! the whole-file reader's report (session 24, H175, issue 28): CRLF lines, a quoted tab and a
//! quoted comma in CSV (and a quoted cell over two lines), a BOM, a last row without a line
//! break (and one ending in a bare `\r`), rows longer than the reader's 64-byte words that
//! start at every offset of one, cells with spaces at their edges, amounts in 万元, and rows
//! at every block edge. The sheets are written here by hand. The reports hold each
//! indicator's line and column, so a cell's place read wrong shows too.

use std::path::{Path, PathBuf};

use jixiao::eval::stream::{StreamOptions, Streamed, evaluate_stream, published_precision};
use jixiao::eval::{Methodology, Options, evaluate};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::table::stream::{Opened, open};
use jixiao::table::{ReadOptions, read_path};

#[path = "support/sheets.rs"]
#[allow(dead_code)]
mod sheets;

fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    sheets::write_file("read-speed24-tests", name, bytes)
}

/// The whole-file reader's JSON lines, rows read and rows skipped.
fn whole(path: &Path) -> (Vec<u8>, usize, usize) {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let doc = read_path(path, &ReadOptions::default()).expect("reads whole");
    let report = evaluate(&doc, None, &Options::new(&m, rules));
    let mut out = Vec::new();
    json::write_lines(&report, &mut out).expect("writes");
    (out, doc.rows_read, doc.rows_skipped)
}

/// The streamed reading's JSON lines, in blocks of about `block` bytes.
fn streamed(path: &Path, block: usize) -> (Vec<u8>, Streamed) {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let reopen = || match open(path, &ReadOptions::default()).expect("opens") {
        Opened::Stream(mut s) => {
            s.set_block_bytes(block, 1 << 30);
            *s
        }
        Opened::Whole => panic!("{} should stream", path.display()),
    };
    let dp = if reopen().head().has_published_scores {
        published_precision(reopen()).expect("first pass")
    } else {
        None
    };
    let render = |_: &jixiao::table::model::Document| String::new();
    let (mut out, mut notes) = (Vec::new(), Vec::new());
    let s = evaluate_stream(
        reopen(),
        &StreamOptions {
            lines: &json::JsonLines,
            methodology: &m,
            rules,
            year: None,
            actuals: None,
            published_dp: dp,
            workers: 2,
            render: &render,
            hold_unfilled: false,
        },
        &mut out,
        &mut notes,
    )
    .expect("streams");
    (out, s)
}

/// The streamed report of `path` in blocks of each of `blocks` bytes is the whole file's,
/// byte for byte, with the same rows read and skipped; the whole file's report, to look into.
fn same_in_blocks(path: &Path, blocks: impl IntoIterator<Item = usize>) -> String {
    let (expected, read, skipped) = whole(path);
    for block in blocks {
        let (got, s) = streamed(path, block);
        if got != expected {
            let (g, e) = (
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&expected),
            );
            let at = g.lines().zip(e.lines()).position(|(a, b)| a != b);
            let show = |t: &str| at.and_then(|k| t.lines().nth(k)).unwrap_or("").to_owned();
            panic!(
                "{} in blocks of {block}: the streamed report differs from the whole file's at \
                 line {at:?}\nstreamed: {}\nwhole:    {}",
                path.display(),
                show(&g),
                show(&e)
            );
        }
        assert_eq!(
            (s.rows_read, s.rows_skipped),
            (read, skipped),
            "{} in blocks of {block}",
            path.display()
        );
    }
    String::from_utf8(expected).expect("UTF-8 report")
}

/// Block sizes from one byte (every row a block) to more than the sheet.
fn block_sizes(len: usize) -> Vec<usize> {
    let mut sizes = vec![1, 2, 7, 31, 64, 65, 100, 127, 128, 129, 200, 333, 512, 1000];
    sizes.push(len / 2);
    sizes.push(len + 1);
    sizes
}

/// A sheet written by hand: a preamble line, the header, three projects of two units, with
/// long rows (more than 64 bytes, 4-byte and 2-byte characters before their cells), cells
/// with spaces at their edges (ASCII and U+3000), amounts with 万元 and spaces, a blank row and
/// a row of tabs only. `eol` ends every line.
fn hand_sheet(eol: &str) -> String {
    let lines = [
        "部门名称：某县卫生健康局",
        "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数",
        "某县卫生健康局（本级）\t基本公共卫生服务项目\t\t\t\t\t\t258.00\t212.85",
        "\t\t产出指标\t数量指标\t举办健康教育宣传咨询活动\t12次\t12.5次\t\t",
        "\t\t产出指标\t质量指标\t 居民电子健康档案建档率（😀é 两种宽度的字） \t≥90%\t93.6%\t\t",
        "\t\t效益指标\t社会效益指标\t\u{3000}响应时间\u{3000}\t4秒\t 4.3秒 \t\t",
        "",
        "\t\t\t\t\t\t\t\t",
        "\t\t满意度指标\t服务对象满意度指标\t人民群众满意度，指标名称写得很长很长很长很长很长很长很长很长很长很长\t≥95%\t96.578%\t\t",
        "\t重大传染病防控项目\t\t\t\t\t\t 30万元 \t28.5万元",
        "\t\t产出指标\t时效指标\t疫苗接种及时率\t100%\t99.2%\t\t",
        "\t\t成本指标\t经济成本指标\t单位接种成本\t≤15元/人\t14.75元/人\t\t",
        "某县疾病预防控制中心\t慢性病综合防控示范区建设\t\t\t\t\t\t1,200.50\t1,180.00",
        "\t\t产出指标\t数量指标\t筛查人数\t≥3000人\t3120人\t\t",
        "\t\t效益指标\t可持续影响指标\t长效机制建立情况\t健全\t基本健全\t\t",
    ];
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push_str(eol);
    }
    text
}

/// The sheet's indicators are all read (a row dropped by one reading alone would make the two
/// reports differ, but a row both readings drop would not).
fn reads_every_indicator(report: &str) {
    for name in [
        "举办健康教育宣传咨询活动",
        "居民电子健康档案建档率",
        "响应时间",
        "人民群众满意度",
        "疫苗接种及时率",
        "单位接种成本",
        "筛查人数",
        "长效机制建立情况",
    ] {
        assert!(report.contains(name), "{name} not in the report:\n{report}");
    }
}

#[test]
fn lf_rows_read_as_the_whole_file_reads_them_in_blocks_of_any_size() {
    let text = hand_sheet("\n");
    let path = write_file("lf.tsv", text.as_bytes());
    let report = same_in_blocks(&path, block_sizes(text.len()));
    reads_every_indicator(&report);
}

#[test]
fn crlf_rows_read_as_the_whole_file_reads_them() {
    let text = hand_sheet("\r\n");
    let path = write_file("crlf.tsv", text.as_bytes());
    let report = same_in_blocks(&path, block_sizes(text.len()));
    reads_every_indicator(&report);
    // no `\r` kept in a cell read
    assert!(!report.contains("\\r"), "{report}");
}

#[test]
fn a_bom_before_the_preamble_reads_as_without_it() {
    for eol in ["\n", "\r\n"] {
        let text = format!("\u{feff}{}", hand_sheet(eol));
        let path = write_file("bom.tsv", text.as_bytes());
        let report = same_in_blocks(&path, block_sizes(text.len()));
        reads_every_indicator(&report);
        // the same report as the sheet without its BOM (the file's name aside)
        let plain = write_file("bom.tsv", hand_sheet(eol).as_bytes());
        assert_eq!(report, String::from_utf8(whole(&plain).0).expect("UTF-8"));
    }
}

#[test]
fn a_last_row_without_a_line_break_is_read() {
    for (name, end) in [("no-eol.tsv", ""), ("bare-cr.tsv", "\r")] {
        let mut text = hand_sheet("\r\n");
        text.truncate(text.len() - 2);
        text.push_str(end);
        let path = write_file(name, text.as_bytes());
        let report = same_in_blocks(&path, block_sizes(text.len()));
        reads_every_indicator(&report);
        assert!(
            report.contains("\"actual\":\"基本健全\""),
            "{name}: {report}"
        );
    }
}

#[test]
fn rows_longer_than_a_word_read_alike_from_every_offset_of_one() {
    // the preamble's length moves every row's start by one byte at a time over the 64-byte
    // words the reader finds tabs and line breaks in (ASCII bytes, and CJK characters of three
    // bytes: the cells' columns are told from the words' masks)
    for k in 0..64 {
        for filler in ["x", "汉"] {
            let text = hand_sheet("\n").replacen(
                "部门名称：某县卫生健康局",
                &format!("部门名称：某县卫生健康局{}", filler.repeat(k)),
                1,
            );
            let path = write_file("offsets.tsv", text.as_bytes());
            same_in_blocks(&path, [1, 64, text.len() + 1]);
        }
    }
}

#[test]
fn a_csv_with_a_quoted_tab_a_quoted_comma_and_a_quoted_line_break_reads_alike() {
    let text = "部门名称：某县卫生健康局\n\
        单位,项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,全年预算数,全年执行数\n\
        某县卫生健康局,基本公共卫生服务项目,,,,,,258.00,212.85\n\
        ,,产出指标,数量指标,\"举办\t宣传活动\",12次,12.5次,,\n\
        ,,产出指标,质量指标,\"建档率,电子档案\",≥90%,93.6%,,\n\
        ,,效益指标,社会效益指标,\"响应时间\n（续）\",4秒,4.3秒,,\n\
        ,,效益指标,社会效益指标,满意度,≥95%,\"96.5%\",,\n\
        ,重大传染病防控项目,,,,,,\"1,200.50\",\"1,180.00\"\n\
        ,,产出指标,时效指标,疫苗接种及时率,100%,99.2%,,\n";
    for (name, text) in [
        ("quoted.csv", text.to_owned()),
        ("quoted-crlf.csv", text.replace('\n', "\r\n")),
    ] {
        let path = write_file(name, text.as_bytes());
        let report = same_in_blocks(&path, block_sizes(text.len()));
        for want in ["举办\\t宣传活动", "建档率,电子档案", "疫苗接种及时率"] {
            assert!(report.contains(want), "{name}: {want} not in\n{report}");
        }
    }
}

#[test]
fn a_sheet_of_many_projects_reads_alike_at_every_block_edge() {
    // rows at every block edge: blocks cut at each new project past a few bytes, so every
    // project's first row starts a block once, over CRLF and LF alike
    let mut text = String::from(
        "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
    );
    for p in 0..60 {
        let unit = if p % 7 == 0 { "某县某局" } else { "" };
        let eol = if p % 2 == 0 { "\n" } else { "\r\n" };
        text.push_str(&format!(
            "{unit}\t项目{p}\t\t\t\t\t\t{}.{:02}\t{}.5{eol}",
            100 + p,
            p,
            90 + p
        ));
        for k in 0..p % 5 + 1 {
            text.push_str(&format!(
                "\t\t产出指标\t数量指标\t指标{p}-{k}\t≥{k}0次\t{}次\t\t{eol}",
                k * 10 + p % 3
            ));
        }
    }
    let path = write_file("projects.tsv", text.as_bytes());
    let sizes: Vec<usize> = (1..120).step_by(7).chain([text.len() + 1]).collect();
    let report = same_in_blocks(&path, sizes);
    assert!(report.contains("\"indicator\":\"指标59-4\""), "{report}");
}

#[test]
fn a_first_megabyte_that_cuts_a_character_reads_as_the_whole_file() {
    // the stream chooses the encoding on the first megabyte (2^20 bytes) and takes the text it
    // checked there as it is: the megabyte's end at each byte of a three-byte character
    let mut body = String::new();
    let mut p = 0;
    while body.len() < (1 << 20) + 50_000 {
        body.push_str(&format!("某县卫生健康局\t项目{p}\t\t\t\t\t\t{p}.50\t{p}\n"));
        for k in 0..4 {
            body.push_str(&format!(
                "\t\t产出指标\t数量指标\t举办健康教育宣传咨询活动覆盖乡镇街道社区村居民户数{k}\t≥{k}0次\t{}次\t\t\n",
                k * 10 + p % 7
            ));
        }
        p += 1;
    }
    let header = "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n";
    let mut cut_at = Vec::new();
    for pad in 0..64 {
        let text = format!(
            "部门名称：某县卫生健康局{}\n{header}{body}",
            "x".repeat(pad)
        );
        // where in its character the megabyte ends (0: on a boundary)
        let into = (0..4)
            .find(|&k| text.is_char_boundary((1 << 20) - k))
            .expect("a boundary within four bytes");
        if cut_at.contains(&into) {
            continue;
        }
        cut_at.push(into);
        let path = write_file(&format!("megabyte-{into}.tsv"), text.as_bytes());
        let report = same_in_blocks(&path, [32 * 1024]);
        assert!(report.contains(&format!("\"project\":\"项目{}\"", p - 1)));
    }
    cut_at.sort_unstable();
    assert_eq!(
        cut_at,
        [0, 1, 2],
        "the megabyte's end at each byte of a character"
    );
}
