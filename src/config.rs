//! The user's configuration file: a colour theme and key bindings.
//!
//! ```toml
//! theme = "light"          # dark | light | high-contrast | colorblind
//! [keys]
//! quit = "x"               # action name = key, or a list of keys
//! next_claim = ["n", "]"]
//! [[bloc]]                 # blocs added to (or replacing) the bundled ones
//! id = "Nordics"
//! name = "Nordic countries"
//! why = "..."
//! source = "..."
//! members = [{ entity = "Norway" }, { entity = "Sweden" }]
//! ```
//!
//! The file lives in the platform's config folder ([`default_path`]) or is
//! named with `--config FILE`. Every problem (a TOML syntax error, an unknown
//! setting, theme, action or key) is an [`InputError`] naming the file and line.

use crate::claims::spec::line_of;
use crate::error::{Error, InputError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

/// A colour theme of the TUI. Colours never carry meaning alone in any of
/// them: verdicts always have a symbol and a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThemeName {
    /// For dark terminal backgrounds (the default).
    #[default]
    Dark,
    /// For light terminal backgrounds.
    Light,
    /// Bright colours on black, no dimmed text.
    HighContrast,
    /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
    Colorblind,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::Colorblind,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Colorblind => "colorblind",
        }
    }

    fn expected() -> String {
        ThemeName::ALL.map(ThemeName::as_str).join(", ")
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        let alias = match norm.as_str() {
            "highcontrast" | "contrast" => "high-contrast",
            "colourblind" | "color-blind" | "colour-blind" | "okabe-ito" => "colorblind",
            n => n,
        };
        ThemeName::ALL
            .into_iter()
            .find(|t| t.as_str() == alias)
            .ok_or_else(|| {
                format!(
                    "unknown theme {s:?}; expected one of {}",
                    ThemeName::expected()
                )
            })
    }
}

/// The keys the file gives one action, as written: the TUI's keymap (which owns
/// action and key names) reads them, with this line for its messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySetting {
    /// The action's name (`next_claim`).
    pub action: String,
    /// Key names (`n`, `]`, `Tab`), without repeats.
    pub keys: Vec<String>,
    /// 1-based line of the entry.
    pub line: usize,
}

/// A parsed, checked configuration file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The file as named (for messages).
    pub file: String,
    pub theme: Option<ThemeName>,
    /// In the file's order.
    pub keys: Vec<KeySetting>,
    /// The file's text when it has `[[bloc]]` tables: they are read against the
    /// data (see `claims::user_blocs`), which this module does not load.
    pub blocs_text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// `[[bloc]]` tables, in the format of assets/blocs.toml (docs/blocs.md).
    bloc: Option<toml::Value>,
}

/// Parses a configuration file's text (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Config, InputError> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let (line, msg) = crate::error::toml_error(text, &e);
        InputError::new(
            file,
            line,
            format!(
                "invalid config file: {msg} (expected `theme = \"NAME\"`, a [keys] table and [[bloc]] tables)"
            ),
        )
    })?;
    let at = |span: std::ops::Range<usize>| line_of(text, span.start);
    let theme = match &raw.theme {
        Some(t) => Some(
            t.get_ref()
                .parse::<ThemeName>()
                .map_err(|msg| InputError::at(file, at(t.span()), msg))?,
        ),
        None => None,
    };
    let mut keys = Vec::new();
    for (name, value) in &raw.keys {
        let line = at(name.span());
        let vline = at(value.span());
        let names: Vec<&str> = match value.get_ref() {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str())
                .collect::<Option<Vec<&str>>>()
                .ok_or_else(|| {
                    InputError::at(
                        file,
                        vline,
                        format!(
                            "[keys] {}: expected key names as strings, e.g. [\"n\", \"]\"]",
                            name.get_ref()
                        ),
                    )
                })?,
            _ => {
                return Err(InputError::at(
                    file,
                    vline,
                    format!(
                        "[keys] {}: expected a key name (\"x\") or a list of key names ([\"n\", \"]\"])",
                        name.get_ref()
                    ),
                ));
            }
        };
        if names.is_empty() {
            return Err(InputError::at(
                file,
                vline,
                format!("[keys] {}: expected at least one key", name.get_ref()),
            ));
        }
        let mut written: Vec<String> = Vec::new();
        for n in names {
            if !written.iter().any(|w| w == n) {
                written.push(n.to_string());
            }
        }
        // The value's line: where a key name that cannot be read is reported.
        keys.push(KeySetting {
            action: name.get_ref().clone(),
            keys: written,
            line: vline.max(line),
        });
    }
    keys.sort_by_key(|k| k.line);
    Ok(Config {
        file: file.to_string(),
        theme,
        keys,
        blocs_text: raw.bloc.is_some().then(|| text.to_string()),
    })
}

/// Where the configuration file is looked for when `--config` is not given:
/// `$XDG_CONFIG_HOME/claimlens/config.toml`, else `%APPDATA%\claimlens\config.toml`
/// on Windows, else `~/Library/Application Support/claimlens/config.toml` on
/// macOS when that file exists, else `~/.config/claimlens/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = env("XDG_CONFIG_HOME") {
        return Some(x.join("claimlens").join("config.toml"));
    }
    if cfg!(windows)
        && let Some(a) = env("APPDATA")
    {
        return Some(a.join("claimlens").join("config.toml"));
    }
    let home = env("HOME").or_else(|| env("USERPROFILE"))?;
    if cfg!(target_os = "macos") {
        let mac = home
            .join("Library")
            .join("Application Support")
            .join("claimlens")
            .join("config.toml");
        if mac.is_file() {
            return Some(mac);
        }
    }
    Some(home.join(".config").join("claimlens").join("config.toml"))
}

/// The configuration: from `explicit` (which must exist), else from
/// [`default_path`] when that file exists, else none.
pub fn load(explicit: Option<&Path>) -> Result<Option<Config>, Error> {
    let (path, must_exist) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(None),
        },
    };
    let shown = path.display().to_string();
    if !must_exist && !path.exists() {
        return Ok(None);
    }
    let text = crate::input::read_text(
        &path,
        &shown,
        crate::input::limits::CONFIG,
        "a TOML file with `theme`, [keys] and [[bloc]] tables",
    )?;
    Ok(Some(parse(&shown, &text)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names() {
        assert_eq!("light".parse::<ThemeName>(), Ok(ThemeName::Light));
        assert_eq!(
            "High_Contrast".parse::<ThemeName>(),
            Ok(ThemeName::HighContrast)
        );
        assert_eq!(
            "colour-blind".parse::<ThemeName>(),
            Ok(ThemeName::Colorblind)
        );
        assert!("neon".parse::<ThemeName>().is_err());
    }

    #[test]
    fn parses_theme_and_keys_with_lines() {
        let c = parse(
            "c.toml",
            "theme = \"light\"\n[keys]\nquit = \"x\"\nnext_claim = [\"n\", \"]\"]\n",
        )
        .unwrap();
        assert_eq!(c.theme, Some(ThemeName::Light));
        assert_eq!(
            c.keys,
            vec![
                KeySetting {
                    action: "quit".into(),
                    keys: vec!["x".into()],
                    line: 3
                },
                KeySetting {
                    action: "next_claim".into(),
                    keys: vec!["n".into(), "]".into()],
                    line: 4
                },
            ]
        );
    }
}
