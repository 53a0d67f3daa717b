//! The registered checks, one file each. The order here is the order of findings within a
//! project. Codes are stable: a published code never changes meaning.

use super::CheckInfo;

/// Declares each check's module and lists it in [`ALL`]: a check's one registry line.
macro_rules! checks {
    ($($check:ident),* $(,)?) => {
        $(mod $check;)*
        /// Every check, in the order findings are listed.
        pub static ALL: &[CheckInfo] = &[$($check::INFO),*];
    };
}

checks! {
    missing_category,
    unknown_category,
    qualitative_numeric_name,
    plan_without_number,
    unmeasurable_target,
    empty_target,
    unit_mismatch,
    direction_contradiction,
    number_without_unit,
    template_placeholder,
    restated_name,
    punctuation,
    duplicate_indicator,
    actual_copies_comparator,
    project_missing_category,
    name_states_other_target,
    range_reversed,
    impossible_date,
    deadline_outside_year,
}
