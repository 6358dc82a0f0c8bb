//! The command line, as clap derive structs, and [`command`], which gives
//! every help text from the catalogs (`assets/i18n/*/cli.ftl`) in the
//! interface language. Flags, value names and exit codes are an interface
//! (DESIGN.md) and are the same in every language; so are clap's own words
//! ("Usage:", "Options:", "error:").
//!
//! The structs carry no doc comments on purpose: clap would take them as
//! help texts, and the texts are in [`command`]. A test walks the whole
//! command tree and fails on any text left untranslated.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Arg, Args, CommandFactory as _, Parser, Subcommand, ValueEnum};

use crate::io::export::Format;
use crate::t;

// Pizhu (批注): close reading and qualitative coding of texts. Without a
// command, opens the app on FILE or on the bundled declaration.
#[derive(Debug, Parser)]
#[command(
    name = "pizhu",
    version,
    // `pizhu FILE` and `pizhu COMMAND …` share the first position: a word
    // that names a command is the command, anything else is FILE.
    args_conflicts_with_subcommands = true
)]
pub(super) struct Cli {
    // A document or a .pizhu.ron project to open in the app.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    // A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

// The headless commands; `pizhu COMMAND --help` tells what each does.
#[derive(Debug, Subcommand)]
pub(super) enum Command {
    New {
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        #[arg(long = "doc", value_name = "FILE", required = true)]
        docs: Vec<PathBuf>,
    },
    Tag(TagArgs),
    Export(ExportArgs),
    Import {
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        #[arg(long, value_enum, value_name = "FMT", ignore_case = true)]
        format: ImportFormat,
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    Stats {
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        #[arg(long)]
        json: bool,
        // Co-occurrence of segments at most N characters apart.
        #[arg(long, value_name = "N")]
        within: Option<usize>,
    },
    Check {
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
    },
    Merge {
        #[arg(value_name = "OUT")]
        out: PathBuf,
        #[arg(value_name = "PROJECT", num_args = 2.., required = true)]
        projects: Vec<PathBuf>,
        // Any conflict is an error: exit 1, write nothing.
        #[arg(long)]
        strict: bool,
    },
    Agree {
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The command line with every help text in the interface language: the
/// derive's structure, the catalogs' words. Built, so that clap's own
/// `--help`, `--version` and `help` exist and can be translated too.
pub(super) fn command() -> clap::Command {
    let mut cmd = Cli::command()
        .about(t!("cli-about"))
        .long_about(t!("cli-long-about"))
        .after_help(t!("cli-after-help"))
        .mut_arg("file", |a| help(a, t!("cli-arg-file")))
        .mut_subcommand("new", |s| {
            s.about(t!("cli-new-about"))
                .long_about(t!("cli-new-long-about"))
                .mut_arg("project", |a| help(a, t!("cli-new-project")))
                .mut_arg("docs", |a| help(a, t!("cli-new-doc")))
        })
        .mut_subcommand("tag", |s| {
            s.about(t!("cli-tag-about"))
                .long_about(None)
                .mut_arg("project", |a| help(a, t!("cli-tag-project")))
                .mut_arg("doc", |a| help(a, t!("cli-tag-doc")))
                .mut_arg("quote", |a| help(a, t!("cli-tag-quote")))
                .mut_arg("code", |a| help(a, t!("cli-tag-code")))
                .mut_arg("note", |a| help(a, t!("cli-tag-note")))
                .mut_arg("all", |a| help(a, t!("cli-tag-all")))
        })
        .mut_subcommand("export", |s| {
            s.about(t!("cli-export-about"))
                .long_about(None)
                .mut_arg("project", |a| help(a, t!("cli-export-project")))
                .mut_arg("format", |a| help(a, t!("cli-export-format")))
                .mut_arg("out", |a| help(a, t!("cli-export-out")))
                .mut_arg("bom", |a| help(a, t!("cli-export-bom")))
        })
        .mut_subcommand("import", |s| {
            s.about(t!("cli-import-about"))
                .long_about(t!("cli-import-long-about"))
                .mut_arg("project", |a| help(a, t!("cli-import-project")))
                .mut_arg("format", |a| help(a, t!("cli-import-format")))
                .mut_arg("file", |a| help(a, t!("cli-import-file")))
        })
        .mut_subcommand("stats", |s| {
            s.about(t!("cli-stats-about"))
                .long_about(None)
                .mut_arg("project", |a| help(a, t!("cli-arg-project")))
                .mut_arg("json", |a| help(a, t!("cli-arg-json")))
                .mut_arg("within", |a| help(a, t!("cli-stats-within")))
        })
        .mut_subcommand("check", |s| {
            s.about(t!("cli-check-about"))
                .long_about(None)
                .mut_arg("project", |a| help(a, t!("cli-arg-project")))
        })
        .mut_subcommand("merge", |s| {
            s.about(t!("cli-merge-about"))
                .long_about(t!("cli-merge-long-about"))
                .mut_arg("out", |a| help(a, t!("cli-merge-out")))
                .mut_arg("projects", |a| help(a, t!("cli-merge-projects")))
                .mut_arg("strict", |a| help(a, t!("cli-merge-strict")))
        })
        .mut_subcommand("agree", |s| {
            s.about(t!("cli-agree-about"))
                .long_about(t!("cli-agree-long-about"))
                .mut_arg("project", |a| help(a, t!("cli-arg-project")))
                .mut_arg("json", |a| help(a, t!("cli-arg-json")))
        });
    // Building adds clap's `--help`, `--version` and `help` (with a copy of
    // every command's summary under it), which only then can be reworded.
    cmd.build();
    builtins(cmd)
}

fn help(arg: Arg, text: String) -> Arg {
    arg.help(text).long_help(None)
}

/// Translate what clap added while building, in `cmd` and below it. clap
/// words the help flag by whether there is more to see with `--help`.
fn builtins(cmd: clap::Command) -> clap::Command {
    let cmd = if cmd.get_name() == "help" {
        cmd.about(t!("cli-help-command"))
    } else {
        cmd
    };
    cmd.mut_args(|arg| match arg.get_id().as_str() {
        "help" if arg.get_long_help().is_some() => arg
            .help(t!("cli-help-summary"))
            .long_help(t!("cli-help-long")),
        "help" => arg.help(t!("cli-help")),
        "version" => arg.help(t!("cli-version")),
        _ => arg,
    })
    .mut_subcommands(builtins)
}

// `pizhu tag`.
#[derive(Debug, Args)]
pub(super) struct TagArgs {
    // Rewritten atomically; the previous file is kept as PROJECT.bak.
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    // By name or id.
    #[arg(long, value_name = "NAME")]
    pub doc: String,
    // Quotes and notes may start with "-": they are values, not flags.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub quote: String,
    // By name or id; a new name creates the code.
    #[arg(long, value_name = "CODE")]
    pub code: String,
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub note: String,
    #[arg(long)]
    pub all: bool,
}

// `pizhu export`.
#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    #[arg(long, value_enum, value_name = "FMT", ignore_case = true)]
    pub format: ExportFormat,
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    // CSV only: a UTF-8 byte order mark, for Excel.
    #[arg(long)]
    pub bom: bool,
}

/// The formats `pizhu export` writes; mirrors [`Format`] so that clap can
/// list them in the help (each with a translated description) and refuse
/// others as a usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ExportFormat {
    Csv,
    W3c,
    Brat,
    Qdpx,
    Qdc,
    Html,
    Md,
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::Csv,
            Self::W3c,
            Self::Brat,
            Self::Qdpx,
            Self::Qdc,
            Self::Html,
            Self::Md,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            Self::Csv => ("csv", t!("cli-format-csv")),
            Self::W3c => ("w3c", t!("cli-format-w3c")),
            Self::Brat => ("brat", t!("cli-format-brat")),
            Self::Qdpx => ("qdpx", t!("cli-format-qdpx")),
            Self::Qdc => ("qdc", t!("cli-format-qdc")),
            Self::Html => ("html", t!("cli-format-html")),
            Self::Md => ("md", t!("cli-format-md")),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::W3c => Self::W3c,
            ExportFormat::Brat => Self::Brat,
            ExportFormat::Qdpx => Self::Qdpx,
            ExportFormat::Qdc => Self::Qdc,
            ExportFormat::Html => Self::Html,
            ExportFormat::Md => Self::Md,
        }
    }
}

/// The formats `pizhu import` will read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ImportFormat {
    Qdpx,
    Brat,
    W3c,
}

impl ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Qdpx, Self::Brat, Self::W3c]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            Self::Qdpx => ("qdpx", t!("cli-import-format-qdpx")),
            Self::Brat => ("brat", t!("cli-import-format-brat")),
            Self::W3c => ("w3c", t!("cli-import-format-w3c")),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread_lang};

    /// Every text `--help` can show, named by where it is: each command's
    /// summary and description, each argument's help, each possible value's.
    fn texts(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let path = format!("{path} {}", cmd.get_name());
        let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
        out.push((format!("{path}: about"), about));
        if let Some(long) = cmd.get_long_about() {
            out.push((format!("{path}: long about"), long.to_string()));
        }
        if let Some(after) = cmd.get_after_help() {
            out.push((format!("{path}: after help"), after.to_string()));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id();
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            out.push((format!("{path} {id}: help"), help));
            if let Some(long) = arg.get_long_help() {
                out.push((format!("{path} {id}: long help"), long.to_string()));
            }
            for value in arg.get_possible_values() {
                let help = value
                    .get_help()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                out.push((format!("{path} {id}={}", value.get_name()), help));
            }
        }
        for sub in cmd.get_subcommands() {
            texts(sub, &path, out);
        }
    }

    fn texts_in(lang: Lang) -> Vec<(String, String)> {
        set_thread_lang(lang);
        let mut out = Vec::new();
        texts(&command(), "", &mut out);
        out
    }

    #[test]
    fn every_help_text_is_translated() {
        let en = texts_in(Lang::En);
        let zh = texts_in(Lang::Zh);
        assert_eq!(
            en.iter().map(|(w, _)| w).collect::<Vec<_>>(),
            zh.iter().map(|(w, _)| w).collect::<Vec<_>>()
        );
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut problems = Vec::new();
        for ((place, en), (_, zh)) in en.iter().zip(&zh) {
            if en.trim().is_empty() || zh.trim().is_empty() {
                problems.push(format!("{place}: no help text"));
            } else if en == zh || !han(zh) {
                problems.push(format!("{place}: not translated: {zh}"));
            } else if en.starts_with("cli-") || zh.starts_with("cli-") {
                problems.push(format!("{place}: missing catalog entry {en}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // Every command, the built-in help and version flags and the `help`
        // command are in the walk.
        for place in [
            " pizhu: about",
            " pizhu help: about",
            " pizhu help help: about",
            " pizhu version: help",
            " pizhu export format=qdpx",
            " pizhu export help: help",
            " pizhu help export: about",
            " pizhu import format=w3c",
        ] {
            assert!(en.iter().any(|(p, _)| p == place), "{place} not walked");
        }
    }

    #[test]
    fn english_help_keeps_its_words() {
        set_thread_lang(Lang::En);
        let help = command().render_long_help().to_string();
        assert!(help.starts_with("Pizhu (批注): close reading"), "{help}");
        assert!(
            help.contains("  -V, --version\n          Print version"),
            "{help}"
        );
        set_thread_lang(Lang::Zh);
        let help = command().render_long_help().to_string();
        assert!(
            help.contains("  -V, --version\n          显示版本"),
            "{help}"
        );
    }
}
