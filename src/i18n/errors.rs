//! Errors of the library, told in the interface language.
//!
//! The library's errors display in English (logs, tests, other programs);
//! what a user reads goes through [`describe`], which knows the error types
//! and words them from the catalogs. Errors it does not know (from other
//! crates) keep their own English text.

use std::io::ErrorKind;
use std::path::Path;

use crate::io::IoError;
use crate::model::{EditError, Problem};
use crate::t;
use crate::text::decode::DecodeError;

/// How many problems of an invalid project are listed.
const SHOWN: usize = 10;

/// `err` in the interface language.
pub fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    if let Some(e) = err.downcast_ref::<IoError>() {
        io(e)
    } else if let Some(e) = err.downcast_ref::<EditError>() {
        edit(e)
    } else if let Some(e) = err.downcast_ref::<Problem>() {
        problem(e)
    } else if let Some(e) = err.downcast_ref::<DecodeError>() {
        decode(e)
    } else if let Some(e) = err.downcast_ref::<std::io::Error>() {
        os(e)
    } else {
        err.to_string()
    }
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

/// A file error: the file first, then what is wrong with it.
pub fn io(err: &IoError) -> String {
    match err {
        IoError::Read { path, source } => t!("err-read", path = p(path), reason = os(source)),
        IoError::Write { path, source } => t!("err-write", path = p(path), reason = os(source)),
        IoError::NotAFile { path } => t!("err-not-a-file", path = p(path)),
        IoError::TooLarge { path, size, limit } => {
            t!(
                "err-too-large",
                path = p(path),
                size = *size,
                limit = *limit
            )
        }
        IoError::Decode { path, source } => {
            t!("err-with-path", path = p(path), reason = decode(source))
        }
        IoError::Parse {
            path,
            line,
            col,
            message,
        } => t!(
            "err-parse",
            path = p(path),
            line = *line,
            col = *col,
            message = message.clone()
        ),
        IoError::Format { path, found } => t!("err-format", path = p(path), found = found.clone()),
        IoError::Version {
            path,
            found,
            supported,
        } => t!(
            "err-version",
            path = p(path),
            found = *found,
            supported = *supported
        ),
        IoError::Invalid { path, problems } => {
            let mut list: Vec<String> = problems.iter().take(SHOWN).map(problem).collect();
            if problems.len() > SHOWN {
                list.push(t!("err-more-problems", count = problems.len() - SHOWN));
            }
            t!("err-invalid", path = p(path), problems = list.join("\n• "))
        }
        IoError::Unsupported { path, message } => {
            t!("err-with-path", path = p(path), reason = message.clone())
        }
        IoError::Corrupt {
            path,
            format,
            reason,
        } => t!(
            "err-corrupt",
            path = p(path),
            format = *format,
            reason = reason.clone()
        ),
        IoError::Encrypted { path, format } => {
            t!("err-encrypted", path = p(path), format = *format)
        }
        IoError::NoText { path, reason } => {
            let reason = if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            {
                t!("err-no-text-pdf")
            } else {
                reason.clone()
            };
            t!("err-with-path", path = p(path), reason = reason)
        }
        IoError::Cancelled { path } => t!("err-cancelled", path = p(path)),
    }
}

/// What the OS said, for the common cases in the interface language.
fn os(err: &std::io::Error) -> String {
    match err.kind() {
        ErrorKind::NotFound => t!("err-os-not-found"),
        ErrorKind::PermissionDenied => t!("err-os-permission"),
        ErrorKind::ReadOnlyFilesystem => t!("err-os-read-only"),
        ErrorKind::StorageFull => t!("err-os-full"),
        _ => err.to_string(),
    }
}

fn decode(err: &DecodeError) -> String {
    match err {
        DecodeError::Empty => t!("err-decode-empty"),
        DecodeError::Binary => t!("err-decode-binary"),
        DecodeError::Malformed(encoding) => t!("err-decode-malformed", encoding = encoding.clone()),
        DecodeError::NotInEncoding(encoding) => {
            t!("err-decode-not-in", encoding = encoding.clone())
        }
        DecodeError::UnknownEncoding(label) => t!("err-decode-unknown", label = label.clone()),
        DecodeError::Cancelled => t!("err-decode-cancelled"),
    }
}

fn what(what: &str) -> String {
    match what {
        "annotation" => t!("err-what-annotation"),
        "code" => t!("err-what-code"),
        "document" => t!("err-what-document"),
        other => other.to_owned(),
    }
}

fn edit(err: &EditError) -> String {
    match err {
        EditError::Invalid(problem_) => problem(problem_),
        EditError::NotFound { what: w, id } => t!("err-not-found", what = what(w), id = id.clone()),
        EditError::Exists { what: w, id } => t!("err-exists", what = what(w), id = id.clone()),
        EditError::NameTaken(name) => t!("err-name-taken", name = name.clone()),
        EditError::EmptyName => t!("err-empty-name"),
        EditError::InUse(message) => message.clone(),
        EditError::NothingTo(w) => {
            if *w == "redo" {
                t!("err-nothing-to-redo")
            } else {
                t!("err-nothing-to-undo")
            }
        }
    }
}

fn problem(problem: &Problem) -> String {
    match problem {
        Problem::DuplicateId { what: w, id } => {
            t!("err-duplicate-id", what = what(w), id = id.clone())
        }
        Problem::DuplicateCodeName { name } => t!("err-duplicate-code-name", name = name.clone()),
        Problem::UnknownParent { code, parent } => t!(
            "err-unknown-parent",
            code = code.to_string(),
            parent = parent.to_string()
        ),
        Problem::ParentCycle { code } => t!("err-parent-cycle", code = code.to_string()),
        Problem::UnknownDocument {
            annotation,
            document,
        } => t!(
            "err-unknown-document",
            annotation = annotation.to_string(),
            document = document.to_string()
        ),
        Problem::UnknownCode { annotation, code } => t!(
            "err-unknown-code",
            annotation = annotation.to_string(),
            code = code.to_string()
        ),
        Problem::BadSpans { annotation } => {
            t!("err-bad-spans", annotation = annotation.to_string())
        }
        Problem::SpanOutOfRange {
            annotation,
            span,
            len,
        } => t!(
            "err-span-out-of-range",
            annotation = annotation.to_string(),
            span = span.to_string(),
            len = *len
        ),
        Problem::QuoteMismatch {
            annotation,
            expected,
            found,
        } => t!(
            "err-quote-mismatch",
            annotation = annotation.to_string(),
            expected = expected.clone(),
            found = found.clone()
        ),
        Problem::UnknownMemoTarget { about } => {
            t!("err-unknown-memo-target", about = about.clone())
        }
        Problem::BadTimestamp {
            annotation,
            field,
            value,
        } => t!(
            "err-bad-timestamp",
            annotation = annotation.to_string(),
            field = (*field).to_owned(),
            value = value.clone()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread_lang};

    #[test]
    fn file_errors_name_the_file_in_both_languages() {
        let err = IoError::Read {
            path: "/tmp/缺失.txt".into(),
            source: std::io::Error::from(ErrorKind::NotFound),
        };
        set_thread_lang(Lang::En);
        let en = describe(&err);
        set_thread_lang(Lang::Zh);
        let zh = describe(&err);
        assert!(
            en.contains("/tmp/缺失.txt") && en.contains("no such file"),
            "{en}"
        );
        assert!(
            zh.contains("/tmp/缺失.txt") && zh.contains("文件不存在"),
            "{zh}"
        );
    }

    #[test]
    fn invalid_projects_list_their_problems() {
        set_thread_lang(Lang::Zh);
        let err = IoError::Invalid {
            path: "p.pizhu.ron".into(),
            problems: vec![Problem::ParentCycle {
                code: crate::model::CodeId("c-1".into()),
            }],
        };
        let text = describe(&err);
        assert!(
            text.contains("p.pizhu.ron") && text.contains("c-1"),
            "{text}"
        );
        assert!(!text.contains("ancestor"), "{text}");
    }

    #[test]
    fn unknown_errors_keep_their_text() {
        let err = std::fmt::Error;
        assert_eq!(describe(&err), err.to_string());
    }
}
