//! The rules every request to the desk passes before it is answered: the `Host` header must
//! name the address the server is bound to (against DNS rebinding), a state-changing request
//! must carry the run's token and no foreign `Origin`, and every response gets a strict
//! Content-Security-Policy and no-sniffing headers.

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

/// Refuses what the rules forbid, and adds the security headers to what passes.
pub async fn check(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    if let Err(refusal) = admit(&server, request.method(), request.headers()) {
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

/// Applies the rules to one request.
pub fn admit(server: &Server, method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let host = text(header::HOST).unwrap_or_default();
    if !server.hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return Err(Refusal::Host(host));
    }
    if matches!(*method, Method::GET | Method::HEAD) {
        return Ok(());
    }
    if let Some(origin) = text(header::ORIGIN) {
        let ours = server
            .hosts
            .iter()
            .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")));
        if !ours {
            return Err(Refusal::Origin(origin));
        }
    }
    let token = headers.get(TOKEN_HEADER).map(HeaderValue::as_bytes);
    if !token.is_some_and(|t| same(t, server.token.as_bytes())) {
        return Err(Refusal::Token);
    }
    Ok(())
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
