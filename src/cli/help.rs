//! Help in the run's language: the language is chosen before clap reads the arguments, and every
//! about, long about and option help of the command tree (`cli::args`) is set from the
//! catalogue (`help-COMMAND-about`, `help-COMMAND-long`, `help-COMMAND-arg-NAME`, or the text an
//! option shares with other commands, `help-arg-NAME`), with clap's own words (`usage`) too.

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::args::Cli;
use super::usage;
use crate::l10n::Lang;
use crate::t;

/// Reads the command line, its `--help` worded in the run's language: the language is chosen
/// first, from `--lang` among the arguments or the environment, so that help and summaries
/// agree.
pub(super) fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = super::ui::double_clicked(std::env::args_os().collect());
    let asked = args
        .iter()
        .zip(args.iter().skip(1))
        .find_map(|(a, b)| (a == "--lang").then(|| b.to_string_lossy().into_owned()));
    let asked = asked.or_else(|| {
        args.iter().find_map(|a| a.to_string_lossy().strip_prefix("--lang=").map(str::to_string))
    });
    let lang = asked.as_deref().and_then(Lang::from_tag).or_else(Lang::from_env).unwrap_or(Lang::Vi);
    crate::l10n::set_lang(lang);
    let args = help_word_to_flag(args);
    let matches = localised(Cli::command(), "").try_get_matches_from(args).unwrap_or_else(|e| {
        if e.kind() == clap::error::ErrorKind::DisplayHelp {
            // clap writes "[OPTIONS]" into every usage line, in English whatever the language.
            print!("{}", usage::in_words(&e.render().to_string()));
            std::process::exit(0);
        }
        e.apply::<usage::Localised>().exit()
    });
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.apply::<usage::Localised>().exit())
}

/// `chungnhan help`, `chungnhan help issue`, `chungnhan keys help rotate`: the same as `--help`
/// after the command named (clap's own `help` command would answer in English).
fn help_word_to_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--lang" {
            i += 2;
            continue;
        }
        if a.starts_with('-') {
            break;
        }
        if a == "help" {
            args.remove(i);
            args.push("--help".into());
            break;
        }
        i += 1;
    }
    args
}

/// The catalogue's id for a help text of the command at `path` (`issue`, `keys-rotate`):
/// `help-PATH-WHAT`, else, for an option, the text it shares with other commands,
/// `help-arg-NAME`.
fn help_id(path: &str, what: &str) -> Option<String> {
    let clean = |s: &str| s.trim_start_matches('_').replace('_', "-");
    let specific = if path.is_empty() {
        format!("help-{}", clean(what))
    } else {
        format!("help-{}-{}", clean(path), clean(what))
    };
    if crate::l10n::has(&specific) {
        return Some(specific);
    }
    let shared = what.strip_prefix("arg-").map(|a| format!("help-arg-{}", clean(a)))?;
    crate::l10n::has(&shared).then_some(shared)
}

/// The command tree with every about, long about and option help from the catalogue, and the
/// help page's headings in the run's language.
fn localised(mut cmd: clap::Command, path: &str) -> clap::Command {
    let tr = |id: String| crate::l10n::tr(&id, &[]);
    if let Some(id) = help_id(path, "about") {
        cmd = cmd.about(tr(id));
    }
    if let Some(id) = help_id(path, "long") {
        cmd = cmd.long_about(tr(id));
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let help = help_id(path, &format!("arg-{id}")).map(tr);
        cmd = cmd.mut_arg(id, |a| usage::value_names_in_words(usage::with_values_in_words(a, help)));
    }
    if cmd.get_subcommands().next().is_some() {
        cmd = cmd.subcommand_value_name(t!("help-value-command"));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path}-{name}") };
        cmd = cmd.mut_subcommand(&name, |s| localised(s, &sub_path));
    }
    let has_subs = cmd.get_subcommands().next().is_some();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = format!("{{about-with-newline}}\n{} {{usage}}\n", t!("help-usage"));
    if has_subs {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", t!("help-commands")));
    }
    if has_positionals {
        template.push_str(&format!("\n{}\n{{positionals}}\n", t!("help-arguments")));
    }
    template.push_str(&format!("\n{}\n{{options}}{{after-help}}", t!("help-options")));
    cmd = cmd.help_template(template).disable_help_flag(true).disable_help_subcommand(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t!("help-flag-help"))
            .global(true),
    );
    if path.is_empty() {
        cmd = cmd.after_help(t!("help-after")).disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("help-flag-version")),
        );
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option has its help text in the catalogues (both languages, as the
    /// catalogue test checks), and every help text of the catalogues belongs to one.
    #[test]
    fn every_command_and_option_has_its_help_text_and_no_other() {
        use clap::CommandFactory;
        fn walk(c: &clap::Command, path: &str, found: &mut Vec<String>, missing: &mut Vec<String>) {
            for what in ["about"] {
                match help_id(path, what) {
                    Some(id) => found.push(id),
                    None => missing.push(format!("{path} {what}")),
                }
            }
            if let Some(id) = help_id(path, "long") {
                found.push(id);
            }
            for a in c.get_arguments() {
                match help_id(path, &format!("arg-{}", a.get_id())) {
                    Some(id) => found.push(id),
                    None => missing.push(format!("{path} --{}", a.get_id())),
                }
            }
            for s in c.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path}-{}", s.get_name())
                };
                walk(s, &p, found, missing);
            }
        }
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        walk(&Cli::command(), "", &mut found, &mut missing);
        assert!(missing.is_empty(), "no help text for: {missing:?}");
        let catalogue = include_str!("../l10n/vi.ftl");
        let framing = [
            "help-usage",
            "help-commands",
            "help-arguments",
            "help-options",
            "help-flag-help",
            "help-flag-version",
            "help-after",
            "help-values",
            "help-default",
        ];
        for id in catalogue
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .filter(|id| id.starts_with("help-"))
        {
            // Value names (`help-value-FILE`) are named by the options that use them.
            let value_name = id.strip_prefix("help-value-").is_some_and(|v| {
                let used = |n: &str| n.replace(['=', '/'], "-") == v;
                ["options", "command"].contains(&v)
                    || Cli::command().get_subcommands().any(|c| {
                        fn any_arg(c: &clap::Command, used: &dyn Fn(&str) -> bool) -> bool {
                            c.get_arguments()
                                .any(|a| a.get_value_names().unwrap_or_default().iter().any(|n| used(n)))
                                || c.get_subcommands().any(|s| any_arg(s, used))
                        }
                        any_arg(c, &used)
                    })
            });
            assert!(
                found.iter().any(|f| f == id) || framing.contains(&id) || value_name,
                "{id} is no command's or option's help"
            );
        }
    }
}
