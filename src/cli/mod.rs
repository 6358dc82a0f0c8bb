//! The command line: the GUI (`pizhu [FILE]`) or a headless command
//! (`pizhu new|tag|export|check|…`) sharing the model and io with the GUI.
//!
//! Exit codes: 0 success; 1 bad input or failed check, with one message on
//! stderr that names the file and the problem (`pizhu: PATH: …`); 2 usage
//! error (clap's). A command that fails writes nothing: projects are built in
//! memory and saved last, atomically, by [`crate::io::project_file::save`].
//!
//! Help and messages speak the system's language ([`Lang::from_system`]:
//! `PIZHU_LANG`, else the locale), from `assets/i18n/*/cli.ftl`; what other
//! programs read (JSON, exports, exit codes, flags) is the same in every
//! language.

mod agree;
mod args;
mod check;
mod export;
mod import;
mod merge;
mod new;
mod stats;
mod table;
mod tag;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::FromArgMatches as _;
use clap::error::ErrorKind;

use crate::i18n::{self, Lang};
use crate::io::IoError;
use crate::model::Problem;
use crate::t;
use args::{Cli, Command, ExportFormat};

/// Parse the command line; run the GUI or a command. Exit codes: 0 success,
/// 1 bad input or failed check, 2 usage error.
pub fn main() -> ExitCode {
    i18n::set_default_lang(Lang::from_system());
    let cli = match parse() {
        Ok(cli) => cli,
        // `--help` and `--version` come this way too, with exit code 0.
        Err(err) => return clap_exit(&err),
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pizhu: {}", report(&err));
            ExitCode::from(1)
        }
    }
}

/// The arguments, parsed by the translated [`args::command`].
fn parse() -> Result<Cli, clap::Error> {
    let mut command = args::command();
    let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut command))
}

/// The error and its causes, like `{err:#}` but each in the interface
/// language ([`i18n::errors::describe`]), without repeating a cause whose
/// text the message already includes (the io errors print their OS error
/// in their own message and also return it as their source).
fn report(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = i18n::errors::describe(cause);
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        return gui(cli.file);
    };
    match command {
        Command::New { project, docs } => new::run(&project, &docs)?,
        Command::Tag(args) => tag::run(&args)?,
        Command::Export(args) => {
            if args.bom && args.format != ExportFormat::Csv {
                return Ok(usage_error_in(
                    "export",
                    ErrorKind::ArgumentConflict,
                    t!("cli-error-bom-not-csv"),
                ));
            }
            export::run(&args)?;
        }
        Command::Check { project } => check::run(&project)?,
        Command::Import {
            project,
            format,
            file,
        } => import::run(&project, format, &file)?,
        Command::Stats {
            project,
            json,
            within,
        } => stats::run(&project, json, within)?,
        Command::Merge {
            out,
            projects,
            strict,
        } => merge::run(&out, &projects, strict)?,
        Command::Agree { project, json } => agree::run(&project, json)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `pizhu [FILE]`: the app. FILE is checked here first so that a typo fails
/// at once with a message on the terminal, not in a window.
fn gui(file: Option<PathBuf>) -> Result<ExitCode> {
    if let Some(path) = &file {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(IoError::NotAFile { path: path.clone() }.into());
            }
            Ok(_) => {}
            // A bare word that is no file was most likely meant as a command.
            Err(_) if looks_like_command(path) => {
                return Ok(usage_error(
                    ErrorKind::InvalidSubcommand,
                    format!(
                        "{}{}",
                        t!(
                            "cli-error-unknown-command",
                            word = path.display().to_string()
                        ),
                        suggestion(&path.to_string_lossy())
                    ),
                ));
            }
            Err(source) => {
                return Err(IoError::Read {
                    path: path.clone(),
                    source,
                }
                .into());
            }
        }
    }
    crate::ui::run(file)?;
    Ok(ExitCode::SUCCESS)
}

/// A single path component of letters, digits and dashes, like `stat` or
/// `expotr`: no extension and no directory, so not how a file is usually named.
fn looks_like_command(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// "\n\n  tip: a similar subcommand exists: 'stats'" for a near miss, else "".
fn suggestion(word: &str) -> String {
    let command = args::command();
    let best = command
        .get_subcommands()
        .map(|c| c.get_name())
        .map(|name| (edit_distance(word, name), name))
        .filter(|(d, name)| *d <= 2 && *d < name.len())
        .min();
    best.map_or_else(String::new, |(_, name)| {
        format!("\n\n  {}", t!("cli-tip-similar-command", name = name))
    })
}

/// Levenshtein distance in chars; the words are a few letters long.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// Print a usage error the way clap does (with the usage line) and return
/// clap's exit code for it (2).
fn usage_error(kind: ErrorKind, message: impl std::fmt::Display) -> ExitCode {
    clap_exit(&args::command().error(kind, message))
}

/// [`usage_error`] with the usage line of `subcommand`.
fn usage_error_in(subcommand: &str, kind: ErrorKind, message: impl std::fmt::Display) -> ExitCode {
    // Built, so the bin name is filled in and the usage reads "pizhu export …".
    let mut command = args::command();
    match command.find_subcommand_mut(subcommand) {
        Some(sub) => clap_exit(&sub.error(kind, message)),
        None => clap_exit(&command.error(kind, message)),
    }
}

fn clap_exit(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

/// Print one line on stdout. A closed pipe (`pizhu check … | head -0`) is
/// not an error worth a panic: the command's work is already done.
fn say(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Tell the user which annotations were re-anchored while loading: the
/// command goes on with the repaired offsets, and saving makes them permanent.
fn warn_repaired(path: &Path, repaired: &[Problem]) {
    if repaired.is_empty() {
        return;
    }
    let invalid = IoError::Invalid {
        path: path.to_owned(),
        problems: repaired.to_vec(),
    };
    warn(t!(
        "cli-warning-reanchored",
        annotations = t!("cli-n-annotations", count = repaired.len()),
        problems = i18n::errors::describe(&invalid)
    ));
}

/// "pizhu: warning: MESSAGE" on stderr.
fn warn(message: String) {
    eprintln!("pizhu: {}", t!("cli-warning", message = message));
}

/// "pizhu: note: MESSAGE" on stderr.
fn note(message: String) {
    eprintln!("pizhu: {}", t!("cli-note", message = message));
}

/// The note that an existing file was replaced and kept as FILE.bak.
fn note_backup(path: &Path) {
    note(t!("cli-note-backup", path = path.display().to_string()));
}

/// Items joined as a list is in the interface language ("a, b" or "a、b").
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(&t!("cli-list-separator"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_suggest_a_subcommand() {
        assert_eq!(edit_distance("stat", "stats"), 1);
        assert_eq!(edit_distance("expotr", "export"), 2);
        assert_eq!(edit_distance("", "tag"), 3);
        assert!(suggestion("expotr").contains("'export'"));
        assert_eq!(suggestion("frobnicate"), "");
    }

    #[test]
    fn causes_already_in_the_message_are_not_repeated() {
        let os = std::io::Error::from(std::io::ErrorKind::NotFound);
        let err = anyhow::Error::from(IoError::Read {
            path: "a.txt".into(),
            source: os,
        });
        let text = report(&err);
        assert!(text.starts_with("a.txt: cannot read: "), "{text}");
        assert_eq!(text.matches("no such file").count(), 1, "{text}");
    }
}
