//! The review desk in a real browser: headless Chromium driven over chromedriver, as an
//! editor would use it. Opens the overview, follows the link to the Seoul article, selects
//! the 10,000-containers claim, marks it verified with a source from the keyboard, and checks
//! that the review file changed in place with its comments intact; then changes a file from
//! another process and checks that the page updates without losing a note being typed.
//!
//! Needs `chromedriver` (and Chromium) on the PATH, or `CHROMEDRIVER` naming the driver; the
//! test says so and passes without them, except in CI (`CI` set), which installs them.
//! `cargo test --test serve_browser -- --ignored` also writes the README's screenshot,
//! `docs/serve-article.png`.

mod util;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use util::desk::Desk;
use util::{by_id, claims, id_of, insert_before, review_rel, s, Sandbox};

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";
const SOURCE: &str = "Bloomberg interview with Shin Won-sik, 14 June 2024";

/// A program on the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// chromedriver, running on a free port for as long as it lives.
struct Driver {
    child: Child,
    url: String,
    profile: tempfile::TempDir,
}

impl Driver {
    /// Starts chromedriver, or says why not and returns `None` (a failure in CI).
    fn start() -> Option<Driver> {
        let found = std::env::var_os("CHROMEDRIVER")
            .map(PathBuf::from)
            .or_else(|| on_path("chromedriver"));
        let Some(program) = found else {
            let message = "no chromedriver on the PATH (install chromium and chromium-driver, \
                or set CHROMEDRIVER): the browser test did not run";
            assert!(std::env::var_os("CI").is_none(), "{message}");
            eprintln!("skipped: {message}");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            profile: tempfile::tempdir().expect("a browser profile directory"),
        })
    }

    /// A headless Chromium session with a fresh profile and nothing that reaches the network.
    async fn browser(&self) -> Client {
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1400,1000".into(),
            "--hide-scrollbars".into(),
        ];
        args.push(format!("--user-data-dir={}", self.profile.path().display()));
        let mut options = serde_json::json!({ "args": args });
        if let Some(chromium) = on_path("chromium") {
            options["binary"] = chromium.display().to_string().into();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a browser session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `ready` holds, polling; fails with `what` after 15 s.
async fn until<F, Fut>(what: &str, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !ready().await {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn text_of(browser: &Client, css: &str) -> String {
    match browser.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn class_of(e: &Element) -> String {
    e.attr("class").await.ok().flatten().unwrap_or_default()
}

/// A git repository of the scanned seeds, with a reviewer's comment in the Seoul review file.
fn newsroom() -> (Sandbox, String) {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let commented = insert_before(
        &sb.review_text(SEOUL),
        &containers,
        "status",
        "# ask Bloomberg for the container count\n",
    );
    sb.write(&review_rel(SEOUL), &commented);
    sb.git_user("Dana Editor");
    git(&sb, &["add", "-A"]);
    git(&sb, &["commit", "-qm", "scan"]);
    (sb, containers)
}

fn git(sb: &Sandbox, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(sb.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", sb.path(".gitconfig-absent"))
        .env("GIT_AUTHOR_EMAIL", "dana@example.invalid")
        .env("GIT_COMMITTER_EMAIL", "dana@example.invalid")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Opens the Seoul article from the overview and selects the claim with `id`.
async fn open_claim(browser: &Client, desk: &Desk, id: &str) -> Element {
    browser.goto(&desk.url).await.expect("open the overview");
    let link = format!("#articles a[href*='{}']", SEOUL.replace('/', "%2F"));
    // The rows are drawn by the page's script, and drawn again when files change.
    until("the overview's link to the article", || async {
        match browser.find(Locator::Css(&link)).await {
            Ok(a) => a.click().await.is_ok(),
            Err(_) => false,
        }
    })
    .await;
    let mark = format!("#text mark[data-id='{id}']");
    until("the article's claims", || async {
        browser.find(Locator::Css(&mark)).await.is_ok()
    })
    .await;
    let claim = browser.find(Locator::Css(&mark)).await.expect("the claim");
    claim.click().await.expect("select the claim");
    until("the claim's card", || async {
        text_of(browser, "#card h2").await == "at least 10,000 containers"
    })
    .await;
    claim
}

#[tokio::test(flavor = "current_thread")]
async fn an_editor_verifies_a_claim_in_the_browser() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let (sb, containers) = newsroom();
    let before = sb.review_text(SEOUL);
    let desk = Desk::start(&sb, &[]);
    let browser = driver.browser().await;
    let claim = open_claim(&browser, &desk, &containers).await;
    let card = text_of(&browser, "#card").await;
    for shown in [
        "≥10,000 containers",
        "at least",
        "seeds/003_673378493a6c0162.txt",
    ] {
        assert!(card.contains(shown), "the card shows {shown:?}:\n{card}");
    }

    // `v` opens the source field, as in `factcheck review`; Enter saves.
    browser
        .active_element()
        .await
        .expect("the focused element")
        .send_keys("v")
        .await
        .expect("press v");
    let source = browser.find(Locator::Css("#source")).await.expect("source");
    until("the source field to take the focus", || async {
        browser.active_element().await.ok().map(|e| e.element_id()) == Some(source.element_id())
    })
    .await;
    source.send_keys(SOURCE).await.expect("type the source");
    source
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    until("the saved message", || async {
        text_of(&browser, "#card .message")
            .await
            .starts_with("Saved as verified")
    })
    .await;

    let after = sb.review_text(SEOUL);
    let claim_after = by_id(&claims(&sb.review(SEOUL)), &containers).clone();
    assert_eq!(s(&claim_after, "status"), "verified");
    assert_eq!(s(&claim_after, "source"), SOURCE);
    assert_eq!(s(&claim_after, "reviewer"), "Dana Editor");
    assert!(
        after.contains("# ask Bloomberg for the container count\nstatus = \"verified\""),
        "the comment stays in place:\n{after}"
    );
    let diff = git(&sb, &["diff", "-U0", "--", &review_rel(SEOUL)]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| (l.starts_with('+') || l.starts_with('-')) && !l.starts_with("+++"))
        .filter(|l| !l.starts_with("---"))
        .collect();
    assert_eq!(
        changed,
        vec![
            "-status = \"pending\"",
            "-source = \"\"",
            "+status = \"verified\"",
            &format!("+source = \"{SOURCE}\""),
            "-reviewer = \"\"",
            "-reviewed_at = \"\"",
            "+reviewer = \"Dana Editor\"",
            "+reviewed_at = \"2025-03-01T12:00:00Z\"",
        ],
        "git diff shows the verdict and nothing else"
    );
    assert_eq!(before.lines().count(), after.lines().count());
    until("the claim to turn verified", || async {
        class_of(&claim).await.contains("st-verified")
    })
    .await;

    // A note being typed survives a change made meanwhile in another terminal.
    browser
        .find(Locator::Css("#note"))
        .await
        .expect("note")
        .send_keys("half-typed")
        .await
        .expect("type a note");
    let other = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    sb.run(&[
        "mark",
        SEOUL,
        &other,
        "--status",
        "disputed",
        "--note",
        "MoD",
        "--reviewer",
        "Bo",
    ])
    .expect(0);
    let other_mark = browser
        .find(Locator::Css(&format!("#text mark[data-id='{other}']")))
        .await
        .expect("the other claim");
    until("the page to show the other terminal's verdict", || async {
        class_of(&other_mark).await.contains("st-disputed")
    })
    .await;
    let note = browser.find(Locator::Css("#note")).await.expect("note");
    assert_eq!(
        note.prop("value").await.expect("the note").as_deref(),
        Some("half-typed")
    );
    browser.close().await.expect("close the browser");
}

/// Writes `docs/serve-article.png`, the README's picture of the article page.
#[tokio::test(flavor = "current_thread")]
#[ignore = "writes docs/serve-article.png; run with --ignored"]
async fn screenshot_of_the_article_page() {
    let driver = Driver::start().expect("chromedriver, to take the screenshot");
    let (sb, containers) = newsroom();
    let rounds = id_of(&sb.review(SEOUL), "4.8 Million Rounds of Shells");
    sb.run(&[
        "mark",
        SEOUL,
        &rounds,
        "--status",
        "verified",
        "--source",
        "Yonhap, 13 June 2024",
    ])
    .expect(0);
    let times = "seeds/003_673378493a6c0162.txt";
    let sea = id_of(&sb.review(times), "at least 10,000 sea containers");
    sb.run(&[
        "mark",
        times,
        &sea,
        "--status",
        "verified",
        "--source",
        "South Korean defence ministry",
    ])
    .expect(0);
    let desk = Desk::start(&sb, &[]);
    let browser = driver.browser().await;
    browser
        .set_window_size(1280, 1100)
        .await
        .expect("window size");
    open_claim(&browser, &desk, &containers).await;
    let png = browser.screenshot().await.expect("a screenshot");
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/serve-article.png");
    std::fs::create_dir_all(out.parent().unwrap()).expect("docs/");
    std::fs::write(&out, png).expect("write the screenshot");
    browser.close().await.expect("close the browser");
}
