//! Installability: the desktop entry, the MIME type, the icons, the window icon, and the
//! install/uninstall scripts run into a temporary prefix.
//!
//! `desktop-file-validate` (desktop-file-utils) runs when it is installed; under CI
//! (`CI=true`) its absence is a failure, not a skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SIZES: [u32; 7] = [16, 32, 48, 64, 128, 256, 512];
const MIME_TYPE: &str = "application/x-pizhu-project";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    let path = repo().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys of the `[Desktop Entry]` group, comments and other groups skipped.
fn desktop_entry(text: &str) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    let mut in_entry = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            in_entry = line == "[Desktop Entry]";
            continue;
        }
        if in_entry {
            let (key, value) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("not a key=value line: {line}"));
            let previous = keys.insert(key.trim().to_owned(), value.trim().to_owned());
            assert!(previous.is_none(), "key {key} given twice");
        }
    }
    keys
}

fn list(value: &str) -> Vec<&str> {
    value.split(';').filter(|s| !s.is_empty()).collect()
}

/// The app id the window announces (X11 WM_CLASS, Wayland app_id), read from the source.
fn app_id() -> String {
    let src = read("src/ui/mod.rs");
    let start = src
        .find(".with_app_id(\"")
        .expect("src/ui/mod.rs sets the app id")
        + ".with_app_id(\"".len();
    let len = src[start..].find('"').expect("closing quote");
    src[start..start + len].to_owned()
}

#[test]
fn desktop_entry_has_the_required_keys() {
    let keys = desktop_entry(&read("packaging/pizhu.desktop"));
    let expect = [
        ("Type", "Application"),
        ("Name", "Pizhu"),
        ("Name[zh_CN]", "批注"),
        ("Exec", "pizhu %f"),
        ("Icon", "pizhu"),
        ("Terminal", "false"),
    ];
    for (key, value) in expect {
        assert_eq!(keys.get(key).map(String::as_str), Some(value), "{key}");
    }
    for key in [
        "GenericName",
        "GenericName[zh_CN]",
        "Comment",
        "Comment[zh_CN]",
    ] {
        let value = keys.get(key).unwrap_or_else(|| panic!("{key} missing"));
        assert!(!value.is_empty(), "{key} is empty");
    }
    assert!(
        keys["Comment[zh_CN]"]
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "the zh_CN comment is in Chinese"
    );
    let categories = list(&keys["Categories"]);
    for c in ["Office", "Education"] {
        assert!(categories.contains(&c), "Categories lacks {c}");
    }
    let mime = list(&keys["MimeType"]);
    assert!(mime.contains(&MIME_TYPE), "MimeType lacks {MIME_TYPE}");
    assert!(mime.contains(&"text/plain"), "MimeType lacks text/plain");
    // The window must be recognised as this entry's: X11 matches StartupWMClass, Wayland
    // matches the app_id against the entry's file name.
    assert_eq!(keys.get("StartupWMClass"), Some(&app_id()));
    assert_eq!(
        app_id(),
        "pizhu",
        "packaging/pizhu.desktop is named after the app id"
    );
}

/// Shell-style glob with `*` and `?` only, as shared-mime-info uses for simple globs.
fn glob_matches(pattern: &[char], name: &[char]) -> bool {
    match (pattern.first(), name.first()) {
        (None, None) => true,
        (Some('*'), _) => {
            glob_matches(&pattern[1..], name)
                || (!name.is_empty() && glob_matches(pattern, &name[1..]))
        }
        (Some('?'), Some(_)) => glob_matches(&pattern[1..], &name[1..]),
        (Some(p), Some(n)) if p == n => glob_matches(&pattern[1..], &name[1..]),
        _ => false,
    }
}

fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_matches(&p, &n)
}

/// The value of `attr="…"` inside the element text `tag`.
fn attribute<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[test]
fn mime_type_claims_pizhu_ron_files() {
    let xml = read("packaging/pizhu-mime.xml");
    assert!(xml.contains("xmlns=\"http://www.freedesktop.org/standards/shared-mime-info\""));
    let start = xml
        .find(&format!("<mime-type type=\"{MIME_TYPE}\">"))
        .expect("declares the project MIME type");
    let body = &xml[start..start + xml[start..].find("</mime-type>").expect("closed")];
    let globs: Vec<&str> = body
        .split("<glob ")
        .skip(1)
        .map(|rest| &rest[..rest.find("/>").expect("self-closing glob")])
        .collect();
    assert_eq!(globs.len(), 1, "one glob: {globs:?}");
    let glob = format!(" {}", globs[0]);
    let pattern = attribute(&glob, "pattern").expect("glob pattern");
    assert_eq!(pattern, "*.pizhu.ron");
    let weight: u32 = attribute(&glob, "weight")
        .expect("a glob weight, so it beats a generic *.ron")
        .parse()
        .expect("numeric weight");
    assert!(weight > 50, "weight {weight} must exceed the default 50");

    for name in [
        "example.pizhu.ron",
        "中俄联合声明 1998.pizhu.ron",
        ".pizhu.ron",
    ] {
        assert!(matches(pattern, name), "{pattern} should match {name}");
    }
    for name in [
        "example.ron",
        "example.pizhu.ron.bak",
        "example.pizhu.ron.recovery",
        "pizhu.ron",
    ] {
        assert!(!matches(pattern, name), "{pattern} should not match {name}");
    }
    // The bundled example project is one of them.
    assert!(matches(pattern, "example.pizhu.ron"));
    assert!(repo().join("assets/example.pizhu.ron").is_file());
    assert!(
        body.contains("<comment xml:lang=\"zh_CN\">"),
        "a Chinese comment"
    );
}

/// Width, height, bit depth and colour type from a PNG's signature and IHDR chunk,
/// checking the chunk's CRC.
fn png_header(bytes: &[u8]) -> Result<(u32, u32, u8, u8), String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 33 || &bytes[..8] != SIGNATURE {
        return Err("no PNG signature".into());
    }
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if be(8) != 13 || &bytes[12..16] != b"IHDR" {
        return Err("the first chunk is not a 13-byte IHDR".into());
    }
    if crc32(&bytes[12..29]) != be(29) {
        return Err("IHDR CRC mismatch".into());
    }
    Ok((be(16), be(20), bytes[24], bytes[25]))
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn every_icon_size_is_a_png_of_that_size() {
    assert_eq!(crc32(b"IEND"), 0xae42_6082, "CRC-32 as PNG computes it");
    for size in SIZES {
        let path = repo().join(format!("assets/icon/pizhu-{size}.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (w, h, depth, colour) =
            png_header(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!((w, h), (size, size), "{}", path.display());
        assert_eq!((depth, colour), (8, 6), "{}: 8-bit RGBA", path.display());
    }
    for svg in ["assets/icon/pizhu.svg", "assets/icon/pizhu-small.svg"] {
        let text = read(svg);
        assert!(
            text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(
            !text.contains("<text"),
            "{svg}: text would depend on the renderer's fonts"
        );
    }
}

#[test]
fn window_icon_decodes() {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon/pizhu-256.png"))
        .expect("the embedded window icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Transparent corners, an opaque page.
    assert_eq!(icon.rgba[3], 0, "top-left corner is transparent");
    let centre = (128 * 256 + 128) * 4;
    assert_eq!(icon.rgba[centre + 3], 255, "the centre is opaque");
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// Runs `desktop-file-validate` on `file`; false when the tool is missing outside CI.
fn desktop_file_validate(file: &Path) -> bool {
    if !on_path("desktop-file-validate") {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "desktop-file-validate is missing under CI: install desktop-file-utils (scripts/setup.sh)"
        );
        eprintln!("desktop-file-validate not installed: skipped");
        return false;
    }
    let out = Command::new("desktop-file-validate")
        .arg(file)
        .output()
        .expect("run desktop-file-validate");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !report.contains("error:"),
        "desktop-file-validate {}:\n{report}",
        file.display()
    );
    true
}

#[test]
fn desktop_file_validates() {
    desktop_file_validate(&repo().join("packaging/pizhu.desktop"));
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let path = entry.path();
            out.push(
                path.strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string(),
            );
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

fn script(name: &str, prefix: &Path, args: &[&str]) -> String {
    let out = Command::new("bash")
        .arg(repo().join("scripts").join(name))
        .args(args)
        .env("PREFIX", prefix)
        .env_remove("BINDIR")
        .env_remove("DATADIR")
        .output()
        .expect("run bash");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} {args:?} failed:\n{report}");
    report
}

#[test]
fn install_and_uninstall_scripts_into_a_prefix() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A space in the prefix exercises the quoting of Exec=.
    let prefix = tmp.path().join("a prefix");
    std::fs::create_dir(&prefix).expect("mkdir");
    let bin = env!("CARGO_BIN_EXE_pizhu");

    // Twice: the second run must be a harmless update.
    for _ in 0..2 {
        script("install-desktop.sh", &prefix, &["--bin", bin]);
    }
    let installed = tree(&prefix);
    let mut expected = vec![
        "bin/pizhu".to_owned(),
        "share/applications/pizhu.desktop".to_owned(),
        "share/icons/hicolor/scalable/apps/pizhu.svg".to_owned(),
        "share/mime/packages/pizhu.xml".to_owned(),
    ];
    expected.extend(SIZES.map(|s| format!("share/icons/hicolor/{s}x{s}/apps/pizhu.png")));
    for file in &expected {
        assert!(
            installed.contains(file),
            "{file} not installed: {installed:#?}"
        );
    }
    if on_path("update-mime-database") {
        let globs = std::fs::read_to_string(prefix.join("share/mime/globs2")).expect("globs2");
        assert!(
            globs.contains(&format!("80:{MIME_TYPE}:*.pizhu.ron")),
            "{globs}"
        );
    }

    // The installed entry runs the installed binary by its absolute, quoted path.
    let desktop = prefix.join("share/applications/pizhu.desktop");
    let keys = desktop_entry(&std::fs::read_to_string(&desktop).expect("installed entry"));
    let exe = prefix.join("bin/pizhu");
    assert_eq!(keys["Exec"], format!("\"{}\" %f", exe.display()));
    assert_eq!(keys["TryExec"], exe.display().to_string());
    desktop_file_validate(&desktop);

    // The installed binary works from anywhere: font and declaration are embedded.
    let out = Command::new(&exe)
        .arg("check")
        .arg(repo().join("assets/example.pizhu.ron"))
        .current_dir(tmp.path())
        .output()
        .expect("run the installed pizhu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Uninstall leaves the prefix as it found it, and can run again.
    for _ in 0..2 {
        script("uninstall-desktop.sh", &prefix, &[]);
        assert_eq!(tree(&prefix), Vec::<String>::new(), "left behind");
    }
}
