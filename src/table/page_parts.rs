//! A web page that holds only some pages of a printed form: a table read on it writes "第1页
//! 共2页" (in a row, or in the lines above a table), and the other pages are not on this web
//! page (a portal publishing each printed page as a page of its own, or a page saved alone).
//! The part is read and scored as it is; a warning says which pages of how many the web page
//! holds, so the part's total (its 分值 and 得分 only) is not taken for the form's.

use crate::finding::{Finding, Severity, codes};
use crate::table::formats::SheetCells;
use crate::table::model::Document;

/// The longest cell looked at for a marker (a page's footer line, not an article).
const MARKER_CHARS: usize = 40;

/// The printed pages a page's tables say they are: each marker's (page, of pages).
#[derive(Default)]
pub(super) struct PageParts {
    seen: Vec<(u32, u32)>,
}

impl PageParts {
    /// The markers of `sheet`'s cells (a read table, or the lines above one).
    pub(super) fn look(&mut self, sheet: &SheetCells) {
        for (_, text) in sheet.iter() {
            if text.len() <= MARKER_CHARS * 4
                && holds_page(text)
                && let Some(m) = marker(text)
                && self.seen.len() < 64
            {
                self.seen.push(m);
            }
        }
    }

    /// The pages of how many the markers seen say the form has (the most any says).
    pub(super) fn total(&self) -> Option<u32> {
        self.seen.iter().map(|(_, of)| *of).max()
    }

    /// The pages the markers seen name, in order, once each.
    pub(super) fn pages(&self) -> Vec<u32> {
        let mut pages: Vec<u32> = self.seen.iter().map(|(p, _)| *p).collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }

    /// Whether every page of the form is among those seen (or no marker was).
    pub(super) fn whole(&self) -> bool {
        let pages = self.pages();
        self.total()
            .is_none_or(|total| (1..=total).all(|p| pages.contains(&p)))
    }

    /// The warning, where the markers name pages of a form that are not on the web page.
    pub(super) fn note(&self, doc: &mut Document) {
        let Some(total) = self.total() else {
            return;
        };
        if self.whole() {
            return;
        }
        let pages = self.pages();
        let shown: Vec<String> = pages.iter().map(|p| format!("第 {p} 页")).collect();
        doc.findings.push(
            Finding::at_location(
                codes::PAGE_FORM_PART,
                Severity::Warning,
                &doc.source,
                super::PAGE_AT,
                format!(
                    "网页中的表格写明共 {total} 页，这个网页中只有{}：表单的其余各页不在其中，评分只含这里的指标、分值和得分（合计、折合得分不是整张表单的）",
                    shown.join("、")
                ),
            )
            .label("这个网页")
            .help("把各页的表格放进同一个网页（或复制到一个 Excel 工作表）后再评；若表单确实只有这些内容，请核对页码"),
        );
    }
}

/// Whether `text` holds 页 (its UTF-8 bytes `E9 A1 B5` found by the last one: a search of a
/// short cell costs a few instructions, where `str::contains` of a char set up a searcher).
fn holds_page(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xB5, b).any(|i| i >= 2 && b[i - 2] == 0xE9 && b[i - 1] == 0xA1)
}

/// `第1页 共2页`, `第 1 页，共 2 页`, `共2页 第1页`, `第1页/共2页`: (1, 2); `None` for any
/// other text, or pages that do not hold (`第3页 共2页`, `第0页`).
fn marker(text: &str) -> Option<(u32, u32)> {
    if text.chars().count() > MARKER_CHARS {
        return None;
    }
    let number_between = |open: char| -> Option<u32> {
        let at = text.find(open)?;
        let rest = text[at + open.len_utf8()..].trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest[digits.len()..].trim_start();
        (!digits.is_empty() && digits.len() <= 4 && after.starts_with('页'))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let page = number_between('第')?;
    let of = number_between('共')?;
    (page >= 1 && page <= of && of >= 2).then_some((page, of))
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn page_markers_as_forms_print_them() {
        assert_eq!(marker("第1页 共2页"), Some((1, 2)));
        assert_eq!(marker("第 2 页，共 2 页"), Some((2, 2)));
        assert_eq!(marker("共3页 第1页"), Some((1, 3)));
        assert_eq!(marker("第1页/共2页"), Some((1, 2)));
        assert_eq!(marker("第1页"), None);
        assert_eq!(marker("第3页 共2页"), None);
        assert_eq!(marker("共1页 第1页"), None);
        assert_eq!(marker("第一页 共二页"), None);
        assert_eq!(marker("第1名 共2页"), None);
        assert!(super::holds_page("第1页") && super::holds_page("页"));
        assert!(!super::holds_page("项目") && !super::holds_page("\u{b5}"));
    }
}
