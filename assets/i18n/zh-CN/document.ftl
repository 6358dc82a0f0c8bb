# 文档视图与查找栏。

## 查找栏
find-label = 查找
find-hint = 字词或短语
find-position = 第 { $n } 处，共 { $count } 处
find-none = 没有匹配
find-previous = 上一处（Shift+Enter）
find-next = 下一处（Enter）
find-case = 区分大小写
find-width = 全角半角视为相同
find-regex = 正则表达式
find-all-documents = 所有文档
find-code-all = 为全部匹配编码
find-close = 关闭（Esc）
edit-code-matches = 为 { $count } 处匹配标注“{ $name }”

## 无障碍（由读屏软件朗读，也显示在状态栏）
a11y-document = { $name } 的正文
a11y-selection = 已选中：“{ $text }”
a11y-annotation = 批注“{ $text }”，编码：{ $codes }
list-separator = 、

## 读取文档
status-reading-file = 正在读取 { $name }
toast-import-cancelled = 已取消导入 { $name }，未添加任何内容。
encoding-guessed = { $name }：字符编码是推测出来的，为 { $encoding }。如果文字显示为乱码，
encoding-choose = 请改用
encoding-reopen = 重新读取
encoding-keep = 保留此编码
encoding-has-annotations = 该文档已有批注，不能再更改字符编码（否则批注会指向不同的文本）。
edit-reencode = 以 { $encoding } 重新读取“{ $name }”

## 导入批注
import-title = 批注已导入
import-report = 从 { $name } 添加了 { $annotations } 条批注（另有 { $present } 条已存在）、{ $documents } 个文档和 { $codes } 个编码。可一步撤销。
import-skipped = 有 { $count } 处选区被跳过：
edit-import = 导入 { $name }
error-import = 无法导入批注
