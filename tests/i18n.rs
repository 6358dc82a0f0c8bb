//! The translation catalogs: both languages hold the same keys with the same
//! arguments, every key is used, every key used exists, and the interface
//! code holds no user-visible English literals.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pizhu::i18n::{CATALOGS, Lang};

/// key → the `$variables` its message uses.
type Keys = BTreeMap<String, BTreeSet<String>>;

fn keys_of(source: &str, what: &str) -> Keys {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{what}: syntax errors: {errors:?}"),
    };
    let junk = resource
        .body
        .iter()
        .filter(|e| matches!(e, fluent_syntax::ast::Entry::Junk { .. }))
        .count();
    assert_eq!(junk, 0, "{what}: unparsable entries");
    // Entries start at column 0 with `key =`; continuation lines are indented.
    let start = regex::Regex::new(r"^([a-zA-Z][a-zA-Z0-9_-]*)\s*=").expect("test setup");
    let var = regex::Regex::new(r"\$([a-zA-Z][a-zA-Z0-9_-]*)").expect("test setup");
    let mut keys = Keys::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        if line.starts_with('#') {
            current = None;
            continue;
        }
        if let Some(c) = start.captures(line) {
            let key = c[1].to_owned();
            assert!(
                keys.insert(key.clone(), BTreeSet::new()).is_none(),
                "{what}: {key} twice"
            );
            current = Some(key);
        }
        if let Some(key) = &current {
            let vars = keys.get_mut(key).expect("test setup");
            vars.extend(var.captures_iter(line).map(|c| c[1].to_owned()));
        }
    }
    keys
}

fn catalog(lang: Lang) -> BTreeMap<&'static str, Keys> {
    CATALOGS
        .iter()
        .filter(|c| c.lang == lang)
        .map(|c| {
            (
                c.file,
                keys_of(c.source, &format!("{}/{}", lang.tag(), c.file)),
            )
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("test setup") {
        let path = entry.expect("test setup").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("test setup");
            (p, text)
        })
        .collect()
}

#[test]
fn both_languages_have_the_same_keys_and_arguments() {
    let en = catalog(Lang::En);
    let zh = catalog(Lang::Zh);
    assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>());
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (file, en_keys) in &en {
        let zh_keys = &zh[file];
        for key in en_keys.keys().filter(|k| !zh_keys.contains_key(*k)) {
            problems.push(format!("{file}: {key} is in en but not in zh-CN"));
        }
        for key in zh_keys.keys().filter(|k| !en_keys.contains_key(*k)) {
            problems.push(format!("{file}: {key} is in zh-CN but not in en"));
        }
        for (key, vars) in en_keys {
            if let Some(zh_vars) = zh_keys.get(key)
                && zh_vars != vars
            {
                problems.push(format!(
                    "{file}: {key} takes {vars:?} in en but {zh_vars:?} in zh-CN"
                ));
            }
            if !seen.insert(key.clone()) {
                problems.push(format!("{file}: {key} is also in another file"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(seen.len() > 100, "only {} keys", seen.len());
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let code: String = sources("src").into_iter().map(|(_, s)| s).collect();
    let en = catalog(Lang::En);
    let all: BTreeSet<&String> = en.values().flat_map(|k| k.keys()).collect();
    let unused: Vec<_> = all
        .iter()
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "unused catalog keys: {unused:?}");
    let used = regex::Regex::new(r#"\bt!\(\s*"([^"]+)""#).unwrap();
    let missing: BTreeSet<_> = used
        .captures_iter(&code)
        .map(|c| c[1].to_owned())
        .filter(|k| !all.contains(k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogs: {missing:?}"
    );
}

#[test]
fn lookups_differ_by_language_and_take_arguments() {
    use pizhu::i18n::tr_in;
    assert_eq!(tr_in(Lang::En, "menu-file", None), "&File");
    assert_eq!(tr_in(Lang::Zh, "menu-file", None), "文件(&F)");
    let mut args = pizhu::i18n::Args::new();
    args.set("count", 3);
    let en = tr_in(Lang::En, "status-annotations", Some(&args));
    let zh = tr_in(Lang::Zh, "status-annotations", Some(&args));
    assert!(en.contains('3') && zh.contains('3'), "{en} / {zh}");
    assert_ne!(en, zh);
    // No Unicode isolation marks: egui would draw them as boxes.
    assert!(!en.contains('\u{2068}') && !zh.contains('\u{2068}'));
    assert_eq!(tr_in(Lang::Zh, "no-such-key", None), "no-such-key");
}

/// A user-visible English literal in the interface code is a string that
/// escaped the catalogs. Ids and format strings are allowed; a line that
/// must keep a literal says so with `// i18n: literal`.
#[test]
fn interface_code_has_no_english_literals() {
    let call = regex::Regex::new(
        r#"(\.(button|label|heading|checkbox|radio_value|selectable_value|selectable_label|menu_button|on_hover_text|on_disabled_hover_text|hint_text|small|weak|strong|text_edit_singleline)|Button::new|Label::new|RichText::new|Checkbox::new|Window::new|Modal::Message \{|title:|message:)\s*\(?[^;]*?"([A-Z][a-z]+|[a-z]+ [a-z]+)"#,
    )
    .unwrap();
    let mut found = Vec::new();
    for (path, text) in sources("src/ui") {
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") || line.contains("i18n: literal") {
                continue;
            }
            if call.is_match(line) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, trimmed));
            }
        }
    }
    assert!(found.is_empty(), "literals:\n{}", found.join("\n"));
}
