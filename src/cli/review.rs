//! `factcheck review`: an interactive pass through the claims that need a person, one key per
//! decision, each saved to the review file in place the moment it is made.

mod prompt;
mod terminal;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::render::review::{self as screen, Extras};
use prompt::{Ended, LineEditor};
use terminal::{Key, Terminal};

use super::conflicts::report_unreadable;
use super::{report_error, Outcome, Ui};
use crate::conflicts::Related;
use crate::mark::default_reviewer;
use crate::render::conflicts::{elsewhere, suggested_source};
use crate::render::sanitize::terminal;
use crate::review::load::{load_all, load_with_context, sourced, Loaded};
use crate::review::session::{earlier_source, save_decision, Current, Decision, Session};
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Go through the claims that need a person, one key per decision",
    long_about = "Go through the claims that need a person (pending, or whose sentence changed \
        since it was reviewed), article by article. Each claim is shown with its id, in its \
        sentence (with the words that changed since its verdict), with its attribution, its \
        verdict, its history and what other articles say about the same thing; one key \
        decides it:\n\n  \
        v  verified (asks for the source; Tab or Enter on an empty line takes a source \
        already verified for the same figure, earlier in the article or elsewhere)\n  \
        d  disputed (asks for a note)\n  \
        u  unsourced (asks for a note)\n  \
        x  dismissed: not a claim\n  \
        s  skip\n  \
        n  edit the note\n  \
        b  back to the previous claim\n  \
        q  quit (Ctrl-C too)\n  \
        ?  the keys\n\n\
        Sources and notes are typed with line editing (arrows, Home/End, Ctrl-W/U/K; Up and \
        Down recall earlier entries). Each decision is written to the review file at once, in place and atomically: \
        comments and hand edits survive, and quitting loses nothing already decided. Needs a \
        terminal; to record verdicts from a script use `factcheck mark`.",
    after_help = "Examples:\n  factcheck review\n  \
        factcheck review seeds/001_4e05fcd575987f34.txt --reviewer Ann\n  \
        factcheck review --all seeds/\n\n\
        With --quiet, the closing summary is left out.\n\n\
        Exit status: 0 after a session, 2 when standard input or output is not a terminal, a review file \
        is missing, malformed or older than its article, or no reviewer name is known."
)]
pub struct Args {
    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Go through every claim, not only those that need a person
    #[arg(long)]
    all: bool,

    /// Who reviews (default: git's user.name)
    #[arg(long)]
    reviewer: Option<String>,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        report_error(err, "factcheck review needs a terminal on standard input and output\n  help: to record verdicts from a script, use `factcheck mark ARTICLE CLAIM_ID --status STATUS`")?;
        return Ok(Outcome::Error);
    }
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let articles = chosen.articles;
    let loaded = load_all(ws, &articles);
    let failed = report_unreadable(&loaded, err)? || chosen.outcome == Outcome::Error;
    let mut failed = failed;
    for l in loaded.iter().filter(|l| l.missing || l.stale) {
        let what = if l.missing {
            "no review file"
        } else {
            "the article changed since its last scan"
        };
        report_error(
            err,
            format!(
                "{}: {what}\n  help: run `factcheck scan {}` first",
                terminal(&l.article),
                terminal(&l.article)
            ),
        )?;
        failed = true;
    }
    if failed {
        return Ok(Outcome::Error);
    }
    let Some(reviewer) = args.reviewer.or_else(|| default_reviewer(&ws.root)) else {
        report_error(
            err,
            "no reviewer name: git's user.name is not set\n  help: pass --reviewer NAME",
        )?;
        return Ok(Outcome::Error);
    };
    let files = loaded.iter().filter_map(|l| l.review.clone()).collect();
    let session = Session::new(files, args.all);
    if session.is_empty() {
        writeln!(
            out,
            "Nothing needs a person in {} article{} (--all goes through every claim).",
            articles.len(),
            crate::render::plural(articles.len())
        )?;
        return Ok(Outcome::Clean);
    }
    let context = load_with_context(ws, &articles);
    let mut pass = Pass {
        ws,
        session,
        context,
        reviewer,
        color: ui.color,
        message: None,
        help: false,
        sources: Vec::new(),
        notes: Vec::new(),
    };
    {
        let mut term = Terminal::enter(out)?;
        pass.run(&mut term)?;
    }
    if !ui.quiet {
        screen::summary(out, &pass.session.summary())?;
    }
    Ok(Outcome::Clean)
}

/// What a key asks for.
enum Action {
    Decide(Decision),
    Skip,
    Back,
    Help,
    Quit,
    Redraw,
    Say(String),
}

/// A review pass in progress: the session, the reviews of all articles for the "same thing
/// elsewhere" lines, and what the screen says besides the claim.
struct Pass<'w> {
    ws: &'w Workspace,
    session: Session,
    context: Vec<Loaded>,
    reviewer: String,
    color: bool,
    message: Option<String>,
    help: bool,
    /// Sources and notes entered in this pass, oldest first, for the prompts' history.
    sources: Vec<String>,
    notes: Vec<String>,
}

impl Pass<'_> {
    fn run(&mut self, term: &mut Terminal<'_>) -> io::Result<()> {
        while let Some(current) = self.session.current() {
            let action = self.choose(term, &current)?;
            let message = match action {
                Action::Quit => break,
                Action::Redraw => continue,
                Action::Decide(decision) => self.save(&decision)?,
                Action::Skip => {
                    self.session.skip();
                    None
                }
                Action::Back => (!self.session.back()).then(|| "This is the first claim.".into()),
                Action::Help => {
                    self.help = !self.help;
                    None
                }
                Action::Say(message) => Some(message),
            };
            self.message = message;
        }
        Ok(())
    }

    /// Shows the current claim and reads keys until one asks for something.
    fn choose(&self, term: &mut Terminal<'_>, current: &Current<'_>) -> io::Result<Action> {
        let claim = current.claim;
        let (related, offer) = self.related(current);
        let shown = |term: &mut Terminal<'_>, editor: Option<&LineEditor<'_>>| {
            let width = term.width();
            let extras = Extras {
                related: &related,
                message: self.message.as_deref(),
                help: self.help,
                prompt: editor.map(|e| e.prompt(width)),
            };
            let drawn = screen::screen(current, &extras, width, self.color);
            term.draw(&drawn.lines, drawn.cursor)
        };
        shown(term, None)?;
        let ask = |term: &mut Terminal<'_>,
                   label: &str,
                   initial: &str,
                   offer: Option<&str>,
                   history: &[String]| {
            let mut editor = LineEditor::new(label, initial, offer, history);
            loop {
                shown(term, Some(&editor))?;
                if let Some(ended) = editor.feed(term.key()?) {
                    return io::Result::Ok(ended);
                }
            }
        };
        let (sources, notes) = (&self.sources, &self.notes);
        let ended = match term.key()? {
            Key::Char('v') => ask(term, "Source", &claim.source, offer.as_deref(), sources)?
                .map(|source| Decision::Verified { source }),
            Key::Char('d') => ask(term, "Note (why disputed)", &claim.note, None, notes)?
                .map(|note| Decision::Disputed { note }),
            Key::Char('u') => ask(term, "Note (what is missing)", &claim.note, None, notes)?
                .map(|note| Decision::Unsourced { note }),
            Key::Char('n') => ask(term, "Note", &claim.note, None, notes)?.map(Decision::Note),
            Key::Char('x') => Ended::Accepted(Decision::Dismissed),
            Key::Char('s') => return Ok(Action::Skip),
            Key::Char('b') => return Ok(Action::Back),
            Key::Char('?') => return Ok(Action::Help),
            Key::Char('q') | Key::Interrupt => return Ok(Action::Quit),
            Key::Char(c) => return Ok(Action::Say(format!("No key `{c}`: ? shows the keys."))),
            _ => return Ok(Action::Redraw),
        };
        Ok(match ended {
            Ended::Accepted(decision) => Action::Decide(decision),
            Ended::Cancelled => Action::Say("Cancelled; nothing was changed.".into()),
            Ended::Interrupted => Action::Quit,
        })
    }

    /// The "same thing elsewhere" lines for the claim, and the source to offer: one verified
    /// for the same figure earlier in the article, else in another article.
    fn related(&self, current: &Current<'_>) -> (Vec<String>, Option<String>) {
        let all = sourced(&self.context);
        let related = Related::new(&all);
        let found = related.elsewhere(&current.file.article, current.claim);
        let mut lines = elsewhere(&found);
        let earlier = earlier_source(current.file, current.claim);
        if let Some(c) = earlier {
            lines.push(suggested_source(&current.file.article, c.line, &c.source));
        }
        let offer = earlier
            .or(found.suggested_source.map(|s| s.claim))
            .map(|c| c.source.clone());
        (lines, offer)
    }

    /// Writes the decision on the current claim to its review file, re-read from disk under
    /// its lock so edits made meanwhile survive. Returns what to tell the reviewer.
    fn save(&mut self, decision: &Decision) -> io::Result<Option<String>> {
        let Some(current) = self.session.current() else {
            return Ok(None);
        };
        let article = current.file.article.clone();
        let (id, text) = (current.claim.id.clone(), current.claim.text.clone());
        let now = match crate::clock::now() {
            Ok(now) => now,
            Err(e) => return Ok(Some(e.to_string())),
        };
        let file = match save_decision(self.ws, &article, &id, decision, &self.reviewer, &now) {
            Ok(file) => file,
            Err(message) => return Ok(Some(message)),
        };
        if let Some(l) = self.context.iter_mut().find(|l| l.article == article) {
            l.review = Some(file.clone());
        }
        let entry = match decision {
            Decision::Verified { source } => Some((&mut self.sources, source)),
            Decision::Disputed { note } | Decision::Unsourced { note } | Decision::Note(note) => {
                Some((&mut self.notes, note))
            }
            Decision::Dismissed => None,
        };
        if let Some((history, text)) = entry.filter(|(h, t)| !t.is_empty() && h.last() != Some(*t))
        {
            history.push(text.clone());
        }
        self.session.record(decision, file);
        Ok(Some(match decision.status() {
            Some(status) => format!("Saved \"{text}\" as {status}."),
            None => format!("Saved the note on \"{text}\"."),
        }))
    }
}
