//! `completions SHELL` and `manpage`: generated from the clap tree, so they
//! never fall behind the commands.

use anyhow::Result;
use clap::CommandFactory;

use crate::Status;
use crate::cli::Cli;
use crate::output::emit;

pub fn completions(shell: clap_complete::Shell) -> Result<Status> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "healthreport", &mut out);
    emit(&out, None)?;
    Ok(Status::Done)
}

pub fn manpage() -> Result<Status> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    emit(&out, None)?;
    Ok(Status::Done)
}
