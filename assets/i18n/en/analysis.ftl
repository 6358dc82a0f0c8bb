# Analysis windows: coded-segment retrieval, statistics, comparing coders, memos.

## Coded segments (retrieval). The sentence reads across the radio buttons:
## "Segments with | all of (AND) | any of (OR) | the codes marked …".
analysis-retrieval-title = Coded segments
analysis-retrieval-segments-with = Segments with
analysis-retrieval-all = all of (AND)
analysis-retrieval-any = any of (OR)
analysis-retrieval-rule = the codes marked include, and none of the codes marked exclude (NOT).
analysis-retrieval-include = include
analysis-retrieval-exclude = exclude
analysis-retrieval-none-chosen = Tick at least one code.
analysis-retrieval-found = { $count ->
    [one] 1 segment for { $query }
   *[other] { $count } segments for { $query }
}
analysis-retrieval-copy-csv = Copy as CSV
analysis-retrieval-copy-markdown = Copy as Markdown
analysis-retrieval-go = Go there

## Statistics
analysis-stats-title = Statistics
analysis-stats-proximity = Co-occurring: overlapping or within
analysis-stats-characters-suffix = characters
analysis-stats-copy-csv = Copy tables as CSV
analysis-stats-totals = { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} · { $codes ->
    [one] 1 code
   *[other] { $codes } codes
} · { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
} · { $coded } of { $chars } characters coded
analysis-stats-per-code = Segments per code
analysis-stats-per-document = Per document
analysis-stats-code-document = Code × document (segments)
analysis-stats-cooccurrence-overlap = Co-occurrence (overlapping)
analysis-stats-cooccurrence-within = Co-occurrence (within { $chars ->
    [one] 1 character
   *[other] { $chars } characters
})

## Statistics: table headers
analysis-col-code = code
analysis-col-document = document
analysis-col-segments = segments
analysis-col-characters = characters
analysis-col-coded-characters = coded characters
analysis-col-codes = codes

## Compare coders
compare-title = Compare coders
compare-too-few-coders = This document has fewer than two coders. Merge annotators' projects (File → Merge, or pizhu merge) to compare them.
compare-left-coder = Left coder
compare-right-coder = Right coder
compare-differences = { $count ->
    [one] 1 stretch where { $left } and { $right } differ
   *[other] { $count } stretches where { $left } and { $right } differ
}
compare-previous = Previous difference
compare-next = Next difference
compare-coder-codes = { $coder }:
compare-no-code = (no code)
compare-accept = Accept { $coder }'s version
# Undo label: "Undo accept bob's coding".
compare-accept-undo = accept { $coder }'s coding

## Memos
memo-title = Memos
memo-project = Project memo
memo-document = Memo on { $document }
memo-code-choice = Code
memo-code = Memo on the code { $code }
memo-hint = Write a memo…
