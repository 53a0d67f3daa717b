//! The registered checks, one file each. The order here is the order of findings within a
//! project. Codes are stable: a published code never changes meaning.

use super::CheckInfo;

mod actual_copies_comparator;
mod direction_contradiction;
mod duplicate_indicator;
mod empty_target;
mod missing_category;
mod name_states_other_target;
mod number_without_unit;
mod plan_without_number;
mod project_missing_category;
mod punctuation;
mod qualitative_numeric_name;
mod restated_name;
mod template_placeholder;
mod unit_mismatch;
mod unknown_category;
mod unmeasurable_target;

/// Every check, in the order findings are listed.
pub static ALL: &[CheckInfo] = &[
    missing_category::INFO,
    unknown_category::INFO,
    qualitative_numeric_name::INFO,
    plan_without_number::INFO,
    unmeasurable_target::INFO,
    empty_target::INFO,
    unit_mismatch::INFO,
    direction_contradiction::INFO,
    number_without_unit::INFO,
    template_placeholder::INFO,
    restated_name::INFO,
    punctuation::INFO,
    duplicate_indicator::INFO,
    actual_copies_comparator::INFO,
    project_missing_category::INFO,
    name_states_other_target::INFO,
];
