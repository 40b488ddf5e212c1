//! `factcheck serve`: parses the address and starts the review desk, printing its URL.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;

use super::{report_error, Outcome};
use crate::mark::default_reviewer;
use crate::serve::{self, Desk};
use crate::workspace::Workspace;

/// The port the desk listens on unless told otherwise.
const DEFAULT_PORT: u16 = 8480;

#[derive(clap::Args)]
#[command(
    about = "Review claims in a browser: a local web page that edits the review files",
    long_about = "Start the review desk: a web page, served from this repository on this \
        machine, for reviewers who work in a browser. The overview lists every article with its \
        progress (the counts `factcheck status` gives), the most work first, and the figures \
        that disagree across articles. An article's page shows its text with every claim \
        marked in the colour of its verdict; selecting one (click, or j/k) opens its card: \
        the figure, its bound and trend, the sentence (with the words that changed since the \
        verdict), its history, the same figure in other articles, and a source already \
        verified elsewhere. The keys of `factcheck review` work on the page (v d u x s n b).\n\n\
        Each verdict is saved at once through the same store and lock as `factcheck mark`: \
        in place, comments and hand edits kept, so `git diff` shows it and a concurrent \
        `factcheck mark` loses nothing. Open pages update when review files or articles \
        change on disk.\n\n\
        The desk listens on 127.0.0.1 only, unless --bind says otherwise. Requests that change \
        files must carry the token of this run (the page has it) and come from the page's own \
        address. The same JSON API the page uses is open to other tools: see the README.",
    after_help = "Examples:\n  factcheck serve\n  factcheck serve --open\n  \
        factcheck serve --port 0                 # any free port\n  \
        factcheck serve --reviewer 'Ann Editor' seeds/\n\n\
        Exit status: 0 after Ctrl-C, 2 when the address cannot be used or nothing can be served."
)]
pub struct Args {
    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,

    /// Listen on this address instead of 127.0.0.1 (other machines may then read the articles)
    #[arg(long, value_name = "ADDR")]
    bind: Option<IpAddr>,

    /// Open the desk in the default browser
    #[arg(long)]
    open: bool,

    /// Who records verdicts (default: git's user.name; the page asks when there is none)
    #[arg(long)]
    reviewer: Option<String>,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let ip = args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        writeln!(
            err,
            "warning: listening on {ip}: anyone who can reach this machine can read the articles \
             and their review state (changes still need the page's token)"
        )?;
    }
    let listener = match TcpListener::bind(SocketAddr::new(ip, args.port)) {
        Ok(listener) => listener,
        Err(e) => {
            report_error(
                err,
                format!(
                    "cannot listen on {ip} port {}: {e}\n  help: pass --port N for another port (--port 0 picks a free one)",
                    args.port
                ),
            )?;
            return Ok(Outcome::Error);
        }
    };
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/");
    // Requests name articles from the root, whatever directory the desk was started in.
    let mut root_ws = ws.clone();
    root_ws.cwd = ws.root.clone();
    let desk = Desk {
        reviewer: args.reviewer.or_else(|| default_reviewer(&ws.root)),
        given: args.paths.iter().map(|p| ws.cwd.join(p)).collect(),
        ws: root_ws,
    };
    writeln!(out, "factcheck review desk: {url}")?;
    writeln!(
        out,
        "serving {} article{}; Ctrl-C stops",
        chosen.articles.len(),
        crate::render::plural(chosen.articles.len()),
    )?;
    out.flush()?;
    if args.open {
        if let Err(e) = opener::open(&url) {
            writeln!(
                err,
                "warning: cannot open a browser ({e}); open {url} yourself"
            )?;
        }
    }
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match serve::run(desk, listener, stop) {
        Ok(()) => Ok(Outcome::Clean.and(chosen.outcome)),
        Err(e) => {
            report_error(err, e)?;
            Ok(Outcome::Error)
        }
    }
}
