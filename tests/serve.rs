//! `factcheck serve` talked to over HTTP as the page and other tools do, on scanned copies of
//! the seeds: the JSON API (articles, one article, verdicts saved in place), the live event
//! stream, and the refusals that keep it safe (token, origin, host, paths, escaping).

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};
use util::desk::Desk;
use util::{by_id, claims, id_of, insert_before, review_rel, s, Sandbox, NOW};

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";
const TIMES: &str = "seeds/003_673378493a6c0162.txt";

fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    sb
}

fn get_json(desk: &Desk, path: &str) -> (u16, Value) {
    let mut response = desk.client().get(&desk.at(path)).call().expect("GET");
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().expect("JSON body"))
}

/// POSTs a verdict with the given token (none when `None`) and extra headers.
fn post(desk: &Desk, token: Option<&str>, headers: &[(&str, &str)], body: &Value) -> (u16, Value) {
    let mut request = desk.client().post(&desk.at("api/verdict"));
    if let Some(token) = token {
        request = request.header("x-factcheck-token", token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.send_json(body).expect("POST");
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().expect("JSON body"))
}

/// Sends one request with exactly the given head, as a rebinding page's browser would, and
/// returns the status code.
fn raw_status(desk: &Desk, head: &str) -> u16 {
    let mut stream = TcpStream::connect(&desk.host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(head.as_bytes()).expect("send");
    let mut line = String::new();
    BufReader::new(stream)
        .read_line(&mut line)
        .expect("status line");
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {line:?}"))
}

#[test]
fn lists_articles_with_the_counts_status_gives_most_work_first() {
    let sb = scanned();
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    sb.run(&[
        "mark",
        SEOUL,
        &containers,
        "--status",
        "disputed",
        "--note",
        "MoD says fewer",
        "--reviewer",
        "Ann",
    ])
    .expect(0);
    let desk = Desk::start(&sb, &[]);
    let (code, overview) = get_json(&desk, "api/articles");
    assert_eq!(code, 200);
    let status: Value =
        serde_json::from_str(&sb.run(&["status", "--format", "json"]).stdout).expect("status JSON");
    let rows = overview["articles"].as_array().expect("articles");
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    let status_rows = status["articles"].as_array().expect("status articles");
    let status_paths: Vec<&str> = status_rows
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, status_paths, "the same order as `factcheck status`");
    for (row, expected) in rows.iter().zip(status_rows) {
        for key in ["claims", "verified", "disputed", "pending", "changed"] {
            assert_eq!(row[key], expected[key], "{key} of {}", row["path"]);
        }
    }
    let seoul = rows.iter().find(|r| r["path"] == SEOUL).expect("Seoul row");
    assert_eq!(seoul["disputed"], 1);
    assert_eq!(
        seoul["title"],
        "South Korea: North Korea has Sent 4.8 Million Rounds of Shells to Russia"
    );
    let things: Vec<&str> = overview["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .map(|g| g["thing"].as_str().unwrap())
        .collect();
    assert!(things.contains(&"shipment"), "open conflicts: {things:?}");
    assert!(
        !things.contains(&"container"),
        "compatible, so not open: {things:?}"
    );
    assert_eq!(overview["reviewer"], "sandbox-user");
}

#[test]
fn reads_one_article_with_the_card_of_each_claim() {
    let sb = scanned();
    let times_containers = id_of(&sb.review(TIMES), "at least 10,000 sea containers");
    sb.run(&[
        "mark",
        TIMES,
        &times_containers,
        "--status",
        "verified",
        "--source",
        "South Korean defence ministry, 14 June",
    ])
    .expect(0);
    let desk = Desk::start(&sb, &[]);
    let (code, view) = get_json(&desk, &format!("api/article?path={SEOUL}"));
    assert_eq!(code, 200, "{view}");
    assert_eq!(view["path"], SEOUL);
    let text = view["text"].as_str().expect("text");
    assert_eq!(text, sb.read(SEOUL), "the article as written");
    let cards = view["claims"].as_array().expect("claims");
    assert_eq!(cards.len(), claims(&sb.review(SEOUL)).len());
    let card = cards
        .iter()
        .find(|c| c["text"] == "at least 10,000 containers")
        .expect("the containers claim");
    assert_eq!(card["figure"], "≥10,000 containers");
    assert_eq!(card["value"], 10000.0);
    assert_eq!(card["bound"], "at_least");
    assert_eq!(card["status"], "pending");
    let (start, end) = (
        card["start"].as_u64().unwrap() as usize,
        card["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "at least 10,000 containers");
    let elsewhere: Vec<&str> = card["elsewhere"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert!(elsewhere.contains(&TIMES), "{elsewhere:?}");
    assert_eq!(
        card["suggested_source"]["source"], "South Korean defence ministry, 14 June",
        "the source verified for the same figure in another article is offered"
    );
}

#[test]
fn a_verdict_is_saved_in_place_with_comments_kept() {
    let sb = scanned();
    let review = review_rel(SEOUL);
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let commented = insert_before(
        &sb.review_text(SEOUL),
        &containers,
        "status",
        "# ask Bloomberg for the count\n",
    );
    sb.write(&review, &commented);
    let desk = Desk::start(&sb, &[]);
    let token = desk.token();
    let (code, saved) = post(
        &desk,
        Some(&token),
        &[],
        &json!({"article": SEOUL, "id": containers, "status": "verified",
                "source": "Bloomberg, 14 June 2024", "reviewer": "Ann"}),
    );
    assert_eq!(code, 200, "{saved}");
    assert_eq!(saved["review_file"], review);
    assert_eq!(saved["status"], "verified");
    assert_eq!(saved["reviewed_at"], NOW);
    let after = sb.review_text(SEOUL);
    let expected = commented
        .replacen(
            "# ask Bloomberg for the count\nstatus = \"pending\"\nsource = \"\"",
            "# ask Bloomberg for the count\nstatus = \"verified\"\nsource = \"Bloomberg, 14 June 2024\"",
            1,
        );
    let claim = by_id(&claims(&sb.review(SEOUL)), &containers).clone();
    assert_eq!(s(&claim, "reviewer"), "Ann");
    assert_eq!(s(&claim, "reviewed_at"), NOW);
    // Only the verdict's lines changed: the comment and every other line are as they were.
    let changed: Vec<(&str, &str)> = expected
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            ("reviewer = \"\"", "reviewer = \"Ann\""),
            (
                "reviewed_at = \"\"",
                "reviewed_at = \"2025-03-01T12:00:00Z\""
            ),
        ]
    );
    assert_eq!(expected.lines().count(), after.lines().count());

    // A note alone keeps the verdict.
    let (code, saved) = post(
        &desk,
        Some(&token),
        &[],
        &json!({"article": SEOUL, "id": containers, "note": "count confirmed by the desk"}),
    );
    assert_eq!(code, 200, "{saved}");
    let claim = by_id(&claims(&sb.review(SEOUL)), &containers).clone();
    assert_eq!(
        (
            s(&claim, "status"),
            s(&claim, "note"),
            s(&claim, "reviewer")
        ),
        ("verified", "count confirmed by the desk", "Ann")
    );
}

#[test]
fn a_verdict_the_store_refuses_changes_nothing() {
    let sb = scanned();
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let desk = Desk::start(&sb, &[]);
    let token = desk.token();
    let before = sb.review_text(SEOUL);
    let cases = [
        (
            json!({"article": SEOUL, "id": containers, "status": "verified"}),
            422,
            "verified needs a source",
        ),
        (
            json!({"article": SEOUL, "id": "zzzzzz", "status": "dismissed"}),
            404,
            "claim `zzzzzz` is not in",
        ),
        (
            json!({"article": SEOUL, "id": containers, "status": "sure"}),
            400,
            "unknown status \"sure\"",
        ),
        (
            json!({"article": "../outside.txt", "id": containers, "status": "dismissed"}),
            404,
            "not an article of this repository",
        ),
        (
            json!({"article": "/etc/passwd", "id": containers, "status": "dismissed"}),
            404,
            "not an article of this repository",
        ),
        (
            json!({"article": SEOUL, "id": containers, "status": "dismissed", "extra": 1}),
            400,
            "unknown field `extra`",
        ),
    ];
    for (body, code, message) in cases {
        let (got, answer) = post(&desk, Some(&token), &[], &body);
        assert_eq!(got, code, "{body} → {answer}");
        let error = answer["error"].as_str().expect("an error message");
        assert!(error.contains(message), "{body}: {error}");
    }
    assert_eq!(sb.review_text(SEOUL), before);

    // An article edited since its scan: verdicts would judge stale sentences.
    sb.edit(SEOUL, "Recently,", "Lately,");
    let (code, answer) = post(
        &desk,
        Some(&token),
        &[],
        &json!({"article": SEOUL, "id": containers, "status": "dismissed"}),
    );
    assert_eq!(code, 409, "{answer}");
    assert!(answer["error"]
        .as_str()
        .unwrap()
        .contains("run `factcheck scan"));
    assert_eq!(sb.review_text(SEOUL), before);
}

#[test]
fn changing_requests_need_the_token_and_the_desk_s_own_origin_and_host() {
    let sb = scanned();
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let desk = Desk::start(&sb, &[]);
    let token = desk.token();
    let before = sb.review_text(SEOUL);
    let body =
        json!({"article": SEOUL, "id": containers, "status": "dismissed", "reviewer": "Eve"});
    let (code, answer) = post(&desk, None, &[], &body);
    assert_eq!(code, 403, "{answer}");
    assert!(answer["error"]
        .as_str()
        .unwrap()
        .contains("x-factcheck-token"));
    let (code, _) = post(&desk, Some("0123456789abcdef0123456789abcdef"), &[], &body);
    assert_eq!(code, 403);
    let (code, answer) = post(
        &desk,
        Some(&token),
        &[("Origin", "http://evil.example")],
        &body,
    );
    assert_eq!(code, 403, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("evil.example"));
    // A page on another name that resolves here (DNS rebinding) sends its own Host.
    let forged = format!(
        "POST /api/verdict HTTP/1.1\r\nHost: evil.example:{}\r\nx-factcheck-token: {token}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        desk.host.rsplit(':').next().unwrap(),
        body.to_string().len()
    );
    assert_eq!(raw_status(&desk, &forged), 421);
    let read = "GET /api/articles HTTP/1.1\r\nHost: evil.example\r\n\r\n";
    assert_eq!(raw_status(&desk, read), 421, "reading is refused too");
    assert_eq!(sb.review_text(SEOUL), before, "nothing was written");

    // The page's own origin, with the token, is accepted.
    let (code, answer) = post(
        &desk,
        Some(&token),
        &[("Origin", desk.url.trim_end_matches('/'))],
        &body,
    );
    assert_eq!(code, 200, "{answer}");
}

#[test]
fn every_response_forbids_remote_and_inline_content() {
    let sb = scanned();
    let desk = Desk::start(&sb, &[]);
    for path in [
        String::new(),
        format!("article?path={SEOUL}"),
        "api/articles".to_string(),
        "assets/desk.js".to_string(),
        "article?path=../../etc/passwd".to_string(),
    ] {
        let response = desk.client().get(&desk.at(&path)).call().expect("GET");
        let csp = response
            .headers()
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        let nosniff = response.headers().get("x-content-type-options");
        assert_eq!(nosniff.map(|v| v.to_str().unwrap()), Some("nosniff"));
    }
    let mut page = desk
        .client()
        .get(&desk.at(&format!("article?path={SEOUL}")))
        .call()
        .expect("GET article");
    let html = page.body_mut().read_to_string().expect("page");
    assert!(!html.contains("<script>"), "no inline script");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing remote"
    );
    let outside = desk
        .client()
        .get(&desk.at("article?path=../../etc/passwd"))
        .call()
        .expect("GET outside");
    assert_eq!(outside.status().as_u16(), 404);
}

#[test]
fn article_text_and_review_input_are_shown_as_text() {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"news/*.txt\"]\n");
    sb.write(
        "news/hostile.txt",
        "<script>alert('x')</script> Officials said 5,000 <b>troops</b> crossed.\n",
    );
    sb.scan(&[]);
    let desk = Desk::start(&sb, &[]);
    let token = desk.token();
    let (_, view) = get_json(&desk, "api/article?path=news/hostile.txt");
    let id = view["claims"][0]["id"]
        .as_str()
        .expect("a claim")
        .to_string();
    let (code, _) = post(
        &desk,
        Some(&token),
        &[],
        &json!({"article": "news/hostile.txt", "id": id, "status": "disputed",
                "note": "<img src=x onerror=alert(1)>", "reviewer": "<i>Ann</i>"}),
    );
    assert_eq!(code, 200);
    let mut page = desk
        .client()
        .get(&desk.at("article?path=news/hostile.txt"))
        .call()
        .expect("GET article");
    let html = page.body_mut().read_to_string().expect("page");
    assert!(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;b&gt;troops&lt;/b&gt;"), "{html}");
}

/// Reads server-sent events until one named `change` arrives.
fn next_change(events: &mut impl BufRead) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            events.read_line(&mut line).expect("an event") > 0,
            "stream ended"
        );
        if line.trim() == "event: change" {
            return line;
        }
    }
}

#[test]
fn open_pages_hear_of_changes_made_on_disk() {
    let sb = scanned();
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let desk = Desk::start(&sb, &[]);
    let mut stream = TcpStream::connect(&desk.host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        desk.host
    )
    .expect("subscribe");
    let mut events = BufReader::new(stream);
    let mut status = String::new();
    events.read_line(&mut status).expect("status line");
    assert!(status.contains("200"), "{status}");
    // Give the watcher a moment to be listening before the change.
    std::thread::sleep(Duration::from_millis(300));
    sb.run(&[
        "mark",
        SEOUL,
        &containers,
        "--status",
        "dismissed",
        "--reviewer",
        "Bo",
    ])
    .expect(0);
    next_change(&mut events);
    let (_, view) = get_json(&desk, &format!("api/article?path={SEOUL}"));
    let card = view["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == containers.as_str())
        .expect("card")
        .clone();
    assert_eq!(card["status"], "dismissed", "the page reads the new state");
    // An article edited on disk is a change too, and the article now reads as stale.
    sb.edit(SEOUL, "Recently,", "Lately,");
    next_change(&mut events);
    let (_, view) = get_json(&desk, &format!("api/article?path={SEOUL}"));
    assert_eq!(view["stale"], true);
}

#[test]
fn verdicts_from_the_desk_and_from_mark_at_once_are_all_kept() {
    let sb = scanned();
    let ids: Vec<String> = claims(&sb.review(SEOUL))
        .iter()
        .map(|c| s(c, "id").to_string())
        .collect();
    let desk = Desk::start(&sb, &[]);
    let token = desk.token();
    let by_desk: Vec<&String> = ids.iter().step_by(2).collect();
    let by_mark: Vec<&String> = ids.iter().skip(1).step_by(2).collect();
    std::thread::scope(|scope| {
        for id in &by_mark {
            let sb = &sb;
            scope.spawn(move || {
                sb.run(&[
                    "mark",
                    SEOUL,
                    id,
                    "--status",
                    "unsourced",
                    "--reviewer",
                    "Mark",
                ])
                .expect(0);
            });
        }
        for id in &by_desk {
            let (desk, token) = (&desk, &token);
            scope.spawn(move || {
                let body =
                    json!({"article": SEOUL, "id": id, "status": "dismissed", "reviewer": "Desk"});
                let (code, answer) = post(desk, Some(token), &[], &body);
                assert_eq!(code, 200, "{answer}");
            });
        }
    });
    let review = sb.review(SEOUL);
    let after = claims(&review);
    for id in &by_mark {
        assert_eq!(s(by_id(&after, id), "status"), "unsourced", "{id}");
    }
    for id in &by_desk {
        assert_eq!(s(by_id(&after, id), "status"), "dismissed", "{id}");
    }
}

#[test]
fn serve_refuses_a_port_in_use_and_warns_off_loopback() {
    let sb = scanned();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().unwrap().port().to_string();
    let run = sb.run(&["serve", "--port", &port]).expect(2);
    assert!(
        run.stderr.contains("cannot listen on 127.0.0.1 port"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);

    let mut child = sb
        .std_cmd_in(".")
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut err = child.stderr.take().unwrap();
    let mut warning = [0u8; 40];
    err.read_exact(&mut warning).expect("a warning");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(&warning, b"warning: listening on 0.0.0.0: anyone wh");
}
