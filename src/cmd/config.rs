//! `config show` and `config set`.

use anyhow::{Context, Result};

use super::Globals;
use crate::Status;
use crate::cli::ConfigCommand;
use crate::output::{emit, say};
use crate::store::journal::WriteKind;

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
            let tx = store.begin(WriteKind::ConfigSet, &super::clerk(&store, None))?;
            // Re-read under the lock so a concurrent `config set` is not lost.
            let mut config = crate::store::Store::open(&store.root)?.config;
            config
                .set(key.trim(), &value)
                .with_context(|| format!("config {} unchanged", store.root.display()))?;
            let mut tx = tx;
            tx.replace_config(&config)?;
            tx.commit()?;
            let shown = config
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
