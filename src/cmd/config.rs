//! `config show` and `config set`.

use crate::t;
use anyhow::{Context, Result};

use super::Globals;
use crate::Status;
use crate::cli::ConfigCommand;
use crate::output::{emit, say};

pub fn run(g: &Globals, cmd: ConfigCommand) -> Result<Status> {
    match cmd {
        ConfigCommand::Show { json } => {
            let store = g.open()?;
            let text = if json {
                let map: serde_json::Map<String, serde_json::Value> = store
                    .config
                    .entries()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
                    .collect();
                serde_json::to_string_pretty(&map)? + "\n"
            } else {
                store
                    .config
                    .entries()
                    .into_iter()
                    .map(|(k, v)| format!("{k} = {v}\n"))
                    .collect()
            };
            emit(text.as_bytes(), None)?;
        }
        ConfigCommand::Set { key, value } => {
            let store = g.open()?;
            let _lock = store.lock()?;
            // Re-read under the lock so a concurrent `config set` is not lost.
            let mut store = g.open()?;
            store.config.set(key.trim(), &value).with_context(|| {
                t!(
                    "config-config-unchanged",
                    root = store.root.display().to_string()
                )
            })?;
            store.save_config()?;
            let shown = store
                .config
                .entries()
                .into_iter()
                .find(|(k, _)| *k == key.trim())
                .map(|(_, v)| v)
                .unwrap_or_default();
            say(format_args!("{} = {shown}", key.trim()))?;
        }
    }
    Ok(Status::Done)
}
