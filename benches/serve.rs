//! The review desk's speed on a 500-claim article beside the seeds: the article page and its
//! JSON served by a running `factcheck serve` (end to end over HTTP, from the binary), a
//! verdict saved through it, and the same work in memory (the desk core and the page
//! template, without HTTP). Targets: the page under 50 ms, a verdict under 20 ms.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion};
use factcheck::serve::desk::{Desk, VerdictRequest};
use factcheck::workspace::Workspace;

const ARTICLE: &str = "articles/long.txt";
const CLAIMS: usize = 500;

/// A repository with the seeds and one long article of `CLAIMS` claims, scanned.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::create_dir_all(dir.path().join("seeds")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("articles")).expect("mkdir");
    for entry in std::fs::read_dir(&seeds).expect("seeds").flatten() {
        std::fs::copy(
            entry.path(),
            dir.path().join("seeds").join(entry.file_name()),
        )
        .expect("copy seed");
    }
    let mut text = String::from("Port inspections through the year\n\n");
    for k in 0..CLAIMS / 2 {
        text.push_str(&format!(
            "Inspectors at the northern port counted {} containers and {} trucks.\n\n",
            10_000 + 37 * k,
            20 + (11 * k) % 900
        ));
    }
    std::fs::write(dir.path().join(ARTICLE), text).expect("write the article");
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "articles = [\"seeds/*.txt\", \"articles/*.txt\"]\n",
    )
    .expect("config");
    let status = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .arg("scan")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .status()
        .expect("scan");
    assert!(status.success(), "scan failed");
    dir
}

/// The ids of the long article's claims.
fn claim_ids(ws: &Workspace) -> Vec<String> {
    let desk = desk(ws);
    let view = desk.article(ARTICLE).expect("the long article");
    assert_eq!(view.claims.len(), CLAIMS, "the article has {CLAIMS} claims");
    view.claims.into_iter().map(|c| c.claim.id).collect()
}

fn desk(ws: &Workspace) -> Desk {
    Desk {
        ws: ws.clone(),
        given: Vec::new(),
        reviewer: Some("Bench".into()),
    }
}

/// A verdict that changes the file each time: the status alternates, the note counts.
fn verdict(ids: &[String], n: usize) -> VerdictRequest {
    VerdictRequest {
        article: ARTICLE.into(),
        id: ids[n % ids.len()].clone(),
        status: Some(
            if n.is_multiple_of(2) {
                "disputed"
            } else {
                "unsourced"
            }
            .into(),
        ),
        source: None,
        note: Some(format!("check {n}")),
        reviewer: None,
    }
}

/// `factcheck serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(["serve", "--port", "0", "--reviewer", "Bench"])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start factcheck serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the URL line");
        let url = line
            .trim()
            .strip_prefix("factcheck review desk: ")
            .expect("the URL")
            .to_string();
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn token(agent: &ureq::Agent, url: &str) -> String {
    let page = agent
        .get(url)
        .call()
        .expect("GET /")
        .body_mut()
        .read_to_string()
        .expect("page");
    let (_, rest) = page
        .split_once(r#"name="factcheck-token" content=""#)
        .expect("token");
    rest.split('"').next().expect("token").to_string()
}

fn over_http(c: &mut Criterion) {
    let dir = repository();
    let ws = Workspace::discover(dir.path()).expect("workspace");
    let ids = claim_ids(&ws);
    let server = Server::start(dir.path());
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let token = token(&agent, &server.url);
    let page = format!("{}article?path={ARTICLE}", server.url);
    let json = format!("{}api/article?path={ARTICLE}", server.url);
    let fetch = |url: &str| {
        let body = agent
            .get(url)
            .call()
            .expect("GET")
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .expect("body");
        assert!(body.len() > 10_000);
    };
    let mut group = c.benchmark_group("serve_500_claims_http");
    group.bench_function("article_page", |b| b.iter(|| fetch(&page)));
    group.bench_function("article_json", |b| b.iter(|| fetch(&json)));
    let mut n = 0;
    group.bench_function("verdict", |b| {
        b.iter(|| {
            n += 1;
            let v = verdict(&ids, n);
            let body = serde_json::json!({"article": v.article, "id": v.id, "status": v.status, "note": v.note});
            let response = agent
                .post(format!("{}api/verdict", server.url))
                .header("x-factcheck-token", &token)
                .send_json(&body)
                .expect("POST");
            assert_eq!(response.status().as_u16(), 200);
        })
    });
    group.finish();
}

fn in_memory(c: &mut Criterion) {
    let dir = repository();
    let ws = Workspace::discover(dir.path()).expect("workspace");
    let ids = claim_ids(&ws);
    let desk = desk(&ws);
    let mut group = c.benchmark_group("serve_500_claims_core");
    group.bench_function("article_page", |b| {
        b.iter(|| {
            let view = desk.article(ARTICLE).expect("the article");
            factcheck::render::desk::article("token", &view)
        })
    });
    let mut n = 0;
    group.bench_function("verdict", |b| {
        b.iter(|| {
            n += 1;
            desk.record(&verdict(&ids, n), "2025-03-01T12:00:00Z")
                .expect("saved")
        })
    });
    group.finish();
}

criterion_group!(benches, over_http, in_memory);
criterion_main!(benches);
