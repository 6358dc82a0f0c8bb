# 左侧面板（文档与代码本）和右侧面板（批注）。

## 文档
codebook-documents = 文档
codebook-document-annotations = { $count } 条批注
codebook-add-document = 添加文档…

## 代码本
codebook-heading = 代码本
codebook-new-code = 新建编码
codebook-new-code-hint = 输入名称后按 Enter
codebook-code-uses = 已使用 { $count } 次

## 编码的右键菜单
codebook-edit = 编辑…
codebook-move-up = 上移
codebook-move-down = 下移
codebook-nest-under = 设置上级编码
codebook-top-level = （无，置于顶层）
codebook-merge-into = 合并到
codebook-merge-failed = 无法合并
codebook-delete = 删除…

## 编辑编码
codebook-edit-title = 编辑编码
codebook-name = 名称
codebook-colour = 颜色
codebook-key = 快捷键
codebook-key-none = 无
codebook-keywords = 关键词
codebook-keywords-hint = 用逗号分隔
codebook-description = 说明
codebook-apply = 应用
codebook-cancel = 取消
# 撤销标签，例如：撤销：修改编码“Kosovo”
codebook-change-undo = 修改编码“{ $name }”

## 批注面板
panel-heading = 批注
panel-suggested = 建议编码：
panel-apply-suggestion = 应用此编码
panel-remove-code = 移除编码“{ $code }”
panel-add-code = + 添加编码
panel-note = 备注
panel-note-hint = 撰写备注…
panel-delete = 删除批注
panel-filter = 筛选
panel-filter-all = 全部编码（{ $count }）
panel-filter-code = { $code }（{ $count }）
panel-annotations-count = 列出 { $count } 条批注
panel-empty = 尚无批注。请在文档中选中文字，再按编码的数字键或点击编码。
panel-empty-filtered = 此文档中没有带该编码的批注。
