//! What `--explain CODE` says about the codes of reading and scoring: every `table.*`,
//! `input.*`, `target.*`, `eval.*` and `stream.*` code a user can meet in `inspect`, `review` or
//! `evaluate` output, each with a Chinese title and what it means, what jixiao did and how to
//! fix the input. Review checks (`review.*`) document themselves in their own modules
//! ([`crate::review::checks`]); rule files' checks carry their own messages. A test scans the
//! sources and fails for a code printed anywhere without an entry here.

use crate::finding::Severity;

/// One code's documentation.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    /// The stable code (`table.form-total-mismatch`).
    pub code: &'static str,
    /// The usual severity (input errors that stop a run are 错误).
    pub severity: Severity,
    /// One line, Chinese.
    pub title: &'static str,
    /// 含义 / 处理 / 修改, Chinese, one paragraph each.
    pub body: &'static str,
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const I: Severity = Severity::Info;

macro_rules! doc {
    ($code:literal, $sev:expr, $title:literal, $body:literal) => {
        CodeDoc {
            code: $code,
            severity: $sev,
            title: $title,
            body: $body,
        }
    };
}

/// Every documented code, grouped by where it is raised.
pub const DOCS: &[CodeDoc] = &[
    // reading a table: stops the run
    doc!(
        "table.io",
        E,
        "无法读取文件",
        "含义：文件不存在、没有读取权限，或读取时出错。\n处理：该文件未读取，本次运行停止（退出码 2）。\n修改：检查路径（含空格的路径请加引号）和文件权限。"
    ),
    doc!(
        "table.empty",
        E,
        "空文件",
        "含义：文件没有任何内容。\n处理：本次运行停止。\n修改：导出目标表时确认选择了有数据的工作表，或重新保存文件。"
    ),
    doc!(
        "table.binary",
        E,
        "既不是文本表格也不是工作簿",
        "含义：文件含有二进制内容（如图片、PDF、旧版 .doc），不是 .tsv / .csv 文本，也不是 .xlsx / .xls / .docx。\n处理：本次运行停止。\n修改：在 Excel 或 Word 中“另存为” .xlsx、.csv 或 .docx 后再读取；图片和 PDF 需先转成表格。"
    ),
    doc!(
        "table.decode",
        E,
        "文本编码不对",
        "含义：文本文件中有按所选编码读不通的字节（例如把 GBK 文件当 UTF-8 读）。\n处理：本次运行停止，消息给出第一个坏字节的位置。\n修改：用 --encoding 指定编码（auto、utf-8 或 gbk）；Excel 在中文 Windows 上另存的 CSV 一般是 GBK。"
    ),
    doc!(
        "table.workbook",
        E,
        "无法打开工作簿",
        "含义：文件是工作簿格式，但已损坏、加密或不完整。\n处理：本次运行停止。\n修改：在 Excel 中打开并另存为 .xlsx（去掉密码保护）。"
    ),
    doc!(
        "table.not-workbook",
        E,
        "扩展名是工作簿，内容不是",
        "含义：文件名以 .xlsx / .xls 结尾，内容却不是工作簿（常见于把 CSV 改了扩展名）。\n处理：本次运行停止，不按扩展名猜测内容。\n修改：把扩展名改成与内容相符的 .csv / .tsv，或在 Excel 中另存为 .xlsx。"
    ),
    doc!(
        "table.document",
        E,
        "无法读取 Word 文档",
        "含义：.docx 文档的正文无法读取（损坏，或其实是旧版 .doc）。\n处理：本次运行停止。\n修改：在 Word 中另存为 .docx（Word 2007 及以后的格式）。"
    ),
    doc!(
        "table.folder-tables",
        E,
        "文件夹中有不同的表",
        "含义：给出的文件夹里有两张内容不同的表，jixiao 不猜测要读哪一张（同一张表的 xlsx、docx、csv 副本只读一次）。\n处理：本次运行停止，消息列出这些文件。\n修改：直接指定要读取的文件，或把其他表移出文件夹。"
    ),
    doc!(
        "table.no-sheet",
        E,
        "没有指定的工作表",
        "含义：--sheet 给出的工作表名在工作簿中不存在。\n处理：本次运行停止，帮助中列出可用的工作表。\n修改：改用列出的名称之一，或去掉 --sheet 读取全部工作表。"
    ),
    doc!(
        "table.no-header",
        E,
        "找不到表头行",
        "含义：没有一行像目标表或自评表的表头，也认不出项目支出绩效自评表（目标表）的表单结构。\n处理：本次运行停止。\n修改：目标表需有 项目名称、总计、绩效目标/绩效指标 等列；自评表需有 项目、三级指标、年度指标值 等列；表单需有 项目名称 和 一级指标/二级指标/三级指标 表头。"
    ),
    doc!(
        "table.too-large",
        E,
        "文件太大",
        "含义：文件超过输入大小的上限（默认 512 MB）。\n处理：本次运行停止，不读入内存。\n修改：拆分文件，或按帮助所写用环境变量 JIXIAO_MAX_INPUT_MB 提高上限。"
    ),
    doc!(
        "table.unzipped-too-large",
        E,
        "工作簿解压后太大",
        "含义：.xlsx / .docx 是压缩包，其中某个部件解压后超过上限（可能是“压缩炸弹”）。\n处理：本次运行停止，解压到上限即止。\n修改：确认文件来源；确属正常的大工作簿，按帮助所写提高上限。"
    ),
    doc!(
        "table.line-too-long",
        E,
        "一行太长",
        "含义：文本表格中某一行超过每行字节数的上限（常见于换行符丢失、整个文件成了一行）。\n处理：本次运行停止，消息给出行号。\n修改：检查该行的换行和引号是否配对，或按帮助提高上限。"
    ),
    doc!(
        "table.too-many-columns",
        E,
        "列数太多",
        "含义：某一行的列数超过上限。\n处理：本次运行停止，消息给出行号。\n修改：删除表格右侧的空列或无关内容，或按帮助提高上限。"
    ),
    doc!(
        "table.too-many-cells",
        E,
        "单元格太多",
        "含义：整张表的单元格数超过整表读入的上限。\n处理：本次运行停止。\n修改：拆分表格；很大的自评表可用 --format jsonl 流式评价（不受此限）。"
    ),
    // reading a table: a row or a cell, the rest still read
    doc!(
        "table.row-too-short",
        E,
        "一行的单元格比表头少",
        "含义：这一行缺少表头要求的列（常见于单元格内换行未加引号，把一行拆成了两行）。\n处理：该行跳过，计入跳过的行数，其余各行照常读取。\n修改：补齐该行的单元格，或给含换行的单元格加引号。"
    ),
    doc!(
        "table.extra-cells",
        W,
        "表头右侧还有内容",
        "含义：一行在最后一个表头列之后还有非空单元格。\n处理：这些单元格不读取，该行其余部分照常读取。\n修改：删除多余内容，或为它们加上表头。"
    ),
    doc!(
        "table.bad-amount",
        E,
        "金额不是数字",
        "含义：预算、执行数等金额单元格不是数字（如“约50万”）。\n处理：目标表和自评表中该行不读取（计入跳过的行数，其余各行照常）；表单的资金栏中该金额按未填处理（警告）。\n修改：金额单元格只填数字（可带千位分隔符，如 12,748.27），单位写在表头（万元 / 元）。"
    ),
    doc!(
        "table.bad-number",
        E,
        "分值或得分不是数字",
        "含义：自评表的分值（权重）或得分单元格不是数字。\n处理：该行不读取，计入跳过的行数，其余各行照常读取。\n修改：分值、得分只填数字，如 10 或 9.5（可带“分”）。"
    ),
    doc!(
        "table.cell-too-long",
        E,
        "单元格太长",
        "含义：单元格超过单格长度的上限（默认 1 MB）。\n处理：该行跳过，计入跳过的行数。\n修改：检查该单元格是否误粘贴了大段内容。"
    ),
    doc!(
        "table.indicator-split",
        E,
        "绩效指标单元格无法拆成指标",
        "含义：目标表的绩效指标单元格写不成“序号、一级指标：指标名称，年度指标值：指标值。”的形式，无法可靠拆出各个指标。\n处理：该项目行不读取（计入跳过的行数），其单位标为不完整，其余各行照常读取。\n修改：每个指标写成“1、产出指标：指标名称，年度指标值：≥95%。”"
    ),
    doc!(
        "table.indicator-numbering",
        W,
        "指标编号不连续",
        "含义：单元格中的指标编号不是 1、2、3…（有缺号或重号），可能漏写或多写了指标。\n处理：按所写内容拆分读取，并列出此项。\n修改：核对编号与指标是否一一对应。"
    ),
    doc!(
        "table.missing-name",
        E,
        "有内容但缺少名称",
        "含义：一行有数值，却没有项目、单位或指标名称。\n处理：按上下文归属读取，或在无法归属时跳过，均列出此项。\n修改：补上名称。"
    ),
    doc!(
        "table.implicit-unit",
        I,
        "项目行前没有单位行",
        "含义：表格一开始就是项目行，没有单位（部门）行；常见于单位自己的表。\n处理：这些项目归入一个以文件或表头命名的单位。\n修改：如需按单位汇总，在项目行前加上单位行。"
    ),
    doc!(
        "table.row-ignored",
        I,
        "说明行未作数据读取",
        "含义：这一行被识别为注释、填表说明或表尾签章（如“注：”“填表人：”）。\n处理：不作为数据读取，计入跳过的行数。\n修改：如果它其实是数据，删去行首的说明文字。"
    ),
    doc!(
        "table.column-ignored",
        I,
        "不认识的表头列",
        "含义：表头中的这一列不是 jixiao 认识的列名，其单元格不读取。\n处理：该列忽略，其余各列照常读取。\n修改：如该列应当读取，改用标准列名（见 README 的输入格式）。"
    ),
    doc!(
        "table.duplicate-total",
        W,
        "第二个合计行",
        "含义：表中出现了两个“合计”行。\n处理：以第一个为准，第二个列出不用。\n修改：删除重复的合计行。"
    ),
    doc!(
        "table.unit-sum-mismatch",
        E,
        "单位金额与其项目之和不符",
        "含义：单位行的金额不等于其下各项目金额之和（精确比较，不四舍五入）。\n处理：照常读取，列出差额。\n修改：核对单位行与项目行的金额。"
    ),
    doc!(
        "table.total-sum-mismatch",
        E,
        "合计行与各单位之和不符",
        "含义：合计行的金额不等于各单位金额之和。\n处理：照常读取，列出差额。\n修改：核对合计行。"
    ),
    doc!(
        "table.source-sum-mismatch",
        E,
        "总计与资金来源之和不符",
        "含义：一行的总计不等于 财政拨款 + 财政专户拨款 + 其他资金。\n处理：照常读取，列出差额。\n修改：核对该行的各项资金来源。"
    ),
    doc!(
        "table.sum-unchecked",
        I,
        "合计无法核对",
        "含义：合计所依赖的行有被跳过的，这个合计无法核对。\n处理：不作判断，列出此项。\n修改：先修正被跳过的行。"
    ),
    doc!(
        "table.sheet-skipped",
        I,
        "工作表未读取",
        "含义：这张工作表（或 Word 文档中的这张表）里没有目标表、自评表或表单，例如填表说明页。\n处理：不读取，列出此项。\n修改：如果它其实是要读的表，检查表头是否完整。"
    ),
    doc!(
        "table.sheet-other-layout",
        W,
        "工作表的格式与第一张不同",
        "含义：工作簿中这张表的格式（目标表 / 自评表 / 表单）与先读到的那张不同，不混在一起读。\n处理：不读取，列出此项。\n修改：把不同格式的表放在不同文件里分别读取，或用 --sheet 指定。"
    ),
    doc!(
        "table.form-placeholder-row",
        I,
        "表单中的模板占位行",
        "含义：表单中这一行是模板的占位（“指标2:”“……”或名称为空），不是指标。\n处理：不作为指标，计入跳过的行数。\n修改：无需修改；如果它是真实指标，补上指标名称。"
    ),
    doc!(
        "table.form-category-row",
        I,
        "只有类别没有指标的行",
        "含义：表单中这一行只写了一级或二级指标，没有三级指标。\n处理：不作为指标，类别用于下面的行。\n修改：无需修改；如果该行应有指标，补上三级指标名称。"
    ),
    doc!(
        "table.form-category-inferred",
        I,
        "一级指标由二级指标推断",
        "含义：表单没有写出一级指标（只写了分值或留空），由二级指标（数量指标→产出指标、满意度指标→满意度指标等）推断。\n处理：按推断的类别计分，报告中标“（推断）”。\n修改：在一级指标列写明类别。"
    ),
    doc!(
        "table.form-amount-prose",
        I,
        "金额单元格中有文字",
        "含义：表单的金额单元格写成“854万（含追加）”这样的文字。\n处理：读取开头的数字，列出此项。\n修改：金额单元格只填数字，说明另写。"
    ),
    doc!(
        "table.form-template-text",
        I,
        "单元格仍是模板提示语",
        "含义：单元格中仍是模板的填写提示（如“（100字以内）”）。\n处理：按未填处理。\n修改：填写实际内容，或清空该单元格。"
    ),
    doc!(
        "table.form-no-project",
        I,
        "表单没有项目名称",
        "含义：表单中找不到“项目名称”的值。\n处理：以标题或单位名称为项目命名，列出此项。\n修改：填写项目名称。"
    ),
    doc!(
        "table.form-total-mismatch",
        W,
        "总分与各项得分之和不符",
        "含义：表单打印的总分不等于它所列各项得分（含预算执行率）之和。\n处理：jixiao 按评分方法重新计算总分，原表总分与复核总分并列显示。\n修改：核对原表的加总。"
    ),
    doc!(
        "table.form-funds-mismatch",
        W,
        "资金总额与其中各项之和不符",
        "含义：表单的年度资金总额不等于其下“其中”各行之和，或总额为空而各行不为空。\n处理：总额为空时按各行之和读取；不符时照原表读取并列出差额。\n修改：核对资金情况一栏。"
    ),
    doc!(
        "table.form-points-shared",
        I,
        "分值列为空，按类别分值分配",
        "含义：表单没有逐项分值，只在一级指标处写了“产出指标（50分）”。\n处理：每个指标的分值由其类别分值在类别内平均分配。\n修改：如各指标分值不同，逐项填写分值。"
    ),
    // reading any input whole (actuals, rule files, parse input)
    doc!(
        "input.io",
        E,
        "无法读取输入",
        "含义：实际值文件、规则文件或其他输入无法打开或读取。\n处理：本次运行停止（退出码 2）。\n修改：检查路径和权限。"
    ),
    doc!(
        "input.too-large",
        E,
        "输入太大",
        "含义：输入超过该类输入的大小上限。\n处理：本次运行停止，不读入内存。\n修改：拆分输入，或按帮助所写提高上限。"
    ),
    doc!(
        "target.overflow",
        E,
        "数值超出精确范围",
        "含义：指标值中的数字大于十进制精确计算的范围（约 7.9×10²⁸），通常是误输入。\n处理：该指标值不解析（parse 输出 kind 为 error），评价时按无法比较列出；其余指标照常。\n修改：核对数字和数量级（万、亿）。"
    ),
    doc!(
        "target.too-long",
        E,
        "指标值太长",
        "含义：年度指标值超过可解析的长度上限（通常是误粘贴了大段文字）。\n处理：该指标值不解析，按无法解析列出；其余指标照常。\n修改：把指标值改成简短的目标（如 ≥95%），说明另写。"
    ),
    // scoring
    doc!(
        "eval.points-not-100",
        W,
        "分值合计不是 100 分",
        "含义：项目的分值（含预算执行率）加起来不是 100 分。\n处理：总分按实际分值显示为“44.38 / 49”，等级按折合百分制评定，并在总分旁提示；不把 49 分制的得分当作百分制评级。\n修改：核对各指标分值；确属该评分办法的分值体系，可在规则中明确。"
    ),
    doc!(
        "eval.points-rescaled",
        I,
        "规则的分数随分值折算",
        "含义：表中没有分值，方法的类别分值按项目实有的类别折算为 100 分制（或不适用的指标的分值分给其余指标），这一行按折算后的分值计分；规则里的绝对分（deduct 的 points、分档的 points、bonus）和实际值里写的“8分”是方法原来分制上的分数。\n处理：这些分数按同一比例换算（说明里写明，如“扣2分（按30分制）= 2.67”），不把方法分制上的分数直接从折算后的分值里扣。\n修改：无需修改；要按方法自己的分值显示，在表中写出各指标的分值。"
    ),
    doc!(
        "eval.bonus",
        I,
        "总分含加分",
        "含义：规则的加分（bonus）让某些指标的得分超过了分值，项目总分因此可以超过分值合计（如 101.50 / 100）。\n处理：每条加分规则一行至多加它的 max 分，加了多少写在该指标的说明和总分旁。\n修改：无需修改；加分的规则在规则文件中（jixiao rules explain bonus）。"
    ),
    doc!(
        "eval.grade-share-outside",
        W,
        "等级所写比例超出该等级的区间",
        "含义：定性指标写成“部分达成(85%)”，但 85% 不在“部分达成”的比例区间（默认 60%–80%）内。\n处理：按所写比例计分，并在总分旁提示。\n修改：改写等级或比例，使二者一致；或在规则中调整该等级的 min_share / max_share。"
    ),
    doc!(
        "eval.no-actuals",
        E,
        "表中没有任何实际完成值",
        "含义：给出的表没有一个实际完成值，也没有给出实际值文件（例如只有目标表，或还没填写的自评表）。\n处理：不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果），本次运行停止（退出码 2）；网页上改为提供填报用的自评表下载。\n修改：jixiao template 表 -o 自评表.xlsx 生成填报用的自评表，填写后评分；或 jixiao template 表 -o 实际值.yaml 生成实际值文件，与表一起评分。"
    ),
    doc!(
        "eval.project-not-filled",
        W,
        "项目没有填写任何实际完成值",
        "含义：表中其他项目已填写，这个项目的每个指标都缺实际完成值，也没有全年执行数。\n处理：照常计分（各指标为缺实际值、得 0），总分旁注明 0.00 不是评价结果。\n修改：填写该项目的实际完成值和全年执行数；本年度不评价的项目，把指标标为不适用（not_applicable: true，或在表单中写“不适用”）。"
    ),
    doc!(
        "eval.lateness-unmeasured",
        W,
        "无法计算延迟了多少",
        "含义：规则按延迟天数、月数或计划时间的比例扣分，但实际完成值没有写出能比较的完成日期（如只写“已完成”“是”，或只写到月份而目标到日）。\n处理：该指标待人工评定，分值计入待评定，不猜测按期与否；此项列在项目总分旁。\n修改：在实际完成值中写明完成日期，如“2023年7月10日完成”，或写“按期完成”。"
    ),
    doc!(
        "eval.budget-not-positive",
        W,
        "全年预算数为 0 或负数",
        "含义：项目的全年预算数不大于 0，无法计算预算执行率。\n处理：预算执行率的分值待人工复核，其他指标照常计分。\n修改：核对全年预算数。"
    ),
    doc!(
        "report.write",
        E,
        "写出报告失败",
        "含义：报告写到文件或管道时出错（磁盘已满、没有写权限、管道被关闭等）。\n处理：本次运行停止（退出码 2）；写文件时先写临时文件再改名，原有的同名文件不会被写坏。\n修改：检查输出路径、磁盘空间和权限，或换一个 -o 路径。"
    ),
    doc!(
        "report.xlsx-too-large",
        E,
        "报告超过 Excel 工作表的行列上限",
        "含义：报告超过 Excel 工作表 1048576 行、16384 列的上限，无法写成 xlsx。\n处理：不写 xlsx，本次运行停止（退出码 2），原有的同名文件不变。\n修改：改用 --format csv 或 jsonl，或按单位拆分目标表分别评价。"
    ),
    doc!(
        "report.xlsx-cell-too-long",
        E,
        "单元格超过 Excel 每格的字符上限",
        "含义：报告中有单元格超过 Excel 每格 32767 个字符的上限（通常是表中误粘贴了大段文字）。\n处理：不写 xlsx，本次运行停止（退出码 2），原有的同名文件不变。\n修改：改用 --format csv 或 jsonl，或缩短表中那段文字。"
    ),
    doc!(
        "stream.project-split",
        W,
        "同一项目的行不连续",
        "含义：流式评价（大表逐行评价）时，一个项目的行在别的项目之后再次出现。\n处理：两段分别作为两个项目评分，并列出此项。\n修改：按项目排序后再评价，或用 --no-streaming 整表评价。"
    ),
];

/// The documentation of `code`, where it is one of [`DOCS`].
pub fn doc(code: &str) -> Option<&'static CodeDoc> {
    DOCS.iter().find(|d| d.code == code)
}

impl CodeDoc {
    /// The text `--explain` prints.
    pub fn text(&self) -> String {
        format!(
            "{} — {}（通常级别：{}）\n\n{}\n",
            self.code,
            self.title,
            self.severity.zh(),
            self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_each_says_what_to_do() {
        let mut seen = std::collections::HashSet::new();
        for d in DOCS {
            assert!(seen.insert(d.code), "{} twice", d.code);
            for part in ["含义：", "处理：", "修改："] {
                assert!(d.body.contains(part), "{} lacks {part}", d.code);
            }
        }
    }

    #[test]
    fn every_published_finding_code_is_explained() {
        for code in crate::finding::codes::ALL {
            assert!(doc(code).is_some(), "{code} has no --explain entry");
        }
    }
}
