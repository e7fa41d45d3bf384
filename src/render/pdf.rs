//! PDF: the HTML form printed by a Chromium, Chrome or Edge found on the
//! machine (SPEC §9), run headless on a private profile in a temporary
//! folder. Chromium lays out the `@page` rules the HTML form relies on.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::Document;

/// Names a browser goes by on the PATH, most likely first.
const NAMES: [&str; 8] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where browsers install themselves outside the PATH.
const PLACES: [&str; 5] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
    "/snap/bin/chromium",
];

/// A generous bound: a cold start on a busy machine takes seconds.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The browser to print with: `given`, else the first found.
pub fn find_browser(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = given {
        if path.is_file() {
            return Ok(path.to_path_buf());
        }
        if let Some(found) = on_path(&path.to_string_lossy()) {
            return Ok(found);
        }
        bail!(
            "browser {} not found: give the full path of Chromium, Chrome or Edge with --browser",
            path.display()
        );
    }
    NAMES
        .iter()
        .find_map(|n| on_path(n))
        .or_else(|| PLACES.iter().map(PathBuf::from).find(|p| p.is_file()))
        .context(
            "no Chromium, Chrome or Edge found to make the PDF: install one (e.g. `apt-get install chromium`) or name it with --browser PATH; or write .html and print it from a browser",
        )
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

pub fn render(doc: &Document, browser: Option<&Path>) -> Result<Vec<u8>> {
    let browser = find_browser(browser)?;
    let dir = tempfile::Builder::new()
        .prefix("healthreport-print-")
        .tempdir()
        .context("cannot create a temporary folder to print in")?;
    let html = dir.path().join("form.html");
    let pdf = dir.path().join("form.pdf");
    let profile = dir.path().join("profile");
    std::fs::write(&html, super::html::render(doc))
        .with_context(|| format!("cannot write {}", html.display()))?;
    // To a file, not a pipe: a chatty browser could fill a pipe and stall.
    let log = dir.path().join("browser.log");
    let log_file =
        std::fs::File::create(&log).with_context(|| format!("cannot write {}", log.display()))?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log_file))
        .spawn()
        .with_context(|| format!("cannot start {}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} did not finish printing in {} s; try again, or write .html and print it from a browser",
                browser.display(),
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !bytes.starts_with(b"%PDF") {
        let err = std::fs::read_to_string(&log).unwrap_or_default();
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        bail!(
            "{} made no PDF ({status}): {last}; try --browser with another Chromium or Chrome",
            browser.display()
        );
    }
    Ok(bytes)
}

fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}
