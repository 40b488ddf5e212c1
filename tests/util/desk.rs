//! A running `factcheck serve` on an ephemeral port, for the tests that talk to it as a
//! browser or another tool would: started in a sandbox, its URL read from what it prints,
//! stopped when dropped.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};

use super::Sandbox;

/// The review desk, serving a sandbox.
pub struct Desk {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// `127.0.0.1:PORT`
    pub host: String,
}

impl Desk {
    /// Starts `factcheck serve --port 0 ARGS` at the sandbox's root and waits for its URL.
    pub fn start(sb: &Sandbox, args: &[&str]) -> Desk {
        let mut child = sb
            .std_cmd_in(".")
            .args(["serve", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start factcheck serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        lines.read_line(&mut first).expect("read the URL line");
        let Some(url) = first.trim().strip_prefix("factcheck review desk: ") else {
            let mut err = String::new();
            let _ = child
                .stderr
                .take()
                .expect("stderr")
                .read_to_string(&mut err);
            panic!("factcheck serve did not print its URL: {first:?}\n{err}");
        };
        let url = url.to_string();
        let host = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        // Keep draining standard output so the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        Desk { child, url, host }
    }

    /// The URL of a path on the desk (`api/articles`, `article?path=…`).
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path.trim_start_matches('/'))
    }

    /// An HTTP client that returns error statuses as responses.
    pub fn client(&self) -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    /// The token the desk gives its pages, read from the overview page as a browser would.
    pub fn token(&self) -> String {
        let page = self
            .client()
            .get(&self.url)
            .call()
            .expect("GET /")
            .body_mut()
            .read_to_string()
            .expect("page text");
        let (_, rest) = page
            .split_once(r#"name="factcheck-token" content=""#)
            .expect("the page carries a token");
        rest.split('"').next().expect("token").to_string()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
