# The command line: `pizhu --help` and the messages of the headless commands.
# Flags, value names (PROJECT, FILE…), exit codes, JSON and the exported files
# are an interface and stay as they are; only the prose is here.
# clap's own words ("Usage:", "Options:", "error:", "[default: …]") are clap's.

## Help: the program
cli-about = Pizhu (批注): close reading and qualitative coding of texts, Chinese first
cli-long-about =
    Pizhu (批注): close reading and qualitative coding of texts, Chinese first.

    Without a command, opens the app: on FILE (a document: text in any encoding, HTML, DOCX, EPUB or PDF; or a .pizhu.ron project), or on the bundled 1998 China–Russia declaration. The commands work headless, on project files.
cli-after-help = Exit status: 0 success, 1 bad input or failed check (the message names the file), 2 usage error.
cli-arg-file = A document or a .pizhu.ron project to open in the app
cli-arg-project = The project
cli-arg-json = Print JSON instead of tables

## Help: clap's built-in flags and the `help` command
cli-help = Print help
cli-help-summary = Print help (see more with '--help')
cli-help-long = Print help (see a summary with '-h')
cli-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)

## Help: pizhu new
cli-new-about = Create a project from documents: text (UTF-8, UTF-16, GB18030, Big5…), HTML, DOCX, EPUB, PDF
cli-new-long-about =
    Create a project from documents: text (UTF-8, UTF-16, GB18030, Big5…), HTML, DOCX, EPUB, PDF.

    The format is recognised from the content, then the extension. Text comes in any encoding, detected; HTML, DOCX, EPUB and PDF give their text as paragraphs separated by blank lines (EPUB chapters in reading order, PDF pages in order). A PDF needs a text layer: run OCR on a scan first; an encrypted PDF must be unlocked first.

    Starts with the declaration's codebook when a document is the bundled declaration, else with an empty codebook. An existing PROJECT is replaced, and kept as PROJECT.bak.
cli-new-project = The project file to write (e.g. study.pizhu.ron); its name gives the project's
cli-new-doc = A document to add (text, .html, .docx, .epub, .pdf); repeat for several

## Help: pizhu tag
cli-tag-about = Annotate the first (or every) occurrence of a quote with a code
cli-tag-project = The project to annotate (rewritten atomically; the previous file is kept as PROJECT.bak)
cli-tag-doc = The document, by name or id
cli-tag-quote = The exact text to annotate (within the document's line breaks)
cli-tag-code = The code, by name or id; a new name creates the code
cli-tag-note = A note for the new annotations
cli-tag-all = Annotate every occurrence, not just the first

## Help: pizhu export
cli-export-about = Export the annotations to another tool's format
cli-export-project = The project to export
cli-export-format = The format to write
cli-export-out = The file to write (replaced atomically)
cli-export-bom = CSV only: start with a UTF-8 byte order mark, so that Excel reads Chinese correctly
cli-format-csv = One row per coded segment (offsets in characters)
cli-format-w3c = W3C Web Annotation JSON-LD
cli-format-brat = brat standoff (.txt + .ann)
cli-format-qdpx = REFI-QDA project (QDA Miner, MAXQDA, NVivo, ATLAS.ti, QualCoder)
cli-format-qdc = REFI-QDA codebook
cli-format-html = Self-contained HTML report
cli-format-md = Markdown, grouped by code

## Help: pizhu import
cli-import-about = Import annotations from another tool (REFI-QDA, brat, W3C)
cli-import-long-about =
    Import annotations from another tool (REFI-QDA, brat, W3C).

    Adds the file's documents (matched to the project's by their text), codes (matched by name) and annotations; creates PROJECT when it does not exist. What cannot be imported is listed on stderr and skipped.
cli-import-project = The project to add the annotations to
cli-import-format = The format of FILE
cli-import-file = The file to import: a .qdpx, a brat directory (or one of its .ann files), a W3C .json
cli-import-format-qdpx = REFI-QDA project
cli-import-format-brat = brat standoff
cli-import-format-w3c = W3C Web Annotation JSON-LD

## Help: pizhu stats
cli-stats-about = Counts per code and document (segments and characters), and code co-occurrence
cli-stats-within = Co-occurrence of segments at most N characters apart, instead of overlapping ones

## Help: pizhu check
cli-check-about = Validate a project: exit 0 if it is sound as written, 1 with the reasons if not

## Help: pizhu merge
cli-merge-about = Combine annotators' projects of the same documents (matched by text)
cli-merge-long-about =
    Combine annotators' projects of the same documents (matched by text).

    Keeps every annotation with its author; unifies codes by name. Conflicts (codes of one name with different colours, parents, descriptions or shortcuts; codes sharing an id; different annotations sharing an id; a document whose text differs) are reported on stderr and settled without losing anything: the first project's code attributes win, both annotations are kept. OUT is written atomically (an existing one is kept as OUT.bak).
cli-merge-out = The merged project to write
cli-merge-projects = The projects to merge (two or more)
cli-merge-strict = Treat any conflict as an error: exit 1 and write nothing

## Help: pizhu agree
cli-agree-about = Inter-annotator agreement: percent, Cohen's κ, Krippendorff's α
cli-agree-long-about =
    Inter-annotator agreement: percent, Cohen's κ, Krippendorff's α.

    Between the authors of the annotations, per document and pooled, per code and overall, at the character level (unit: one non-whitespace character) and the segment level (unit: a coded passage; segments sharing at least half of the longer one are the same passage). See docs/agreement.md.

## Counted nouns, put into the messages below
cli-n-documents =
    { $count ->
        [one] { $count } document
       *[other] { $count } documents
    }
cli-n-codes =
    { $count ->
        [one] { $count } code
       *[other] { $count } codes
    }
cli-n-annotations =
    { $count ->
        [one] { $count } annotation
       *[other] { $count } annotations
    }
cli-n-segments =
    { $count ->
        [one] { $count } coded segment
       *[other] { $count } coded segments
    }
cli-n-projects =
    { $count ->
        [one] { $count } project
       *[other] { $count } projects
    }
cli-n-authors =
    { $count ->
        [one] { $count } author
       *[other] { $count } authors
    }
cli-n-conflicts =
    { $count ->
        [one] { $count } conflict
       *[other] { $count } conflicts
    }
cli-n-occurrences =
    { $count ->
        [one] { $count } occurrence
       *[other] { $count } occurrences
    }
cli-n-memos =
    { $count ->
        [one] { $count } memo
       *[other] { $count } memos
    }
cli-n-items =
    { $count ->
        [one] { $count } item
       *[other] { $count } items
    }
# Between the items of a list (names, documents).
cli-list-separator = {", "}
# "doc.txt (d-1)"
cli-document-with-id = { $name } ({ $id })

## Kinds of message on stderr, after "pizhu: "
cli-warning = warning: { $message }
cli-note = note: { $message }
cli-conflict = conflict: { $message }
cli-note-backup = { $path } existed; the previous file is kept as { $path }.bak
cli-warning-reanchored = re-anchored { $annotations } whose quote had moved: { $problems }

## Usage errors (clap prints "error:" before them and the usage after)
cli-error-bom-not-csv = --bom applies only to --format csv
cli-error-unknown-command = unrecognized subcommand or missing file '{ $word }'
cli-tip-similar-command = tip: a similar subcommand exists: '{ $name }'

## pizhu new
cli-new-created = created { $path } with { $documents } and { $codes }
cli-new-document =
    { $id }  { $name }  ({ $encoding }, { $chars ->
        [one] { $chars } character
       *[other] { $chars } characters
    })

## pizhu tag
cli-tag-no-document = { $path }: no document named { $name }; the documents are: { $documents }
cli-tag-empty-quote = { $path }: the quote is empty
cli-tag-quote-not-found = { $path }: quote { $quote } not found in document { $document } ({ $id })
cli-tag-empty-code = { $path }: the code name is empty
cli-tag-nothing-to-do = nothing to do: { $quote } in { $document } is already tagged with { $code }
cli-tag-tagged = tagged { $occurrences } of { $quote } in { $document } with { $code }
cli-tag-new-code = {" "}(new code { $id })
cli-tag-already-tagged =
    ; { $count ->
        [one] { $count } was
       *[other] { $count } were
    } already tagged
cli-tag-kept-note =
    ; { $count ->
        [one] { $count } existing annotation
       *[other] { $count } existing annotations
    } kept a different note

## pizhu export
cli-export-over-project = { $path }: refusing to export over the project itself
cli-export-done = exported { $annotations } to { $path }

## pizhu check
cli-check-reanchorable = { $problems } ({ $annotations } whose quote was found elsewhere in the text; saving the project, e.g. with `pizhu tag`, re-anchors them)
cli-check-ok = OK: { $documents }, { $codes }, { $annotations }

## pizhu import
cli-import-into-itself = { $path }: refusing to import the project into itself
cli-import-skipped = { $file }: skipped { $item }
cli-import-note = { $file }: { $note }
cli-import-done = imported { $annotations } ({ $present } already there), { $documents } ({ $documents_matched } matched), { $codes } ({ $codes_matched } matched) from { $file } into { $project }
cli-import-memos = ; { $memos }
cli-import-skipped-items = ; skipped { $items }

## pizhu merge
cli-merge-strict-failed = { $path }: not written: { $conflicts } between the projects (--strict)
cli-merge-done = merged { $projects } into { $path }: { $documents }, { $codes }, { $annotations } by { $authors }
cli-merge-conflicts-above = ; { $conflicts } reported above
cli-conflict-code-field = { $source }: code { $name } has { $field } { $other } here but { $kept } in an earlier project; kept { $kept }
cli-conflict-code-id = { $source }: code id { $id } is { $other } here but { $kept } in an earlier project; kept both, this one as { $new_id }
cli-conflict-shortcut = { $source }: code { $name }: shortcut { $shortcut } is already used by code { $taken_by }; dropped it from { $name }
cli-conflict-document-text = { $source }: document { $name } has a different text from the one already merged ({ $kept }); kept both, this one as { $added }
cli-conflict-annotation = { $source }: annotation { $id } (by { $author }) differs from the one with the same id in an earlier project; kept both, this one as { $new_id }
cli-code-field-color = colour
cli-code-field-parent = parent
cli-code-field-description = description
cli-code-field-shortcut = shortcut
# A value that is not set (no parent, no shortcut…).
cli-none = (none)

## pizhu stats
cli-stats-summary =
    { $name }: { $documents }, { $codes }, { $segments } covering { $coded } of { $chars } { $chars ->
        [one] character
       *[other] characters
    }
cli-stats-authors =
    { $count ->
        [one] Author
       *[other] Authors
    }: { $authors }
cli-stats-codes = Codes
cli-stats-documents = Documents
cli-stats-segments-matrix = Segments by code and document
cli-stats-chars-matrix = Characters by code and document
cli-stats-cooccurrence = Co-occurrence ({ $proximity }; pairs of coded segments; the diagonal counts each code's segments)
cli-proximity-overlap = overlapping
cli-proximity-within =
    within { $chars } { $chars ->
        [one] character
       *[other] characters
    }

## Table columns (stats, agree)
cli-col-code = code
cli-col-document = document
cli-col-segments = segments
cli-col-characters = characters
cli-col-coded-characters = coded characters
cli-col-documents = documents
cli-col-codes = codes
cli-col-units = units
cli-col-coders = coders
cli-col-coder-pair = coders
cli-col-agreement = agreement

## pizhu agree
cli-agree-no-coders = { $name }: no coded segments, so no coders to compare
cli-agree-coders =
    { $name }: { $count ->
        [one] coder
       *[other] coders
    } { $coders }
cli-agree-character-level = Character level: unit = one non-whitespace character; value = the codes applied to it
cli-agree-segment-level = Segment level: unit = a coded passage (segments sharing ≥ { $percent }% of the longer one are one passage); value = the codes applied to it
cli-agree-pairs = Pairs of coders, all codes
cli-agree-per-document = Per document, all codes (character level | segment level)
cli-agree-all-codes = (all codes)
cli-agree-undefined = — = undefined: { $reasons }
# Between the reasons in cli-agree-undefined.
cli-reason-separator = {"; "}
cli-undefined-no-coders = no coded segments
cli-undefined-one-coder = only one coder
cli-undefined-no-pairable-units = no unit coded by two coders
cli-undefined-not-two-coders = needs exactly two coders (see pairs)
cli-undefined-no-variation = no variation in the values
