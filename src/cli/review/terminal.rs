//! The terminal during a review pass: raw mode on an alternate screen, restored when the guard
//! is dropped (on quit, Ctrl-C, an error or a panic), keys read one at a time, and whole-screen
//! redraws.

use std::io::{self, Write};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, queue, terminal};

/// A key the review pass understands, or a change of window size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    /// Line editing: moving the cursor and deleting around it.
    Left,
    Right,
    /// Ctrl-Left / Ctrl-Right (or Alt-b / Alt-f): a word at a time.
    WordLeft,
    WordRight,
    /// Home or Ctrl-A; End or Ctrl-E.
    Home,
    End,
    Delete,
    /// Ctrl-W or Alt-Backspace.
    DeleteWord,
    /// Ctrl-U.
    DeleteToStart,
    /// Ctrl-K.
    DeleteToEnd,
    /// Earlier and later entries of the prompt's history.
    Up,
    Down,
    /// Ctrl-C or Ctrl-D.
    Interrupt,
    Resize,
    Other,
}

/// Raw mode on an alternate screen, for as long as it lives.
pub struct Terminal<'a> {
    out: &'a mut dyn Write,
}

impl<'a> Terminal<'a> {
    /// Switches the terminal to raw mode and an alternate screen.
    pub fn enter(out: &'a mut dyn Write) -> io::Result<Terminal<'a>> {
        terminal::enable_raw_mode()?;
        let mut term = Terminal { out };
        execute!(&mut term.out, terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(term)
    }

    /// Columns to lay the screen out in.
    pub fn width(&self) -> usize {
        match terminal::size() {
            Ok((cols, _)) if cols >= 20 => cols.into(),
            Ok((cols, _)) if cols > 0 => 20,
            _ => 80,
        }
    }

    /// Waits for the next key or resize.
    pub fn key(&mut self) -> io::Result<Key> {
        loop {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => return Ok(decode(key)),
                Event::Resize(..) => return Ok(Key::Resize),
                _ => {}
            }
        }
    }

    /// Clears the screen and draws `lines`, with the cursor shown at `cursor` (column, line)
    /// when there is one.
    pub fn draw(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> io::Result<()> {
        queue!(
            &mut self.out,
            cursor::Hide,
            cursor::MoveTo(0, 0),
            terminal::Clear(terminal::ClearType::All)
        )?;
        let last = lines.len().saturating_sub(1);
        for (k, line) in lines.iter().enumerate() {
            let end = if k == last { "" } else { "\r\n" };
            write!(self.out, "{line}{end}")?;
        }
        if let Some((column, line)) = cursor {
            let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            queue!(
                &mut self.out,
                cursor::MoveTo(at(column), at(line)),
                cursor::Show
            )?;
        }
        self.out.flush()
    }
}

impl Drop for Terminal<'_> {
    fn drop(&mut self) {
        let _ = execute!(&mut self.out, cursor::Show, terminal::LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

fn decode(key: KeyEvent) -> Key {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('c' | 'd') if ctrl => Key::Interrupt,
        KeyCode::Char('a') if ctrl => Key::Home,
        KeyCode::Char('e') if ctrl => Key::End,
        KeyCode::Char('w') if ctrl => Key::DeleteWord,
        KeyCode::Char('u') if ctrl => Key::DeleteToStart,
        KeyCode::Char('k') if ctrl => Key::DeleteToEnd,
        KeyCode::Char(_) if ctrl => Key::Other,
        KeyCode::Char('b') if alt => Key::WordLeft,
        KeyCode::Char('f') if alt => Key::WordRight,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace if alt || ctrl => Key::DeleteWord,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::Left if ctrl => Key::WordLeft,
        KeyCode::Right if ctrl => Key::WordRight,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        _ => Key::Other,
    }
}
