//! `review.name-states-other-target`：指标名称写的目标与年度指标值不一致。
//!
//! **作用**：指标名称末尾写了一个带单位的数值（`…质量达标率100%`、`培训人数500人`），
//! 而年度指标值写的是另一个数值或单位（`>=98%`）时，标出该指标。
//!
//! **为什么重要**：名称和指标值各说一个目标，年终按哪一个考核？按指标值评分，
//! 读表的人却会按名称理解；两者必有一个写错。
//!
//! **示例**：`贫困地区旅游基础设施建设质量达标率100%，年度指标值：>=98%`。
//!
//! **修改方法**：名称只写衡量什么（`…质量达标率`），目标只写在年度指标值中；
//! 确认两者哪个是本年的目标。
//!
//! 只比较同一单位的数值：名称中的数值没有写比较符时，比较符由指标方向决定，不作为不一致；
//! 单位不同的数值说的是对象本身（`饲料库120平米`，年度指标值 `490元/平米`），不标出。
//! 名称末尾的数值须带单位（`%`、`人`…），`PM2.5` 这类名称中的编号不算目标。

use crate::finding::{Code, Finding, Severity};
use crate::lang::{self, Context, Target};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.name-states-other-target",
        Severity::Warning,
        "指标名称写的目标与年度指标值不一致",
        include_str!("name_states_other_target.rs"),
    ),
    run,
};

/// Comparators that may stand before a number at the end of a name.
const OPS: &[char] = &['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦', '＝'];

/// The byte where a target written at the end of `name` starts (`100%` of `…达标率100%`, `≥98%`
/// of `…满意度≥98%`): a number after a Chinese character (or a comparator after one), followed
/// by a unit of at most 4 characters and nothing else but `以上`/`以内`-like words.
fn trailing_target(name: &str) -> Option<usize> {
    let t = name.trim_end();
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    // the last digit
    let last_digit = chars.iter().rposition(|(_, c)| c.is_ascii_digit())?;
    let tail: String = chars[last_digit + 1..].iter().map(|(_, c)| *c).collect();
    let tail = ["以上", "以下", "以内", "及以上", "左右"]
        .iter()
        .find_map(|w| tail.strip_suffix(w))
        .unwrap_or(&tail);
    let unit_chars = tail.chars().count();
    // a unit: short, ending as units end (`%`, `人`, `万元`; not `安全率` of `指标1安全率`)
    if unit_chars == 0
        || unit_chars > 4
        || tail.chars().any(|c| c.is_ascii_alphanumeric())
        || !tail
            .chars()
            .last()
            .is_some_and(|c| super::number_without_unit::UNIT_ENDS.contains(&c))
    {
        return None;
    }
    // back over the number (digits and one point), then any comparator
    let mut k = last_digit;
    while k > 0 && (chars[k - 1].1.is_ascii_digit() || chars[k - 1].1 == '.') {
        k -= 1;
    }
    while k > 0 && OPS.contains(&chars[k - 1].1) {
        k -= 1;
    }
    // a name before it, ending in a Chinese character (not `PM2.5`, not a bare number)
    let before = chars[..k].last()?.1;
    let cjk = ('\u{4e00}'..='\u{9fff}').contains(&before);
    cjk.then_some(chars[k].0)
}

/// The value and unit of a compared quantity, where the target is one.
fn value_unit(t: &Target) -> Option<(rust_decimal::Decimal, Option<&str>)> {
    match t {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => Some((
            quantity.value.normalize(),
            quantity.unit.as_ref().map(|u| u.as_str()),
        )),
        _ => None,
    }
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some((target_value, target_unit)) = value_unit(&i.parsed.target) else {
            continue;
        };
        let Some(start) = trailing_target(&i.row.name) else {
            continue;
        };
        let stated = &i.row.name[start..];
        let ctx = Context {
            indicator: Some(&i.row.name[..start]),
            category: i.row.category.as_deref(),
            subcategory: i.row.subcategory.as_deref(),
            year: p.opts.year,
            directions: p.directions,
        };
        let read = lang::parse(stated, &ctx);
        let Some((name_value, name_unit)) = value_unit(&read.target) else {
            continue;
        };
        // a number in another unit describes the thing, not the target (`饲料库120平米` at
        // `490元/平米`, `村组干部230人` counted `≥230个`): only the same unit is compared
        if name_unit != target_unit || name_value == target_value {
            continue;
        }
        let at = i.row.at.name();
        let at = if p.doc.source.slice(&at) == &*i.row.name {
            p.doc
                .source
                .locate(at.offset + start..at.offset + i.row.name.trim_end().len())
        } else {
            at
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!(
                "指标“{}”的名称写的目标是“{stated}”，年度指标值却是“{}”",
                i.row.name, i.row.target
            ),
            "名称中的目标",
            "名称只写衡量什么，目标只写在年度指标值中；确认两者哪个是本年的目标",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::trailing_target;

    #[test]
    fn a_number_with_its_unit_at_the_end_of_a_name() {
        fn at(n: &str) -> Option<&str> {
            trailing_target(n).map(|k| &n[k..])
        }
        assert_eq!(at("建设质量达标率100%"), Some("100%"));
        assert_eq!(at("员工满意度≥98%"), Some("≥98%"));
        assert_eq!(at("培训人数500人以上"), Some("500人以上"));
        assert_eq!(at("PM2.5浓度"), None);
        assert_eq!(at("细颗粒物PM2.5"), None);
        assert_eq!(at("指标1:完成项目数量"), None);
        assert_eq!(at("2023年度资金"), None);
        assert_eq!(at("受益人口数"), None);
        assert_eq!(at("100%"), None);
        assert_eq!(at("指标1安全率"), None);
    }
}
