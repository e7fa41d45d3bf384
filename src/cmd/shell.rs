//! `completions SHELL` and `manpage`: generated from the clap tree, so they
//! never fall behind the commands.

use crate::Status;
use crate::cli_lang::localized;
use crate::i18n;
use crate::output::emit;
use anyhow::Result;

pub fn completions(shell: clap_complete::Shell) -> Result<Status> {
    let mut out = Vec::new();
    clap_complete::generate(
        shell,
        &mut localized(i18n::lang()),
        "healthreport",
        &mut out,
    );
    emit(&out, None)?;
    Ok(Status::Done)
}

pub fn manpage() -> Result<Status> {
    let mut out = Vec::new();
    clap_mangen::Man::new(localized(i18n::lang())).render(&mut out)?;
    let out = man_headings(&String::from_utf8_lossy(&out));
    emit(&out, None)?;
    Ok(Status::Done)
}

/// clap_mangen writes its section headings in English.
fn man_headings(roff: &str) -> Vec<u8> {
    roff.lines()
        .map(|line| {
            let key = match line {
                ".SH NAME" => Some("man-name"),
                ".SH SYNOPSIS" => Some("man-synopsis"),
                ".SH DESCRIPTION" => Some("man-description"),
                ".SH OPTIONS" => Some("man-options"),
                ".SH SUBCOMMANDS" => Some("man-subcommands"),
                ".SH VERSION" => Some("man-version"),
                _ => None,
            };
            match key {
                Some(k) => format!(".SH {}\n", i18n::tr(i18n::lang(), k)),
                None => format!("{line}\n"),
            }
        })
        .collect::<String>()
        .into_bytes()
}
