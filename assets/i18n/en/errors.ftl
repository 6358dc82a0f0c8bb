# Error messages: always the file first, then what is wrong.

## Files
err-read = { $path }: cannot read: { $reason }
err-write = { $path }: cannot write: { $reason }
err-not-a-file = { $path }: is a directory, not a file
err-too-large = { $path }: too large ({ $size } bytes; the limit is { $limit })
err-with-path = { $path }: { $reason }
err-parse = { $path }: line { $line }, column { $col }: { $message }
err-format = { $path }: not a Pizhu project (format “{ $found }”, expected “pizhu”)
err-version = { $path }: written by a newer Pizhu (file version { $found }; this Pizhu reads up to version { $supported }). Update Pizhu to open it.
err-invalid = { $path }: the project is inconsistent:
    • { $problems }
err-more-problems = and { $count ->
    [one] 1 more problem
   *[other] { $count } more problems
}
err-os-not-found = no such file
err-os-permission = permission denied
err-os-read-only = the disk is read-only
err-os-full = the disk is full
err-corrupt = { $path }: a damaged { $format } file: { $reason }
err-encrypted = { $path }: the { $format } is encrypted (password-protected); remove the password (save an unlocked copy) and import that
err-no-text-pdf = the PDF has no text layer (a scanned PDF?); run OCR first
err-cancelled = { $path }: import cancelled

## Text
err-decode-empty = the file is empty
err-decode-binary = this is not a text file (it holds binary data)
err-decode-malformed = the text is not valid { $encoding } and no other encoding fits
err-decode-not-in = the text is not valid { $encoding }
err-decode-unknown = “{ $label }” is not the name of an encoding
err-decode-cancelled = cancelled

## Edits and project consistency
err-what-annotation = annotation
err-what-code = code
err-what-document = document
err-not-found = no { $what } with id “{ $id }”
err-exists = a { $what } with id “{ $id }” exists already
err-name-taken = a code named “{ $name }” exists already
err-empty-name = a code needs a name
err-nothing-to-undo = nothing to undo
err-nothing-to-redo = nothing to redo
err-duplicate-id = two { $what } entries have the id “{ $id }”
err-duplicate-code-name = two codes are named “{ $name }”
err-unknown-parent = code { $code } has an unknown parent { $parent }
err-parent-cycle = code { $code } is its own ancestor
err-unknown-document = annotation { $annotation } refers to an unknown document { $document }
err-unknown-code = annotation { $annotation } refers to an unknown code { $code }
err-bad-spans = annotation { $annotation } has no spans, an empty span or spans out of order
err-span-out-of-range = annotation { $annotation }: span { $span } is past the end of the text ({ $len } characters)
err-quote-mismatch = annotation { $annotation }: quote “{ $expected }” does not match the text there (“{ $found }”)
err-unknown-memo-target = a memo is about { $about }, which the project lacks
err-bad-timestamp = annotation { $annotation }: { $field } “{ $value }” is not an RFC 3339 date-time
