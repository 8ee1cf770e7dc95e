//! `explainer serve`: a live preview. The site is built in memory (never into `public/`),
//! served over HTTP on loopback, and rebuilt when a source changes; open tabs reload
//! through server-sent events, and a failed rebuild shows its errors in place of the page.
//!
//! The server serves only the built pages and the files of `static/`: no folder listings,
//! nothing outside the site, and requests that try to climb out (`/../`, encoded or not)
//! are refused.

mod http;
mod live;
pub mod one_page;
mod watch;

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::content::assets::Published;
use crate::diagnostics::error::{Error, Result};
use crate::urls::SitePath;
use crate::{BuildOptions, InMemory};

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// The latest build, as served: every generated file by site path, the files of `static/`
/// by published site path, or the errors that stopped the build.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: HashMap<SitePath, Arc<String>>,
    pub assets: BTreeMap<SitePath, Published>,
    pub error: Option<String>,
    /// Counts builds, successful or not; a tab reloads when it changes.
    pub generation: u64,
}

/// State shared by the request handlers and the watcher.
pub struct ServerState {
    pub options: ServeOptions,
    pub snapshot: RwLock<Snapshot>,
    pub clients: live::Clients,
    /// The last successful build, kept to re-render a single page.
    kept: Mutex<Option<one_page::Kept>>,
    /// Serialises rebuilds, so that two saves can't race.
    rebuild_lock: Mutex<()>,
}

/// Builds the site and serves it until the process is stopped.
pub fn serve(mut options: ServeOptions) -> Result<()> {
    // The watcher reports absolute paths; an absolute root lets them be matched.
    options.root = std::fs::canonicalize(&options.root)
        .map_err(|e| Error::io("can't find", &options.root, e))?;
    let shared = Arc::new(ServerState {
        options: options.clone(),
        snapshot: RwLock::new(Snapshot::default()),
        clients: live::Clients::default(),
        kept: Mutex::new(None),
        rebuild_lock: Mutex::new(()),
    });
    rebuild(&shared, &[]);

    let address = SocketAddr::new(options.interface, options.port);
    let server = tiny_http::Server::http(address).map_err(|e| {
        Error::io(
            "can't listen on",
            address.to_string(),
            std::io::Error::other(e.to_string()),
        )
    })?;
    let url = match server.server_addr().to_ip() {
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://{address}/"),
    };
    println!("Serving {url} (Ctrl-C to stop)");
    if prints(&options.root) {
        println!(
            "The preview leaves out the PDFs (print: true), which take seconds; `explainer build` makes them."
        );
    }
    if !options.interface.is_loopback() {
        eprintln!(
            "Warning: serving on {}, which other machines can reach.",
            options.interface
        );
    }

    let _watcher = watch::start(Arc::clone(&shared))?;
    ctrlc::set_handler(|| {
        println!("\nStopped.");
        std::process::exit(0);
    })
    .map_err(|e| {
        Error::io(
            "can't handle Ctrl-C",
            "",
            std::io::Error::other(e.to_string()),
        )
    })?;
    if options.open {
        open_browser(&url);
    }
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        // One thread a request: event streams stay open for as long as a tab does.
        std::thread::spawn(move || http::handle(request, &shared));
    }
    Ok(())
}

/// Brings the preview up to date after `changed` files were saved, and tells every open
/// tab. A change to the body of one page re-renders that page alone; anything else
/// rebuilds the whole site in memory.
pub fn rebuild(shared: &ServerState, changed: &[PathBuf]) {
    let _guard = shared
        .rebuild_lock
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let mut kept = shared.kept.lock().unwrap_or_else(|e| e.into_inner());
    // While the site is broken, only a full build can tell whether all is fixed.
    let broken = shared
        .snapshot
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .error
        .is_some();
    let one_page = match (changed, kept.as_mut()) {
        ([path], Some(kept)) if !broken && path.extension().is_some_and(|x| x == "md") => {
            one_page::again(kept, &shared.options.root, path)
        }
        _ => None,
    };
    let mut snapshot = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
    snapshot.generation += 1;
    match one_page {
        Some(Ok((path, html))) => {
            println!("Re-rendered {path} in {} ms", started.elapsed().as_millis());
            snapshot
                .files
                .insert(path, Arc::new(live::inject_script(html)));
            snapshot.error = None;
        }
        Some(Err(err)) => show_error(&mut snapshot, &err),
        None => match full_build(shared) {
            Ok((mut output, library)) => {
                let why = match changed {
                    [] => String::new(),
                    [one] => format!(" ({} changed)", shown(&shared.options.root, one)),
                    many => format!(" ({} files changed)", many.len()),
                };
                let ms = started.elapsed().as_millis();
                println!("Built {} pages in {ms} ms{why}", output.pages);
                snapshot.files = output
                    .files
                    .into_iter()
                    .map(|(path, text)| {
                        let text = if path.as_str().ends_with(".html") {
                            live::inject_script(text)
                        } else {
                            text
                        };
                        (path, Arc::new(text))
                    })
                    .collect();
                snapshot.assets = output.assets.files;
                snapshot.error = None;
                let outlines = std::mem::take(&mut output.outlines);
                *kept = Some(one_page::Kept { library, outlines });
            }
            Err(err) => {
                show_error(&mut snapshot, &err);
                *kept = None;
            }
        },
    }
    let generation = snapshot.generation;
    drop(snapshot);
    shared.clients.broadcast(generation);
}

/// Whether the site's settings ask for PDFs, as far as they can be read.
fn prints(root: &std::path::Path) -> bool {
    crate::config::settings::load(root, None).is_ok_and(|s| s.print)
}

fn shown(root: &std::path::Path, path: &std::path::Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn full_build(shared: &ServerState) -> Result<(InMemory, crate::library::Library)> {
    let options = BuildOptions {
        root: shared.options.root.clone(),
        output_dir: PathBuf::new(),
        base_url: None,
        drafts: shared.options.drafts,
        if_busy: crate::IfBusy::Stop,
        print: false,
    };
    crate::build_in_memory(&options)
}

fn show_error(snapshot: &mut Snapshot, err: &Error) {
    eprintln!(
        "{}",
        err.report(crate::diagnostics::problem::color_on_stderr())
    );
    eprintln!("Waiting for a fix; the preview shows the errors until then.");
    snapshot.error = Some(err.to_string());
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("Couldn't open a browser ({opener}: {e}); open {url} yourself.");
    }
}
