//! The web API and page in-process (no network): every endpoint, the same bytes as the command
//! line, bad input answered with 400 and JSON, the upload limit, escaping, concurrency.

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jixiao::web::{Config, router};
use tower::ServiceExt;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/guangzhou-hpf-2023");
const BOUNDARY: &str = "jixiao-test-boundary";

/// A multipart body of `(field, file name, bytes)` parts.
fn multipart(parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    multipart_with(&[], parts)
}

/// A multipart body of plain `(field, value)` fields, then file parts.
fn multipart_with(fields: &[(&str, &str)], parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (field, name, bytes) in parts {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// POST a multipart body; to the page (`/`) with the token of a page just fetched, as the
/// page's form sends it.
async fn post(config: Config, uri: &str, parts: &[(&str, &str, &[u8])]) -> (StatusCode, Vec<u8>) {
    let token = if uri == "/" {
        Some(page_token(config.clone()).await)
    } else {
        None
    };
    let fields: Vec<(&str, &str)> = token.iter().map(|t| ("csrf", t.as_str())).collect();
    let req = Request::post(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(multipart_with(&fields, parts)))
        .unwrap();
    send(config, req).await
}

/// The token in the form of a freshly fetched page.
async fn page_token(config: Config) -> String {
    let (_, body) = send(config, Request::get("/").body(Body::empty()).unwrap()).await;
    let page = String::from_utf8(body).unwrap();
    let at = page.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

async fn send(config: Config, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let res = router(config).oneshot(req).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, body)
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(SAMPLE).join(name)).unwrap()
}

/// The command line's stdout, run in the sample folder (so file names match the uploads').
fn cli(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(SAMPLE)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap().stdout
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

#[tokio::test]
async fn evaluate_json_is_the_cli_bytes() {
    let (table, actuals) = (sample("targets.tsv"), sample("actuals.yaml"));
    for format in ["json", "csv", "markdown", "html", "xlsx", "jsonl"] {
        let (status, body) = post(
            Config::default(),
            &format!("/api/evaluate?format={format}"),
            &[
                ("table", "targets.tsv", &table),
                ("actuals", "actuals.yaml", &actuals),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{format}");
        let expected = cli(
            &[
                "evaluate",
                "targets.tsv",
                "actuals.yaml",
                "--format",
                format,
            ],
            None,
        );
        assert!(
            body == expected,
            "{format}: the API's bytes differ from the CLI's"
        );
    }
}

#[tokio::test]
async fn parse_is_the_cli_jsonl() {
    let input = "518万人以上\n响应时间\t4秒\n\n9月前\r\n<script>alert(1)</script>".as_bytes();
    let req = Request::post("/api/parse?year=2023")
        .body(Body::from(input.to_vec()))
        .unwrap();
    let (status, body) = send(Config::default(), req).await;
    assert_eq!(status, StatusCode::OK);
    let expected = cli(
        &["parse", "--format", "jsonl", "--year", "2023"],
        Some(input),
    );
    assert_eq!(
        String::from_utf8(body).unwrap(),
        String::from_utf8(expected).unwrap()
    );
}

#[tokio::test]
async fn inspect_and_review_are_the_cli_bytes() {
    let table = sample("targets.tsv");
    let (status, body) = post(
        Config::default(),
        "/api/inspect",
        &[("table", "targets.tsv", &table)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        cli(&["inspect", "targets.tsv", "--format", "json"], None)
    );
    assert_eq!(json(&body)["counts"]["projects"], 29);
    let (status, body) = post(
        Config::default(),
        "/api/review?format=json",
        &[("table", "targets.tsv", &table)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        cli(&["review", "targets.tsv", "--format", "json"], None)
    );
    let (status, body) = post(
        Config::default(),
        "/api/inspect?format=table",
        &[("table", "targets.tsv", &table)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, cli(&["inspect", "targets.tsv"], None));
}

#[tokio::test]
async fn binary_garbage_is_a_400_with_a_diagnostic() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    for (name, uri) in [
        ("x.xlsx", "/api/evaluate"),
        ("x.tsv", "/api/inspect"),
        ("x.bin", "/api/review"),
    ] {
        let (status, body) = post(Config::default(), uri, &[("table", name, &garbage)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        let v = json(&body);
        assert!(
            v["error"]["code"].as_str().unwrap().starts_with("table."),
            "{v}"
        );
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    // Not multipart at all, a missing table, an unknown format.
    let req = Request::post("/api/evaluate")
        .body(Body::from("hello"))
        .unwrap();
    let (status, body) = send(Config::default(), req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&body)["error"]["code"], "web.bad-body");
    let (status, body) = post(Config::default(), "/api/evaluate", &[]).await;
    assert_eq!(
        (status, json(&body)["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, "web.no-table".into())
    );
    let table = sample("targets.tsv");
    let (status, body) = post(
        Config::default(),
        "/api/evaluate?format=pdf",
        &[("table", "t.tsv", &table)],
    )
    .await;
    assert_eq!(
        (status, json(&body)["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, "web.bad-query".into())
    );
    // A target table alone has nothing to score: refused with the way to fill it in, as the
    // CLI refuses it (never 29 projects of 0.00 差).
    let (status, body) = post(
        Config::default(),
        "/api/evaluate",
        &[("table", "targets.tsv", &table)],
    )
    .await;
    let v = json(&body);
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, "eval.no-actuals".into())
    );
    assert!(
        v["error"]["help"]
            .as_str()
            .unwrap()
            .contains("jixiao template"),
        "{v}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", "targets.tsv"])
        .current_dir(SAMPLE)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("eval.no-actuals") && stderr.contains("-o 自评表.xlsx"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_broken_rule_file_is_a_400_with_its_line() {
    let table = sample("targets.tsv");
    let rules = b"rules:\n  - id: audit.x\n    whn: indicator ~ \"x\"\n    direction: higher\n";
    let (status, body) = post(
        Config::default(),
        "/api/evaluate",
        &[
            ("table", "targets.tsv", &table),
            ("rules", "mine.yaml", rules),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let v = json(&body);
    assert_eq!(v["findings"][0]["file"], "mine.yaml");
    assert_eq!(v["findings"][0]["line"], 3);
    assert_eq!(v["findings"][0]["code"], "rules::unknown-key");
    // A broken actuals file too.
    let (status, body) = post(
        Config::default(),
        "/api/evaluate",
        &[
            ("table", "targets.tsv", &table),
            ("actuals", "a.yaml", b"units: [ {"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json(&body)["error"]["code"]
            .as_str()
            .unwrap()
            .starts_with("actuals")
    );
}

#[tokio::test]
async fn an_oversized_upload_is_a_413_with_a_message() {
    let config = || Config {
        max_upload: 64 * 1024,
        ..Config::default()
    };
    let big = vec![b'a'; 200 * 1024];
    let (status, body) = post(config(), "/api/evaluate", &[("table", "big.tsv", &big)]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let v = json(&body);
    assert_eq!(v["error"]["code"], "web.too-large");
    assert!(v["error"]["message"].as_str().unwrap().contains("上限"));
    let req = Request::post("/api/parse").body(Body::from(big)).unwrap();
    let (status, _) = send(config(), req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_page_escapes_table_text() {
    let sheet = "项目\t一级指标\t三级指标\t年度指标值\t实际完成值\n测试<b>项目</b>\t产出指标\t<script>alert(1)</script>\t<script>alert(1)</script>\t100\n";
    let (status, body) = post(
        Config::default(),
        "/",
        &[("table", "x<img>.tsv", sheet.as_bytes())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
    assert!(!page.contains("<b>项目</b>") && !page.contains("x<img>"));
}

#[tokio::test]
async fn the_page_shows_the_sample_and_fetches_nothing() {
    let (status, body) = send(
        Config::default(),
        Request::get("/").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let empty = String::from_utf8(body).unwrap();
    assert!(empty.contains("拖到这里"));
    let (table, actuals) = (sample("targets.tsv"), sample("actuals.yaml"));
    let (status, body) = post(
        Config::default(),
        "/",
        &[
            ("table", "targets.tsv", &table),
            ("actuals", "actuals.yaml", &actuals),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("<b id=\"project-count\">29</b>"));
    for ext in ["xlsx", "html", "md", "csv", "json"] {
        assert!(
            page.contains(&format!("targets-评分结果.{ext}\" href=\"data:")),
            "{ext}"
        );
    }
    assert!(
        page.contains("<mark>"),
        "review findings mark the offending text"
    );
    // the rules table counts verdicts in Chinese (`达标 56`, not `pass 56`)
    let rules_table = &page[page.find("<h2>依据的规则</h2>").unwrap()..];
    assert!(rules_table.contains("<td>达标 "), "{rules_table}");
    assert!(
        !rules_table.contains("pass ") && !rules_table.contains("fail "),
        "{rules_table}"
    );
    for page in [&empty, &page] {
        assert!(
            !page.contains("src=\"http")
                && !page.contains("href=\"http")
                && !page.contains("url(http")
        );
    }
    // A bad table on the page: a 400 page with the message, not a trace.
    let (status, body) = post(
        Config::default(),
        "/",
        &[("table", "x.xlsx", b"not a workbook")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("不是 Excel 工作簿")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_evaluations_agree() {
    let (table, actuals) = (sample("targets.tsv"), sample("actuals.yaml"));
    let expected = cli(
        &[
            "evaluate",
            "targets.tsv",
            "actuals.yaml",
            "--format",
            "json",
        ],
        None,
    );
    // all fifty admitted: they queue for the work slots
    let app = router(Config {
        max_queue: 64,
        ..Config::default()
    });
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let app = app.clone();
        let body = multipart(&[
            ("table", "targets.tsv", &table),
            ("actuals", "actuals.yaml", &actuals),
        ]);
        tasks.push(tokio::spawn(async move {
            let req = Request::post("/api/evaluate?format=json")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(body))
                .unwrap();
            let res = app.oneshot(req).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.into_body().collect().await.unwrap().to_bytes().to_vec()
        }));
    }
    for t in tasks {
        assert!(t.await.unwrap() == expected);
    }
}

#[tokio::test]
async fn unknown_paths_answer_json() {
    let (status, body) = send(
        Config::default(),
        Request::get("/nope").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["error"]["code"], "web.not-found");
}

/// A body that never arrives (a stalled client).
struct Stalled;

impl http_body::Body for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn a_stalled_request_times_out_with_a_message() {
    let config = Config {
        timeout: std::time::Duration::from_millis(200),
        ..Config::default()
    };
    let req = Request::post("/api/evaluate")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::new(Stalled))
        .unwrap();
    let (status, body) = send(config, req).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    let v = json(&body);
    assert_eq!(v["error"]["code"], "web.timeout");
    assert!(v["error"]["message"].as_str().unwrap().contains("超时"));
}

/// Dropped files (the `file` field) are told by content, whatever their names: a whole sample
/// folder scores as the CLI scores it; a Word form reads as a table; two different tables, or
/// a picture alone, answer 400 naming them.
#[tokio::test]
async fn dropped_files_are_sorted_by_content() {
    let forms = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/forms");
    let form = |name: &str| std::fs::read(Path::new(forms).join(name)).unwrap();
    // the sample folder as the page sends it: every file, the actuals under another name
    let (table, xlsx, csv, actuals, list) = (
        sample("targets.tsv"),
        sample("targets.xlsx"),
        sample("targets-gbk.csv"),
        sample("actuals.yaml"),
        sample("indicators.tsv"),
    );
    let (status, body) = post(
        Config::default(),
        "/api/evaluate?format=json",
        &[
            ("file", "indicators.tsv", &list),
            ("file", "targets.xlsx", &xlsx),
            ("file", "年终数据.yaml", &actuals),
            ("file", "targets-gbk.csv", &csv),
            ("file", "targets.tsv", &table),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let report = json(&body);
    assert_eq!(report["summary"]["projects"], 29);
    assert_ne!(report["summary"]["pass"], 0, "the actuals were used");
    // a Word form
    let (status, body) = post(
        Config::default(),
        "/api/evaluate?format=json",
        &[(
            "file",
            "自评表.docx",
            &form("f03-yongde-minglang-school-2022-selfeval.docx"),
        )],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["projects"][0]["published_score"], "96");
    // two different tables
    let (status, body) = post(
        Config::default(),
        "/api/evaluate?format=json",
        &[
            (
                "file",
                "a.xlsx",
                &form("t01-yueyang-farmland-2022-target.xlsx"),
            ),
            ("file", "b.tsv", &table),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let err = json(&body);
    assert_eq!(err["error"]["code"], "web.two-tables");
    assert!(err["error"]["message"].as_str().unwrap().contains("a.xlsx"));
    // a picture alone
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (status, body) = post(
        Config::default(),
        "/api/evaluate?format=json",
        &[("file", "截图.png", &png)],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&body)["error"]["code"], "web.unsupported-file");
}

/// A target table alone is not scored as zeros: the page offers the forms to fill, and the
/// workbook it offers, filled and dropped back, is scored.
#[tokio::test]
async fn a_table_without_actuals_offers_the_forms_to_fill() {
    let table = sample("targets.tsv");
    let (status, body) = post(Config::default(), "/", &[("file", "targets.tsv", &table)]).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("id=\"fill-in\""), "the forms are offered");
    assert!(
        !page.contains("0.00（差）") && !page.contains("<h2>评分</h2>"),
        "no score of zeros"
    );
    let at = page.find("id=\"fill-in-xlsx\"").unwrap();
    let href = &page[at..];
    let b64 = href
        .split_once(";base64,")
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(b, _)| b)
        .unwrap();
    let xlsx = base64_decode(b64);
    // the offered workbook reads back as the table's 29 projects, one form a sheet
    let back = jixiao::table::read_bytes("填报.xlsx", &xlsx, &Default::default()).unwrap();
    assert_eq!(back.counts().projects, 29);
    assert_eq!(back.layout, jixiao::table::Layout::Forms);
}

/// Standard base64 (the page's `data:` links).
fn base64_decode(s: &str) -> Vec<u8> {
    let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = table.iter().position(|&t| t == c).unwrap() as u32;
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    out
}

#[tokio::test]
async fn a_download_too_large_for_the_page_is_named_and_the_page_still_shows() {
    let (table, actuals) = (sample("targets.tsv"), sample("actuals.yaml"));
    let config = Config {
        max_answer: 600_000,
        ..Config::default()
    };
    let (status, body) = post(
        config,
        "/",
        &[
            ("table", "targets.tsv", &table),
            ("actuals", "actuals.yaml", &actuals),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert!(page.len() < 600_000);
    assert!(
        page.contains(">html（太大）<small>"),
        "the 94 KB html report is over 60 KB"
    );
    assert!(
        page.contains("targets-评分结果.csv\" href=\"data:"),
        "the 26 KB csv fits"
    );
    assert!(page.contains("<b id=\"project-count\">29</b>"));
}

/// The page's 列名对应 field (or `?columns=`) says which header is which column, as
/// `--columns` does on the command line; a map that cannot be read is a 400 naming it.
#[tokio::test]
async fn a_column_map_reads_headers_jixiao_does_not_know() {
    let sheet =
        "项目,三级指标,年度计划值X,完成情况X\n甲项目,培训人次,≥100人次,120人次\n".as_bytes();
    let (status, _) = post(
        Config::default(),
        "/api/inspect?format=json",
        &[("table", "s.csv", sheet)],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = post(
        Config::default(),
        "/api/inspect?format=json&columns=%E5%B9%B4%E5%BA%A6%E6%8C%87%E6%A0%87%E5%80%BC%3D%E5%B9%B4%E5%BA%A6%E8%AE%A1%E5%88%92%E5%80%BCX",
        &[("table", "s.csv", sheet)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["counts"]["indicators"], 1);
    // the page's form field
    let token = page_token(Config::default()).await;
    let req = Request::post("/")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(multipart_with(
            &[
                ("csrf", token.as_str()),
                ("columns", "年度指标值=年度计划值X,实际完成值=完成情况X"),
            ],
            &[("table", "s.csv", sheet)],
        )))
        .unwrap();
    let (status, body) = send(Config::default(), req).await;
    let page = String::from_utf8_lossy(&body);
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("120人次"), "{page}");
    let (status, body) = post(
        Config::default(),
        "/api/inspect?format=json&columns=x%3Dy",
        &[("table", "s.csv", sheet)],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&body)["error"]["code"], "table.bad-columns");
}

/// An actuals file that matches nothing is refused on the API and on the page, naming the
/// nearest project; one that matches in part warns above the scores (issue 25 item 11).
#[tokio::test]
async fn actuals_that_match_nothing_are_refused_and_partial_ones_warn_first() {
    let table = sample("targets.tsv");
    let nothing = "projects:\n  - unit: 某某局\n    project: 业务用房物业管理经费\n    spent: 1\n";
    for uri in ["/api/evaluate", "/"] {
        let (status, body) = post(
            Config::default(),
            uri,
            &[
                ("table", "targets.tsv", &table),
                ("actuals", "a.yaml", nothing.as_bytes()),
            ],
        )
        .await;
        let text = String::from_utf8_lossy(&body);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {text}");
        assert!(text.contains("eval.actuals-match-nothing"), "{uri}: {text}");
        assert!(text.contains("业务用房物业管理费"), "{uri}: {text}");
    }
    let mut partial = String::from_utf8(sample("actuals.yaml")).unwrap();
    partial.push_str("  - unit: 广州住房公积金管理中心\n    project: 不存在的项目\n    spent: 1\n");
    let (status, body) = post(
        Config::default(),
        "/",
        &[
            ("table", "targets.tsv", &table),
            ("actuals", "a.yaml", partial.as_bytes()),
        ],
    )
    .await;
    let page = String::from_utf8_lossy(&body);
    assert_eq!(status, StatusCode::OK, "{page}");
    let warn = page.find("<div class=\"warn\"").expect("a warning banner");
    assert!(warn < page.find("<h2>汇总</h2>").unwrap());
    assert!(page[warn..].contains("不存在的项目"));
}

#[tokio::test]
async fn rule_files_past_their_budgets_are_a_400_that_counts_them() {
    // 150 broken rules: the first 100 listed, every one counted (`rules.errors-not-shown`)
    let table = sample("targets.tsv");
    let mut broken = String::from("rules:\n");
    for i in 0..150 {
        broken.push_str(&format!("  - id: x{i}\n    when: indicator ~ \"x\"\n"));
    }
    let (status, body) = post(
        Config::default(),
        "/api/review",
        &[
            ("table", "targets.tsv", &table),
            ("rules", "broken.yaml", broken.as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let v = json(&body);
    assert_eq!(v["counts"]["findings"], 150);
    assert_eq!(v["counts"]["not_shown"], 50);
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(100));
    let (status, page) = post(
        Config::default(),
        "/",
        &[
            ("table", "targets.tsv", &table),
            ("rules", "broken.yaml", broken.as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("另有 50 处错误和警告未逐条显示"), "{page}");
    // 12,000 rules that each must be tried for a compared target (the prefilter finds their
    // `kind == "compare"`, which every such row has): past JIXIAO_MAX_RULE_TRIES for one
    // indicator, a 400 naming the limit, for review and evaluate alike
    let mut many = String::from("rules:\n");
    for i in 0..12_000 {
        many.push_str(&format!(
            "  - id: c{i}\n    when: kind == \"compare\" and target > 1000%\n    require: target >= 1\n  - id: n{i}\n    when: kind == \"compare\" and weight > 1000\n    not_applicable: true\n"
        ));
    }
    for uri in ["/api/review", "/api/evaluate"] {
        let (status, body) = post(
            Config::default(),
            uri,
            &[
                ("table", "targets.tsv", &table),
                ("actuals", "actuals.yaml", &sample("actuals.yaml")),
                ("rules", "many.yaml", many.as_bytes()),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let v = json(&body);
        assert_eq!(v["error"]["code"], "rules.too-many-tries", "{uri}: {v}");
        assert!(
            v["error"]["help"]
                .as_str()
                .is_some_and(|h| h.contains("JIXIAO_MAX_RULE_TRIES") && h.contains("many.yaml")),
            "{v}"
        );
    }
    // the same rules written so that no text can rule them out: refused at load, past
    // JIXIAO_MAX_UNFILTERED_RULES, a 400 at the file's first such rule
    let unfiltered = many.replace("kind == \"compare\"", "not indicator ~ \"x\"");
    let (status, body) = post(
        Config::default(),
        "/api/review",
        &[
            ("table", "targets.tsv", &table),
            ("rules", "many.yaml", unfiltered.as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("rules.too-many-unfiltered"), "{text}");
    assert!(text.contains("JIXIAO_MAX_UNFILTERED_RULES"), "{text}");
}
