//! `init`: create a store.

use crate::t;
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
    say(t!(
        "init-created-a-store-at",
        root = store.root.display().to_string()
    ))?;
    if store.config.home_city.is_empty() {
        note(t!("init-hint-home-city"));
    }
    Ok(Status::Done)
}
