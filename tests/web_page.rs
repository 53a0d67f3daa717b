//! The page in-process (no network), as an officer uses it: the files used listed at the top,
//! each finding once, no empty heading, downloads named after the input, pickers in Chinese,
//! rules that open on a tap, and a pile (several forms, a zip) giving the roll-up first with
//! each row opening its form — the same roll-up the library gives the command line.

use std::io::Write as _;
use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jixiao::web::{Config, router};
use tower::ServiceExt;

const FORMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/forms");
const BOUNDARY: &str = "jixiao-page-boundary";

fn form(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FORMS).join(name)).unwrap()
}

async fn send(req: Request<Body>) -> (StatusCode, String) {
    send_to(Config::default(), req).await
}

async fn send_to(config: Config, req: Request<Body>) -> (StatusCode, String) {
    let res = router(config).oneshot(req).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, String::from_utf8(body).unwrap())
}

async fn empty_page() -> String {
    send(Request::get("/").body(Body::empty()).unwrap()).await.1
}

/// Drop `files` on the page (the `file` field, as the drop zone sends them), with its token.
async fn drop_files(files: &[(&str, &[u8])]) -> (StatusCode, String) {
    drop_files_to(Config::default(), files).await
}

async fn drop_files_to(config: Config, files: &[(&str, &[u8])]) -> (StatusCode, String) {
    let page = empty_page().await;
    let at = page.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    let token = &page[at..at + page[at..].find('"').unwrap()];
    let mut body =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n")
            .into_bytes();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    send_to(
        config,
        Request::post("/")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// The results section of a page.
fn results(page: &str) -> &str {
    let start = page.find("<main id=\"results\">").unwrap();
    &page[start..page[start..].find("</main>").unwrap() + start]
}

/// The rows of the table `id`, each as its cells' text (tags left out).
fn rows(page: &str, id: &str) -> Vec<Vec<String>> {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let inner = &cell[cell.find('>').unwrap() + 1..];
                    let inner = &inner[..inner.find("</td>").unwrap()];
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text
                })
                .collect()
        })
        .collect()
}

/// The bytes of the download link named `name`.
fn download(page: &str, name: &str) -> Vec<u8> {
    let at = page
        .find(&format!("download=\"{name}\""))
        .unwrap_or_else(|| panic!("no download {name}"));
    let b64 = page[at..]
        .split_once(";base64,")
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(b, _)| b)
        .unwrap();
    let abc = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut buf, mut bits) = (Vec::new(), 0u32, 0);
    for c in b64.bytes().filter(|&c| c != b'=') {
        buf = (buf << 6) | abc.iter().position(|&t| t == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    out
}

/// Headings followed by another heading or nothing are empty.
fn empty_headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in html.match_indices("<h") {
        let rest = &html[at..];
        let Some(level) = rest[2..].chars().next().filter(char::is_ascii_digit) else {
            continue;
        };
        let close = format!("</h{level}>");
        let Some(end) = rest.find(&close) else {
            continue;
        };
        let after = rest[end + close.len()..].trim_start();
        if after.is_empty() || after.starts_with("<h") || after.starts_with("</main>") {
            found.push(rest[..end].to_owned());
        }
    }
    found
}

#[tokio::test]
async fn the_file_pickers_speak_chinese() {
    let page = empty_page().await;
    let inputs: Vec<&str> = page
        .match_indices("<input type=\"file\"")
        .chain(page.match_indices("type=\"file\""))
        .map(|(at, _)| &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()])
        .collect();
    assert!(inputs.len() >= 4, "{inputs:#?}");
    for input in &inputs {
        if input.contains(" hidden") {
            continue;
        }
        // a visible picker is drawn by its label and says what was chosen in Chinese
        assert!(input.contains("class=\"picker\""), "{input}");
        let id = input
            .split("id=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            page.contains(&format!("<label class=\"button\" for=\"{id}\">选择")),
            "{id}"
        );
        assert!(
            page.contains(&format!("<span class=\"chosen\" data-for=\"{id}\">未选择")),
            "{id}"
        );
    }
    // one of them takes a whole folder
    assert!(page.contains("webkitdirectory"));
}

#[tokio::test]
async fn one_table_lists_its_files_and_shows_each_finding_once() {
    let (xlsx, docx) = (
        form("f02-zhongjiang-water-2022-selfeval.xlsx"),
        form("f02-zhongjiang-water-2022-selfeval.docx"),
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (status, page) = drop_files(&[
        ("自评表.xlsx", &xlsx),
        ("自评表.docx", &docx),
        ("截图.png", &png),
    ])
    .await;
    assert_eq!(status, StatusCode::OK, "{page:.2000}");
    let main = results(&page);
    // the files used, first: the table read, its copy, the actuals (in the table), the rules,
    // and the picture that is no table, with why
    assert!(main.find("id=\"files-used\"").unwrap() < main.find("id=\"counts\"").unwrap());
    let files = rows(main, "files-used");
    let role = |name: &str| {
        files
            .iter()
            .find(|r| r[0] == name)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("{name} not listed: {files:?}"))
    };
    let doc = jixiao::table::read_bytes("自评表.xlsx", &xlsx, &Default::default()).unwrap();
    let (first, copy) = if role("自评表.xlsx") == "表格" {
        ("自评表.xlsx", "自评表.docx")
    } else {
        ("自评表.docx", "自评表.xlsx")
    };
    assert_eq!(role(first), "表格");
    assert_eq!(role(copy), "副本");
    assert_eq!(role("截图.png"), "未能读取");
    assert!(files.iter().any(|r| r[1] == "实际值"), "{files:?}");
    assert!(files.iter().any(|r| r[1] == "规则"), "{files:?}");

    // each finding of the reader once: in 表格检查, not again under the review or the report
    let doc = if first == "自评表.xlsx" {
        doc
    } else {
        jixiao::table::read_bytes("自评表.docx", &docx, &Default::default()).unwrap()
    };
    assert!(!doc.findings.is_empty(), "the form has findings to show");
    for f in &doc.findings {
        let row = format!(
            "<td data-label=\"位置\">{}</td><td data-label=\"级别\" class=\"sev-{}\">{}</td><td data-label=\"代码\">{}</td>",
            jixiao::report::html::escape(&f.position()),
            f.severity.as_str(),
            f.severity.zh(),
            jixiao::report::html::escape(&f.code)
        );
        let alike = doc
            .findings
            .iter()
            .filter(|g| g.position() == f.position() && g.code == f.code)
            .count();
        assert_eq!(main.matches(&row).count(), alike, "{row}");
    }
    if let Some(at) = main.find("<h2>输入提示") {
        let notes = &main[at..at + main[at..].find("</table>").unwrap()];
        for f in &doc.findings {
            assert!(
                !notes.contains(&format!("<td>{}</td>", f.code)),
                "{} shown again under 输入提示",
                f.code
            );
        }
    }
    // no empty heading (an empty 评分 before the report's own 汇总 was one)
    assert_eq!(empty_headings(main), Vec::<String>::new());
    // downloads named after the input, never 自评表-自评表
    let stem = first.trim_end_matches(".xlsx").trim_end_matches(".docx");
    for ext in ["xlsx", "html", "md", "csv", "json"] {
        assert!(
            main.contains(&format!("download=\"{stem}-评分结果.{ext}\"")),
            "{ext}"
        );
    }
    assert!(!main.contains("自评表-自评表"));
    // every rule shown in a tooltip also opens on a tap
    let tips = main.matches("title=\"规则：").count();
    assert!(tips > 0);
    assert_eq!(main.matches("<details class=\"rules\">").count(), tips);
    // the chart for narrow screens: one bar a project, each opening its 自评表
    let bars = main.matches("<li><a href=\"#project-").count();
    assert_eq!(bars, doc.counts().projects);
}

/// A zip holding `files`.
fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[tokio::test]
async fn a_pile_gives_the_rollup_first_each_row_opening_its_form() {
    let f01 = form("f01-tianchang-water-2022-selfeval.xlsx");
    let f02 = form("f02-zhongjiang-water-2022-selfeval.xlsx");
    let f03 = form("f03-yongde-minglang-school-2022-selfeval.xlsx");
    let f03_docx = form("f03-yongde-minglang-school-2022-selfeval.docx");
    let f05 = form("f05-district-commerce-2020-selfeval.xlsx");
    let archive = zip(&[("单位乙/f05.xlsx", &f05)]);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let dropped: Vec<(&str, &[u8])> = vec![
        ("各单位／f01.xlsx", &f01),
        ("各单位／f02.xlsx", &f02),
        ("各单位／f03.xlsx", &f03),
        ("各单位／f03.docx", &f03_docx),
        ("各单位／乙.zip", &archive),
        ("各单位／截图.png", &png),
    ];
    let (status, page) = drop_files(&dropped).await;
    assert_eq!(status, StatusCode::OK, "{page:.3000}");
    let main = results(&page);

    // the same roll-up the library gives the command line for these files
    let gathered = jixiao::pile::gather::gather_bytes(
        dropped
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect(),
    );
    let rules = jixiao::rules::RuleSet::bundled();
    let sorted = jixiao::pile::sort(gathered, &Default::default(), 1);
    let methodology = jixiao::eval::Methodology::from_rules(rules);
    let (evaluated, mut more) = jixiao::pile::evaluate(
        &sorted,
        &jixiao::pile::Settings {
            methodology: &methodology,
            rules,
            year: None,
            workers: 1,
        },
    );
    let mut unread = sorted.unread;
    unread.append(&mut more);
    let rollup = jixiao::pile::rollup::build(evaluated, unread);
    assert!(rollup.totals.tables >= 4, "{:?}", rollup.totals);
    assert!(!rollup.unread.is_empty() && !rollup.copies.is_empty());

    // the roll-up first, then each table's 自评表
    let first_form = main.find("<details class=\"form\"").unwrap();
    assert!(main.find("id=\"rollup\"").unwrap() < first_form);
    assert!(main.find("id=\"files-used\"").unwrap() < main.find("id=\"rollup\"").unwrap());
    assert_eq!(
        main.matches("<details class=\"form\"").count(),
        rollup.reports.len()
    );
    // one row per form, in the roll-up's order, with its figures
    let table = rows(main, "rollup");
    assert_eq!(table.len(), rollup.forms.len());
    for (row, f) in table.iter().zip(&rollup.forms) {
        assert!(row[1].starts_with(&f.file), "{row:?}");
        assert_eq!(row[3], f.project);
        assert_eq!(
            row[4],
            f.printed_total.map(|d| d.to_string()).unwrap_or_default()
        );
        assert_eq!(row[11], f.check.zh());
    }
    // each row opens its form: the link's target is in that file's fold-out
    let links: Vec<&str> = main[main.find("id=\"rollup\"").unwrap()..first_form]
        .match_indices("<a href=\"#")
        .map(|(at, _)| {
            let rest = &main[main.find("id=\"rollup\"").unwrap() + at + "<a href=\"#".len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(links.len(), rollup.forms.len());
    for (link, f) in links.iter().zip(&rollup.forms) {
        let at = main
            .find(&format!("id=\"{link}\""))
            .unwrap_or_else(|| panic!("no {link}"));
        let fold = main[..at].rfind("<details class=\"form\"").unwrap();
        let summary = &main[fold..fold + main[fold..].find("</summary>").unwrap()];
        assert!(
            summary.contains(&jixiao::report::html::escape(&f.file)),
            "{link} lands in {summary}"
        );
        assert_eq!(main.matches(&format!("id=\"{link}\"")).count(), 1);
    }
    // the files used: every table, its copy, and the files not read with why
    let files = rows(main, "files-used");
    for (file, _) in &rollup.reports {
        assert!(
            files.iter().any(|r| r[0] == *file && r[1] == "表格"),
            "{file}"
        );
    }
    for c in &rollup.copies {
        for copy in &c.copies {
            assert!(
                files.iter().any(|r| r[0] == *copy && r[1] == "副本"),
                "{copy}"
            );
        }
    }
    for u in &rollup.unread {
        assert!(
            files
                .iter()
                .any(|r| r[0] == u.file && r[1] == "未能读取" && r[2].contains(&u.code)),
            "{u:?}"
        );
    }
    // the roll-up's downloads: the same bytes as the library's renderers
    let mut csv = Vec::new();
    jixiao::pile::render::write_csv(&rollup, &mut csv).unwrap();
    assert_eq!(download(main, "各单位-复核汇总.csv"), csv);
    assert_eq!(
        download(main, "各单位-复核汇总.json"),
        jixiao::pile::render::render_json(&rollup).into_bytes()
    );
    assert_eq!(
        download(main, "各单位-复核汇总.html"),
        jixiao::pile::html::render_html(&rollup, &methodology.bands.value).into_bytes()
    );
    // the workbook: 汇总 first, then a sheet per table, as the library writes it
    let xlsx = download(main, "各单位-复核汇总.xlsx");
    let ours = {
        use calamine::Reader;
        let wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        wb.sheet_names().to_vec()
    };
    let theirs = {
        use calamine::Reader;
        let bytes = jixiao::pile::xlsx::render_xlsx(&rollup).unwrap();
        let wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        wb.sheet_names().to_vec()
    };
    assert_eq!(ours, theirs);
    assert_eq!(ours.len(), rollup.reports.len() + 1);
    assert_eq!(ours[0], "汇总");
    assert_eq!(empty_headings(main), Vec::<String>::new());
}

/// A pile whose forms do not all fit in the answer limit still gives its whole roll-up; the
/// forms left out are named, with the way to see them.
#[tokio::test]
async fn a_pile_too_large_to_show_keeps_its_rollup_and_names_the_rest() {
    let files: Vec<(String, Vec<u8>)> = [
        "f01-tianchang-water-2022-selfeval.xlsx",
        "f02-zhongjiang-water-2022-selfeval.xlsx",
        "f03-yongde-minglang-school-2022-selfeval.xlsx",
        "f05-district-commerce-2020-selfeval.xlsx",
    ]
    .iter()
    .map(|n| (n.to_string(), form(n)))
    .collect();
    let dropped: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    let (status, whole) = drop_files(&dropped).await;
    assert_eq!(status, StatusCode::OK);
    let whole = results(&whole).to_owned();
    assert!(!whole.contains("forms-left-out"));
    // room for the roll-up and about half the forms: the roll-up without its downloads (which
    // shrink with the limit), then half the forms' bytes, is nine tenths of the limit
    let first = whole.find("<details class=\"form\"").unwrap();
    let forms = whole.len() - first;
    let links = whole.find("id=\"rollup-downloads\"").unwrap();
    let links = whole[links..].find("</p>").unwrap();
    let rollup = first - links;
    let config = Config {
        max_answer: (rollup + 2048 + forms / 2) * 10 / 9,
        ..Config::default()
    };
    let (status, page) = drop_files_to(config, &dropped).await;
    assert_eq!(status, StatusCode::OK, "{page:.2000}");
    let main = results(&page);
    assert_eq!(rows(main, "rollup"), rows(&whole, "rollup"));
    let shown = main.matches("<details class=\"form\"").count();
    assert!(shown < 4, "{shown} forms shown");
    let note = &main[main.find("id=\"forms-left-out\"").unwrap()..];
    assert!(
        note.contains(&format!("其余 {} 张表", 4 - shown)),
        "{note:.300}"
    );
}

/// The web API answers one report: a pile is refused there with the way to the page.
#[tokio::test]
async fn the_api_refuses_a_pile_and_names_the_page() {
    let body = {
        let mut b = Vec::new();
        for (name, bytes) in [
            ("a.xlsx", form("f01-tianchang-water-2022-selfeval.xlsx")),
            ("b.xlsx", form("f02-zhongjiang-water-2022-selfeval.xlsx")),
        ] {
            b.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").as_bytes(),
            );
            b.extend_from_slice(&bytes);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        b
    };
    let (status, text) = send(
        Request::post("/api/evaluate")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["error"]["code"], "web.two-tables");
    assert!(v["error"]["help"].as_str().unwrap().contains("网页"));
}
