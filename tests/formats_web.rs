//! The web page and API meet the formats of issue 23: the file picker's `accept` and the page's
//! text come from the one list of formats; a dropped web page or `.doc` is evaluated as its
//! workbook is; a dropped PDF is answered with why and the way forward.

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jixiao::web::{Config, router};
use tower::ServiceExt;

const BOUNDARY: &str = "jixiao-formats-boundary";

async fn send(req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let res = router(Config::default()).oneshot(req).await.unwrap();
    let status = res.status();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

/// POSTs files in the page's `file` field to the API.
async fn drop_files(files: &[(&str, &[u8])]) -> (StatusCode, serde_json::Value) {
    let mut body = Vec::new();
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
    let req = Request::post("/api/evaluate?format=json")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    let (status, body) = send(req).await;
    (status, serde_json::from_slice(&body).unwrap())
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[tokio::test]
async fn the_page_offers_every_format_of_the_one_list() {
    let (status, body) = send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    // the table picker takes the one list (then archives and .yaml, which a pile may hold)
    let accept = format!("accept=\"{}", jixiao::table::formats::accept_attribute());
    assert!(page.contains(&accept), "{accept}");
    assert!(page.contains(jixiao::table::formats::endings_shown()));
    for ending in [".doc", ".html", ".mhtml"] {
        assert!(
            jixiao::table::formats::accept_attribute()
                .split(',')
                .any(|e| e == ending)
        );
    }
}

#[tokio::test]
async fn a_dropped_page_or_doc_is_evaluated_as_its_workbook() {
    let base = "f03-yongde-minglang-school-2022-selfeval";
    let (status, want) = drop_files(&[(
        "表.xlsx",
        &fixture(&format!("tests/fixtures/forms/{base}.xlsx")),
    )])
    .await;
    assert_eq!(status, StatusCode::OK, "{want}");
    for copy in ["word-gbk.htm", "doc"] {
        let (status, got) = drop_files(&[(
            &format!("表.{copy}"),
            &fixture(&format!("tests/fixtures/formats/{base}.{copy}")),
        )])
        .await;
        assert_eq!(status, StatusCode::OK, "{got}");
        assert_eq!(got["summary"], want["summary"], "{copy}");
        assert_eq!(
            got["projects"][0]["score"], want["projects"][0]["score"],
            "{copy}"
        );
    }
}

#[tokio::test]
async fn a_dropped_pdf_says_why_and_what_to_do() {
    let (status, body) = drop_files(&[("自评表.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let error = &body["error"];
    assert_eq!(error["code"], "web.unsupported-file");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("是 PDF 文件"), "{message}");
    let help = error["help"].as_str().unwrap();
    assert!(help.contains("Excel 或 Word 原件"), "{help}");
}
