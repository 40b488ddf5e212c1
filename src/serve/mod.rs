//! `factcheck serve`: the review desk in a browser. A local web server (axum on tokio) that
//! serves an overview page, one page per article and a small JSON API, records verdicts
//! through the review store like `factcheck mark`, and tells open pages when review files or
//! articles change on disk. `desk` holds what is shown and recorded, `guard` the rules every
//! request passes (host, origin, token, headers), `routes` the HTTP surface, `watch` the file
//! watcher, and `assets` the page's embedded script and style.

mod assets;
pub mod desk;
mod guard;
mod routes;
mod watch;

use std::future::Future;
use std::sync::Arc;

use tokio::sync::watch as channel;

pub use desk::Desk;

/// What the server needs besides the desk.
pub struct Server {
    pub desk: Desk,
    /// The rules requests must pass, with this run's token.
    pub guard: guard::Guard,
    /// Counts changes seen on disk; pages listen to it.
    pub changes: channel::Receiver<u64>,
    /// Turns true when the server is stopping, to end the pages' event streams.
    pub stopping: channel::Receiver<bool>,
}

/// Why the server could not run.
#[derive(Debug)]
pub enum ServeError {
    Runtime(std::io::Error),
    Watch(String),
    Io(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Runtime(e) => write!(f, "cannot start the server: {e}"),
            ServeError::Watch(e) => write!(f, "cannot watch the repository for changes: {e}"),
            ServeError::Io(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

/// Serves the desk on `listener` until `shutdown` completes.
pub fn run(
    desk: Desk,
    listener: std::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let addr = listener.local_addr().map_err(ServeError::Runtime)?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    let (changed, changes) = channel::channel(0u64);
    let _watcher = watch::start(&desk, changed).map_err(ServeError::Watch)?;
    let (stop, stopping) = channel::channel(false);
    let server = Arc::new(Server {
        desk,
        guard: guard::Guard::new(addr),
        changes,
        stopping,
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
        let app = routes::router(server);
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                shutdown.await;
                let _ = stop.send(true);
            })
            .await
            .map_err(ServeError::Io)
    })
}
