//! The desk's HTTP surface: the two pages, their embedded assets, the JSON API the pages use
//! (`GET /api/articles`, `GET /api/article?path=`, `POST /api/verdict`) and the event stream
//! that tells open pages to refresh. Handlers only translate: the work is in `desk`, run off
//! the event loop because it reads files and waits for locks.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::desk::{DeskError, VerdictRequest};
use super::{assets, guard, Server};
use crate::mark::MarkError;
use crate::render::desk as page;

/// Every route, behind the guard.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(overview_page))
        .route("/article", get(article_page))
        .route("/assets/{name}", get(asset))
        .route("/api/articles", get(articles))
        .route("/api/article", get(article))
        .route("/api/verdict", post(verdict))
        .route("/api/events", get(events))
        .layer(axum::middleware::from_fn_with_state(
            server.clone(),
            guard::check,
        ))
        .with_state(server)
}

#[derive(Deserialize)]
struct ArticleQuery {
    path: String,
}

/// Runs desk work on a blocking thread.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("desk work does not panic")
}

async fn overview_page(State(server): State<Arc<Server>>) -> Html<String> {
    Html(page::overview(&server.guard.token))
}

async fn article_page(
    State(server): State<Arc<Server>>,
    Query(query): Query<ArticleQuery>,
) -> Response {
    let token = server.guard.token.clone();
    let view = blocking(move || server.desk.article(&query.path)).await;
    match view {
        Ok(view) => Html(page::article(&token, &view)).into_response(),
        Err(e) => (status_of(&e), Html(page::error(&token, &e.to_string()))).into_response(),
    }
}

async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    match assets::find(&name) {
        Some((mime, body)) => ([(header::CONTENT_TYPE, mime)], body).into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}

async fn articles(State(server): State<Arc<Server>>) -> Response {
    Json(blocking(move || server.desk.overview()).await).into_response()
}

async fn article(State(server): State<Arc<Server>>, Query(query): Query<ArticleQuery>) -> Response {
    match blocking(move || server.desk.article(&query.path)).await {
        Ok(view) => Json(view).into_response(),
        Err(e) => error(&e),
    }
}

async fn verdict(
    State(server): State<Arc<Server>>,
    body: Result<Json<VerdictRequest>, JsonRejection>,
) -> Response {
    let request = match body {
        Ok(Json(request)) => request,
        Err(rejection) => return error(&DeskError::BadRequest(rejection.body_text())),
    };
    let now = match crate::clock::now() {
        Ok(now) => now,
        Err(e) => return error(&DeskError::BadRequest(e.to_string())),
    };
    match blocking(move || server.desk.record(&request, &now)).await {
        Ok(saved) => Json(saved).into_response(),
        Err(e) => error(&e),
    }
}

/// One `change` event each time review files or articles change on disk, until the server
/// stops.
async fn events(
    State(server): State<Arc<Server>>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let state = (server.changes.clone(), server.stopping.clone());
    let stream = futures_util::stream::unfold(state, |(mut changes, mut stopping)| async move {
        let changed = tokio::select! {
            changed = changes.changed() => changed.is_ok(),
            _ = stopping.wait_for(|stop| *stop) => false,
        };
        if !changed {
            return None;
        }
        let version = *changes.borrow_and_update();
        let event = Event::default().event("change").data(version.to_string());
        Some((Ok(event), (changes, stopping)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn status_of(e: &DeskError) -> StatusCode {
    match e {
        DeskError::NotServed(_) => StatusCode::NOT_FOUND,
        DeskError::Note(_) => StatusCode::CONFLICT,
        DeskError::BadRequest(_) => StatusCode::BAD_REQUEST,
        DeskError::Mark(MarkError::UnknownClaim { .. }) => StatusCode::NOT_FOUND,
        DeskError::Mark(MarkError::Retired(_) | MarkError::Stale(_)) => StatusCode::CONFLICT,
        DeskError::Mark(MarkError::Store(crate::review::store::StoreError::Busy { .. })) => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        DeskError::Mark(MarkError::Store(crate::review::store::StoreError::Io { .. })) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        DeskError::Unreadable(..) | DeskError::NoReviewer | DeskError::Mark(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

/// An error as JSON: `{"error": message}`, with `suggestions` when a verdict lacked a source
/// that another article already verified.
fn error(e: &DeskError) -> Response {
    let suggestions: Vec<serde_json::Value> = e
        .suggestions()
        .iter()
        .map(|s| serde_json::json!({ "path": s.path, "line": s.line, "source": s.source }))
        .collect();
    let mut body = serde_json::json!({ "error": e.to_string() });
    if !suggestions.is_empty() {
        body["suggestions"] = suggestions.into();
    }
    (status_of(e), Json(body)).into_response()
}
