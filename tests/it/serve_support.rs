//! Helpers of the preview tests: a small fixture site, a fake builder standing in for
//! `site::build`, an HTTP client and a Server-Sent Events reader, all over loopback.
//!
//! The fake builder keeps the engine's contract: it writes a whole site into a fresh output
//! folder, or fails with `path:line:column: message` and leaves nothing behind. Its "site" is
//! `content/` copied as it is; a file holding `{% broken %}` fails the build, and one holding
//! `{% panic %}` makes the builder panic, half-way through writing, as a bug in the engine would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use anyhow::{bail, Context};
use safestat::serve::{ServeOptions, Server};
use serde_json::Value;
use tempfile::TempDir;
use walkdir::WalkDir;

/// The tag that makes the fake builder fail.
pub const BROKEN: &str = "{% broken %}";

/// The tag that makes the fake builder panic.
pub const PANIC: &str = "{% panic %}";

/// A site root in a temporary folder, built by [`fake_build`].
pub struct FixtureSite {
    dir: TempDir,
}

impl FixtureSite {
    /// A home page, a press release, a stylesheet and a 404 page.
    pub fn new() -> FixtureSite {
        let site = FixtureSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("config.toml", "title = \"Fixture\"\n");
        site.write("content/index.html", &page("Home", "<p>Welcome home.</p>"));
        site.write(
            "content/news/first-release/index.html",
            &page(
                "First release",
                "<p>Figures for 2025.</p>\n<figure><svg role=\"img\" aria-labelledby=\"chart-title\" \
                 viewBox=\"0 0 200 100\" width=\"200\" height=\"100\"><title id=\"chart-title\">\
                 Victims identified, 2025</title><rect x=\"10\" y=\"20\" width=\"40\" height=\"80\" \
                 fill=\"#1a5fb4\"/></svg><figcaption>Victims identified, 2025</figcaption></figure>",
            ),
        );
        site.write(
            "content/style.css",
            "body { font-family: sans-serif; color: #1a1a1a; background: #fff; }\n\
             a:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }\n",
        );
        site.write(
            "content/favicon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
             <rect width=\"16\" height=\"16\" fill=\"#1a5fb4\"/></svg>\n",
        );
        site.write(
            "content/404.html",
            &page("Not found", "<p>Fixture 404: nothing here.</p>"),
        );
        site
    }

    /// The temporary folder, to keep it alive elsewhere.
    pub fn into_dir(self) -> TempDir {
        self.dir
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    /// Replaces the one occurrence of `from` in a source file by `to`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert_eq!(text.matches(from).count(), 1, "{from:?} in {relative}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Where the fake builder reports the first `{% broken %}` of a source file:
    /// `relative:line:column`.
    pub fn broken_at(&self, relative: &str) -> String {
        let (line, column) = find_broken(self.read(relative).as_bytes()).expect("a broken tag");
        format!("{relative}:{line}:{column}")
    }

    /// Starts the preview of this site on a free loopback port with the fake builder.
    pub fn serve(&self) -> Server {
        let root = self.root().to_path_buf();
        let options = ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            debounce: Duration::from_millis(50),
            ..ServeOptions::new(&root)
        };
        Server::start(&options, move |output: &Path, _base_url: &str| {
            fake_build(&root, output)
        })
        .unwrap()
    }
}

/// A complete, accessible page with a skip link and the fixture stylesheet.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"icon\" href=\"/favicon.svg\">\n\
         <link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n\
         <header><a href=\"/\">Fixture site</a> <a href=\"/news/first-release/\">First release</a>\
         </header>\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

/// Stands in for `site::build`: copies `content/` into `output`, or fails with the place of the
/// first `{% broken %}`, or panics after writing the files before the first `{% panic %}`.
pub fn fake_build(root: &Path, output: &Path) -> anyhow::Result<()> {
    let content = root.join("content");
    let mut files = Vec::new();
    for entry in WalkDir::new(&content).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(&content)?.to_path_buf();
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        if let Some((line, column)) = find_broken(&bytes) {
            bail!(
                "content/{}:{line}:{column}: unknown tag `broken` (expected <endblock>)",
                relative.display()
            );
        }
        files.push((relative, bytes));
    }
    for (relative, bytes) in files {
        if String::from_utf8_lossy(&bytes).contains(PANIC) {
            panic!("the fake builder panics on content/{}", relative.display());
        }
        let target = output.join(relative);
        std::fs::create_dir_all(target.parent().unwrap())?;
        std::fs::write(&target, bytes)?;
    }
    Ok(())
}

fn find_broken(bytes: &[u8]) -> Option<(usize, usize)> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.lines().enumerate().find_map(|(i, line)| {
        line.find(BROKEN)
            .map(|at| (i + 1, line[..at].chars().count() + 1))
    })
}

/// A response, whatever its status.
pub struct Fetched {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub cache_control: Option<String>,
    pub body: String,
}

/// GETs `path` from the server without following redirects.
pub fn get(server: &Server, path: &str) -> Fetched {
    let agent = ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(Duration::from_secs(10))
        .build();
    let response = match agent.get(&format!("http://{}{path}", server.addr())).call() {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(err) => panic!("GET {path}: {err}"),
    };
    Fetched {
        status: response.status(),
        content_type: response.content_type().to_string(),
        location: response.header("location").map(str::to_string),
        cache_control: response.header("cache-control").map(str::to_string),
        body: response.into_string().unwrap(),
    }
}

/// Sends `request_target` as it is (no client normalises it) and returns the whole response.
pub fn raw_get(server: &Server, request_target: &str) -> String {
    raw_request(server, request_target, Some("localhost"))
}

/// Sends a GET of `request_target` with the given `Host` header (none for `None`), as it is,
/// and returns the whole response.
pub fn raw_request(server: &Server, request_target: &str, host: Option<&str>) -> String {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET {request_target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// The `state` events of the server's event stream, read on a thread of their own.
pub struct LiveEvents {
    states: Receiver<Value>,
}

impl LiveEvents {
    pub fn open(server: &Server) -> LiveEvents {
        let url = format!("http://{}/__safestat/events", server.addr());
        let response = ureq::get(&url).call().unwrap();
        assert_eq!(response.content_type(), "text/event-stream");
        let mut reader = BufReader::new(response.into_reader());
        let (sender, states) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let text = line.trim_end_matches(['\r', '\n']);
                if let Some(name) = text.strip_prefix("event:") {
                    event = name.trim().to_string();
                } else if let Some(data) = text.strip_prefix("data:") {
                    if event == "state" {
                        let state = serde_json::from_str(data.trim()).unwrap();
                        if sender.send(state).is_err() {
                            return;
                        }
                    }
                } else if text.is_empty() {
                    event.clear();
                }
                line.clear();
            }
        });
        LiveEvents { states }
    }

    /// The next state, failing the test after `timeout`.
    pub fn next(&self, timeout: Duration) -> Value {
        self.states
            .recv_timeout(timeout)
            .unwrap_or_else(|e| panic!("no live state within {timeout:?}: {e}"))
    }

    /// Whether a state arrives within `wait`.
    pub fn any_within(&self, wait: Duration) -> Option<Value> {
        self.states.recv_timeout(wait).ok()
    }
}

/// Where the test writes files worth looking at (screenshots): a new folder of this run under the
/// system's temporary folder (`safestat-NAME-XXXXXX`), kept after the test, so that runs at the same
/// time never share or overwrite one another's files.
pub fn artifact_dir(name: &str) -> PathBuf {
    tempfile::Builder::new()
        .prefix(&format!("safestat-{name}-"))
        .tempdir()
        .unwrap()
        .keep()
}
