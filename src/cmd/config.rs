//! `config show` and `config set`.

use crate::t;
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
                // Each `key = value` under a comment saying what it is, so
                // a clerk who reads no English knows what to set; a script
                // still finds `^key = ` (or reads `--json`).
                store
                    .config
                    .entries()
                    .into_iter()
                    .map(|(k, v)| format!("# {}\n{k} = {v}\n", about(k)))
                    .collect()
            };
            emit(text.as_bytes(), None)?;
        }
        ConfigCommand::Set { key, value } => {
            let store = g.open()?;
            let tx = store.begin(WriteKind::ConfigSet, &super::clerk(&store, None))?;
            // Re-read under the lock so a concurrent `config set` is not lost.
            let mut config = crate::store::Store::open(&store.root)?.config;
            let key = crate::store::config::key_named(&key);
            config.set(key, &value).with_context(|| {
                t!(
                    "config-config-unchanged",
                    root = store.root.display().to_string()
                )
            })?;
            let mut tx = tx;
            tx.replace_config(&config)?;
            tx.commit()?;
            let shown = config
                .entries()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .unwrap_or_default();
            say(format_args!("{key} = {shown}"))?;
        }
    }
    Ok(Status::Done)
}

/// What a setting is, in the message language.
fn about(key: &str) -> String {
    match key {
        "org" => t!("config-about-org"),
        "home_city" => t!("config-about-home-city"),
        "high_risk" => t!("config-about-high-risk"),
        "fever_threshold" => t!("config-about-fever-threshold"),
        "isolation_days" => t!("config-about-isolation-days"),
        "lang" => t!("config-about-lang"),
        "csv_encoding" => t!("config-about-csv-encoding"),
        "timezone" => t!("config-about-timezone"),
        "clerk" => t!("config-about-clerk"),
        "report_mode" => t!("config-about-report-mode"),
        _ => String::new(),
    }
}
