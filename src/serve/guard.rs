//! The rules every request to the desk passes before it is answered: the `Host` header must
//! name the address the server is bound to (against DNS rebinding), a state-changing request
//! must carry the run's token and no foreign `Origin`, and every response gets a strict
//! Content-Security-Policy and no-sniffing headers.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::Server;

/// The header that carries the run's token.
pub const TOKEN_HEADER: &str = "x-factcheck-token";

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// The rules, for one run: its token, and the `Host` values that name this server.
pub struct Guard {
    /// The per-run secret every state-changing request must carry, as 32 hex digits.
    pub token: String,
    /// The bound address, and `localhost` and the loopback addresses when on loopback.
    hosts: Vec<String>,
    /// Bound to every address (`0.0.0.0`, `::`): any IP address on the port names this
    /// server. A rebinding page always names a host, never an IP address.
    any_address: bool,
    port: u16,
}

impl Guard {
    /// The rules for a server bound to `addr`, with a fresh random token.
    pub fn new(addr: SocketAddr) -> Guard {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random source");
        let port = addr.port();
        let mut hosts = vec![addr.to_string()];
        if addr.ip().is_loopback() || addr.ip().is_unspecified() {
            hosts.extend([
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ]);
        }
        Guard {
            token: bytes.iter().map(|b| format!("{b:02x}")).collect(),
            hosts,
            any_address: addr.ip().is_unspecified(),
            port,
        }
    }

    fn names_this_server(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
            || (self.any_address
                && host
                    .parse::<SocketAddr>()
                    .is_ok_and(|addr| addr.port() == self.port))
    }

    /// Applies the rules to one request.
    pub fn admit(&self, method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
        let text = |name: header::HeaderName| {
            headers
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let host = text(header::HOST).unwrap_or_default();
        if !self.names_this_server(&host) {
            return Err(Refusal::Host(host));
        }
        if matches!(*method, Method::GET | Method::HEAD) {
            return Ok(());
        }
        if let Some(origin) = text(header::ORIGIN) {
            if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
                return Err(Refusal::Origin(origin));
            }
        }
        let token = headers.get(TOKEN_HEADER).map(HeaderValue::as_bytes);
        if !token.is_some_and(|t| same(t, self.token.as_bytes())) {
            return Err(Refusal::Token);
        }
        Ok(())
    }
}

/// Refuses what the rules forbid, and adds the security headers to what passes.
pub async fn check(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    if let Err(refusal) = server.guard.admit(request.method(), request.headers()) {
        return with_headers(refusal.into_response());
    }
    with_headers(next.run(request).await)
}

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No `Host`, or one naming another server: a rebinding page, or a proxy.
    Host(String),
    /// A state-changing request from another site.
    Origin(String),
    /// A state-changing request without this run's token.
    Token,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            Refusal::Host(host) => (
                StatusCode::MISDIRECTED_REQUEST,
                format!("refused: Host {host:?} is not this server's address; open the URL factcheck serve printed"),
            ),
            Refusal::Origin(origin) => (
                StatusCode::FORBIDDEN,
                format!("refused: a request from {origin:?} may not change review files"),
            ),
            Refusal::Token => (
                StatusCode::FORBIDDEN,
                format!("refused: the {TOKEN_HEADER} header is missing or wrong; reload the page to get this run's token"),
            ),
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn with_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(guard: &Guard, host: &str, origin: Option<&str>, token: &str) -> Result<(), Refusal> {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, host.parse().unwrap());
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, origin.parse().unwrap());
        }
        headers.insert(TOKEN_HEADER, token.parse().unwrap());
        guard.admit(&Method::POST, &headers)
    }

    #[test]
    fn loopback_takes_its_own_names_only() {
        let guard = Guard::new("127.0.0.1:8480".parse().unwrap());
        let token = guard.token.clone();
        assert_eq!(guard.token.len(), 32);
        assert_eq!(post(&guard, "localhost:8480", None, &token), Ok(()));
        let own = Some("http://127.0.0.1:8480");
        assert_eq!(post(&guard, "127.0.0.1:8480", own, &token), Ok(()));
        assert!(matches!(
            post(&guard, "evil.example:8480", None, &token),
            Err(Refusal::Host(_))
        ));
        assert!(matches!(
            post(&guard, "10.0.0.5:8480", None, &token),
            Err(Refusal::Host(_))
        ));
        let foreign = Some("http://localhost:8480");
        assert!(matches!(
            post(&guard, "127.0.0.1:8480", foreign, &token),
            Err(Refusal::Origin(_))
        ));
        assert_eq!(
            post(&guard, "127.0.0.1:8480", None, "nope"),
            Err(Refusal::Token)
        );
    }

    #[test]
    fn every_address_takes_any_ip_on_its_port_but_no_other_name() {
        let guard = Guard::new("0.0.0.0:8480".parse().unwrap());
        let token = guard.token.clone();
        let origin = Some("http://192.0.2.7:8480");
        assert_eq!(post(&guard, "192.0.2.7:8480", origin, &token), Ok(()));
        assert_eq!(post(&guard, "localhost:8480", None, &token), Ok(()));
        assert!(matches!(
            post(&guard, "192.0.2.7:9999", None, &token),
            Err(Refusal::Host(_))
        ));
        assert!(matches!(
            post(&guard, "desk.example:8480", None, &token),
            Err(Refusal::Host(_))
        ));
        assert_ne!(
            Guard::new("0.0.0.0:8480".parse().unwrap()).token,
            token,
            "a token per run"
        );
    }
}
