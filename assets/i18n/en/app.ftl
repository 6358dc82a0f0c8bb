# The main window: menus, title, settings, welcome, shortcuts, about.

## Menus (`&` marks the access key: Alt+key opens the menu)
menu-file = &File
menu-file-open = Open…
menu-file-add-document = Add Document…
menu-file-merge = Merge Another Annotator's Project…
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
