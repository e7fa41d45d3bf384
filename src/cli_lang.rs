//! Clap's help, usage and errors in the user's language (SPEC §8).
//!
//! The command line is parsed with the plain derive tree, so a normal run
//! pays nothing. Only when clap has something to say (help, an error) is
//! the tree rebuilt with every text from the catalog and the arguments
//! parsed again against it; its error is then rendered from the error's
//! kind and context, never from clap's English sentences.
//!
//! Catalog keys: a command's about is `cli-<path>` (`cli-record`,
//! `cli-config-set`, the root is `cli`); an argument's help is
//! `cli-<path>--<id>`, else the shared `cli--<id>` when every command means
//! the same by it; a value name is `cli-value-<NAME>`.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::{CliTree, Lang};
use crate::i18n::{tr, tr_args};

/// The key of a command's about text.
pub fn command_key(path: &[&str]) -> String {
    let mut key = String::from("cli");
    for p in path {
        key.push('-');
        key.push_str(p);
    }
    key
}

/// The keys an argument's help may live under, the specific one first.
pub fn arg_keys(path: &[&str], id: &str) -> [String; 2] {
    [format!("{}--{id}", command_key(path)), format!("cli--{id}")]
}

/// Whether clap makes this argument itself (help, version).
pub fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// Calls `f` on every command of the tree with its path of names.
pub fn walk(cmd: &Command, path: &mut Vec<String>, f: &mut dyn FnMut(&Command, &[&str])) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    f(cmd, &names);
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name().to_string());
        walk(sub, path, f);
        path.pop();
    }
}

/// The argument's help from the catalog: its specific key, else the shared one.
fn arg_help(lang: Lang, path: &[&str], id: &str) -> Option<String> {
    arg_keys(path, id).iter().find_map(|k| lookup(lang, k))
}

fn lookup(lang: Lang, key: &str) -> Option<String> {
    crate::i18n::lookup(lang, key, &[])
}

/// The whole command tree with its texts from the catalog in `lang`.
pub fn localized(lang: Lang) -> Command {
    let mut cmd = CliTree::command();
    cmd.build();
    localize(cmd, lang, &mut Vec::new())
}

fn localize(mut cmd: Command, lang: Lang, path: &mut Vec<String>) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let about = lookup(lang, &command_key(&names));
    if let Some(about) = about {
        cmd = cmd.about(about).long_about(None);
    }
    if names.is_empty()
        && let Some(long) = lookup(lang, "cli-long")
    {
        cmd = cmd.long_about(long);
    }
    let options = tr(lang, "cli-heading-options");
    let arguments = tr(lang, "cli-heading-arguments");
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let help = match id.as_str() {
            "help" => Some(tr(lang, "cli-help")),
            "version" => Some(tr(lang, "cli-version")),
            _ => arg_help(lang, &names, &id),
        };
        cmd = cmd.mut_arg(&id, |mut a| {
            let mut help = help.unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && !matches!(a.get_action(), ArgAction::SetTrue) {
                help = tr_args(
                    lang,
                    "cli-possible-values",
                    &[("help", help.into()), ("values", values.join(", ").into())],
                );
            }
            if let Some(names) = a.get_value_names()
                && a.get_action().takes_values()
            {
                let names: Vec<String> = names
                    .iter()
                    .map(|n| lookup(lang, &format!("cli-value-{n}")).unwrap_or(n.to_string()))
                    .collect();
                a = a.value_names(names);
            }
            a = a
                .help(help)
                .long_help(None)
                .hide_possible_values(true)
                .hide_env(true)
                .hide_default_value(true);
            if positional {
                a.help_heading(arguments.clone())
            } else {
                a.help_heading(options.clone())
            }
        });
    }
    cmd = cmd
        .subcommand_help_heading(tr(lang, "cli-heading-commands"))
        .subcommand_value_name(tr(lang, "cli-value-COMMAND"))
        .help_template(template(lang));
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        path.push(name.clone());
        if name == "help" {
            let about = tr(lang, "cli-help-command");
            cmd = cmd.mut_subcommand(&name, |s| {
                help_children(s, lang, &mut Vec::new())
                    .about(about)
                    .help_template(template(lang))
                    .mut_args(|a| {
                        a.value_name(tr(lang, "cli-value-COMMAND"))
                            .help_heading(tr(lang, "cli-heading-arguments"))
                    })
            });
        } else {
            cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, path));
        }
        path.pop();
    }
    cmd
}

/// Clap's default help layout with the usage heading in `lang`.
fn template(lang: Lang) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        tr(lang, "cli-usage-heading")
    )
}

/// The `help` subcommand mirrors the tree (for completions): its children
/// get the abouts of the commands they name.
fn help_children(mut cmd: Command, lang: Lang, path: &mut Vec<String>) -> Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        path.push(name.clone());
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        let about = lookup(lang, &command_key(&names));
        cmd = cmd.mut_subcommand(&name, |s| {
            let s = help_children(s, lang, path);
            match about {
                Some(a) => s.about(a),
                None => s,
            }
        });
        path.pop();
    }
    cmd
}

/// Words of clap's own that no setting reaches: the usage line's
/// `[OPTIONS]` placeholder, and the ASCII colon clap puts after each
/// heading (`命令:` reads as a typo beside `用法：`).
fn fix_words(text: &str, lang: Lang) -> String {
    let mut text = text.replace("[OPTIONS]", &tr(lang, "cli-usage-options"));
    let colon = tr(lang, "cli-heading-colon");
    for key in [
        "cli-heading-options",
        "cli-heading-arguments",
        "cli-heading-commands",
    ] {
        let heading = tr(lang, key);
        text = text.replace(&format!("{heading}:"), &format!("{heading}{colon}"));
    }
    text
}

/// The language for clap's words: `--lang` on the command line, else
/// `HEALTHREPORT_LANG`, else the store's, else Chinese.
pub fn lang_for(args: &[OsString]) -> Lang {
    let mut given = None;
    let mut store = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_string());
        } else if a == "--lang" {
            given = it.next().map(|v| v.to_string_lossy().into_owned());
        } else if let Some(v) = a.strip_prefix("--store=") {
            store = Some(v.into());
        } else if a == "--store" {
            store = it.next().map(std::path::PathBuf::from);
        }
    }
    let parse = |s: &str| match s.trim().to_ascii_lowercase().as_str() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    };
    if let Some(l) = given.as_deref().and_then(parse) {
        return l;
    }
    if let Some(l) = std::env::var("HEALTHREPORT_LANG")
        .ok()
        .as_deref()
        .and_then(parse)
    {
        return l;
    }
    let store = store.or_else(|| std::env::var_os("HEALTHREPORT_STORE").map(Into::into));
    crate::store::locate(store)
        .ok()
        .and_then(|dir| crate::store::Store::open(&dir).ok())
        .map(|s| s.config.lang)
        .unwrap_or(Lang::Zh)
}

/// What to print for a parse that clap refused or answered itself (help,
/// version), and whether it goes to stderr.
pub fn render(err: &clap::Error, args: &[OsString]) -> (String, bool) {
    if err.kind() == ErrorKind::DisplayVersion {
        // "healthreport 0.1.0" has no words to translate.
        return (err.render().to_string(), false);
    }
    let lang = lang_for(args);
    crate::i18n::set_lang(lang);
    let again = localized(lang).try_get_matches_from(args);
    let err = match again {
        Err(e) => e,
        // Cannot happen: the localised tree accepts what the plain one does.
        Ok(_) => return (err.render().to_string(), err.use_stderr()),
    };
    let text = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => fix_words(&err.render().to_string(), lang),
        _ => message(&err, lang),
    };
    let text = if text.ends_with('\n') {
        text
    } else {
        text + "\n"
    };
    (text, err.use_stderr())
}

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A usage error in words: what is wrong, a suggestion if clap has one, the
/// usage line and where to read more.
fn message(err: &clap::Error, lang: Lang) -> String {
    let c = |k| context(err, k);
    let arg = c(ContextKind::InvalidArg);
    let key = match err.kind() {
        ErrorKind::InvalidValue if c(ContextKind::InvalidValue).is_empty() => "cli-err-empty-value",
        ErrorKind::InvalidValue => "cli-err-invalid-value",
        ErrorKind::UnknownArgument => "cli-err-unknown-argument",
        ErrorKind::InvalidSubcommand => "cli-err-invalid-subcommand",
        ErrorKind::NoEquals => "cli-err-no-equals",
        ErrorKind::ValueValidation => "cli-err-value-validation",
        ErrorKind::TooManyValues => "cli-err-too-many-values",
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => "cli-err-wrong-number",
        ErrorKind::ArgumentConflict => "cli-err-conflict",
        ErrorKind::MissingRequiredArgument => "cli-err-missing-required",
        ErrorKind::MissingSubcommand => "cli-err-missing-subcommand",
        ErrorKind::InvalidUtf8 => "cli-err-invalid-utf8",
        _ => "cli-err-other",
    };
    let args = [
        ("arg", arg.into()),
        ("value", c(ContextKind::InvalidValue).into()),
        ("valid", c(ContextKind::ValidValue).into()),
        ("prior", c(ContextKind::PriorArg).into()),
        ("sub", c(ContextKind::InvalidSubcommand).into()),
    ];
    let mut out = format!(
        "{}{}\n",
        tr(lang, "error-prefix"),
        tr_args(lang, key, &args)
    );
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(c)
    .find(|s| !s.is_empty());
    if let Some(s) = suggestion {
        out.push_str(&tr_args(
            lang,
            "cli-err-did-you-mean",
            &[("suggestion", s.into())],
        ));
        out.push('\n');
    }
    let usage = c(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push('\n');
        out.push_str(&tr_args(
            lang,
            "cli-err-usage",
            &[("usage", fix_words(usage, lang).into())],
        ));
        out.push('\n');
    }
    // The command the user ran, from its usage line (`healthreport record
    // [选项] [人员]`), so the hint names the help that answers it.
    let command: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<']))
        .collect();
    let command = match command.is_empty() {
        true => "healthreport".to_string(),
        false => command.join(" "),
    };
    out.push('\n');
    out.push_str(&tr_args(
        lang,
        "cli-err-more",
        &[("command", command.into())],
    ));
    out.push('\n');
    out
}

#[cfg(test)]
mod dump {
    use super::*;

    /// `cargo test --lib cli_lang::dump -- --ignored --nocapture` prints the
    /// derive tree's English texts as catalog lines, shared ids once.
    #[test]
    #[ignore]
    fn print_english_catalog() {
        let mut cmd = CliTree::command();
        cmd.build();
        let mut per_id: std::collections::BTreeMap<String, Vec<(String, String)>> =
            Default::default();
        let mut values = std::collections::BTreeSet::new();
        let mut out = String::new();
        walk(&cmd, &mut Vec::new(), &mut |c, path| {
            if path.contains(&"help") {
                return;
            }
            out.push_str(&format!(
                "{} = {}\n",
                command_key(path),
                c.get_about()
                    .map(|s| s.to_string())
                    .unwrap_or_default()
                    .replace('\n', " ")
            ));
            for a in c.get_arguments() {
                if is_builtin(a) {
                    continue;
                }
                let help = a.get_help().map(|s| s.to_string()).unwrap_or_default();
                per_id
                    .entry(a.get_id().to_string())
                    .or_default()
                    .push((command_key(path), help.replace('\n', " ")));
                if !a.get_action().takes_values() {
                    continue;
                }
                for n in a.get_value_names().unwrap_or_default() {
                    values.insert(n.to_string());
                }
            }
        });
        for (id, uses) in per_id {
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for (_, h) in &uses {
                *counts.entry(h.as_str()).or_default() += 1;
            }
            let (common, _) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
            out.push_str(&format!("cli--{id} = {common}\n"));
            for (path, h) in &uses {
                if h != common {
                    out.push_str(&format!("{path}--{id} = {h}\n"));
                }
            }
        }
        for v in values {
            out.push_str(&format!("cli-value-{v} = {v}\n"));
        }
        use std::io::Write;
        std::io::stdout().write_all(out.as_bytes()).unwrap();
    }
}
