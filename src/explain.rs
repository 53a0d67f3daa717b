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
        "既不是文本表格也不是能读取的文档",
        "含义：文件含有二进制内容，不是 .tsv / .csv 文本，也不是 jixiao 能读取的工作簿（.xlsx .xls .ods）、Word 文档（.docx .doc）或网页（.html .mhtml）。\n处理：本次运行停止。\n修改：在 Excel、WPS 或 Word 中“另存为” .xlsx、.docx 或 .csv 后再读取。"
    ),
    doc!(
        "table.pdf",
        E,
        "PDF 文件中的表格不能读取",
        "含义：文件是 PDF（按文件开头的字节判断，与扩展名无关）。PDF 只记录文字在页面上的位置，没有单元格，读出的表格会错位，jixiao 不猜。\n处理：本次运行停止。\n修改：向填报单位索取这张表的 Excel 或 Word 原件；表格如刊登在网页上，在浏览器中把网页“另存为”.html（或单个文件 .mhtml）后读取。"
    ),
    doc!(
        "table.picture",
        E,
        "图片中的表格不能读取",
        "含义：文件是图片（PNG、JPEG、GIF、BMP、TIFF 或 WebP，按文件开头的字节判断），通常是扫描件或截图。\n处理：本次运行停止。\n修改：向填报单位索取 Excel 或 Word 原件；没有原件时需人工把表格录入 Excel。"
    ),
    doc!(
        "table.office-other",
        E,
        "Office 文件，但不是 Word 文档或 Excel 工作簿",
        "含义：文件是 Office 97–2003 格式的复合文件，但其中没有 Word 文档流（WordDocument）或工作簿流（Workbook），或者文件设有打开密码（加密）；或者是 RTF 格式的文档（常以 .doc 为扩展名）。\n处理：本次运行停止。\n修改：在 Word、Excel 或 WPS 中打开（去掉密码），另存为 .docx 或 .xlsx 后读取。"
    ),
    doc!(
        "table.page-no-form",
        E,
        "网页中没有目标表、自评表或表单",
        "含义：网页中没有表格，或者它的表格都不是目标表、自评表或逐项目表单（只有导航、版式、页脚等表格）。\n处理：本次运行停止。\n修改：表单常作为网页的附件（.xls .doc .pdf）或图片发布：下载附件读取，或向填报单位索取 Excel、Word 原件。"
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
        "含义：文件名以 .xlsx / .xls / .docx / .doc 结尾，内容却不是工作簿或 Word 文档（常见于把 CSV 改了扩展名）。内容是网页的 .xls / .doc（许多系统这样导出）按网页读取，不是这个错误。\n处理：本次运行停止，不按扩展名猜测内容。\n修改：把扩展名改成与内容相符的 .csv / .tsv，或在 Excel 中另存为 .xlsx。"
    ),
    doc!(
        "table.document",
        E,
        "无法读取 Word 文档",
        "含义：Word 文档（.docx，或 Word 97–2003 的 .doc）的正文无法读取：文件损坏（如 .doc 的片段表指向文件之外）、加密，是 Word 6.0/95 等更早的格式，或文档中没有表格。消息写明是哪一种。\n处理：本次运行停止。\n修改：在 Word 或 WPS 中打开，另存为 .docx 后读取。"
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
        "table.claims-too-many",
        E,
        "文件声称的数量过大",
        "含义：工作簿自己声称的数量（.xlsx 共享字符串表的 uniqueCount、.xls 工作表的尺寸记录或其单元格所跨的范围）超过单元格总数的上限，或超过文件字节实际能容纳的数量（文件损坏或被构造来耗尽内存）。\n处理：在预留任何内存之前停止读取。\n修改：用 Excel 或 WPS 打开后另存一次；确属正常的大工作簿，按帮助提高单元格上限。"
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
        "table.display-rounded",
        I,
        "百分比单元格显示的是舍入后的值",
        "含义：工作簿中这个百分比格式的单元格存的值比显示的位数多（如存 0.895、格式 0% 显示为 90%）。\n处理：按单元格存的值读取（89.5%，至多 15 位有效数字，与 Excel 相同），不按舍入后的显示值；消息写出两者，显示值与存值得出的结论可能不同（如对“≥90%”）。\n修改：如果显示值才是本意，在单元格中写入显示的值；否则无需修改。"
    ),
    doc!(
        "table.sheet-skipped",
        I,
        "工作表未读取",
        "含义：这张工作表（或 Word 文档中的这张表）里没有目标表、自评表或表单，例如填表说明页。网页中不是表单的表格（导航、版式、页脚）合为一条，写明网页共有几个表格、读取了几个。\n处理：不读取，列出此项。\n修改：如果它其实是要读的表，检查表头是否完整。"
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
    doc!(
        "eval.total-pending",
        W,
        "待评定：没有已评定的指标",
        "含义：项目的指标都待复核或缺实际值，没有一个达标或未达标。待评定的分值不是 0 分。\n处理：不给出总分和等级，显示“待评定”和待评定的分值；汇总不计入平均分，并写明有几个项目待评定。JSON 中 score 和 grade 为 null，status 为 pending。\n修改：补充实际完成值，或人工评定待复核的指标后再评分。"
    ),
    doc!(
        "eval.total-unchecked",
        W,
        "未核对：表内加总不符",
        "含义：表单自己的加总（分值之和、得分之和、标明的分值、折算得分）在任何读法下都不相符，jixiao 无法确定读法。\n处理：不给出总分和等级，显示“未核对”和不符之处；汇总不计入平均分。JSON 中 score 和 grade 为 null，status 为 unchecked，mismatches 列出不符之处。\n修改：核对原表的分值与得分，改正后再评分。"
    ),
    doc!(
        "table.no-actuals-column",
        W,
        "没有实际完成值列",
        "含义：自评表的表头里没有实际完成值列（实际完成值、完成值、实际值、完成情况、实际完成情况），也没有得分列。\n处理：没有实际值文件时不评分（eval.no-actuals）；有全年执行数时只评预算执行，各指标缺实际值，项目待评定。\n修改：给该列改用认得的列名，或用 --columns 实际完成值=<列名> 指明，或另给实际值文件。"
    ),
    doc!(
        "table.bad-columns",
        E,
        "列名对应无法读取",
        "含义：--columns（或网页的“列名对应”）写得不对：每一项应是 列名=表头中的列名，左边须是 jixiao 认得的列名。\n处理：不读取表格。\n修改：例如 --columns 年度指标值=年度数值,实际完成值=完成情况。"
    ),
    doc!(
        "table.missing-column",
        E,
        "表头缺少必需的列",
        "含义：有一行像表头，但缺少必需的列（三级指标、年度指标值、项目等），错误信息列出这一行的各列。\n处理：不读取该表。\n修改：把该列改用认得的列名，或用 --columns 年度指标值=<列名> 指明哪一列是哪一列。"
    ),
    doc!(
        "table.form-breakdown",
        I,
        "其中分项，列出不计分",
        "含义：核心指标（★）下的“其中：…”行没有分值和得分，是上一个指标的分项。\n处理：分项随其指标列出，不作为指标计分，也不分得分值。\n修改：如分项应单独计分，给它填写分值。"
    ),
    doc!(
        "table.form-breakdown-mismatch",
        W,
        "其中各项之和与总数不符",
        "含义：“其中：…”各行的指标值或实际完成值之和不等于它们所属指标的数。\n处理：照表读取，不计分；提示核对。\n修改：核对分项与总数。"
    ),
    doc!(
        "table.form-label-expanded",
        I,
        "简写的指标类别按全称读取",
        "含义：竖排标签只剩一个字（产、效、满），或类别写作“产出值/数量值/效益值”。\n处理：按全称（产出指标、数量指标、效益指标）读取。\n修改：写全称。"
    ),
    doc!(
        "table.form-weight-words",
        I,
        "指标分值列写的是说明",
        "含义：表头为“指标分值”的列填的是指标说明而不是分数（河北预算项目绩效自评表）。\n处理：该列不作分值读取；有“权重占比”等分值列时按该列读取。\n修改：无需修改。"
    ),
    doc!(
        "table.form-reading",
        I,
        "按表内加总选定读法",
        "含义：版式有两种读法（例如预算执行得分是否计入总分），只有一种与表内的加总相符。\n处理：按相符的读法核对，并在此说明。\n修改：无需修改；如读法不对，请核对原表。"
    ),
    doc!(
        "table.form-unchecked",
        W,
        "表内加总不符，未核对",
        "含义：表单自己的加总（分值之和、得分之和、折算得分、标明的分值）在任何读法下都不相符。\n处理：该项目显示为“未核对”，列出不符之处，不给出总分和等级。\n修改：核对原表的分值与得分；确认后改正原表再评。"
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
        "eval.actuals-match-nothing",
        E,
        "实际值文件与表一个也对不上",
        "含义：给出的实际值文件中，没有一个项目（或没有一个指标）能在表中找到：单位、项目或指标名称与表不一致。名称已在去掉全角/半角、空格、括号写法（（）与 ()）和开头的预算编码（[610001]、219001-）之后比较。\n处理：不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果），本次运行停止（退出码 2），并列出表中最接近的名称。只有部分对不上时照常评分，对不上的条目作为 actuals.unmatched 列在每种报告格式的开头。\n修改：按提示改正实际值文件中的 unit、project 和指标名称；或用 jixiao template 表 -o 实际值.yaml 重新生成实际值文件再填写。"
    ),
    doc!(
        "eval.out-of-range",
        E,
        "计算超出数值范围",
        "含义：全年执行数 ÷ 全年预算数超出可精确计算的十进制范围（如预算数 1e-28、执行数很大，多见于实际值文件中写错的金额）。\n处理：预算执行率不给出，预算执行的分值待评定（不计 0 分，也不中止运行）。\n修改：核对预算数和执行数的数值与单位。"
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
        "eval.unit-unreconciled",
        W,
        "规则的步长或分档界限与指标的单位无法核对",
        "含义：规则（deduct 的 per、beyond，tiers 的界限）写的数量无法换算到该指标的单位：单位不同且不能换算（如按“天”扣分而指标是百分比），或按目标值的百分比计而目标值为 0（如目标“≤0”、实际值也未写单位）。目标值为 0 时，按实际值的单位读取（≤0 对 4% 即 ≤0%），只有实际值也没有单位时才无从换算。\n处理：该指标待人工评定，分值计入待评定，不按满分也不按 0 分计；此项列在项目总分旁。\n修改：在实际完成值中写明单位（如 4%），或把规则的步长、界限写成与指标相同的单位。"
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
