# The main window: menus, title, settings, welcome, shortcuts, about.

## Menus (`&` marks the access key: Alt+key opens the menu)
menu-file = &File
menu-file-open = Open…
menu-file-add-document = Add Document…
menu-file-merge = Merge Another Annotator's Project…
menu-file-import = Import Annotations
menu-import-qdpx = REFI-QDA project (.qdpx)…
menu-import-brat = brat standoff (.ann)…
menu-import-w3c = W3C Web Annotation (JSON-LD)…
dialog-import-annotations = Import annotations
menu-file-recent = Open Recent
menu-file-recent-none = No recent files
menu-file-save = Save
menu-file-save-as = Save As…
menu-file-export = Export
menu-export-csv = CSV…
menu-export-csv-bom = CSV for Excel (with BOM)…
menu-export-w3c = W3C Web Annotation (JSON-LD)…
menu-export-qdpx = REFI-QDA project (.qdpx: MAXQDA, ATLAS.ti, NVivo, QualCoder)…
menu-export-qdc = REFI-QDA codebook (.qdc)…
menu-export-brat = brat standoff (folder)…
menu-export-html = HTML report…
menu-export-md = Markdown (segments by code)…
menu-file-quit = Quit
menu-edit = &Edit
menu-edit-undo = Undo
menu-edit-redo = Redo
menu-edit-undo-what = Undo { $what }
menu-edit-redo-what = Redo { $what }
menu-edit-copy = Copy
menu-edit-select-all = Select All
menu-edit-settings = Settings…
menu-edit-delete-annotation = Delete Annotation
menu-view = &View
menu-view-find = Find…
menu-view-reading-mode = Reading mode (join broken lines)
menu-view-line-numbers = Line numbers
menu-view-snap = Snap selection to words (Alt: exact)
menu-view-larger = Larger Text
menu-view-smaller = Smaller Text
menu-view-default-size = Default Size
menu-view-theme = Theme
menu-view-next = Next annotation (N)
menu-view-previous = Previous annotation (P)
menu-analysis = &Analysis
menu-analysis-retrieval = Coded segments…
menu-analysis-statistics = Statistics…
menu-analysis-compare = Compare coders…
menu-analysis-memos = Memos…
menu-help = &Help
menu-help-shortcuts = Keyboard Shortcuts
menu-help-welcome = Welcome
menu-help-about = About Pizhu

## About
about-title = Pizhu 批注
about-text = Version { $version }. Close reading and qualitative coding of texts.

    Select a passage, then press a code's number key (1–9) or click the code. Double-click selects a word. Ctrl+Z undoes, Ctrl+S saves.

    Chinese text is set in Noto Sans CJK SC (SIL Open Font License 1.1).

## Settings
settings-title = Settings
settings-language = Interface language
settings-author = Your name (stamped on new annotations)
settings-font-size = Document text size
settings-line-spacing = Line spacing
settings-ui-scale = Interface size
theme-system = Follow the system
theme-light = Light
theme-dark = Dark
theme-high-contrast = High contrast

## Keyboard shortcuts
shortcuts-title = Keyboard Shortcuts
shortcuts-help = Click a shortcut, then press the new keys (Esc keeps the old one). A key taken from another action leaves that action without one.
shortcuts-press = Press keys…
shortcuts-none = (none)
shortcuts-change = Click, then press the new shortcut
shortcuts-clear = Remove
shortcuts-reset = Restore Defaults
shortcuts-fixed = Also: 1–9 tag the selection with the code of that key · Shift+arrows, Shift+Page Up/Down, Shift+Home/End extend the selection · double-click selects a word · Alt+letter opens a menu · Tab moves between controls · Ctrl+Y redoes · Ctrl+C copies.
shortcut-next = Next annotation
shortcut-previous = Previous annotation
shortcut-clear = Clear the selection

## Welcome
welcome-title = Welcome to Pizhu
welcome-heading = Pizhu 批注
welcome-text = Read closely, mark passages with codes, write notes, and take your annotations to the tools you analyse with.
welcome-declaration = Read the 1998 China–Russia joint statement
welcome-example = Open the example project (already coded)
welcome-open = Open a document or project…
welcome-tips = Select a passage with the mouse or Shift+arrows, then press a code's number key. Help → Keyboard Shortcuts lists every key.
welcome-at-start = Show the welcome window at start

## Messages and the status bar
no-document = No document. File → Add Document… to add one.
status-document = { $name } · { $count ->
    [one] 1 character
   *[other] { $count } characters
}
status-selection = selected { $count ->
    [one] 1 character
   *[other] { $count } characters
} at { $at }
status-annotations = { $count ->
    [one] 1 annotation
   *[other] { $count } annotations
}
status-reading = reading…
status-segmenter = loading word segmentation…
toast-added = Added { $name }
toast-saved = Saved { $path }
toast-exported = Exported { $path }
toast-select-first = Select some text first, then press a code's key or click the code.
reanchored-title = Annotations re-anchored
reanchored-text = { $path }: the quotes of { $count ->
    [one] 1 annotation
   *[other] { $count } annotations
} no longer matched their positions and were moved to where the quoted text now is. Save to keep the repair.
merged-title = Projects merged
merged-text = Merged { $name } into this project. Save to keep the result.
merged-conflicts = Codebook conflicts (kept apart, not guessed):
error-open-project = Could not open the project
error-open-document = Could not open the document
error-merge = Could not merge
error-edit = That change was refused
error-save = Could not save
error-export = Could not export
error-delete-code = Could not delete the code
error-recover = Could not recover
error-window = could not open the window: { $reason }

## Dialogs
button-ok = OK
button-save = Save
button-dont-save = Don't Save
button-cancel = Cancel
button-delete = Delete
button-recover = Recover
button-discard = Discard
confirm-save-title = Save changes?
confirm-save-text = “{ $name }” has changes that are not saved.
confirm-delete-code-title = Delete code “{ $name }”?
confirm-delete-code-text = It is used by { $count ->
    [one] 1 annotation
   *[other] { $count } annotations
}. Annotations that carry only this code are deleted; others lose it. You can undo this.
recover-title = Recover unsaved work?
recover-earlier = an earlier session
recover-found-file = Unsaved changes to { $path } from { $when } were found.
recover-found-unsaved = Unsaved work from { $when } (never saved to a file) was found.
dialog-open = Open a project or a document
dialog-merge = Merge another annotator's project
dialog-add-document = Add a document
dialog-save-project = Save project
dialog-export = Export
dialog-filter-project = Pizhu project
dialog-filter-project-or-document = Pizhu project or document
dialog-filter-documents = Documents (text, HTML, Word, EPUB, PDF)
dialog-filter-text = Plain text
dialog-filter-all = All files

## Undo labels ("Undo …")
edit-add-annotation = add annotation
edit-delete-annotation = delete annotation
edit-change-annotation = change annotation
edit-add-code = add code “{ $name }”
edit-delete-code = delete code “{ $name }”
edit-delete-code-plain = delete code
edit-change-code = change code “{ $name }”
edit-reorder-codes = reorder codes
edit-add-document = add document “{ $name }”
edit-remove-document = remove document
edit-rename-project = rename project
edit-memo = edit memo
