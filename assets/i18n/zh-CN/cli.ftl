# 命令行：`pizhu --help` 与各无界面命令的消息。
# 选项、值名（PROJECT、FILE…）、退出码、JSON 与导出文件都是接口，保持不变；这里只有说明文字。
# clap 自带的词（“Usage:”“Options:”“error:”“[default: …]”）由 clap 输出，仍为英文。

## 帮助：程序
cli-about = 批注（Pizhu）：文本精读与质性编码工具，中文优先
cli-long-about =
    批注（Pizhu）：文本精读与质性编码工具，中文优先。

    不带命令时打开应用程序：打开 FILE（文档：任意字符编码的纯文本、HTML、DOCX、EPUB 或 PDF；或 .pizhu.ron 项目），否则打开内置的 1998 年中俄联合声明。各命令无需图形界面，直接处理项目文件。
cli-after-help = 退出状态：0 表示成功；1 表示输入有误或检查未通过（消息会指明相关文件）；2 表示用法错误。
cli-arg-file = 要在应用程序中打开的文档或 .pizhu.ron 项目
cli-arg-project = 项目文件
cli-arg-json = 输出 JSON 而非表格

## 帮助：clap 自带的选项与 help 命令
cli-help = 显示帮助
cli-help-summary = 显示帮助（使用 '--help' 查看详细说明）
cli-help-long = 显示帮助（使用 '-h' 查看摘要）
cli-version = 显示版本
cli-help-command = 显示本帮助，或指定子命令的帮助

## 帮助：pizhu new
cli-new-about = 由文档创建项目：纯文本（UTF-8、UTF-16、GB18030、Big5 等）、HTML、DOCX、EPUB、PDF
cli-new-long-about =
    由文档创建项目：纯文本（UTF-8、UTF-16、GB18030、Big5 等）、HTML、DOCX、EPUB、PDF。

    格式先按内容识别，再按扩展名判断。纯文本可用任意字符编码，自动检测；HTML、DOCX、EPUB 和 PDF 的文字按段落导入，段落之间以空行分隔（EPUB 按阅读顺序排列各章，PDF 按页序）。PDF 必须带文字层：扫描件请先做 OCR；加密的 PDF 须先解除密码。

    若其中有内置的声明，项目以该声明的代码本开始，否则以空代码本开始。已有的 PROJECT 会被替换，原文件保留为 PROJECT.bak。
cli-new-project = 要写入的项目文件（如 study.pizhu.ron）；项目名称取自文件名
cli-new-doc = 要添加的文档（纯文本、.html、.docx、.epub、.pdf）；可重复此选项以添加多个文档

## 帮助：pizhu tag
cli-tag-about = 为引文的第一处（或每一处）出现添加编码
cli-tag-project = 要批注的项目（以原子方式重写；原文件保留为 PROJECT.bak）
cli-tag-doc = 文档，按名称或 ID 指定
cli-tag-quote = 要批注的原文，须与文档文字完全一致（可跨越文档中的换行）
cli-tag-code = 编码，按名称或 ID 指定；使用新名称即创建该编码
cli-tag-note = 新批注的备注
cli-tag-all = 批注每一处出现，而不只是第一处

## 帮助：pizhu export
cli-export-about = 将批注导出为其他工具的格式
cli-export-project = 要导出的项目
cli-export-format = 导出格式
cli-export-out = 要写入的文件（以原子方式替换）
cli-export-bom = 仅用于 CSV：在文件开头写入 UTF-8 字节顺序标记（BOM），使 Excel 正确显示中文
cli-format-csv = 每个编码片段一行（偏移量以字符计）
cli-format-w3c = W3C Web 批注（JSON-LD）
cli-format-brat = brat 标注格式（.txt + .ann）
cli-format-qdpx = REFI-QDA 项目（QDA Miner、MAXQDA、NVivo、ATLAS.ti、QualCoder）
cli-format-qdc = REFI-QDA 代码本
cli-format-html = 单文件 HTML 报告
cli-format-md = Markdown，按编码分组

## 帮助：pizhu import
cli-import-about = 从其他工具导入批注（REFI-QDA、brat、W3C）
cli-import-long-about =
    从其他工具导入批注（REFI-QDA、brat、W3C）。

    添加文件中的文档（按文本与项目中的文档对应）、编码（按名称对应）和批注；PROJECT 不存在时会新建。无法导入的内容会在标准错误输出中列出并跳过。
cli-import-project = 要添加批注的项目
cli-import-format = FILE 的格式
cli-import-file = 要导入的文件：.qdpx 文件、brat 文件夹（或其中的某个 .ann 文件）、W3C .json 文件
cli-import-format-qdpx = REFI-QDA 项目
cli-import-format-brat = brat 标注格式
cli-import-format-w3c = W3C Web 批注（JSON-LD）

## 帮助：pizhu stats
cli-stats-about = 按编码和文档统计（片段数与字符数），以及编码共现
cli-stats-within = 统计相距不超过 N 个字符的片段的共现，而非相互重叠的片段

## 帮助：pizhu check
cli-check-about = 校验项目：文件内容无误时退出码为 0，否则为 1 并列出原因

## 帮助：pizhu merge
cli-merge-about = 合并多位编码员对同一批文档所做的项目（按文本对应文档）
cli-merge-long-about =
    合并多位编码员对同一批文档所做的项目（按文本对应文档）。

    保留每条批注及其作者；按名称统一编码。冲突（同名编码的颜色、上级编码、描述或快捷键不同；不同编码使用同一 ID；不同批注使用同一 ID；同名文档的文本不同）会在标准错误输出中报告，并在不丢失任何内容的前提下解决：编码属性以第一个项目为准，两条批注都保留。OUT 以原子方式写入（已有的 OUT 保留为 OUT.bak）。
cli-merge-out = 要写入的合并后项目
cli-merge-projects = 要合并的项目（两个或以上）
cli-merge-strict = 将任何冲突视为错误：退出码为 1，且不写入任何文件

## 帮助：pizhu agree
cli-agree-about = 编码员间一致性：百分比一致率、Cohen's κ、Krippendorff's α
cli-agree-long-about =
    编码员间一致性：百分比一致率、Cohen's κ、Krippendorff's α。

    在批注的各位作者之间计算：分文档计算并汇总全部文档，分编码计算并汇总全部编码；分为字符层面（单位：一个非空白字符）和片段层面（单位：一段已编码的文本；两个片段的重叠达到较长者的一半即视为同一段）。详见 docs/agreement.md。

## 计数名词，用于下面的消息
cli-n-documents = { $count } 个文档
cli-n-codes = { $count } 个编码
cli-n-annotations = { $count } 条批注
cli-n-segments = { $count } 个编码片段
cli-n-projects = { $count } 个项目
cli-n-authors = { $count } 位作者
cli-n-conflicts = { $count } 处冲突
cli-n-occurrences = { $count } 处
cli-n-memos = { $count } 条备忘录
cli-n-items = { $count } 项
# 列表各项之间（名称、文档）。
cli-list-separator = 、
# “doc.txt（d-1）”
cli-document-with-id = { $name }（{ $id }）

## 标准错误输出中的消息类别，位于“pizhu: ”之后
cli-warning = 警告：{ $message }
cli-note = 提示：{ $message }
cli-conflict = 冲突：{ $message }
cli-note-backup = { $path } 已存在；原文件保留为 { $path }.bak
cli-warning-reanchored = 已重新定位 { $annotations }（其引文位置已变动）：{ $problems }

## 用法错误（clap 会在前面加“error:”，在后面附用法）
cli-error-bom-not-csv = --bom 仅适用于 --format csv
cli-error-unknown-command = 无法识别的子命令，或文件不存在：“{ $word }”
cli-tip-similar-command = 提示：存在相似的子命令“{ $name }”

## pizhu new
cli-new-created = 已创建 { $path }，包含 { $documents }和 { $codes }
cli-new-document = { $id }  { $name }（{ $encoding }，{ $chars } 个字符）

## pizhu tag
cli-tag-no-document = { $path }：没有名为 { $name } 的文档；现有文档：{ $documents }
cli-tag-empty-quote = { $path }：引文为空
cli-tag-quote-not-found = { $path }：在文档 { $document }（{ $id }）中找不到引文 { $quote }
cli-tag-empty-code = { $path }：编码名称为空
cli-tag-nothing-to-do = 无需改动：{ $document } 中的“{ $quote }”已标注为编码“{ $code }”
cli-tag-tagged = 已将 { $document } 中 { $occurrences }“{ $quote }”标注为编码“{ $code }”
cli-tag-new-code = （新编码 { $id }）
cli-tag-already-tagged = ；另有 { $count } 处此前已标注
cli-tag-kept-note = ；{ $count } 条已有批注保留了原来的不同备注

## pizhu export
cli-export-over-project = { $path }：不能导出到项目文件本身
cli-export-done = 已将 { $annotations }导出到 { $path }

## pizhu check
cli-check-reanchorable = { $problems }（{ $annotations }的引文在文本其他位置找到；保存项目即可重新定位，例如运行 `pizhu tag`）
cli-check-ok = 检查通过：{ $documents }、{ $codes }、{ $annotations }

## pizhu import
cli-import-into-itself = { $path }：不能将项目导入其自身
cli-import-skipped = { $file }：已跳过 { $item }
cli-import-note = { $file }：{ $note }
cli-import-done = 已从 { $file } 导入到 { $project }：{ $annotations }（另有 { $present } 条已存在）、{ $documents }（另有 { $documents_matched } 个与已有文档对应）、{ $codes }（另有 { $codes_matched } 个与已有编码对应）
cli-import-memos = ；{ $memos }
cli-import-skipped-items = ；跳过 { $items }

## pizhu merge
cli-merge-strict-failed = { $path }：未写入：项目之间有 { $conflicts }（--strict）
cli-merge-done = 已将 { $projects }合并到 { $path }：{ $documents }、{ $codes }、{ $annotations }，来自 { $authors }
cli-merge-conflicts-above = ；{ $conflicts }已在上方报告
cli-conflict-code-field = { $source }：编码 { $name } 的{ $field }在此为 { $other }，在之前的项目中为 { $kept }；保留 { $kept }
cli-conflict-code-id = { $source }：编码 ID { $id } 在此为 { $other }，在之前的项目中为 { $kept }；两者都保留，此处的编码改用 { $new_id }
cli-conflict-shortcut = { $source }：编码 { $name }：快捷键 { $shortcut } 已被编码 { $taken_by } 使用；已从 { $name } 移除该快捷键
cli-conflict-document-text = { $source }：文档 { $name } 的文本与已合并的同名文档（{ $kept }）不同；两者都保留，此处的文档改用 { $added }
cli-conflict-annotation = { $source }：批注 { $id }（作者 { $author }）与之前项目中同一 ID 的批注不同；两者都保留，此处的批注改用 { $new_id }
cli-code-field-color = 颜色
cli-code-field-parent = 上级编码
cli-code-field-description = 描述
cli-code-field-shortcut = 快捷键
# 未设置的值（没有上级编码、没有快捷键…）。
cli-none = （无）

## pizhu stats
cli-stats-summary = { $name }：{ $documents }、{ $codes }、{ $segments }，覆盖 { $chars } 个字符中的 { $coded } 个
cli-stats-authors =
    { $count ->
       *[other] 作者
    }：{ $authors }
cli-stats-codes = 编码
cli-stats-documents = 文档
cli-stats-segments-matrix = 各编码在各文档中的片段数
cli-stats-chars-matrix = 各编码在各文档中的字符数
cli-stats-cooccurrence = 共现（{ $proximity }；按编码片段对计数；对角线为各编码的片段数）
cli-proximity-overlap = 相互重叠
cli-proximity-within = 相距不超过 { $chars } 个字符

## 表格列名（stats、agree）
cli-col-code = 编码
cli-col-document = 文档
cli-col-segments = 片段数
cli-col-characters = 字符数
cli-col-coded-characters = 已编码字符数
cli-col-documents = 文档数
cli-col-codes = 编码数
cli-col-units = 单位数
cli-col-coders = 编码员数
cli-col-coder-pair = 编码员
cli-col-agreement = 一致率

## pizhu agree
cli-agree-no-coders = { $name }：没有编码片段，因此没有可比较的编码员
cli-agree-coders =
    { $name }：{ $count ->
       *[other] 编码员
    } { $coders }
cli-agree-character-level = 字符层面：单位 = 一个非空白字符；取值 = 该字符上的编码
cli-agree-segment-level = 片段层面：单位 = 一段已编码的文本（重叠达到较长者 { $percent }% 及以上的片段视为同一段）；取值 = 该段上的编码
cli-agree-pairs = 编码员两两比较，全部编码
cli-agree-per-document = 按文档，全部编码（字符层面 | 片段层面）
cli-agree-all-codes = （全部编码）
cli-agree-undefined = — = 无法计算：{ $reasons }
# cli-agree-undefined 中各原因之间。
cli-reason-separator = ；
cli-undefined-no-coders = 没有编码片段
cli-undefined-one-coder = 只有一位编码员
cli-undefined-no-pairable-units = 没有同时由两位编码员编码的单位
cli-undefined-not-two-coders = 需要恰好两位编码员（见两两比较）
cli-undefined-no-variation = 取值没有变化
