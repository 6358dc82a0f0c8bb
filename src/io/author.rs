//! Who is annotating: the name stamped on new annotations.
//!
//! Read from the environment so that the CLI, the GUI and scripts agree, and
//! so that a script can pin it (`PIZHU_AUTHOR=…`) for reproducible output.

/// The author name for new annotations: `PIZHU_AUTHOR`, else the login name
/// (`USER`, or `USERNAME` on Windows), else `"unknown"`. Blank values are
/// skipped, so `PIZHU_AUTHOR=` falls back to the login name.
pub fn default_author() -> String {
    author_from(|key| std::env::var(key).ok())
}

/// [`default_author`] over any variable lookup (testable without touching
/// the process environment, which is shared between test threads).
fn author_from(var: impl Fn(&str) -> Option<String>) -> String {
    ["PIZHU_AUTHOR", "USER", "USERNAME"]
        .iter()
        .filter_map(|key| var(key))
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pizhu_author_wins_then_login_then_unknown() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            author_from(env(&[("PIZHU_AUTHOR", "李华"), ("USER", "li")])),
            "李华"
        );
        assert_eq!(
            author_from(env(&[("PIZHU_AUTHOR", "  "), ("USER", "li")])),
            "li"
        );
        assert_eq!(author_from(env(&[("USERNAME", "Li Hua")])), "Li Hua");
        assert_eq!(author_from(env(&[])), "unknown");
    }
}
