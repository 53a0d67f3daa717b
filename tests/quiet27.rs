//! Targets and actuals read quietly wrong or sent to a person needlessly (issue 27, session 27,
//! H192): a miss shown with the whole weight (`6666平方米` against `≥10亩`: 未达标 10.00), a
//! bracketed `（累计）` read past as a remark, and actuals a finance officer reads one way only
//! (`全覆盖` against `100%`, `半小时` against `≤30分钟`, `320名` against `≥300人`) sent to a
//! person. Each input made by hand from its description, each held to what the officer expects.
//!
//! Each test fails on the anchor build; `JIXIAO_BIN=/path/to/jixiao` runs them against another
//! binary (the anchor) to see it.

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;

#[path = "support/pairs.rs"]
#[allow(dead_code)]
mod pairs;
use pairs::{canonical, outcomes, scored};

/// `6666平方米` is 9.999 亩: short of `≥10亩`, so 未达标, and its exact points (9.999) round
/// half-up to the whole weight. The anchor showed 未达标 beside 10.00; a miss now shows the
/// largest figure below the weight (9.99), the rounding said in the formula, and the project
/// total adds the points shown. A miss whose points round below the weight is unchanged.
#[test]
fn a_miss_never_shows_the_whole_weight() {
    let (rows, whole) = scored(&[
        ("建设面积", "≥10亩", "6666平方米"),
        ("达成率", "≥99.96%", "99.95%"),
        ("建设面积", "≥10亩", "6000平方米"),
        ("建设面积", "≥10亩", "6667平方米"),
    ]);
    assert_eq!(
        outcomes(&rows),
        [
            ("fail", "9.99"),
            ("fail", "9.99"),
            ("fail", "9.00"),
            ("pass", "10.00")
        ],
        "{rows:?}"
    );
    assert!(
        rows[0][3].contains("按比例得 9.999，四舍五入后等于满分；未达标不记满分，记 9.99 分"),
        "{:?}",
        rows[0]
    );
    assert_eq!(
        whole["projects"][0]["score"], "38.98",
        "the total adds the points shown"
    );
}

/// `（累计）`, `（新增）`, `（年均）` after a figure say what it counts: the anchor read each
/// past as a remark (`≥20个（累计）` against `12个`: 未达标 6.00). The parser leaves the target
/// qualitative, and the scorer decides only where the word cannot change the verdict: a year's
/// figure that meets a cumulative floor (达标), one that misses a floor of new ones (未达标);
/// else a person, with the word's reason and the reading as written. `（全年）` and `（含）`
/// say what the year's reading says already and stay read. `（累计数）`, `（当年新增）` are the
/// same words; a rate (`≥90%（累计）`) is no sum, so even a year that meets it goes to a person,
/// and so do words (`新增18个`) and a grade with no figure (`达成`, as against any figure).
#[test]
fn a_bracketed_counting_word_is_read_or_sent_with_its_reason() {
    assert_eq!(
        canonical(&["≥20个（累计）", "≥20个（全年）", "≥95%（含）"]),
        ["\"≥20个（累计）\"", ">= 20 个", ">= 95 %"]
    );
    let (rows, _) = scored(&[
        ("建设数量", "≥20个（累计）", "12个"),
        ("建设数量", "≥20个（累计）", "25个"),
        ("建设数量", "≥20个（新增）", "12个"),
        ("建设数量", "≥20个（新增）", "25个"),
        ("人均收入", "≥3000元（年均）", "3200元"),
        ("安全事故", "≤5起（累计）", "3起"),
        ("建设数量", "≥20个（全年）", "12个"),
        ("建设数量", "≥20个（累计数）", "18个"),
        ("建设数量", "≥20个（当年新增）", "22个"),
        ("满意度", "≥90%（累计）", "92%"),
        ("建设数量", "≥20个（新增）", "新增18个"),
        ("建设数量", "≥20个（累计）", "达成"),
    ]);
    assert_eq!(
        outcomes(&rows),
        [
            ("review", ""),
            ("pass", "10.00"),
            ("fail", "6.00"),
            ("review", ""),
            ("review", ""),
            ("review", ""),
            ("fail", "6.00"),
            ("review", ""),
            ("review", ""),
            ("review", ""),
            ("review", ""),
            ("review", ""),
        ],
        "{rows:?}"
    );
    assert!(
        rows[0][3].starts_with("年度指标值“≥20个（累计）”注明“累计”")
            && rows[0][3].contains("未达标（10 × 12 ÷ 20，得 6.00 分）"),
        "{:?}",
        rows[0]
    );
    assert!(rows[4][3].contains("各年的平均数"), "{:?}", rows[4]);
}

/// `全覆盖` against a percentage is 100 %; `半小时`, `一个半小时`, `两个半小时` are hours and a
/// half. The anchor sent each to a person (待评定); now scored, the reading at the head of the
/// formula. `全部` alone (all of what?) stays a person's.
#[test]
fn full_cover_and_half_hours_are_read() {
    let (rows, _) = scored(&[
        ("覆盖率", "100%", "全覆盖"),
        ("覆盖率", "≥95%", "全部覆盖"),
        ("响应时间", "≤30分钟", "半小时"),
        ("响应时间", "≤2小时", "一个半小时"),
        ("响应时间", "≤2小时", "两个半小时"),
        ("响应时间", "≤1小时", "一个半小时"),
        ("合格率", "≥95%", "全部"),
    ]);
    assert_eq!(
        outcomes(&rows),
        [
            ("pass", "10.00"),
            ("pass", "10.00"),
            ("pass", "10.00"),
            ("pass", "10.00"),
            ("fail", "8.00"),
            ("fail", "6.67"),
            ("review", ""),
        ],
        "{rows:?}"
    );
    assert!(
        rows[0][3].starts_with("实际值“全覆盖”即 100%"),
        "{:?}",
        rows[0]
    );
    assert!(
        rows[4][3].starts_with("实际值“两个半小时”即 2.5小时"),
        "{:?}",
        rows[4]
    );
}

/// People counted as 名 or 位 are counted as 人 (the anchor: 无法比较); 人次 counts visits and
/// still does not compare with 人, nor a figure per 人次 with one per head (`人均`), nor
/// `人（次）`, which the anchor read as `人` (`320人（次）` against `≥300人`: 达标 10.00).
#[test]
fn people_by_name_and_seat_count_as_people() {
    let (rows, _) = scored(&[
        ("培训人数", "≥300人", "320名"),
        ("培训人数", "≥300名", "280人"),
        ("受益人数", "≥1万人", "9800位"),
        ("培训人数", "≥300人", "320人次"),
        ("人均补助", "人均≥3000元", "3000元/人次"),
        ("培训人数", "≥300人", "320人（次）"),
        ("培训人次", "≥300人次", "320人（次）"),
    ]);
    assert_eq!(
        outcomes(&rows),
        [
            ("pass", "10.00"),
            ("fail", "9.33"),
            ("fail", "9.80"),
            ("invalid", ""),
            ("invalid", ""),
            ("invalid", ""),
            ("pass", "10.00"),
        ],
        "{rows:?}"
    );
}
