// The review desk's page script: fills the overview and the claim card from the JSON API,
// records verdicts through it, follows the keys of `factcheck review`, and refreshes what is
// shown when files change on disk without touching a field being typed. Text is only ever
// inserted as text nodes, never as HTML.
"use strict";

(() => {
  const token = document.querySelector('meta[name="factcheck-token"]').content;
  const $ = (selector) => document.querySelector(selector);
  const NAME_KEY = "factcheck-reviewer";

  /** An element with attributes, listeners (`on…`) and children (strings become text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v === true) e.setAttribute(k, "");
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) {
      if (c !== null && c !== undefined && c !== false) e.append(c);
    }
    return e;
  }

  /** GET, or POST `body` as JSON with this run's token; throws with the server's message. */
  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST",
      headers: { "content-type": "application/json", "x-factcheck-token": token },
      body: JSON.stringify(body),
    };
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw Object.assign(new Error(data.error || response.statusText), { data });
    return data;
  }

  /** Calls `refresh` whenever the server says files changed, and after a reconnect (changes
   * may have been missed meanwhile). */
  function live(refresh) {
    const events = new EventSource("/api/events");
    let opened = false;
    events.addEventListener("change", () => refresh());
    events.addEventListener("open", () => { if (opened) refresh(); opened = true; });
  }

  const articleUrl = (path, id) =>
    "/article?path=" + encodeURIComponent(path) + (id ? "#claim-" + encodeURIComponent(id) : "");

  // The reviewer: the name given on the page, else the one the server knows from git.
  const reviewer = {
    server: null,
    get name() { return localStorage.getItem(NAME_KEY) || this.server || ""; },
    set(name) { localStorage.setItem(NAME_KEY, name.trim()); this.show(); },
    show() {
      const box = $("#reviewer");
      if (this.name) {
        box.replaceChildren("Reviewing as ", el("strong", {}, this.name), " ",
          el("button", { type: "button", class: "link", onclick: () => this.ask() }, "change"));
      } else {
        this.ask();
      }
    },
    ask() {
      const input = el("input", { id: "reviewer-name", value: this.name, placeholder: "Your name", autocomplete: "name" });
      const form = el("form", { onsubmit: (e) => { e.preventDefault(); if (input.value.trim()) this.set(input.value); } },
        el("label", {}, "Your name, for the review record ", input), " ", el("button", { type: "submit" }, "Save"));
      $("#reviewer").replaceChildren(form);
    },
  };

  // ---- The overview -------------------------------------------------------------------------

  const COUNTS = ["claims", "verified", "disputed", "unsourced", "dismissed", "pending", "changed", "conflicted"];

  function shown(row, filter, path) {
    if (path && !row.path.toLowerCase().includes(path.toLowerCase())) return false;
    switch (filter) {
      case "": return true;
      case "open": return row.open > 0 || row.not_scanned || row.unreadable || row.out_of_date;
      case "out_of_date": return row.out_of_date;
      case "done": return row.claims > 0 && row.open === 0 && !row.out_of_date;
      default: return row[filter] > 0;
    }
  }

  function articleRow(row) {
    const flags = [];
    if (row.not_scanned) flags.push(el("span", { class: "flag" }, "not scanned"));
    if (row.unreadable) flags.push(el("span", { class: "flag bad" }, "cannot be read"));
    if (row.out_of_date) flags.push(el("span", { class: "flag" }, "out of date"));
    const done = row.verified + row.dismissed;
    return el("tr", {},
      el("td", { class: "path" },
        el("a", { href: articleUrl(row.path) }, row.path), " ", flags,
        el("div", { class: "title" }, row.title),
        row.claims ? el("progress", { max: row.claims, value: done, title: done + " of " + row.claims + " done" }) : null),
      COUNTS.map((name) => el("td", { class: "num n-" + name + (row[name] ? "" : " zero") }, String(row[name]))));
  }

  function conflictGroup(group) {
    const said = (figure) => figure.occurrences[0].text;
    return el("section", { class: "conflict" },
      el("h3", {}, group.thing, " ", el("code", { class: "group-id" }, group.id)),
      el("ul", {}, group.figures.flatMap((figure) => figure.occurrences.map((o) =>
        el("li", {},
          el("q", {}, o.text), " ",
          el("a", { href: articleUrl(o.path, o.claim_id) }, o.path + ":" + o.line),
          " ", el("code", {}, o.claim_id),
          " ", el("span", { class: "badge st-" + o.status }, o.status),
          o.attribution ? el("span", { class: "attribution" }, " per " + o.attribution) : null,
          o.source ? el("span", { class: "source" }, " source: " + o.source) : null)))),
      el("p", { class: "disagree" }, "Cannot both be true: ",
        group.disagreements.map((d, k) => [k ? "; " : "", "“" + said(group.figures[d.a]) + "” vs “" + said(group.figures[d.b]) + "”"])));
  }

  async function overview() {
    const filter = $("#filter-status");
    const path = $("#filter-path");
    const params = new URLSearchParams(location.search);
    filter.value = params.get("status") || "";
    path.value = params.get("path") || "";
    let data = null;
    const draw = () => {
      if (!data) return;
      const rows = data.articles.filter((row) => shown(row, filter.value, path.value.trim()));
      $("#articles tbody").replaceChildren(...rows.map(articleRow));
      $("#empty").hidden = rows.length > 0;
      $("#problems").replaceChildren(...data.problems.map((p) => el("li", { class: "warning" }, p)));
      $("#conflicts").replaceChildren(...(data.conflicts.length
        ? data.conflicts.map(conflictGroup)
        : [el("p", {}, "None: no two articles give figures for the same thing that cannot both be true.")]));
    };
    const remember = () => {
      const query = new URLSearchParams();
      if (filter.value) query.set("status", filter.value);
      if (path.value.trim()) query.set("path", path.value.trim());
      history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
      draw();
    };
    filter.addEventListener("change", remember);
    path.addEventListener("input", remember);
    $("#filters").addEventListener("submit", (e) => e.preventDefault());
    const load = async () => {
      data = await api("/api/articles");
      reviewer.server = data.reviewer;
      reviewer.show();
      draw();
    };
    await load();
    live(load);
  }

  // ---- The article page ----------------------------------------------------------------------

  const VERDICTS = ["verified", "disputed", "unsourced", "dismissed", "pending"];
  const READS = { exact: "exact", approx: "approximately", at_least: "at least", more_than: "more than",
    at_most: "at most", less_than: "less than", vague: "vague magnitude" };

  /** The sentence with the figure emphasised. */
  function sentence(text, figure) {
    const at = figure ? text.indexOf(figure) : -1;
    if (at < 0) return el("blockquote", {}, text);
    return el("blockquote", {}, text.slice(0, at), el("mark", {}, figure), text.slice(at + figure.length));
  }

  function pieces(side, tag) {
    return side.map((p) => (p.changed ? el(tag, {}, p.text) : p.text));
  }

  function verdictLine(c) {
    const parts = [el("span", { class: "badge st-" + c.status }, c.status)];
    if (c.reviewer) parts.push(" by " + c.reviewer);
    if (c.reviewed_at) parts.push(" at " + c.reviewed_at);
    if (c.source) parts.push(el("div", {}, "Source: " + c.source));
    if (c.note) parts.push(el("div", {}, "Note: " + c.note));
    return parts;
  }

  function facts(c) {
    const value = c.low !== null && c.high !== null ? c.low + "–" + c.high : String(c.value);
    const rows = [
      ["Figure", c.figure + (c.trend ? (c.trend === "up" ? " ↑" : " ↓") : "")],
      ["Value", value + (c.unit ? " " + c.unit : "")],
      ["Bound", READS[c.bound] || c.bound],
      ["Kind", c.kind],
    ];
    if (c.trend) rows.push(["Trend", c.trend === "up" ? "rising" : "falling"]);
    if (c.attribution) rows.push(["Attribution", c.attribution]);
    rows.push(["Where", "line " + c.line + ", column " + c.column]);
    return el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  /** The card's read-only part: everything known about the claim, and a source verified
   * elsewhere for the same figure, which `useSource` puts in the source field. */
  function cardInfo(c, index, total, useSource) {
    const info = [
      el("p", { class: "where" }, "Claim " + (index + 1) + " of " + total + " · id ", el("code", {}, c.id)),
      el("h2", {}, c.text),
      facts(c),
      sentence(c.sentence, c.text),
    ];
    if (c.start === null) {
      info.push(el("p", { class: "warning" }, "Not found in the text where the review file places it; run factcheck scan."));
    }
    if (c.sentence_diff) {
      info.push(el("div", { class: "diff" },
        el("p", {}, "The sentence changed since the verdict:"),
        el("p", { class: "before" }, "− ", pieces(c.sentence_diff.before, "del")),
        el("p", { class: "after" }, "+ ", pieces(c.sentence_diff.after, "ins"))));
    } else if (c.changed) {
      info.push(el("p", { class: "warning" }, "The sentence changed since the verdict: confirm or change it."));
    }
    info.push(el("h3", {}, "Verdict"), el("div", { class: "verdict" }, verdictLine(c)));
    const offer = c.suggested_source;
    if (offer) {
      info.push(el("p", { class: "offer" }, "The same figure is verified in " + offer.path + ":" + offer.line +
          " with the source “" + offer.source + "”; an empty source takes it. ",
        el("button", { type: "button", id: "use-source", onclick: () => useSource(offer.source) }, "Use this source")));
    }
    if (c.alternatives.length) {
      info.push(el("h3", {}, "Conflicting verdicts"),
        el("p", { class: "warning" }, "A merge brought verdicts that disagree with this one; saving a verdict settles the claim."),
        el("ul", {}, c.alternatives.map((v) => el("li", {}, verdictLine(v)))));
    }
    if (c.history.length) {
      info.push(el("h3", {}, "History"), el("ul", {}, c.history.map((h) =>
        el("li", {}, el("span", { class: "badge st-" + h.status }, h.status), " of “" + h.text + "”",
          h.reviewer ? " by " + h.reviewer : "", h.source ? "; source: " + h.source : "", h.note ? "; note: " + h.note : ""))));
    }
    if (c.elsewhere.length) {
      info.push(el("h3", {}, "Elsewhere"), el("ul", { class: "elsewhere" }, c.elsewhere.map((o) =>
        el("li", {}, o.figure + " in ", el("a", { href: articleUrl(o.path, o.claim_id) }, o.path + ":" + o.line), " ",
          el("span", { class: "badge st-" + o.status }, o.status), o.source ? " source: " + o.source : ""))));
    }
    return info;
  }

  /** The card's form: verdict, source and note. */
  function cardForm(save) {
    const radios = VERDICTS.map((v) =>
      el("label", { class: "choice st-" + v }, el("input", { type: "radio", name: "status", value: v }), " " + v));
    const source = el("input", { name: "source", id: "source", autocomplete: "off" });
    const note = el("textarea", { name: "note", id: "note", rows: 2 });
    const message = el("p", { class: "message", role: "status" });
    const form = el("form", { class: "decide", onsubmit: (e) => { e.preventDefault(); save(); } },
      el("fieldset", {}, el("legend", {}, "Verdict"), radios),
      el("label", { for: "source" }, "Source"), source,
      el("label", { for: "note" }, "Note"), note,
      el("div", { class: "actions" }, el("button", { type: "submit", id: "save" }, "Save"), message));
    note.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); save(); } });
    return { form, source, note, message, radios: form.elements.status };
  }

  async function articlePage() {
    const main = $("main.article");
    const path = main.dataset.path;
    let view = null;
    let selected = null;
    let card = null; // { id, form, source, note, radios, message, server: {status, source, note} }
    const trail = [];
    const drafts = new Map();

    const byId = (id) => view.claims.findIndex((c) => c.id === id);
    const needsPerson = (c) => c.status === "pending" || c.changed;

    function paint() {
      for (const mark of document.querySelectorAll("#text mark.claim")) {
        const c = view.claims[byId(mark.dataset.id)];
        mark.className = "claim st-" + (c ? c.status : "gone") + (c && c.changed ? " changed" : "") +
          (mark.dataset.id === selected ? " selected" : "");
      }
      const n = view.counts;
      $("#counts").textContent = n.claims + " claims: " + n.verified + " verified, " + n.disputed + " disputed, " +
        n.unsourced + " unsourced, " + n.dismissed + " dismissed, " + n.pending + " pending" +
        (n.changed ? ", " + n.changed + " changed since review" : "");
      $("#stale").hidden = !view.stale;
    }

    /** Keeps what is typed in the open card, so a refresh or another claim does not lose it. */
    function keepDraft() {
      if (!card) return;
      const now = { status: card.radios.value, source: card.source.value, note: card.note.value };
      const s = card.server;
      if (now.status !== s.status || now.source !== s.source || now.note !== s.note) drafts.set(card.id, now);
      else drafts.delete(card.id);
    }

    /** Puts the server's fresh values in the fields nobody has changed since it last spoke. */
    function fill(c) {
      const was = card.server;
      const update = (input, key) => {
        if (input.value === was[key] && document.activeElement !== input) input.value = c[key];
      };
      update(card.source, "source");
      update(card.note, "note");
      if (card.radios.value === was.status) card.radios.value = c.status;
      card.server = { status: c.status, source: c.source, note: c.note };
    }

    function show() {
      const box = $("#card");
      const k = byId(selected);
      if (k < 0) {
        card = null;
        box.replaceChildren(el("p", { class: "hint" }, "Select a claim (click it, or press j) to review it."));
        return;
      }
      const c = view.claims[k];
      if (!card || card.id !== c.id) {
        keepDraft();
        card = { id: c.id, server: { status: c.status, source: c.source, note: c.note }, ...cardForm(save) };
        card.source.value = c.source;
        card.note.value = c.note;
        card.radios.value = c.status;
        const draft = drafts.get(c.id);
        if (draft) { card.source.value = draft.source; card.note.value = draft.note; card.radios.value = draft.status; }
        box.replaceChildren(el("div", { class: "info" }), card.form);
      } else {
        fill(c);
      }
      const useSource = (text) => { card.source.value = text; card.source.focus(); };
      box.querySelector(".info").replaceChildren(...cardInfo(c, k, view.claims.length, useSource));
      for (const field of card.form.querySelectorAll("button, input, textarea")) field.disabled = view.stale;
    }

    function select(id, remember = true) {
      if (remember && selected && selected !== id) trail.push(selected);
      selected = id;
      history.replaceState(null, "", location.pathname + location.search + "#claim-" + encodeURIComponent(id));
      paint();
      show();
      const mark = document.getElementById("claim-" + id);
      if (mark) mark.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }

    function step(by) {
      if (!view.claims.length) return;
      const k = byId(selected);
      const next = k < 0 ? (by > 0 ? 0 : view.claims.length - 1) : (k + by + view.claims.length) % view.claims.length;
      select(view.claims[next].id);
    }

    function skip() {
      const k = byId(selected);
      const rest = view.claims.slice(k + 1).concat(view.claims.slice(0, k + 1));
      const next = rest.find(needsPerson);
      if (next) select(next.id);
      else if (card) card.message.textContent = "No other claim needs a person.";
    }

    async function save() {
      if (!card) return;
      const name = reviewer.name;
      if (!name) {
        card.message.textContent = "Enter your name at the top first.";
        reviewer.ask();
        $("#reviewer-name").focus();
        return;
      }
      const status = card.radios.value;
      // As in `factcheck review`, an empty source takes the one offered.
      const offer = view.claims[byId(card.id)]?.suggested_source;
      if (status === "verified" && !card.source.value.trim() && offer) card.source.value = offer.source;
      const noteOnly = status === card.server.status && card.source.value === card.server.source;
      const body = { article: path, id: card.id, note: card.note.value, reviewer: name };
      if (!noteOnly) { body.status = status; body.source = card.source.value; }
      card.message.textContent = "Saving…";
      try {
        const saved = await api("/api/verdict", body);
        drafts.delete(card.id);
        card.server = { status: saved.status, source: saved.source, note: saved.note };
        await refresh();
        card.message.textContent = "Saved as " + saved.status + " in " + saved.review_file + ".";
      } catch (e) {
        const offers = (e.data && e.data.suggestions) || [];
        card.message.textContent = e.message + (offers.length ? " Verified elsewhere: " + offers[0].source : "");
      }
    }

    /** Sets a verdict from a key: the fields to fill get the focus, a dismissal saves at once. */
    function decide(status, field) {
      if (!card || view.stale) return;
      card.radios.value = status;
      if (field) field.focus();
      else save();
    }

    async function refresh() {
      keepDraft();
      const fresh = await api("/api/article?path=" + encodeURIComponent(path));
      if (view && fresh.digest !== main.dataset.digest) {
        const page = await fetch(location.pathname + location.search).then((r) => r.text());
        const parsed = new DOMParser().parseFromString(page, "text/html");
        const text = parsed.getElementById("text");
        if (text) $("#text").replaceChildren(...text.childNodes);
        main.dataset.digest = fresh.digest;
      }
      view = fresh;
      reviewer.server = view.reviewer;
      paint();
      if (selected) show();
    }

    $("#text").addEventListener("click", (e) => {
      const mark = e.target.closest("mark.claim");
      if (mark) select(mark.dataset.id);
    });
    document.addEventListener("keydown", (e) => {
      const typing = e.target.closest("input, textarea, select");
      if (e.key === "Escape") { if (typing) e.target.blur(); return; }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const keys = {
        j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
        v: () => decide("verified", card && card.source),
        d: () => decide("disputed", card && card.note),
        u: () => decide("unsourced", card && card.note),
        x: () => decide("dismissed"),
        n: () => card && card.note.focus(),
        s: skip,
        b: () => { const back = trail.pop(); if (back) select(back, false); },
        "?": () => $("footer.keys").classList.toggle("open"),
      };
      const act = keys[e.key];
      if (act && view) { e.preventDefault(); act(); }
    });

    await refresh();
    reviewer.show();
    const wanted = decodeURIComponent(location.hash.replace(/^#claim-/, ""));
    if (wanted && byId(wanted) >= 0) select(wanted, false);
    live(refresh);
  }

  const start = { overview, article: articlePage }[document.body.dataset.page];
  if (start) start().catch((e) => { document.body.prepend(el("p", { class: "warning" }, "The desk could not load: " + e.message)); });
  else reviewer.show();
})();
