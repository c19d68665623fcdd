//! Replacing schemagate's process with the application after a successful deploy.
//!
//! `exec` rather than spawn: the app becomes PID 1 in a container and receives the signals.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;

use crate::error::Error;

/// Expand `${VAR}` and `${VAR:-default}` in one argument, for start commands run without a
/// shell (Railway's start command does not expand `$PORT`).
pub fn expand_env(arg: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<String, Error> {
    let mut out = String::new();
    let mut rest = arg;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| Error::Config(format!("unclosed ${{ in the app argument {arg:?}")))?;
        let inner = &after[..end];
        let (name, default) = match inner.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (inner, None),
        };
        if !is_variable_name(name) {
            return Err(Error::Config(format!(
                "the app argument {arg:?}: ${{{inner}}} is not a variable reference\nhint: --expand-env expands ${{VAR}} and ${{VAR:-default}} only"
            )));
        }
        // As in a shell, `:-` also replaces a variable that is set but empty.
        let value = match default {
            Some(default) => env(name)
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_string()),
            None => env(name).ok_or_else(|| {
                Error::Config(format!(
                    "the app argument {arg:?} uses ${{{name}}}, which is not set\nhint: set {name}, or give a default: ${{{name}:-value}}"
                ))
            })?,
        };
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A shell variable name: a letter or underscore, then letters, digits and underscores.
fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The app to exec, its arguments expanded when `expand` (`--expand-env`); `None` when no app
/// was given. Checked before the deploy, so a bad argument changes nothing.
pub fn prepare_app(app: &[OsString], expand: bool) -> Result<Option<Vec<OsString>>, Error> {
    if app.is_empty() {
        return Ok(None);
    }
    if !expand {
        return Ok(Some(app.to_vec()));
    }
    let env = |name: &str| std::env::var(name).ok();
    app.iter()
        .map(|a| {
            let text = a.to_str().ok_or_else(|| {
                Error::Config("--expand-env: an app argument is not UTF-8".into())
            })?;
            expand_env(text, &env).map(OsString::from)
        })
        .collect::<Result<Vec<_>, Error>>()
        .map(Some)
}

/// Exec `app`; returns only if the program could not be started.
pub fn exec_app(app: &[OsString]) -> Error {
    let program = app[0].to_string_lossy().into_owned();
    let err = std::process::Command::new(&app[0]).args(&app[1..]).exec();
    Error::AppStart {
        program,
        cause: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::expand_env;

    #[test]
    fn expands_like_a_shell() {
        let env = |n: &str| (n == "PORT").then(|| "8080".to_string());
        assert_eq!(expand_env("[::]:${PORT:-8000}", &env).unwrap(), "[::]:8080");
        assert_eq!(expand_env("${HOST:-0.0.0.0}", &env).unwrap(), "0.0.0.0");
        assert_eq!(expand_env("plain", &env).unwrap(), "plain");
        assert!(expand_env("${MISSING}", &env).is_err());
        assert!(expand_env("${PORT", &env).is_err());
        // Other shell forms are refused rather than looked up as odd variable names.
        for other in ["${PORT:=1}", "${PORT-1}", "${}", "${1X}"] {
            let err = expand_env(other, &env).unwrap_err().to_string();
            assert!(
                err.contains("is not a variable reference"),
                "{other}: {err}"
            );
        }
    }
}
