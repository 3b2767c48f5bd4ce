//! Just enough of the W3C WebDriver protocol to drive headless Chromium through chromedriver
//! (Debian packages `chromium` and `chromium-driver`): a session, navigation, scripts, keys,
//! screenshots and the browser console.
//!
//! A plain blocking client over `ureq` rather than `fantoccini`: the browser test is sequential,
//! and this keeps an async stack and a TLS stack out of the test build. chromedriver's console
//! log (`se/log`) is not in fantoccini either.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

const INSTALL_HINT: &str = "install the browser test tools with `bash .ci/install-browser-tools`";

/// The browser and driver: `$CHROMIUM` / `$CHROMEDRIVER`, or Debian's paths.
fn tool(variable: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    assert!(
        path.is_file(),
        "{} not found (set ${variable} to another path); {INSTALL_HINT}",
        path.display()
    );
    path
}

/// axe-core's script, installed by `npm ci` under `tests/browser/`.
pub fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} ({e}); {INSTALL_HINT}", path.display()))
}

/// A chromedriver process on a free loopback port; killed when dropped.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    pub fn start() -> Chromedriver {
        let driver = tool("CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {} ({e}); {INSTALL_HINT}", driver.display()));
        let driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// A new headless browser with an empty profile in `profile_dir`.
    pub fn session(&self, profile_dir: &Path) -> Session {
        let chromium = tool("CHROMIUM", "/usr/bin/chromium");
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-dev-shm-usage",
                            "--window-size=1280,900",
                            format!("--user-data-dir={}", profile_dir.display()),
                        ],
                    },
                    "goog:loggingPrefs": { "browser": "ALL" },
                    "timeouts": { "script": 30000, "pageLoad": 30000 },
                }
            }
        });
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .build();
        let created = call(
            &agent,
            "POST",
            &format!("{}/session", self.url),
            Some(capabilities),
        );
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        Session {
            agent,
            url: format!("{}/session/{id}", self.url),
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser window; closed when dropped.
pub struct Session {
    agent: ureq::Agent,
    url: String,
}

/// A console message of the page.
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

impl std::fmt::Display for ConsoleEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.level, self.message)
    }
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        call(&self.agent, method, &format!("{}{path}", self.url), body)
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs `script`, which calls its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Presses and releases a key (a WebDriver key code such as `"\u{E004}"` for Tab).
    pub fn press(&self, key: &str) {
        self.call(
            "POST",
            "/actions",
            Some(json!({ "actions": [{
                "type": "key",
                "id": "keyboard",
                "actions": [
                    { "type": "keyDown", "value": key },
                    { "type": "keyUp", "value": key },
                ],
            }]})),
        );
        self.call("DELETE", "/actions", None);
    }

    /// Emulates a screen `width` × `height` CSS px wide at one device pixel per CSS px (through
    /// chromedriver's `goog/cdp/execute`), so that the page's layout viewport is exactly that wide.
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false },
            })),
        );
    }

    /// Renders the page for `media` (`"print"`, or `""` for the screen again).
    pub fn emulate_media(&self, media: &str) {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": media } })),
        );
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("a base64 screenshot"))
            .unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// The console messages since the last call (chromedriver's `se/log` extension).
    pub fn console(&self) -> Vec<ConsoleEntry> {
        let entries = self.call("POST", "/se/log", Some(json!({ "type": "browser" })));
        entries
            .as_array()
            .expect("a list of log entries")
            .iter()
            .map(|entry| ConsoleEntry {
                level: entry["level"].as_str().unwrap_or_default().to_string(),
                message: entry["message"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// Polls `script` until it returns `true`, failing the test after `timeout`.
    pub fn wait_until(&self, timeout: Duration, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            if self.execute(script, json!([])) == Value::Bool(true) {
                return;
            }
            assert!(started.elapsed() < timeout, "{what} within {timeout:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url).call();
    }
}

fn call(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> Value {
    let request = agent.request(method, url);
    let result = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(status, response)) => {
            let text = response.into_string().unwrap_or_default();
            panic!("WebDriver {method} {url}: {status} {text}")
        }
        Err(err) => panic!("WebDriver {method} {url}: {err}"),
    };
    let mut reply: Value = response.into_json().unwrap();
    reply["value"].take()
}
