# 分析窗口：编码片段检索、统计、比较编码员、备忘录。

## 编码片段（检索）。这句话跨过单选按钮连读：
## “列出带有 | 全部（AND） | 任一（OR） | 标为‘包含’的编码……的片段。”
analysis-retrieval-title = 编码片段
analysis-retrieval-segments-with = 列出带有
analysis-retrieval-all = 全部（AND）
analysis-retrieval-any = 任一（OR）
analysis-retrieval-rule = 标为“包含”的编码、且不带任何标为“排除”的编码（NOT）的片段。
analysis-retrieval-include = 包含
analysis-retrieval-exclude = 排除
analysis-retrieval-none-chosen = 请至少勾选一个编码。
analysis-retrieval-found = 共 { $count } 个片段符合 { $query }
analysis-retrieval-copy-csv = 复制为 CSV
analysis-retrieval-copy-markdown = 复制为 Markdown
analysis-retrieval-go = 跳转到原文

## 统计
analysis-stats-title = 统计
analysis-stats-proximity = 共现：重叠或相距不超过
analysis-stats-characters-suffix = 个字符
analysis-stats-copy-csv = 将表格复制为 CSV
analysis-stats-totals = { $documents } 篇文档 · { $codes } 个编码 · { $segments } 个编码片段 · 已编码 { $coded } / { $chars } 个字符
analysis-stats-per-code = 各编码的片段数
analysis-stats-per-document = 按文档统计
analysis-stats-code-document = 编码 × 文档（片段数）
analysis-stats-cooccurrence-overlap = 共现（重叠）
analysis-stats-cooccurrence-within = 共现（相距 { $chars } 个字符以内）

## 统计：表头
analysis-col-code = 编码
analysis-col-document = 文档
analysis-col-segments = 片段数
analysis-col-characters = 字符数
analysis-col-coded-characters = 已编码字符数
analysis-col-codes = 编码数

## 比较编码员
compare-title = 比较编码员
compare-too-few-coders = 此文档的编码员不足两位。请先合并各编码员的项目（文件 → 合并，或 pizhu merge），再进行比较。
compare-left-coder = 左侧编码员
compare-right-coder = 右侧编码员
compare-differences = { $left } 与 { $right } 有 { $count } 处分歧
compare-previous = 上一处分歧
compare-next = 下一处分歧
compare-coder-codes = { $coder }：
compare-no-code = （无编码）
compare-accept = 采纳 { $coder } 的版本
# 撤销标签，例如：撤销：采纳 bob 的编码
compare-accept-undo = 采纳 { $coder } 的编码

## 备忘录
memo-title = 备忘录
memo-project = 项目备忘录
memo-document = 文档备忘录：{ $document }
memo-code-choice = 编码
memo-code = 编码备忘录：{ $code }
memo-hint = 撰写备忘录…
