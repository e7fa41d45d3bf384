//! `init`: create a store.

use anyhow::Result;

use super::Globals;
use crate::Status;
use crate::cli::InitArgs;
use crate::output::{note, say};
use crate::store::{Config, Store};

pub fn run(g: &Globals, args: InitArgs) -> Result<Status> {
    let mut config = Config::default();
    if let Some(org) = &args.org {
        config.set("org", org)?;
    }
    if let Some(city) = &args.home_city {
        config.set("home_city", city)?;
    }
    if let Some(clerk) = &args.clerk {
        config.set("clerk", clerk)?;
    }
    if let Some(lang) = g.lang {
        config.lang = lang;
    }
    let store = Store::init(&g.store_dir, config)?;
    say(format_args!("created a store at {}", store.root.display()))?;
    if store.config.home_city.is_empty() {
        note(
            "hint: set the home city so locations count as local: `healthreport config set home_city 北京`",
        );
    }
    Ok(Status::Done)
}
