//! The interface languages and how the system's locale picks one.

use unic_langid::LanguageIdentifier;

/// An interface language.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    /// Both, in the order the settings list them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name for itself (shown untranslated in the
    /// language menu, so that a user lost in the other one finds theirs).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The language of a locale string such as `zh_CN.UTF-8`, `zh-Hans-SG`,
    /// `en-GB` or `C`: Chinese for any `zh`, else English. Traditional
    /// Chinese readers get Simplified rather than English: closer.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh_") || lower.starts_with("zh-") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of this machine's user: `PIZHU_LANG`, else the OS locale
    /// (on Unix `LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    pub fn from_system() -> Lang {
        if let Some(lang) = std::env::var("PIZHU_LANG").ok().filter(|s| !s.is_empty()) {
            return Lang::from_locale(&lang);
        }
        sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_locale(&l))
    }

    pub(super) fn langid(self) -> LanguageIdentifier {
        // Both tags are valid; the default ("und") would only lose plural rules.
        self.tag().parse().unwrap_or_default()
    }

    pub(super) fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
        }
    }

    pub(super) fn from_index(index: u8) -> Lang {
        if index == 1 { Lang::Zh } else { Lang::En }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        for zh in ["zh_CN.UTF-8", "zh-Hans-SG", "zh_TW", "ZH", "zh"] {
            assert_eq!(Lang::from_locale(zh), Lang::Zh, "{zh}");
        }
        for en in ["en_US.UTF-8", "C", "POSIX", "de-DE", "", "zha"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }
}
