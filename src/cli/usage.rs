//! clap's own words in the run's language: its usage errors (an unknown option, a missing one,
//! a value it refuses) and the "[default: …]" and "[possible values: …]" of the help pages.
//! clap words these in English only; this module hands it our catalogue instead.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};
use clap::Arg;

use crate::t;

/// An option's help text (from the catalogue when it has one) with its default value and the
/// values it accepts written out in the run's language.
pub(super) fn with_values_in_words(a: Arg, help: Option<String>) -> Arg {
    let mut text = help.unwrap_or_else(|| a.get_help().map(|h| h.to_string()).unwrap_or_default());
    if !a.get_action().takes_values() {
        return a.help(text);
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        text.push_str(&format!(" [{} {}]", t!("help-values"), values.join(", ")));
    }
    let defaults: Vec<String> =
        a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        text.push_str(&format!(" [{} {}]", t!("help-default"), defaults.join(", ")));
    }
    a.help(text).hide_possible_values(true).hide_default_value(true)
}

/// An option's value names (`FILE`, `DIR`…) in the run's language (`TỆP`, `THƯ_MỤC`…), where
/// the catalogue has them (`help-value-FILE`).
pub(super) fn value_names_in_words(a: Arg) -> Arg {
    let names: Vec<String> = a.get_value_names().unwrap_or_default().iter().map(|n| n.to_string()).collect();
    if names.is_empty() {
        return a;
    }
    let worded: Vec<String> = names
        .iter()
        .map(|n| {
            let id = format!("help-value-{}", n.replace(['=', '/'], "-"));
            if crate::l10n::has(&id) {
                crate::l10n::tr(&id, &[])
            } else {
                n.clone()
            }
        })
        .collect();
    a.value_names(worded)
}

/// A help page or usage line with clap's fixed English words ("[OPTIONS]") in the run's
/// language.
pub(super) fn in_words(text: &str) -> String {
    text.replace("[OPTIONS]", &format!("[{}]", t!("help-value-options")))
}

/// clap's usage errors, worded from the catalogue.
pub(super) struct Localised;

fn text(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn strings(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        other => Some(text(other)).filter(|s| !s.is_empty()).into_iter().collect(),
    }
}

/// clap's suggestions for what was typed, closest first and only the closest: clap lists them
/// by a similarity of its own, the least similar first ("site, issue" for `isue`); we count the
/// edits, as the other "có phải là …?" hints do, and keep those of the fewest edits.
fn closest(typed: &str, suggested: &[String]) -> Vec<String> {
    let typed = typed.trim_start_matches('-');
    let distance = |s: &String| crate::util::text::edit_distance(typed, s.trim_start_matches('-'));
    let Some(best) = suggested.iter().map(distance).min() else { return Vec::new() };
    suggested.iter().filter(|s| distance(s) == best).cloned().collect()
}

impl ErrorFormatter for Localised {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let c = |k| text(error.get(k));
        let (arg, value) = (c(ContextKind::InvalidArg), c(ContextKind::InvalidValue));
        let message = match error.kind() {
            ErrorKind::UnknownArgument => t!("cli-unknown-arg", arg = arg),
            ErrorKind::InvalidSubcommand => {
                t!("cli-unknown-command", command = c(ContextKind::InvalidSubcommand))
            }
            ErrorKind::InvalidValue if value.is_empty() => t!("cli-empty-value", arg = arg),
            ErrorKind::InvalidValue => t!("cli-invalid-value", arg = arg, value = value),
            ErrorKind::ValueValidation => {
                let reason = std::error::Error::source(error).map(|e| e.to_string()).unwrap_or_default();
                t!("cli-value-rejected", arg = arg, value = value, reason = reason)
            }
            ErrorKind::MissingRequiredArgument => t!("cli-missing-args", args = arg),
            ErrorKind::MissingSubcommand => {
                t!("cli-missing-command", command = c(ContextKind::InvalidSubcommand))
            }
            ErrorKind::ArgumentConflict => t!("cli-conflict", arg = arg, prior = c(ContextKind::PriorArg)),
            ErrorKind::NoEquals => t!("cli-no-equals", arg = arg),
            ErrorKind::TooManyValues => t!("cli-too-many-values", arg = arg, value = value),
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t!(
                "cli-wrong-count",
                arg = arg,
                actual = c(ContextKind::ActualNumValues),
                expected = {
                    let e = c(ContextKind::ExpectedNumValues);
                    if e.is_empty() {
                        c(ContextKind::MinValues)
                    } else {
                        e
                    }
                }
            ),
            ErrorKind::InvalidUtf8 => t!("cli-invalid-utf8"),
            other => t!("cli-bad-command-line", kind = other.as_str().unwrap_or("").to_string()),
        };
        let mut out = format!("{} {message}\n", t!("label-error"));
        let valid = match error.kind() {
            ErrorKind::MissingSubcommand => c(ContextKind::ValidSubcommand),
            _ => c(ContextKind::ValidValue),
        };
        if !valid.is_empty() {
            out.push_str(&format!("  {} {valid}\n", t!("help-values")));
        }
        for (k, typed) in [
            (ContextKind::SuggestedArg, ContextKind::InvalidArg),
            (ContextKind::SuggestedSubcommand, ContextKind::InvalidSubcommand),
            (ContextKind::SuggestedValue, ContextKind::InvalidValue),
        ] {
            let s = closest(&c(typed), &strings(error.get(k))).join(", ");
            if !s.is_empty() {
                out.push_str(&format!("{} {}\n", t!("label-hint"), t!("cli-did-you-mean", what = s)));
            }
        }
        let usage = c(ContextKind::Usage);
        if let Some(rest) = usage.trim().strip_prefix("Usage:") {
            out.push_str(&format!("\n{} {}\n", t!("help-usage"), in_words(rest.trim())));
        }
        out.push_str(&format!("\n{}\n", t!("cli-try-help")));
        StyledStr::from(out)
    }
}
