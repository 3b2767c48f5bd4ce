//! `safestat serve`: a local preview of the site that rebuilds and reloads as its sources change.
//!
//! Owns: binding the preview address (loopback only, unless the caller explicitly allows another
//! address), building the site into a private temporary folder through the [`Rebuild`] seam,
//! watching the site's sources, swapping the served folder after each *successful* rebuild,
//! and telling open pages to reload (Server-Sent Events) or to show a failed build's error.
//!
//! Never does: anything the build does not already do. The preview never writes into `public/`,
//! never changes a page except to inject its own reload script (and, after a failed build, the
//! error overlay) into HTML *responses* — the files on disk, and so `safestat build`'s output,
//! never contain them. Everything it serves lives under reserved paths (`/__safestat/…`) or comes
//! from the last good build.
//!
//! Layout: [`live`] holds the served site and the build state, [`watch`] turns file changes into
//! rebuilds, [`http`] answers requests, [`inject`] writes the script and overlay into HTML.

mod http;
mod inject;
mod live;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::site::BuildOptions;

pub use live::BuildOutcome;

/// Builds the site into a folder. The preview's one seam with the site engine: it is called with
/// a fresh, not yet existing `output_dir` for every rebuild, and with the preview's own base URL.
/// On error the message should start with `path:line:column: ` where the place is known; the
/// preview shows it in the browser and on the terminal.
pub trait Rebuild: Send + Sync + 'static {
    fn rebuild(&self, output_dir: &Path, base_url: &str) -> Result<()>;
}

impl<F> Rebuild for F
where
    F: Fn(&Path, &str) -> Result<()> + Send + Sync + 'static,
{
    fn rebuild(&self, output_dir: &Path, base_url: &str) -> Result<()> {
        self(output_dir, base_url)
    }
}

/// The real builder: [`crate::site::build`] into the preview's temporary folder, reusing the
/// protected tables and the downloads while what they are made from is unchanged.
#[derive(Debug, Clone)]
pub struct SiteBuilder {
    pub root: PathBuf,
    pub drafts: bool,
    pub cache: Arc<crate::site::BuildCache>,
}

impl Rebuild for SiteBuilder {
    fn rebuild(&self, output_dir: &Path, base_url: &str) -> Result<()> {
        crate::site::build(&BuildOptions {
            root: self.root.clone(),
            output_dir: Some(output_dir.to_path_buf()),
            base_url: Some(base_url.to_string()),
            drafts: self.drafts,
            cache: Some(Arc::clone(&self.cache)),
            skip_search_index: true,
            search_part_pages: None,
        })
    }
}

/// Options of `safestat serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's root folder (holding `config.toml`).
    pub root: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Allow an address other than loopback (the preview shows drafts and unpublished figures).
    pub allow_non_loopback: bool,
    /// Build draft pages too.
    pub drafts: bool,
    /// Quiet time after the last change before a rebuild starts.
    pub debounce: Duration,
}

impl ServeOptions {
    /// The defaults of `safestat serve` for the site at `root`: 127.0.0.1:1111, no drafts.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 1111)),
            allow_non_loopback: false,
            drafts: false,
            debounce: Duration::from_millis(100),
        }
    }
}

/// Refuses to listen on anything but loopback unless explicitly allowed: the preview serves
/// drafts, which may quote figures that are not yet published.
pub fn check_bind(ip: IpAddr, allow_non_loopback: bool) -> Result<()> {
    if ip.is_loopback() || allow_non_loopback {
        return Ok(());
    }
    bail!(
        "refusing to serve the preview on {ip}: it is not a loopback address, and the preview \
         shows drafts to anyone who can reach it; pass --allow-non-loopback to do it anyway"
    )
}

/// Runs `safestat serve` until Ctrl-C: builds, serves, watches, rebuilds.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let builder = SiteBuilder {
        root: options.root.clone(),
        drafts: options.drafts,
        cache: Arc::default(),
    };
    let server = Server::start(options, builder)?;
    println!(
        "Serving {} at {} (Ctrl-C to stop)",
        options.root.display(),
        server.url()
    );
    server.run_until_stopped()
}

/// A running preview server. Dropping it stops the watcher and the server and deletes the
/// temporary site folders.
pub struct Server {
    addr: SocketAddr,
    live: Arc<live::Live>,
    watcher: Option<watch::Watcher>,
    rebuilder: Option<JoinHandle<()>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Server {
    /// Binds the address, builds the site once (a failure is shown, not returned), starts
    /// watching the sources under `options.root` and serving.
    pub fn start(options: &ServeOptions, builder: impl Rebuild) -> Result<Server> {
        check_bind(options.addr.ip(), options.allow_non_loopback)?;
        let root = std::path::absolute(&options.root)
            .with_context(|| format!("cannot resolve {}", options.root.display()))?;
        if !root.is_dir() {
            bail!("{} is not a folder", root.display());
        }
        let listener = TcpListener::bind(options.addr)
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;

        let live = Arc::new(live::Live::new(base_url(addr))?);
        let builder: Arc<dyn Rebuild> = Arc::new(builder);
        let (watcher, changes) = watch::Watcher::start(&root, options.debounce)?;
        live.rebuild(builder.as_ref());
        let rebuilder = watch::spawn_rebuilder(changes, Arc::clone(&live), builder)?;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("safestat-serve")
            .enable_all()
            .build()
            .context("cannot start the server runtime")?;
        let router = http::router(Arc::clone(&live), addr.ip());
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        runtime.spawn(async move {
            if let Err(err) = axum::serve(listener, router).await {
                eprintln!("Error: the preview server stopped: {err}");
            }
        });
        Ok(Server {
            addr,
            live,
            watcher: Some(watcher),
            rebuilder: Some(rebuilder),
            runtime: Some(runtime),
        })
    }

    /// The address the server listens on (with the real port when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The preview's base URL, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        base_url(self.addr)
    }

    /// The temporary folder holding the builds; deleted when the server stops.
    pub fn workspace(&self) -> &Path {
        self.live.workspace()
    }

    /// The outcome of the most recent build.
    pub fn last_build(&self) -> BuildOutcome {
        self.live.last_build()
    }

    /// Serves until Ctrl-C (or, on Unix, SIGTERM); then drops the server, which deletes the
    /// temporary site folders.
    fn run_until_stopped(self) -> Result<()> {
        let runtime = self
            .runtime
            .as_ref()
            .expect("the runtime lives as long as the server");
        runtime.block_on(stop_signal())?;
        println!("Stopping the preview.");
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Stopping the watcher closes the change channel, which ends the rebuild thread.
        drop(self.watcher.take());
        if let Some(rebuilder) = self.rebuilder.take() {
            let _ = rebuilder.join();
        }
        // Open event streams never end by themselves: cancel them with the runtime.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(2));
        }
        // Whoever still holds the shared state (a request cut short), the folders go now.
        self.live.remove_workspace();
    }
}

#[cfg(unix)]
async fn stop_signal() -> Result<()> {
    use futures_util::future::{select, Either};
    use tokio::signal::unix::{signal, SignalKind};

    let mut terminate = signal(SignalKind::terminate()).context("cannot wait for SIGTERM")?;
    let interrupt = std::pin::pin!(tokio::signal::ctrl_c());
    let terminated = std::pin::pin!(terminate.recv());
    match select(interrupt, terminated).await {
        Either::Left((result, _)) => result.context("cannot wait for Ctrl-C"),
        Either::Right(_) => Ok(()),
    }
}

#[cfg(not(unix))]
async fn stop_signal() -> Result<()> {
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")
}

fn base_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
        ip if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(host, addr.port()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_allowed_and_other_addresses_need_the_flag() {
        assert!(check_bind("127.0.0.1".parse().unwrap(), false).is_ok());
        assert!(check_bind("127.8.9.10".parse().unwrap(), false).is_ok());
        assert!(check_bind("::1".parse().unwrap(), false).is_ok());
        for ip in ["0.0.0.0", "192.168.1.20", "::", "10.0.0.1"] {
            let err = check_bind(ip.parse().unwrap(), false).unwrap_err();
            assert!(err.to_string().contains("--allow-non-loopback"), "{err}");
            assert!(check_bind(ip.parse().unwrap(), true).is_ok());
        }
    }

    #[test]
    fn base_url_names_a_reachable_host() {
        assert_eq!(
            base_url("127.0.0.1:1111".parse().unwrap()),
            "http://127.0.0.1:1111/"
        );
        assert_eq!(
            base_url("0.0.0.0:80".parse().unwrap()),
            "http://127.0.0.1:80/"
        );
        assert_eq!(base_url("[::]:8080".parse().unwrap()), "http://[::1]:8080/");
    }
}
