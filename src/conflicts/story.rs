//! Which articles tell the same story: the named entities of their titles and claim sentences
//! ("North Korea", "Russia", "C4ADS"), with nationalities and capitals read as their country,
//! and articles joined when they share two of the names that lead them. Linear in the number
//! of articles: a name common to many articles leads none, and a story has a bounded size.

use std::collections::HashMap;

/// Articles that share this many leading names tell the same story.
const SHARED: usize = 2;
/// How many names, the rarest and most repeated, lead an article.
const LEADING: usize = 6;
/// The most articles one story holds, and so the most that share one leading name.
const MAX_STORY: usize = 64;

/// Capitalised words that start sentences or name no entity.
fn is_common(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "In"
            | "On"
            | "At"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "But"
            | "And"
            | "Or"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Their"
            | "His"
            | "Her"
            | "Its"
            | "Our"
            | "My"
            | "According"
            | "After"
            | "Before"
            | "During"
            | "While"
            | "When"
            | "Where"
            | "Despite"
            | "However"
            | "Meanwhile"
            | "Recently"
            | "Also"
            | "Some"
            | "Many"
            | "Most"
            | "More"
            | "Last"
            | "Next"
            | "First"
            | "One"
            | "Two"
            | "Three"
            | "If"
            | "As"
            | "For"
            | "With"
            | "From"
            | "By"
            | "So"
            | "Yet"
            | "Now"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Sir"
            | "Of"
            | "To"
            | "Under"
            | "Over"
            | "About"
            | "Since"
            | "Until"
            | "Although"
            | "Though"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "All"
            | "Both"
            | "Each"
            | "Every"
            | "Such"
            | "Other"
            | "Another"
            | "Only"
            | "Even"
            | "Still"
            | "Then"
            | "Than"
            | "Not"
            | "No"
            | "Yes"
            | "Here"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Has"
            | "Have"
            | "Had"
            | "Will"
            | "Would"
            | "Could"
            | "Should"
            | "Can"
            | "Said"
            | "Says"
    )
}

/// Nationalities and capitals read as the country they stand for.
fn country_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "North Korean" | "Pyongyang" | "DPRK" => "North Korea",
        "South Korean" | "Seoul" => "South Korea",
        "Russian" | "Kremlin" | "Moscow" => "Russia",
        "Ukrainian" | "Kyiv" | "Kiev" => "Ukraine",
        "Chinese" | "Beijing" => "China",
        "American" | "United States" | "USA" => "US",
        "British" | "United Kingdom" | "Britain" => "UK",
        "Iranian" | "Tehran" => "Iran",
        "Iraqi" | "Baghdad" => "Iraq",
        "Israeli" => "Israel",
        "French" => "France",
        "German" => "Germany",
        "Japanese" | "Tokyo" => "Japan",
        "Indian" => "India",
        "Syrian" => "Syria",
        "Turkish" => "Turkey",
        "Spanish" => "Spain",
        "Italian" => "Italy",
        "Irish" => "Ireland",
        "Scottish" => "Scotland",
        "Welsh" => "Wales",
        "English" => "England",
        "Australian" => "Australia",
        "Canadian" => "Canada",
        "European" => "Europe",
        _ => return None,
    })
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A sentence in title case ("North Korea Could Supply Russia With Shells"), where
/// capitals mark no names.
fn is_title_case(words: &[&str]) -> bool {
    let (mut alphabetic, mut capitalised) = (0, 0);
    for word in words {
        if word.chars().next().is_some_and(char::is_alphabetic) {
            alphabetic += 1;
            capitalised += usize::from(is_capitalised(word));
        }
    }
    alphabetic >= 4 && capitalised * 10 >= alphabetic * 7
}

/// Pushes a run of capitalised words as names: a nationality or capital at its start becomes
/// its country, and the rest ("South Korean Defence Ministry") a name of its own. `pair` is
/// room for two words joined, kept from run to run.
fn push_run(run: &mut Vec<&str>, names: &mut Vec<String>, pair: &mut String) {
    while run.last().is_some_and(|w| !is_capitalised(w)) {
        run.pop();
    }
    if run.is_empty() {
        return;
    }
    let two_words = match run.as_slice() {
        [first, second, ..] => {
            pair.clear();
            pair.push_str(first);
            pair.push(' ');
            pair.push_str(second);
            Some(pair.as_str())
        }
        _ => None,
    };
    let leading = two_words
        .and_then(country_of)
        .map(|country| (country, 2))
        .or_else(|| country_of(run[0]).map(|country| (country, 1)));
    let mut rest = &run[..];
    if let Some((country, take)) = leading {
        names.push(country.to_string());
        rest = &rest[take..];
    }
    if !rest.is_empty() {
        let name = rest.join(" ");
        names.push(country_of(&name).map_or(name, str::to_string));
    }
    run.clear();
}

/// The words of `text` between whitespace, as `split_whitespace` finds them, an ASCII
/// character a byte at a time.
fn words(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut start = None;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let (space, width) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        match (space, start) {
            (true, Some(from)) => {
                words.push(&text[from..at]);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
        at += width;
    }
    if let Some(from) = start {
        words.push(&text[from..]);
    }
    words
}

/// The named entities of a sentence, as they are written, nationalities read as countries.
pub fn names_in(sentence: &str) -> Vec<String> {
    let tokens = words(sentence);
    if is_title_case(&tokens) {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut pair = String::new();
    for token in tokens {
        let word = token.trim_start_matches(|c: char| !c.is_alphanumeric());
        if run.is_empty() && !is_capitalised(word) {
            // Neither in a name nor starting one: its ends end nothing.
            continue;
        }
        let ends = word.ends_with(['.', '!', '?', ':', ';']);
        let breaks = ends || word.ends_with([',', ')', '"', '”', '’']);
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let capital = is_capitalised(word) && !is_common(word);
        let joins = !run.is_empty() && matches!(word, "of" | "the" | "de" | "for") && !breaks;
        if capital || joins {
            run.push(word);
        } else {
            push_run(&mut run, &mut names, &mut pair);
        }
        if breaks {
            push_run(&mut run, &mut names, &mut pair);
        }
    }
    push_run(&mut run, &mut names, &mut pair);
    names
}

/// Interned names: each distinct name is a small number, numbered in the order first seen.
#[derive(Default)]
pub struct Names {
    ids: HashMap<String, u32>,
}

impl Names {
    /// The id of `name`, numbering it if it is new.
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(name.to_string(), id);
        id
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

fn root(parent: &mut [usize], mut k: usize) -> usize {
    while parent[k] != k {
        parent[k] = parent[parent[k]];
        k = parent[k];
    }
    k
}

/// The story of each article, given every name each mentions (repeats counted): articles
/// that share `SHARED` of their leading names are one story, up to `MAX_STORY` articles.
pub fn assign(mentions: Vec<Vec<u32>>, names: usize) -> Vec<usize> {
    let n = mentions.len();
    let mut df = vec![0usize; names];
    let mut distinct: Vec<Vec<(u32, usize)>> = Vec::with_capacity(n);
    for mut sorted in mentions {
        let mut counts: Vec<(u32, usize)> = Vec::new();
        sorted.sort_unstable();
        for id in sorted {
            match counts.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => counts.push((id, 1)),
            }
        }
        for (id, _) in &counts {
            df[*id as usize] += 1;
        }
        distinct.push(counts);
    }
    let common = (n / 20).clamp(10, MAX_STORY);
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); names];
    let leading: Vec<Vec<u32>> = distinct
        .iter()
        .enumerate()
        .map(|(article, counts)| {
            let mut scored: Vec<(f64, u32)> = counts
                .iter()
                .filter(|(id, _)| (2..=common).contains(&df[*id as usize]))
                .map(|&(id, tf)| {
                    let idf = (1.0 + n as f64 / df[id as usize] as f64).ln();
                    (tf as f64 * idf, id)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(LEADING);
            let ids: Vec<u32> = scored.into_iter().map(|(_, id)| id).collect();
            for id in &ids {
                postings[*id as usize].push(article);
            }
            ids
        })
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    // How many leading names each later article shares with the one at hand, and which
    // articles those are, to set back to none before the next.
    let mut shared = vec![0usize; n];
    let mut sharing: Vec<usize> = Vec::new();
    for (a, ids) in leading.iter().enumerate() {
        for b in sharing.drain(..) {
            shared[b] = 0;
        }
        for id in ids {
            for &b in postings[*id as usize].iter().filter(|&&b| b > a) {
                if shared[b] == 0 {
                    sharing.push(b);
                }
                shared[b] += 1;
                if shared[b] == SHARED {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    if ra != rb && size[ra] + size[rb] <= MAX_STORY {
                        parent[rb] = ra;
                        size[ra] += size[rb];
                    }
                }
            }
        }
    }
    (0..n).map(|k| root(&mut parent, k)).collect()
}

#[cfg(test)]
mod tests {
    use super::{assign, names_in, words, Names};

    #[test]
    fn names_are_runs_of_capitals_with_nationalities_as_countries() {
        assert_eq!(
            names_in("The South Korean Defence Ministry estimated that North Korea sent shells."),
            ["South Korea", "Defence Ministry", "North Korea"]
        );
        assert_eq!(
            names_in("According to the C4ADS think tank and the Washington Post, 27 ships."),
            ["C4ADS", "Washington Post"]
        );
        assert_eq!(names_in("the Bank of England's rate"), ["Bank of England"]);
        assert!(names_in("North Korea Could Supply Russia With Shells").is_empty());
    }

    #[test]
    fn words_are_split_at_whitespace_as_split_whitespace_splits() {
        for text in [
            "",
            "  ",
            "one",
            " North  Korea\tsent\u{b}shells\u{a0}via\u{2009}Rajin\u{3000}port. ",
            "é\u{85}ü\r\nend",
        ] {
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn articles_sharing_two_rare_names_are_one_story() {
        let mut names = Names::default();
        let mut article =
            |text: &str| -> Vec<u32> { names_in(text).iter().map(|n| names.id(n)).collect() };
        let articles = vec![
            article("North Korea sent Russia shells via Rajin."),
            article("Rajin port: North Korea ships to Russia."),
            article("Chelsea beat Arsenal at Stamford Bridge."),
            article("Arsenal lost to Chelsea on Sunday."),
            article("North Korea held a parade."),
        ];
        let count = names.len();
        let story = assign(articles, count);
        assert_eq!(story[0], story[1]);
        assert_eq!(story[2], story[3]);
        assert_ne!(story[0], story[2]);
        assert_ne!(story[0], story[4]);
    }
}
