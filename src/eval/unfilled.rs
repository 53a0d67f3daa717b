//! A table with nothing to score: not one actual (实际完成值) and no actuals file. Scoring it
//! would give every project 0.00 差, which is no result; the command line and the API refuse
//! it with [`Unfilled`], which says how to fill the table in (the page offers the fill-in
//! workbook instead).

/// The table has no actual and no actuals file was given.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(
    "{table} 中没有任何实际完成值，也没有给出实际值文件，所以不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果）"
)]
#[diagnostic(
    code("eval.no-actuals"),
    help(
        "下一步（任选其一）：\n\
         1. jixiao template {table} -o 自评表.xlsx 生成填报用的自评表（每个项目一张工作表，目标已填好），在黄色单元格填写全年执行数、实际完成值和偏差原因，再运行 jixiao evaluate 自评表.xlsx；\n\
         2. jixiao template {table} -o 实际值.yaml 生成实际值文件，填写后运行 jixiao evaluate {table} 实际值.yaml；\n\
         3. 运行 jixiao serve，把表拖到网页上，下载填报用的自评表。"
    )
)]
pub struct Unfilled {
    /// The table's name as given.
    pub table: String,
}

/// [`Unfilled`] where `doc` has no actual and no actuals file was given.
pub fn check(
    doc: &crate::table::model::Document,
    actuals: Option<&super::ActualsFile>,
) -> Result<(), Unfilled> {
    if actuals.is_none() && !doc.has_actuals() {
        return Err(Unfilled {
            table: doc.source.name.clone(),
        });
    }
    Ok(())
}
