# The left panel (documents and codebook) and the right panel (annotations).

## Documents
codebook-documents = Documents
codebook-document-annotations = { $count ->
    [one] 1 annotation
   *[other] { $count } annotations
}
codebook-add-document = Add Document…

## Codebook
codebook-heading = Codebook
codebook-new-code = New code
codebook-new-code-hint = name, then Enter
codebook-code-uses = { $count ->
    [one] Used once
   *[other] Used { $count } times
}

## Code context menu
codebook-edit = Edit…
codebook-move-up = Move up
codebook-move-down = Move down
codebook-nest-under = Nest under
codebook-top-level = (top level)
codebook-merge-into = Merge into
codebook-merge-failed = Could not merge
codebook-delete = Delete…

## Editing a code
codebook-edit-title = Edit code
codebook-name = Name
codebook-colour = Colour
codebook-key = Key
codebook-key-none = none
codebook-keywords = Keywords
codebook-keywords-hint = separated by commas
codebook-description = Description
codebook-apply = Apply
codebook-cancel = Cancel
# Undo label: "Undo change code “Kosovo”".
codebook-change-undo = change code “{ $name }”

## Annotation panel
panel-heading = Annotations
panel-suggested = Suggested:
panel-apply-suggestion = Apply this code
panel-remove-code = Remove { $code }
panel-add-code = + Code
panel-note = Note
panel-note-hint = Write a note…
panel-delete = Delete annotation
panel-filter = Filter
panel-filter-all = All codes ({ $count })
panel-filter-code = { $code } ({ $count })
panel-annotations-count = { $count ->
    [one] 1 annotation listed
   *[other] { $count } annotations listed
}
panel-empty = No annotations yet. Select text in the document, then press a code's number or click a code.
panel-empty-filtered = No annotation in this document carries this code.
