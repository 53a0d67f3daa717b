//! Web pages inside a `.zip` (issue 27, H143): a form saved one printed page a file and a page
//! whose frame names a file of its folder are read from the archive as from a folder on disk
//! (`tests/fixtures/pages19/`, H136's hand-made pages, zipped here). Before (`9c7862a`), each
//! page of the archive was read alone: page 1 scored as the whole form (40.00), page 2 refused
//! ("没有一个是目标表"), and a frame named "压缩包中框架的网页不随网页读取".

use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{dir, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages19")
}

/// The files under `from` (recursively), each with its path relative to `from`, sorted.
fn files(from: &Path, at: &Path, out: &mut Vec<(String, PathBuf)>) {
    for e in std::fs::read_dir(at).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(from, &p, out);
        } else {
            let rel = p
                .strip_prefix(from)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, p));
        }
    }
    out.sort();
}

/// `pages19/FOLDER` zipped into `into/NAME.zip`, its entries under `inside` (`""`: at the top).
fn zipped(folder: &str, inside: &str, into: &Path) -> String {
    let from = fixtures().join(folder);
    let mut all = Vec::new();
    files(&from, &from, &mut all);
    let name = format!("{folder}.zip");
    let f = std::fs::File::create(into.join(&name)).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (rel, path) in all {
        z.start_file(format!("{inside}{rel}"), o).unwrap();
        z.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    z.finish().unwrap();
    name
}

/// `evaluate ZIP --format jsonl` in `cwd` (the pile's report: a record a form): each form
/// record's `[file, total, check]`, and the run's stderr.
fn evaluate_zip(cwd: &Path, zip: &str) -> (Vec<[String; 3]>, String) {
    let r = run(cwd, &["evaluate", zip, "--format", "jsonl"]);
    let forms = r
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["record"] == "form")
        .map(|v| ["file", "total", "check"].map(|k| v[k].as_str().unwrap_or("").to_owned()))
        .collect();
    (forms, r.stderr)
}

#[test]
fn a_form_saved_a_page_a_file_is_joined_inside_a_zip_as_in_a_folder_and_only_its_own_pages() {
    let out = dir("pages-zipped", "paged");
    for (folder, inside, first) in [
        ("names", "names/", "表_1.html"),
        ("repeated", "", "p1.html"),
        ("marks", "自评/", "a.html"),
    ] {
        let zip = zipped(folder, inside, &out);
        // the form printed over two pages: 培训人数 (40 of 50) on page 1; 结业率, 满意度 and
        // 总分 on page 2: 90.00 joined, as printed (page 1 alone: 40.00)
        let (forms, stderr) = evaluate_zip(&out, &zip);
        assert!(
            stderr.contains("table.page-files-joined"),
            "{zip}: {stderr}"
        );
        assert!(!stderr.contains("table.page-form-part"), "{zip}: {stderr}");
        // one form, read from its first page (the second is the same form again)
        assert_eq!(forms.len(), 1, "{zip}: {forms:?}");
        assert_eq!(forms[0][0], format!("{zip}!{inside}{first}"), "{zip}");
        if folder == "marks" {
            // page 2 prints 总分 95 where the joined form's points sum to 90
            assert!(
                stderr.contains("原表总分 95 与表中各项得分之和 90 不一致"),
                "{zip}: {stderr}"
            );
        } else {
            assert_eq!(forms[0][1..], ["90.00", "agrees"], "{zip}");
        }
    }
    // page 2 beside it is another project's; two forms whose pages 2 name no project; page 2
    // in another folder of the archive: none joined, page 1 still said to be a part
    for (folder, inside) in [("other", ""), ("many", "many/")] {
        let zip = zipped(folder, inside, &out);
        let (_, stderr) = evaluate_zip(&out, &zip);
        assert!(
            !stderr.contains("table.page-files-joined"),
            "{zip}: {stderr}"
        );
        assert!(stderr.contains("table.page-form-part"), "{zip}: {stderr}");
    }
    let names = fixtures().join("names");
    let f = std::fs::File::create(out.join("split.zip")).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    for (entry, file) in [("a/表_1.html", "表_1.html"), ("b/表_2.html", "表_2.html")] {
        z.start_file(entry, o).unwrap();
        z.write_all(&std::fs::read(names.join(file)).unwrap())
            .unwrap();
    }
    z.finish().unwrap();
    let (forms, stderr) = evaluate_zip(&out, "split.zip");
    assert!(!stderr.contains("table.page-files-joined"), "{stderr}");
    assert_eq!(forms.len(), 1, "{forms:?}");
    assert_eq!(forms[0][..2], ["split.zip!a/表_1.html", "40.00"]);
}

#[test]
fn a_frame_naming_a_page_of_the_zip_is_read_from_it() {
    // `页面.html`'s frame names `./%E9%A1%B5%E9%9D%A2_files/form.html` (its `页面_files`
    // folder, percent-encoded): read from the archive, the form the page's own
    let out = dir("pages-zipped", "frame");
    let zip = zipped("saved", "网页/", &out);
    let (forms, stderr) = evaluate_zip(&out, &zip);
    assert!(stderr.contains("table.page-frame-read"), "{stderr}");
    assert!(
        stderr.contains("框架1（src=\"./%E9%A1%B5%E9%9D%A2_files/form.html\"）"),
        "{stderr}"
    );
    assert!(!stderr.contains("不随网页读取"), "{stderr}");
    // one form: the page's (its frame's file, read alone before, is the same form again)
    assert_eq!(forms.len(), 1, "{forms:?}");
    assert_eq!(
        forms[0][..2],
        [format!("{zip}!网页/页面.html"), "87.50".into()]
    );
    // a frame out of the page's folder in the archive is still named, never read
    assert!(stderr.contains("在网页所在文件夹之外"), "{stderr}");
}
