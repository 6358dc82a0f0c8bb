//! The interface language: Simplified Chinese and English Fluent catalogs
//! (`assets/i18n/{zh-CN,en}/*.ftl`), embedded in the binary.
//!
//! Strings are looked up by key with [`t!`](crate::t); a key missing from a
//! catalog shows as the key itself (and the parity test in `tests/i18n.rs`
//! fails), never as a panic.
//!
//! The current language is per thread, falling back to a process default:
//! the GUI sets its thread's language from the preferences every frame, so
//! that UI tests in both languages can run side by side in one process; the
//! CLI sets the default once from the system locale.

pub mod errors;
mod lang;

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use fluent_bundle::FluentArgs as Args;
pub use lang::Lang;

/// One catalog file: its language, its name, its text.
pub struct Catalog {
    /// The language it is written in.
    pub lang: Lang,
    /// The file name inside `assets/i18n/<lang>/`.
    pub file: &'static str,
    /// The Fluent source.
    pub source: &'static str,
}

macro_rules! catalogs {
    ($($file:literal),* $(,)?) => {
        /// Every catalog file of every language.
        pub const CATALOGS: &[Catalog] = &[
            $(
                Catalog {
                    lang: Lang::En,
                    file: $file,
                    source: include_str!(concat!("../../assets/i18n/en/", $file)),
                },
                Catalog {
                    lang: Lang::Zh,
                    file: $file,
                    source: include_str!(concat!("../../assets/i18n/zh-CN/", $file)),
                },
            )*
        ];
    };
}

catalogs!(
    "app.ftl",
    "document.ftl",
    "codebook.ftl",
    "analysis.ftl",
    "errors.ftl",
    "cli.ftl"
);

static DEFAULT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static CURRENT: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language strings are looked up in on this thread.
pub fn lang() -> Lang {
    CURRENT
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(DEFAULT.load(Ordering::Relaxed)))
}

/// Set this thread's language (the GUI thread; a test's thread).
pub fn set_thread_lang(lang: Lang) {
    CURRENT.with(|c| c.set(Some(lang)));
}

/// Set the language of every thread that has not chosen one.
pub fn set_default_lang(lang: Lang) {
    DEFAULT.store(lang.index(), Ordering::Relaxed);
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| [bundle(Lang::En), bundle(Lang::Zh)])
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Unicode isolation marks around arguments would show as boxes in egui
    // and break copy-paste; our arguments are names and numbers.
    bundle.set_use_isolating(false);
    for catalog in CATALOGS.iter().filter(|c| c.lang == lang) {
        // A syntax error drops only the broken entries (the parity test
        // reports them); the rest of the file still loads.
        let resource = match FluentResource::try_new(catalog.source.to_owned()) {
            Ok(r) | Err((r, _)) => r,
        };
        // Duplicate keys across files: the first wins (also a test failure).
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The text of `key` in the current language.
pub fn tr(key: &str) -> String {
    format(lang(), key, None)
}

/// The text of `key` in the current language, with arguments.
pub fn tr_args(key: &str, args: &FluentArgs) -> String {
    format(lang(), key, Some(args))
}

/// The text of `key` in `lang`.
pub fn tr_in(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    format(lang, key, args)
}

/// Whether `key` has a message in `lang`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundles()[lang.index() as usize].has_message(key)
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = &bundles()[lang.index() as usize];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// Look up a catalog string: `t!("menu-file")`, or with arguments
/// `t!("toast-saved", path = p.display().to_string())`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $value); )+
        $crate::i18n::tr_args($key, &args)
    }};
}
