# 主窗口：菜单、标题、设置、欢迎页、快捷键、关于。

## 菜单（& 标出访问键：Alt+该键打开菜单）
menu-file = 文件(&F)
menu-file-open = 打开…
menu-file-add-document = 添加文档…
menu-file-merge = 合并其他编码员的项目…
menu-file-import = 导入批注
menu-import-qdpx = REFI-QDA 项目（.qdpx）…
menu-import-brat = brat 标注格式（.ann）…
menu-import-w3c = W3C Web 批注（JSON-LD）…
dialog-import-annotations = 导入批注
menu-file-recent = 最近打开
menu-file-recent-none = 没有最近打开的文件
menu-file-save = 保存
menu-file-save-as = 另存为…
menu-file-export = 导出
menu-export-csv = CSV…
menu-export-csv-bom = 供 Excel 使用的 CSV（带 BOM）…
menu-export-w3c = W3C Web 批注（JSON-LD）…
menu-export-qdpx = REFI-QDA 项目（.qdpx：MAXQDA、ATLAS.ti、NVivo、QualCoder）…
menu-export-qdc = REFI-QDA 代码本（.qdc）…
menu-export-brat = brat 标注格式（文件夹）…
menu-export-html = HTML 报告…
menu-export-md = Markdown（按编码列出片段）…
menu-file-quit = 退出
menu-edit = 编辑(&E)
menu-edit-undo = 撤销
menu-edit-redo = 重做
menu-edit-undo-what = 撤销：{ $what }
menu-edit-redo-what = 重做：{ $what }
menu-edit-copy = 复制
menu-edit-select-all = 全选
menu-edit-settings = 设置…
menu-edit-delete-annotation = 删除批注
menu-view = 视图(&V)
menu-view-find = 查找…
menu-view-reading-mode = 阅读模式（合并断行）
menu-view-line-numbers = 行号
menu-view-snap = 选区按词对齐（按住 Alt 精确选择）
menu-view-larger = 放大文字
menu-view-smaller = 缩小文字
menu-view-default-size = 默认大小
menu-view-theme = 主题
menu-view-next = 下一条批注（N）
menu-view-previous = 上一条批注（P）
menu-analysis = 分析(&A)
menu-analysis-retrieval = 编码片段…
menu-analysis-statistics = 统计…
menu-analysis-compare = 比较编码员…
menu-analysis-memos = 备忘录…
menu-help = 帮助(&H)
menu-help-shortcuts = 键盘快捷键
menu-help-welcome = 欢迎页
menu-help-about = 关于批注

## 关于
about-title = Pizhu 批注
about-text = 版本 { $version }。文本精读与质性编码工具。

    选中一段文字，再按编码的数字键（1–9）或点击编码即可标注。双击选中一个词。Ctrl+Z 撤销，Ctrl+S 保存。

    中文字体为思源黑体（Noto Sans CJK SC，SIL 开放字体许可证 1.1）。

## 设置
settings-title = 设置
settings-language = 界面语言
settings-author = 你的名字（记录在新批注上）
settings-font-size = 正文字号
settings-line-spacing = 行距
settings-ui-scale = 界面大小
theme-system = 跟随系统
theme-light = 浅色
theme-dark = 深色
theme-high-contrast = 高对比度

## 键盘快捷键
shortcuts-title = 键盘快捷键
shortcuts-help = 点击某个快捷键，再按下新的按键（按 Esc 保留原来的）。如果新按键已被其他操作占用，该操作将不再有快捷键。
shortcuts-press = 请按键…
shortcuts-none = （无）
shortcuts-change = 点击后按下新的快捷键
shortcuts-clear = 移除
shortcuts-reset = 恢复默认
shortcuts-fixed = 另外：1–9 用对应按键的编码标注选区 · Shift+方向键、Shift+PageUp/PageDown、Shift+Home/End 扩展选区 · 双击选中一个词 · Alt+字母打开菜单 · Tab 在控件间移动 · Ctrl+Y 重做 · Ctrl+C 复制。
shortcut-next = 下一条批注
shortcut-previous = 上一条批注
shortcut-clear = 取消选区

## 欢迎页
welcome-title = 欢迎使用批注
welcome-heading = Pizhu 批注
welcome-text = 细读文本，用编码标注段落，写下备注，再把批注导出到你用来分析的工具中。
welcome-declaration = 阅读 1998 年《中俄联合声明》
welcome-example = 打开示例项目（已完成编码）
welcome-open = 打开文档或项目…
welcome-tips = 用鼠标或 Shift+方向键选中一段文字，再按编码的数字键即可标注。“帮助 → 键盘快捷键”列出了所有按键。
welcome-at-start = 启动时显示欢迎页

## 消息与状态栏
no-document = 没有文档。请用“文件 → 添加文档…”添加。
status-document = { $name } · { $count } 字
status-selection = 已选 { $count } 字，起于第 { $at } 字
status-annotations = { $count } 条批注
status-reading = 正在读取…
status-segmenter = 正在加载分词词典…
toast-added = 已添加 { $name }
toast-saved = 已保存 { $path }
toast-exported = 已导出 { $path }
toast-select-first = 请先选中一段文字，再按编码的快捷键或点击编码。
reanchored-title = 批注已重新定位
reanchored-text = { $path }：有 { $count } 条批注的引文与其位置不再吻合，已移到引文现在所在之处。保存后修复即生效。
merged-title = 项目已合并
merged-text = 已将 { $name } 合并到本项目。保存后结果才会保留。
merged-conflicts = 代码本冲突（分别保留，未作推断）：
error-open-project = 无法打开项目
error-open-document = 无法打开文档
error-merge = 无法合并
error-edit = 该修改未被接受
error-save = 无法保存
error-export = 无法导出
error-delete-code = 无法删除编码
error-recover = 无法恢复
error-window = 无法打开窗口：{ $reason }

## 对话框
button-ok = 确定
button-save = 保存
button-dont-save = 不保存
button-cancel = 取消
button-delete = 删除
button-recover = 恢复
button-discard = 丢弃
confirm-save-title = 保存更改吗？
confirm-save-text = “{ $name }”有尚未保存的更改。
confirm-delete-code-title = 删除编码“{ $name }”吗？
confirm-delete-code-text = 有 { $count } 条批注使用了该编码。只带这一个编码的批注将被删除，其余批注去掉该编码。此操作可以撤销。
recover-title = 恢复未保存的工作吗？
recover-earlier = 上一次使用时
recover-found-file = 找到了 { $path } 在 { $when } 未保存的更改。
recover-found-unsaved = 找到了 { $when } 未保存的工作（从未存为文件）。
dialog-open = 打开项目或文档
dialog-merge = 合并其他编码员的项目
dialog-add-document = 添加文档
dialog-save-project = 保存项目
dialog-export = 导出
dialog-filter-project = 批注项目
dialog-filter-project-or-document = 批注项目或文档
dialog-filter-documents = 文档（纯文本、HTML、Word、EPUB、PDF）
dialog-filter-text = 纯文本
dialog-filter-all = 所有文件

## 撤销标签（“撤销：…”）
edit-add-annotation = 添加批注
edit-delete-annotation = 删除批注
edit-change-annotation = 修改批注
edit-add-code = 添加编码“{ $name }”
edit-delete-code = 删除编码“{ $name }”
edit-delete-code-plain = 删除编码
edit-change-code = 修改编码“{ $name }”
edit-reorder-codes = 调整编码顺序
edit-add-document = 添加文档“{ $name }”
edit-remove-document = 移除文档
edit-rename-project = 重命名项目
edit-memo = 编辑备忘录
