# The document view and the find bar.

## Find bar
find-label = Find
find-hint = word or phrase
find-position = { $n } of { $count }
find-none = no matches
find-previous = Previous match (Shift+Enter)
find-next = Next match (Enter)
find-case = Match case
find-width = Full/half width alike
find-regex = Regex
find-all-documents = All documents
find-code-all = Code all matches
find-close = Close (Esc)
edit-code-matches = code { $count ->
    [one] 1 match
   *[other] { $count } matches
} with “{ $name }”

## Accessibility (read out by screen readers; also in the status bar)
a11y-document = Text of { $name }
a11y-selection = Selected: “{ $text }”
a11y-annotation = Annotation “{ $text }”, codes: { $codes }
list-separator = ,{" "}

## Reading documents
status-reading-file = reading { $name }
toast-import-cancelled = Import of { $name } cancelled; nothing was added.
encoding-guessed = { $name }: the text encoding was guessed as { $encoding }. If the text looks garbled,
encoding-choose = read it as
encoding-reopen = Read Again
encoding-keep = Keep This Encoding
encoding-has-annotations = The document already has annotations; its encoding can no longer be changed (the annotations would point into a different text).
edit-reencode = read “{ $name }” as { $encoding }

## Importing annotations
import-title = Annotations imported
import-report = From { $name }: { $annotations ->
    [one] 1 annotation
   *[other] { $annotations } annotations
} added ({ $present } already here), { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} and { $codes ->
    [one] 1 code
   *[other] { $codes } codes
} added. One step to undo.
import-skipped = { $count ->
    [one] 1 selection was
   *[other] { $count } selections were
} skipped:
edit-import = import { $name }
error-import = Could not import the annotations
