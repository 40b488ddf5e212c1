//! The English words the extractor knows: number words, scales, qualifiers, units and the
//! words that end a counted noun phrase. Every lookup takes an ASCII-lowercased word.

use super::claim::{Bound, Kind, Trend};
use super::text::LowerWord;
use super::value::{int, Decimal};

/// Value of a cardinal number word below one hundred ("seven", "forty").
pub fn small_number(word: &str) -> Option<i64> {
    let v = match word {
        "zero" | "nought" | "naught" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(v)
}

/// Every word that may open a claim: the number words, the vague magnitudes, "several",
/// "few", "half", the articles ("a dozen") and the multiples ("fivefold").
const OPENERS: &[&str] = &[
    "zero",
    "nought",
    "naught",
    "nil",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "tens",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "trillions",
    "several",
    "few",
    "half",
    "a",
    "an",
    "twofold",
    "threefold",
    "fourfold",
    "fivefold",
    "sixfold",
    "sevenfold",
    "eightfold",
    "ninefold",
    "tenfold",
    "twentyfold",
    "hundredfold",
    "thousandfold",
];

/// Whether a word of ASCII letters, in any case, may be one that opens a claim; a cheap test
/// of its first two letters and its length that spares the lookups for most words ("the"
/// may be "two", "that" cannot be "tens").
#[inline(always)]
pub fn may_open_claim(word: &[u8]) -> bool {
    OPENER_SHAPES.may_hold(word)
}

/// The shapes of the words of a vocabulary: for each first and second lowercase letter,
/// the lengths of the words that start with them, as bits. It tells at a glance that a
/// word is not in the vocabulary.
pub struct Shapes([u16; SHAPE_CELLS]);

/// The cells of a [`Shapes`] table: 32 values of five bits for each of a word's first two bytes.
const SHAPE_CELLS: usize = 32 * 32;

/// The cell of a [`Shapes`] table for a word's first two bytes (0 for the second of a
/// one-letter word): the low five bits of each, which tell the letters apart in either case.
/// Other bytes share cells with letters, so a word that passes must still be looked up.
const fn shape_cell(first: u8, second: u8) -> usize {
    (((first & 0x1f) as usize) << 5) | (second & 0x1f) as usize
}

impl Shapes {
    /// The shapes of the lowercase words in `lists`.
    pub const fn of(lists: &[&[&str]]) -> Self {
        let mut table = [0u16; SHAPE_CELLS];
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let word = lists[l][k].as_bytes();
                let second = if word.len() > 1 { word[1] } else { 0 };
                if word[0].is_ascii_lowercase() && (second == 0 || second.is_ascii_lowercase()) {
                    table[shape_cell(word[0], second)] |= 1 << word.len();
                }
                k += 1;
            }
            l += 1;
        }
        Self(table)
    }

    /// Whether some word of the vocabulary may have the length and the first two letters of
    /// `word`, in any case: `false` only when none has; one table lookup.
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&first), second) = (word.first(), word.get(1).copied().unwrap_or(0)) else {
            return false;
        };
        word.len() < 16 && self.0[shape_cell(first, second)] & (1 << word.len()) != 0
    }
}

/// A set of short words, each packed into an integer with its length and kept sorted, so
/// that looking a word up takes a few integer comparisons rather than string comparisons.
pub struct WordSet<const N: usize>([u128; N]);

/// The longest word a [`WordSet`] holds: fifteen bytes, the sixteenth holding the length.
const PACKED_BYTES: usize = 15;

/// `word`'s bytes, ASCII letters lowercased when `lower`, and its length as one integer;
/// `None` for a word too long to pack.
const fn pack(word: &[u8], lower: bool) -> Option<u128> {
    if word.len() > PACKED_BYTES {
        return None;
    }
    let mut packed = (word.len() as u128) << (8 * PACKED_BYTES);
    let mut k = 0;
    while k < word.len() {
        let b = if lower {
            word[k].to_ascii_lowercase()
        } else {
            word[k]
        };
        packed |= (b as u128) << (8 * k);
        k += 1;
    }
    Some(packed)
}

impl<const N: usize> WordSet<N> {
    /// The set of the words of `lists`, which together hold `N` words of at most fifteen
    /// bytes (checked when the set is built).
    pub const fn of(lists: &[&[&str]]) -> Self {
        let mut keys = [0u128; N];
        let mut n = 0;
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let Some(key) = pack(lists[l][k].as_bytes(), false) else {
                    panic!("a word of a WordSet is longer than fifteen bytes");
                };
                // Insertion sort: the sets are small and built at compile time.
                let mut at = n;
                while at > 0 && keys[at - 1] > key {
                    keys[at] = keys[at - 1];
                    at -= 1;
                }
                keys[at] = key;
                n += 1;
                k += 1;
            }
            l += 1;
        }
        assert!(n == N, "a WordSet's size is the number of its words");
        Self(keys)
    }

    /// Whether `word`, exactly as written, is in the set.
    pub fn contains(&self, word: &str) -> bool {
        pack_at_once(word.as_bytes(), false).is_some_and(|key| self.0.binary_search(&key).is_ok())
    }

    /// Whether `word` with its ASCII letters lowercased is in the set.
    pub fn contains_lowercased(&self, word: &[u8]) -> bool {
        pack_at_once(word, true).is_some_and(|key| self.0.binary_search(&key).is_ok())
    }
}

/// [`pack`] for a word looked up: its bytes copied into place at once and lowercased sixteen
/// at a time.
fn pack_at_once(word: &[u8], lower: bool) -> Option<u128> {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    const HIGHS: u128 = 0x80 * ONES;
    if word.len() > PACKED_BYTES {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    bytes[PACKED_BYTES] = word.len() as u8;
    let packed = u128::from_le_bytes(bytes);
    if !lower {
        return Some(packed);
    }
    // A byte is an ASCII capital when it is below 0x80 and from b'A' to b'Z'; adding to its
    // low seven bits carries into no other byte.
    let seven = packed & (0x7f * ONES);
    let from_a = seven + (0x80 - u128::from(b'A')) * ONES;
    let past_z = seven + (0x80 - u128::from(b'Z') - 1) * ONES;
    let capitals = from_a & !past_z & !packed & HIGHS;
    Some(packed | (capitals >> 2))
}

const OPENER_SHAPES: Shapes = Shapes::of(&[OPENERS]);

/// A word that may open a claim: one of `OPENERS`, in any case. Every other word is skipped
/// without further reading.
pub fn opens_claim(word: &[u8]) -> bool {
    const SET: WordSet<{ OPENERS.len() }> = WordSet::of(&[OPENERS]);
    SET.contains_lowercased(word)
}

/// A word, in any case, after which the article "a" is the numeral one: "a dozen", "a
/// third", "a half".
pub fn article_number_word(word: &[u8]) -> bool {
    const SHAPES: Shapes = Shapes::of(&[ARTICLE_NUMBER_LIST]);
    SHAPES.may_hold(word) && ARTICLE_NUMBER_WORDS.contains_lowercased(word)
}

const ARTICLE_NUMBER_LIST: &[&str] = &[
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "third",
    "quarter",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "hundredth",
    "thousandth",
    "millionth",
    "billionth",
    "trillionth",
    "half",
];

const ARTICLE_NUMBER_WORDS: WordSet<{ ARTICLE_NUMBER_LIST.len() }> =
    WordSet::of(&[ARTICLE_NUMBER_LIST]);

/// Multiplier of a scale word or abbreviation written apart from the digits ("million", "bn").
pub fn scale_word(word: &str) -> Option<Decimal> {
    let v = match word {
        "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs" => 12,
        "hundred" | "hundreds" => 100,
        "thousand" | "thousands" | "k" => 1_000,
        "million" | "millions" | "mn" | "mln" | "mil" | "mm" => 1_000_000,
        "billion" | "billions" | "bn" | "bln" => 1_000_000_000,
        "trillion" | "trillions" | "tn" | "trn" | "tln" => 1_000_000_000_000,
        "lakh" | "lakhs" => 100_000,
        "crore" | "crores" => 10_000_000,
        _ => return None,
    };
    Some(int(v))
}

/// A plural scale word that names a vague magnitude ("thousands"), not a multiplier; "dozens"
/// and the abbreviations "dzs", "doz" still multiply ("3 dozens").
pub fn plural_scale(word: &str) -> bool {
    word != "dozens" && vague_magnitude(word).is_some()
}

/// Value of a vulgar fraction character ("½", "⅓").
pub fn vulgar_fraction(c: char) -> Option<Decimal> {
    let (numerator, denominator) = match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return None,
    };
    Some(int(numerator) / int(denominator))
}

/// Multiplier of a suffix glued to digits ("5k", "280m", "3.2bn"). Case matters: "5G" is a name.
pub fn glued_scale(suffix: &str) -> Option<Decimal> {
    let v = match suffix {
        "k" | "K" => 1_000,
        "m" | "M" | "mn" | "mln" | "mil" | "MM" => 1_000_000,
        "bn" | "b" | "bln" | "B" | "BN" => 1_000_000_000,
        "tn" | "trn" | "tln" | "T" => 1_000_000_000_000,
        _ => return None,
    };
    Some(int(v))
}

/// A vague magnitude word used in the plural ("dozens of", "thousands of") and its unit.
pub fn vague_magnitude(word: &str) -> Option<Decimal> {
    let v = match word {
        "tens" => 10,
        "dozens" => 12,
        "scores" => 20,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        "billions" => 1_000_000_000,
        "trillions" => 1_000_000_000_000,
        _ => return None,
    };
    Some(int(v))
}

/// Denominator of a fraction word ("third" → 3, "quarters" → 4), singular or plural.
pub fn denominator(word: &str) -> Option<Decimal> {
    let w = word.strip_suffix('s').unwrap_or(word);
    let v = match w {
        "half" | "halve" => 2,
        "third" => 3,
        "quarter" | "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "twelfth" => 12,
        "twentieth" => 20,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        "billionth" => 1_000_000_000,
        "trillionth" => 1_000_000_000_000,
        _ => return None,
    };
    Some(int(v))
}

/// The words before a figure, nearest first, in ASCII lowercase, as far back as they are
/// asked for.
pub trait WordsBack<'a> {
    /// The `k`th word back (0 is the nearest), if there is one.
    fn word(&mut self, k: usize) -> Option<LowerWord<'a>>;

    /// Whether the `k`th word back is `word`.
    fn word_is(&mut self, k: usize, word: &str) -> bool {
        self.word(k)
            .is_some_and(|w| w.as_bytes() == word.as_bytes())
    }
}

impl<'a> WordsBack<'a> for [LowerWord<'a>] {
    fn word(&mut self, k: usize) -> Option<LowerWord<'a>> {
        self.get(k).copied()
    }
}

/// Qualifier phrases by their last word: the words before it in reading order, longest
/// first, and the bound; `_` is any word. "Not quite" with any word after it is read apart.
fn phrases_ending_in(word: &str) -> &'static [(&'static [&'static str], Bound)] {
    use Bound::*;
    match word {
        "of" => &[
            (&["in", "the", "region"], Approx),
            (&["the", "best", "part"], Approx),
            // "a maximum fine of £1,000", "a minimum wage of £10".
            (&["a", "maximum", "_"], AtMost),
            (&["a", "minimum", "_"], AtLeast),
            (&["in", "excess"], MoreThan),
            (&["just", "shy"], LessThan),
            (&["a", "minimum"], AtLeast),
            (&["a", "maximum"], AtMost),
            (&["upwards"], MoreThan),
            (&["upward"], MoreThan),
            (&["north"], MoreThan),
            (&["shy"], LessThan),
            (&["south"], LessThan),
        ],
        "than" => &[
            (&["no", "fewer"], AtLeast),
            (&["no", "less"], AtLeast),
            (&["not", "less"], AtLeast),
            (&["no", "more"], AtMost),
            (&["not", "more"], AtMost),
            (&["more"], MoreThan),
            (&["greater"], MoreThan),
            (&["higher"], MoreThan),
            (&["less"], LessThan),
            (&["fewer"], LessThan),
            (&["lower"], LessThan),
        ],
        "as" => &[
            (&["as", "many"], AtMost),
            (&["as", "much"], AtMost),
            (&["as", "high"], AtMost),
            (&["as", "few"], AtLeast),
            (&["as", "little"], AtLeast),
            (&["as", "low"], AtLeast),
        ],
        "over" => &[
            (&["a", "little"], MoreThan),
            (&["just"], MoreThan),
            (&["well"], MoreThan),
        ],
        "above" => &[
            (&["a", "little"], MoreThan),
            (&["just"], MoreThan),
            (&["well"], MoreThan),
        ],
        "under" => &[
            (&["a", "little"], LessThan),
            (&["a", "shade"], LessThan),
            (&["just"], LessThan),
            (&["well"], LessThan),
        ],
        "below" => &[
            (&["a", "little"], LessThan),
            (&["just"], LessThan),
            (&["well"], LessThan),
        ],
        "less" => &[(&["more", "or"], Approx)],
        "least" => &[(&["at"], AtLeast)],
        "most" => &[(&["at"], AtMost)],
        "to" => &[(&["up"], AtMost), (&["close"], Approx)],
        "on" => &[(&["close"], Approx)],
        "maximum" => &[(&["a"], AtMost)],
        "minimum" => &[(&["a"], AtLeast)],
        "estimated" => &[(&["an"], Approx), (&["some"], Approx)],
        _ => &[],
    }
}

/// A word or phrase that bounds the figure after it, read in `words` from the `from`th word
/// back, with the number of words it spans. A word further back is asked for only while a
/// phrase ending in the nearer ones may still fit.
pub fn qualifier<'a>(
    words: &mut (impl WordsBack<'a> + ?Sized),
    from: usize,
) -> Option<(Bound, usize)> {
    let nearest = words.word(from)?;
    let nearest = nearest.as_str();
    // "under the age of 12", "over the age of 65".
    if nearest == "of" && words.word_is(from + 1, "age") && words.word_is(from + 2, "the") {
        let (bound, n) = qualifier(words, from + 3)?;
        return (n == 1).then_some((bound, 4));
    }
    let phrases = phrases_ending_in(nearest);
    let mut fits = |lead: &[&str]| {
        lead.iter()
            .rev()
            .enumerate()
            .all(|(k, word)| *word == "_" || words.word_is(from + 1 + k, word))
    };
    // Longer phrases first: three or four words, "not quite" and a word, then two words.
    let longer = phrases
        .iter()
        .filter(|(lead, _)| lead.len() > 1)
        .find(|(lead, _)| fits(lead));
    if let Some((lead, bound)) = longer {
        return Some((*bound, lead.len() + 1));
    }
    if fits(&["not", "quite"]) {
        return Some((Bound::LessThan, 3));
    }
    let pair = phrases
        .iter()
        .filter(|(lead, _)| lead.len() == 1)
        .find(|(lead, _)| fits(lead));
    if let Some((_, bound)) = pair {
        return Some((*bound, 2));
    }
    let bound = match nearest {
        "over" | "above" | "exceeding" | "beyond" | "topped" | "tops" | "exceeded" | "exceeds"
        | "surpassed" | "surpasses" => Some(Bound::MoreThan),
        "under" | "below" => Some(Bound::LessThan),
        "barely" | "scarcely" | "hardly" => Some(Bound::AtMost),
        "about" | "approximately" | "around" | "nearly" | "almost" | "roughly" | "some"
        | "approx" | "circa" | "estimated" | "ca" | "c" | "near" => Some(Bound::Approx),
        _ => None,
    };
    bound.map(|b| (b, 1))
}

/// A bound written after the figure, as the two words that follow it: "20 or more",
/// "15 years or so".
pub fn trailing_qualifier(first: &str, second: &str) -> Option<Bound> {
    match (first, second) {
        ("or", "more")
        | ("or", "above")
        | ("or", "over")
        | ("and", "over")
        | ("and", "above")
        | ("or", "higher") => Some(Bound::AtLeast),
        ("or", "less") | ("or", "fewer") | ("or", "under") | ("or", "below") | ("or", "lower") => {
            Some(Bound::AtMost)
        }
        ("or", "so") => Some(Bound::Approx),
        _ => None,
    }
}

/// A verb or noun that states a change, placed before the figure ("rose 60%", "fell by").
pub fn trend_word(word: &str) -> Option<Trend> {
    match word {
        "rose" | "rise" | "rises" | "risen" | "rising" | "increased" | "increase" | "increases"
        | "increasing" | "grew" | "grow" | "grows" | "grown" | "growing" | "growth" | "jumped"
        | "jump" | "jumps" | "climbed" | "climb" | "climbs" | "surged" | "surge" | "surges"
        | "soared" | "soars" | "gained" | "gain" | "gains" | "up" | "added" | "adds"
        | "advanced" | "advances" | "rallied" | "rallies" | "rebounded" | "rebounds"
        | "recovered" | "rocketed" | "rockets" | "spiked" | "leapt" | "leaped" | "leaps"
        | "expanded" | "expands" | "widened" | "widens" | "raised" | "raises" | "raising"
        | "lifted" | "lifts" | "lift" | "raise" | "boost" | "boosted" | "boosts" | "doubled"
        | "tripled" | "trebled" | "quadrupled" | "ballooned" | "swelled" | "strengthened"
        | "firmed" | "hiked" | "hike" | "hikes" | "upped" | "accelerated" | "higher" => {
            Some(Trend::Up)
        }
        "fell" | "fall" | "falls" | "fallen" | "falling" | "dropped" | "drop" | "drops"
        | "declined" | "decline" | "declines" | "decreased" | "decrease" | "decreases"
        | "slumped" | "slump" | "slumps" | "plunged" | "plunge" | "plunges" | "plummeted"
        | "plummets" | "down" | "shrank" | "shrunk" | "shrinks" | "slid" | "slides" | "dipped"
        | "dips" | "tumbled" | "tumbles" | "shed" | "sheds" | "shedding" | "cut" | "cuts"
        | "cutting" | "slashed" | "slashes" | "lost" | "loses" | "lose" | "losing" | "eased"
        | "eases" | "slipped" | "slips" | "sank" | "sinks" | "sunk" | "dived" | "dives"
        | "retreated" | "retreats" | "contracted" | "contracts" | "narrowed" | "narrows"
        | "lowered" | "lowers" | "reduced" | "reduces" | "reducing" | "trimmed" | "trims"
        | "halved" | "weakened" | "weakens" | "crashed" | "collapsed" | "sagged" | "lower" => {
            Some(Trend::Down)
        }
        _ => None,
    }
}

/// A noun or comparative after a figure that states a change ("a 15% fall", "2.5% lower").
pub fn trend_after(word: &str) -> Option<Trend> {
    match word {
        "rise" | "increase" | "jump" | "gain" | "surge" | "hike" | "higher" | "up" | "growth"
        | "uplift" | "boost" => Some(Trend::Up),
        "fall" | "drop" | "decline" | "decrease" | "cut" | "slump" | "loss" | "lower" | "down"
        | "reduction" | "dip" | "plunge" | "slide" => Some(Trend::Down),
        _ => None,
    }
}

/// Month names as they head a date; only recognised when capitalised.
pub fn is_month(word: &str) -> bool {
    matches!(
        word,
        "January"
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
    ) || month_abbreviation(word)
}

/// Abbreviated month names ("Feb", "Sept"), which a full stop may follow.
pub fn month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Words before a bare four-digit number that make it a year.
pub fn year_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "from"
            | "until"
            | "till"
            | "by"
            | "of"
            | "to"
            | "before"
            | "after"
            | "during"
            | "the"
            | "early"
            | "late"
            | "mid"
            | "circa"
            | "between"
            | "and"
            | "through"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "year"
            | "fiscal"
    )
}

/// What a unit word measures: a physical measure or a duration.
pub fn unit_kind(word: &str) -> Option<Kind> {
    let kind = match word {
        "second" | "seconds" | "minute" | "minutes" | "hour" | "hours" | "day" | "days"
        | "week" | "weeks" | "month" | "months" | "year" | "years" | "decade" | "decades"
        | "century" | "centuries" | "hrs" | "mins" | "yrs" | "fortnight" | "fortnights" => {
            Kind::Duration
        }
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" | "mile" | "miles"
        | "mi" | "metre" | "metres" | "meter" | "meters" | "foot" | "feet" | "ft" | "inch"
        | "inches" | "cm" | "centimetres" | "centimeters" | "mm" | "millimetres"
        | "millimeters" | "yard" | "yards" | "kg" | "kilogram" | "kilograms" | "kilo" | "kilos"
        | "gram" | "grams" | "g" | "mg" | "milligrams" | "ton" | "tons" | "tonne" | "tonnes"
        | "lb" | "lbs" | "ounce" | "ounces" | "oz" | "barrel" | "barrels" | "bpd" | "litre"
        | "litres" | "liter" | "liters" | "l" | "ml" | "millilitres" | "milliliters" | "gallon"
        | "gallons" | "hectare" | "hectares" | "ha" | "acre" | "acres" | "degree" | "degrees"
        | "°c" | "°f" | "celsius" | "fahrenheit" | "mph" | "kph" | "kmh" | "knots" | "knot"
        | "watt" | "watts" | "kw" | "mw" | "gw" | "kwh" | "mwh" | "gwh" | "twh" | "megawatts"
        | "gigawatts" | "kilowatts" | "volts" | "hz" | "mhz" | "ghz" | "gb" | "mb" | "tb"
        | "kb" | "bytes" | "calories" | "kcal" | "sq" | "square" | "cubic" | "metric"
        | "nautical" | "light-years" | "ft²" | "km²" | "m²" | "mbps" | "gbps" | "m" | "hp"
        | "bhp" | "horsepower" | "mah" | "khz" | "kilohertz" | "megahertz" | "gigahertz" | "nm"
        | "nanometres" | "nanometers" | "mcg" | "µg" | "cc" | "psi" | "mpg" | "sqm" | "m2"
        | "km2" | "cm2" | "m3" | "km3" | "carats" | "carat" | "decibels" | "db" | "joules"
        | "kj" | "kn" | "kmph" | "teu" | "teus" | "°" => Kind::Measure,
        "fold" => Kind::Count,
        _ => return None,
    };
    Some(kind)
}

/// Words that qualify a measure unit and need the next word too ("metric tons").
pub fn unit_modifier(word: &str) -> bool {
    matches!(
        word,
        "sq" | "square" | "cubic" | "metric" | "nautical" | "light"
    )
}

/// Counter nouns of page furniture: a raw counter before them is not a claim ("84906 views").
pub fn counter_noun(word: &str) -> bool {
    matches!(
        word,
        "views" | "shares" | "likes" | "comments" | "reads" | "retweets" | "reactions"
    )
}

/// Nouns after which "of" continues the counted thing ("rounds of ammunition").
pub fn partitive(word: &str) -> bool {
    matches!(
        word,
        "rounds"
            | "round"
            | "sets"
            | "containers"
            | "pieces"
            | "units"
            | "shipments"
            | "boxes"
            | "cases"
            | "batches"
            | "types"
            | "kinds"
            | "loads"
            | "crates"
            | "bags"
            | "packages"
            | "tons"
            | "tonnes"
            | "truckloads"
            | "shells"
            | "cans"
            | "bottles"
            | "doses"
            | "acres"
            | "hectares"
            | "barrels"
            | "cubic"
            | "litres"
            | "liters"
            | "gallons"
            | "head"
            | "items"
            | "trainloads"
            | "wagons"
            | "carriages"
            | "lots"
            | "pairs"
            | "volumes"
    )
}

/// Words that end a counted noun phrase: function words, auxiliaries and common verbs.
pub fn ends_phrase(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "without"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "between"
            | "among"
            | "across"
            | "through"
            | "during"
            | "since"
            | "until"
            | "per"
            | "as"
            | "than"
            | "about"
            | "after"
            | "before"
            | "against"
            | "near"
            | "toward"
            | "towards"
            | "via"
            | "like"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "not"
            | "no"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "if"
            | "so"
            | "such"
            | "also"
            | "only"
            | "each"
            | "every"
            | "more"
            | "less"
            | "most"
            | "least"
            | "then"
            | "there"
            | "here"
            | "they"
            | "we"
            | "he"
            | "she"
            | "you"
            | "i"
            | "said"
            | "says"
            | "say"
            | "worth"
            | "ago"
            | "old"
            | "already"
            | "still"
            | "just"
            | "even"
            | "all"
            | "both"
            | "some"
            | "any"
            | "many"
            | "much"
            | "other"
            | "another"
            | "last"
            | "next"
            | "out"
            | "up"
            | "down"
            | "off"
            | "again"
            | "too"
            | "very"
            | "now"
            | "yet"
            | "because"
            | "though"
            | "although"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "them"
            | "him"
            | "me"
            | "us"
            | "get"
            | "got"
            | "make"
            | "made"
            | "take"
            | "took"
            | "go"
            | "went"
            | "come"
            | "came"
            | "give"
            | "gave"
            | "see"
            | "saw"
            | "left"
            | "remain"
            | "remained"
            | "remains"
            | "according"
            | "including"
            | "compared"
            | "equal"
            | "equivalent"
            | "respectively"
    )
}

/// Words that make a following "one" an idiom or pronoun rather than a count.
pub fn one_idiom_follower(word: &str) -> bool {
    matches!(
        word,
        "of" | "point"
            | "another"
            | "day"
            | "time"
            | "way"
            | "thing"
            | "side"
            | "hand"
            | "more"
            | "last"
            | "who"
            | "that"
            | "which"
            | "too"
            | "can"
            | "could"
            | "must"
            | "should"
            | "would"
            | "is"
            | "was"
            | "has"
            | "does"
            | "did"
            | "in"
            | "on"
            | "at"
            | "and"
            | "or"
            | "but"
            | "to"
            | "you"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "reason"
            | "after"
            | "by"
            | "such"
            | "key"
            | "major"
            | "big"
            | "small"
            | "final"
            | "single"
            | "like"
            | "with"
            | "for"
            | "from"
            | "again"
            | "here"
            | "there"
    )
}

/// Determiners that make a small spelled-out number refer back ("the two countries").
pub fn anaphoric_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "these"
            | "those"
            | "both"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "no"
            | "any"
            | "every"
            | "each"
            | "which"
            | "this"
            | "that"
            | "all"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_looked_up_is_packed_as_the_set_packs_it() {
        for b in 0..=255u8 {
            for len in 0..=PACKED_BYTES + 1 {
                for at in 0..len.max(1) {
                    let mut word: Vec<u8> = (0..len).map(|k| b"QzaZ09-_"[k % 8]).collect();
                    if at < len {
                        word[at] = b;
                    }
                    for lower in [false, true] {
                        assert_eq!(
                            pack_at_once(&word, lower),
                            pack(&word, lower),
                            "{word:?} lower {lower}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_word_set_holds_its_words_exactly_or_in_any_case() {
        const WORDS: &[&str] = &["said", "according", "a", "fifteen-letters"];
        const SET: WordSet<{ WORDS.len() + 2 }> = WordSet::of(&[WORDS, &["z", "said"]]);
        for word in ["said", "according", "a", "z", "fifteen-letters"] {
            assert!(SET.contains(word), "{word}");
            assert!(
                SET.contains_lowercased(word.to_uppercase().as_bytes()),
                "{word}"
            );
        }
        for word in [
            "Said",
            "sai",
            "saidx",
            "",
            "b",
            "according to",
            "sixteen-letters!",
        ] {
            assert!(!SET.contains(word), "{word}");
        }
        assert!(!SET.contains_lowercased(b"SAIDS"));
    }

    /// Every word `opens_claim` accepts passes the cheap shape test first, and common words
    /// of the same first letters and lengths do not.
    #[test]
    fn openers_have_an_accepted_shape() {
        let shape = |w: &str| may_open_claim(w.as_bytes());
        for word in OPENERS {
            assert!(opens_claim(word.as_bytes()), "{word} opens a claim");
            assert!(shape(word), "{word} passes the shape test");
        }
        for word in ["that", "this", "with", "they", "from", "she"] {
            assert!(!shape(word), "{word:?} is skipped");
        }
    }
}
