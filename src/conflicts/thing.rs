//! What a count counts: the noun phrase of a claim's unit reduced to a name that two articles
//! reporting the same fact share ("containers of ammunition" and "sea containers" are both
//! `container`), and `None` for a claim that counts nothing comparable.

use crate::extract::{Bound, Kind, Trend};
use crate::review::{ReviewClaim, Status};

/// Generic container nouns whose "of" phrase names the counted thing ("sets of artillery").
fn generic_partitive(word: &str) -> bool {
    matches!(
        word,
        "set" | "piece" | "unit" | "type" | "kind" | "batch" | "lot" | "load" | "item" | "pair"
    )
}

/// Words that end a unit without naming a thing: comparatives ("faster", "fewer"), verbs
/// ("won", "rose"), function words ("than", "around"), currencies and units of measure or
/// time, and the tallies of games ("points", "goals"), which differ from match to match.
fn names_no_thing(word: &str) -> bool {
    let listed = matches!(
        word,
        // comparatives and superlatives
        "more"
        | "less"
        | "fewer"
        | "greater"
        | "higher"
        | "lower"
        | "bigger"
        | "smaller"
        | "larger"
        | "faster"
        | "slower"
        | "longer"
        | "shorter"
        | "better"
        | "worse"
        | "older"
        | "younger"
        | "earlier"
        | "later"
        | "cheaper"
        | "dearer"
        | "stronger"
        | "weaker"
        | "richer"
        | "poorer"
        | "deeper"
        | "wider"
        | "heavier"
        | "lighter"
        | "easier"
        | "harder"
        | "closer"
        | "further"
        | "farther"
        | "most"
        | "least"
        | "fewest"
        | "best"
        | "worst"
        | "extra"
        | "additional"
        | "again"
        // verbs
        | "won"
        | "lost"
        | "said"
        | "says"
        | "rose"
        | "fell"
        | "grew"
        | "saw"
        | "took"
        | "made"
        | "got"
        | "gave"
        | "went"
        | "came"
        | "beat"
        | "hit"
        | "cut"
        | "led"
        | "left"
        | "put"
        | "ran"
        | "sold"
        | "bought"
        | "paid"
        | "spent"
        | "held"
        | "kept"
        | "met"
        | "told"
        | "sent"
        | "drew"
        | "is"
        | "are"
        | "was"
        | "were"
        | "be"
        | "been"
        | "has"
        | "have"
        | "had"
        | "will"
        | "would"
        | "could"
        | "can"
        | "may"
        | "might"
        | "do"
        | "does"
        | "did"
        | "lose"
        | "say"
        | "see"
        | "make"
        | "take"
        // function words and adverbs
        | "than"
        | "to"
        | "in"
        | "on"
        | "at"
        | "by"
        | "for"
        | "with"
        | "from"
        | "of"
        | "and"
        | "or"
        | "but"
        | "a"
        | "an"
        | "the"
        | "this"
        | "that"
        | "these"
        | "those"
        | "each"
        | "every"
        | "per"
        | "apiece"
        | "times"
        | "time"
        | "around"
        | "about"
        | "over"
        | "under"
        | "up"
        | "down"
        | "out"
        | "off"
        | "back"
        | "away"
        | "ago"
        | "too"
        | "only"
        | "so"
        | "as"
        | "also"
        | "all"
        | "both"
        | "other"
        | "others"
        | "such"
        | "which"
        | "who"
        | "it"
        | "its"
        | "they"
        | "them"
        | "their"
        | "there"
        | "here"
        | "then"
        | "now"
        | "still"
        | "yet"
        | "even"
        | "just"
        | "among"
        | "between"
        | "after"
        | "before"
        | "during"
        | "since"
        | "until"
        | "against"
        | "into"
        | "through"
        | "one"
        | "ones"
        | "way"
        | "ways"
        | "th"
        | "st"
        | "nd"
        | "rd"
        // currencies
        | "rand"
        | "yen"
        | "euro"
        | "dollar"
        | "pound"
        | "rupee"
        | "yuan"
        | "peso"
        | "franc"
        | "krona"
        | "krone"
        | "lira"
        | "real"
        | "rouble"
        | "ruble"
        | "shekel"
        | "dinar"
        | "dirham"
        | "baht"
        | "naira"
        | "cent"
        | "penny"
        | "pence"
        | "bn"
        | "m"
        | "k"
        | "p"
        | "pc"
        // measures and durations
        | "km"
        | "mile"
        | "metre"
        | "meter"
        | "kilometre"
        | "kilometer"
        | "tonne"
        | "ton"
        | "kg"
        | "kilogram"
        | "gram"
        | "litre"
        | "liter"
        | "gallon"
        | "foot"
        | "feet"
        | "inch"
        | "yard"
        | "acre"
        | "hectare"
        | "mph"
        | "degree"
        | "percent"
        | "per cent"
        | "second"
        | "minute"
        | "hour"
        | "day"
        | "week"
        | "month"
        | "year"
        | "decade"
        | "century"
        | "night"
        | "weekend"
        | "season"
        | "term"
        // tallies of play
        | "point"
        | "goal"
        | "game"
        | "match"
        | "try"
        | "victory"
        | "win"
        | "defeat"
        | "draw"
        | "penalty"
        | "shot"
        | "wicket"
        | "run"
        | "set"
        | "lap"
        | "stroke"
        | "hole"
        | "frame"
        | "break"
        | "under-par"
        | "over-par"
        | "birdie"
        | "cap"
        | "appearance"
        | "start"
        | "finish"
        | "position"
        | "place"
        | "round"
        | "seed"
        | "title"
        | "medal"
        | "record"
        | "nomination"
        | "award"
        | "prize"
        | "seat"
        | "vote"
        | "trophy"
        | "honour"
        | "accolade"
        | "gold"
        | "silver"
        | "bronze"
    );
    listed
        || (word.ends_with("ed") && !word.ends_with("eed") && word != "hundred")
        || (word.ends_with("est")
            && word.len() > 5
            && !matches!(
                word,
                "interest"
                    | "forest"
                    | "contest"
                    | "protest"
                    | "request"
                    | "arrest"
                    | "harvest"
                    | "conquest"
                    | "inquest"
                    | "manifest"
            ))
        || !word.chars().all(|c| c.is_alphabetic() || c == '-')
        || word.chars().count() < 2
}

/// Singular form of a plural English noun, for the common regular cases.
pub fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w.ends_with("ss") || w.ends_with("us") || w == "personnel" || w.len() <= 3 {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').map_or(w.clone(), str::to_string)
}

/// Words for the same counted thing, mapped to one name.
fn canonical(noun: &str) -> &str {
    match noun {
        "shell" | "round of ammunition" => "round of ammunition",
        "troop" | "soldier" | "serviceman" | "servicemen" => "soldier",
        "trip" | "shipment" | "voyage" | "delivery" => "shipment",
        "men" | "women" | "person" | "people" => "people",
        other => other,
    }
}

/// Plurals without an "s" ("people", "staff", "aircraft"): a count of one of these is a count
/// of things, where "777 plane" or "787 Dreamliner" is a name.
fn is_unmarked_plural(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "cattle"
            | "aircraft"
            | "sheep"
            | "fish"
            | "deer"
            | "crew"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "data"
            | "media"
            | "offspring"
            | "livestock"
            | "infantry"
            | "militia"
            | "clergy"
            | "youth"
            | "ammunition"
            | "artillery"
            | "equipment"
            | "hardware"
    )
}

/// Modifiers that make a subset of the thing ("new aircraft", "ethnic minority MPs", "idle
/// farms"): figures for the subset and the whole are different facts.
fn restricts(word: &str) -> bool {
    matches!(
        word,
        "new"
            | "old"
            | "other"
            | "additional"
            | "former"
            | "current"
            | "existing"
            | "previous"
            | "remaining"
            | "first"
            | "last"
            | "next"
            | "female"
            | "male"
            | "young"
            | "elderly"
            | "foreign"
            | "local"
            | "domestic"
            | "international"
            | "full-time"
            | "part-time"
            | "senior"
            | "junior"
            | "ethnic"
            | "minority"
            | "idle"
            | "active"
            | "registered"
            | "unemployed"
            | "posthumous"
            | "private"
            | "public"
            | "independent"
            | "rival"
            | "potential"
            | "possible"
            | "suspected"
            | "confirmed"
            | "illegal"
            | "legal"
            | "empty"
            | "abandoned"
            | "online"
            | "top"
            | "permanent"
            | "temporary"
            | "unsold"
            | "used"
            | "second-hand"
            | "black"
            | "white"
            | "asian"
            | "disabled"
    )
}

/// Nouns too broad to be one fact unless qualified by what happened to them ("people
/// killed", "people employed").
fn is_broad(noun: &str) -> bool {
    matches!(
        noun,
        "people" | "child" | "children" | "resident" | "adult" | "citizen" | "customer" | "user"
    )
}

/// What a casualty word says happened: "killed" for the dead, "injured" for the wounded,
/// so that the dead and the injured of one disaster are never set against each other.
fn casualty(word: &str) -> Option<&'static str> {
    Some(match word {
        "killed" | "dead" | "died" | "dying" | "deaths" | "perished" | "drowned" => "killed",
        "injured" | "wounded" | "hurt" | "injuries" | "casualties" => "injured",
        "missing" => "missing",
        "captured" | "arrested" | "detained" => "held",
        _ => return None,
    })
}

/// A nationality adjective ("Korean", "russian", "Chinese"), which makes "North Korean
/// vessels" and "Russian vessels" different things.
fn is_nationality(word: &str) -> bool {
    word.len() > 4
        && (word.ends_with("an") || word.ends_with("ese") || word.ends_with("ish"))
        && !matches!(
            word,
            "human" | "veteran" | "civilian" | "guardian" | "partisan" | "artisan" | "woman"
        )
        || matches!(
            word,
            "french" | "dutch" | "swiss" | "greek" | "thai" | "iraqi" | "israeli" | "saudi"
        )
}

/// The nationality in a counted noun phrase, with "north"/"south" kept ("north korean").
fn nationality(words: &[&str]) -> Option<String> {
    let k = words.iter().position(|w| is_nationality(w))?;
    let compass = k
        .checked_sub(1)
        .map(|p| words[p])
        .filter(|w| matches!(*w, "north" | "south" | "east" | "west"));
    Some(match compass {
        Some(c) => format!("{c} {}", words[k]),
        None => words[k].to_string(),
    })
}

/// The words of the sentence just after the claim, lowercased and without punctuation.
fn words_after(claim: &ReviewClaim, n: usize) -> Vec<String> {
    let after = claim
        .sentence
        .split_once(&claim.text)
        .map_or("", |(_, rest)| rest);
    after
        .split_whitespace()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}

/// The counted thing of a claim, or `None` when it counts nothing to compare: not a count,
/// dismissed, a lone "one", or a unit that ends in no noun.
pub fn counted_thing(claim: &ReviewClaim) -> Option<String> {
    if claim.kind != Kind::Count || claim.status == Status::Dismissed {
        return None;
    }
    if claim.bound == Bound::Exact && claim.value == 1.0 && claim.low.is_none() {
        return None;
    }
    let lower = claim.unit.to_lowercase();
    let (before_of, after_of) = match lower.split_once(" of ") {
        Some((a, b)) => (a, Some(b)),
        None => (lower.as_str(), None),
    };
    let last = |phrase: &str| {
        phrase
            .split_whitespace()
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .map(str::to_string)
    };
    let mut raw = last(before_of)?;
    if generic_partitive(&singular(&raw)) {
        raw = last(after_of?)?;
    }
    let head = singular(&raw);
    let munition = ["ammunition", "artillery", "mortar", "shell"]
        .iter()
        .any(|w| lower.contains(w));
    let head = if head == "round" && munition {
        "round of ammunition".to_string()
    } else if names_no_thing(&raw) || names_no_thing(&head) {
        return None;
    } else {
        head
    };
    let plural = raw.ends_with('s') || is_unmarked_plural(&raw);
    if !(plural || claim.value <= 1.0 && claim.bound == Bound::Exact) {
        // "777 plane", "10 Downing Street": a number in a name, not a count.
        return None;
    }
    let words: Vec<&str> = before_of.split_whitespace().collect();
    let noun = canonical(&head);
    let original: Vec<&str> = claim
        .unit
        .split(" of ")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let modifiers: Vec<String> = original
        .iter()
        .take(original.len().saturating_sub(1))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| {
            let lower = w.to_lowercase();
            restricts(&lower)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && !is_nationality(&lower)
                    && !matches!(lower.as_str(), "north" | "south" | "east" | "west"))
        })
        .map(str::to_lowercase)
        .collect();
    let named = if modifiers.is_empty() {
        noun.to_string()
    } else {
        format!("{} {noun}", modifiers.join(" "))
    };
    let mut thing = match nationality(&words) {
        Some(n) => format!("{n} {named}"),
        None => named,
    };
    let after = words_after(claim, 4);
    if let Some(what) = after.iter().find_map(|w| casualty(w)) {
        thing.push_str(&format!(" ({what})"));
    } else if is_broad(noun) {
        // "people employed", "children who were evacuated": qualified, or not one fact.
        let done = after
            .iter()
            .find(|w| w.ends_with("ed") && w.len() > 4 || matches!(w.as_str(), "lost" | "left"))?;
        thing = format!("{thing} {done}");
    }
    match claim.trend {
        Some(Trend::Up) => thing.push_str(" (increase)"),
        Some(Trend::Down) => thing.push_str(" (decrease)"),
        None => {}
    }
    Some(thing)
}

#[cfg(test)]
mod tests {
    use super::{names_no_thing, singular};

    #[test]
    fn singularises_regular_plurals() {
        assert_eq!(singular("Soldiers"), "soldier");
        assert_eq!(singular("batches"), "batch");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("personnel"), "personnel");
    }

    #[test]
    fn comparatives_verbs_and_currencies_name_no_thing() {
        for word in [
            "faster",
            "fewer",
            "won",
            "rand",
            "than",
            "increased",
            "biggest",
        ] {
            assert!(names_no_thing(word), "{word}");
        }
        for word in [
            "container",
            "shipment",
            "soldier",
            "hundred",
            "interest",
            "vessel",
        ] {
            assert!(!names_no_thing(word), "{word}");
        }
    }
}
