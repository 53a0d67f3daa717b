//! The actual and the reason in one grid column (`完成情况及偏差原因`, each cell
//! `实际完成900人次，生源不足`): the column is the actual's where the grid has no other, each
//! cell's words before the figure (`实际完成`) dropped and the text after its first separator
//! (`，`, `；`) read as the row's 偏差原因. Before, the column was passed over: every row had no
//! actual (缺实际值, 0 points) and the reasons were lost.

use super::FormReader;
use super::grid::GridHeader;

/// Words before the actual's figure in such a cell, longest first.
const LEADS: &[&str] = &[
    "实际完成值",
    "实际完成了",
    "实际完成",
    "已完成",
    "完成了",
    "完成",
];

impl FormReader<'_, '_, '_> {
    /// `text` (the row's actual cell) as the actual and the reason, where the actual column's
    /// header names a reason too; else `text` as it is, no reason.
    pub(super) fn actual_and_reason(
        &self,
        h: &GridHeader,
        text: Option<String>,
    ) -> (Option<String>, Option<String>) {
        let Some(text) = text else {
            return (None, None);
        };
        if !h.actual_with_reason {
            return (Some(text), None);
        }
        let t = text.trim();
        let t = LEADS
            .iter()
            .find_map(|l| t.strip_prefix(l))
            .map_or(t, |rest| rest.trim_start_matches([':', '：']));
        match t.find(['，', '；', ',', ';', '。']) {
            Some(k) => {
                let reason = t[k..]
                    .trim_start_matches(['，', '；', ',', ';', '。'])
                    .trim();
                let reason = (!reason.is_empty()).then(|| reason.to_owned());
                (Some(t[..k].trim().to_owned()), reason)
            }
            None => (Some(t.to_owned()), None),
        }
    }
}
