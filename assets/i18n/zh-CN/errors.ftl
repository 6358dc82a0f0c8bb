# 错误信息：先写文件，再写问题所在。

## 文件
err-read = { $path }：无法读取：{ $reason }
err-write = { $path }：无法写入：{ $reason }
err-not-a-file = { $path }：这是文件夹，不是文件
err-too-large = { $path }：文件过大（{ $size } 字节，上限为 { $limit } 字节）
err-with-path = { $path }：{ $reason }
err-parse = { $path }：第 { $line } 行第 { $col } 列：{ $message }
err-format = { $path }：不是批注项目（格式为“{ $found }”，应为“pizhu”）
err-version = { $path }：由更新版本的批注写入（文件版本 { $found }，本程序最高只能读取版本 { $supported }）。请更新批注后再打开。
err-invalid = { $path }：项目内容不一致：
    • { $problems }
err-more-problems = 另有 { $count } 处问题
err-os-not-found = 文件不存在
err-os-permission = 没有访问权限
err-os-read-only = 磁盘为只读
err-os-full = 磁盘已满
err-corrupt = { $path }：{ $format } 文件已损坏：{ $reason }
err-encrypted = { $path }：该 { $format } 已加密（设有密码）；请去掉密码（另存一份未加密的副本）后再导入
err-no-text-pdf = 该 PDF 没有文字层（可能是扫描件）；请先做 OCR 文字识别
err-cancelled = { $path }：已取消导入

## 文本
err-decode-empty = 文件是空的
err-decode-binary = 这不是文本文件（含有二进制数据）
err-decode-malformed = 该文本不是有效的 { $encoding }，其他字符编码也都不符
err-decode-not-in = 该文本不是有效的 { $encoding }
err-decode-unknown = “{ $label }”不是字符编码的名称
err-decode-cancelled = 已取消

## 编辑与项目一致性
err-what-annotation = 批注
err-what-code = 编码
err-what-document = 文档
err-not-found = 找不到 ID 为“{ $id }”的{ $what }
err-exists = ID 为“{ $id }”的{ $what }已存在
err-name-taken = 名为“{ $name }”的编码已存在
err-empty-name = 编码需要名称
err-nothing-to-undo = 没有可撤销的操作
err-nothing-to-redo = 没有可重做的操作
err-duplicate-id = 有两个{ $what }的 ID 都是“{ $id }”
err-duplicate-code-name = 有两个编码都叫“{ $name }”
err-unknown-parent = 编码 { $code } 的上级编码 { $parent } 不存在
err-parent-cycle = 编码 { $code } 成了自己的上级
err-unknown-document = 批注 { $annotation } 指向不存在的文档 { $document }
err-unknown-code = 批注 { $annotation } 指向不存在的编码 { $code }
err-bad-spans = 批注 { $annotation } 没有范围、范围为空或顺序错乱
err-span-out-of-range = 批注 { $annotation }：范围 { $span } 超出了文本末尾（共 { $len } 字）
err-quote-mismatch = 批注 { $annotation }：引文“{ $expected }”与该处文本（“{ $found }”）不符
err-unknown-memo-target = 有一条备忘录所关联的 { $about } 在项目中不存在
err-bad-timestamp = 批注 { $annotation }：{ $field }“{ $value }”不是 RFC 3339 格式的日期时间
