//! What the CLI test files share: running the built binary and asserting
//! on its exit code and messages. Each test file uses part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: Option<i32>,
    /// What it printed.
    pub stdout: String,
    /// What it complained.
    pub stderr: String,
}

impl Run {
    /// Assert success; return stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self.stdout
    }

    /// Assert exit code 1 with a message on stderr naming `path`; return stderr.
    #[track_caller]
    pub fn fails_naming(self, path: &Path) -> String {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit 1\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        let name = path.display().to_string();
        assert!(
            self.stderr.contains(&name),
            "stderr does not name {name}:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.starts_with("pizhu: "),
            "stderr: {}",
            self.stderr
        );
        self.stderr
    }

    /// Assert a usage error (exit 2); return stderr.
    #[track_caller]
    pub fn usage_error(self) -> String {
        assert_eq!(
            self.code,
            Some(2),
            "expected exit 2\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(self.stderr.contains("--help"), "stderr: {}", self.stderr);
        self.stderr
    }

    /// Assert success; parse stdout as JSON.
    #[track_caller]
    pub fn json(self) -> serde_json::Value {
        let out = self.ok();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
    }
}

/// Run `pizhu ARGS…` as the author "tester".
pub fn pizhu<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    pizhu_as("tester", args)
}

/// Run `pizhu ARGS…` as `author`, in English.
pub fn pizhu_as<I, S>(author: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run("en", author, args)
}

/// Run `pizhu ARGS…` as "tester" with `PIZHU_LANG=lang` (e.g. `zh_CN.UTF-8`).
pub fn pizhu_in<I, S>(lang: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(lang, "tester", args)
}

/// The CLI speaks the system's language; the tests choose one, so that they
/// pass the same on every machine.
fn run<I, S>(lang: &str, author: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .args(args)
        .env("PIZHU_AUTHOR", author)
        .env("PIZHU_LANG", lang)
        .output()
        .expect("the pizhu binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
