//! Currencies around a figure: symbols with a country prefix or suffix ("US$", "$US", "HK$"),
//! codes glued or spaced before it ("EUR40m", "USD 3.2 million", "RM3.10", "Rs 800"), and
//! currency words after it ("5m euros", "40 ringgit").

use super::text::{char_at, char_before, skip_space_back};

/// A currency written before the figure at `start`: where it begins and its code.
pub fn before(text: &str, start: usize) -> Option<(usize, &'static str)> {
    // Glued to the digits: "$US12m", "EUR40m", "RM3.10".
    if let Some(at) = letters_ending_at(text, start) {
        let letters = &text[at..start];
        if let Some(symbol) = char_before(text, at).filter(|c| is_symbol(*c)) {
            return symbol_code(symbol, "", letters).map(|code| (at - symbol.len_utf8(), code));
        }
        return code(letters)
            .filter(|_| !glued_to_word(text, at))
            .map(|code| (at, code));
    }
    let end = skip_space_back(text, start);
    if let Some(symbol) = char_before(text, end).filter(|c| is_symbol(*c)) {
        return symbol_before(text, end, symbol);
    }
    if end == start {
        return None;
    }
    // Set apart: "USD 3.2 million", "Rs. 800".
    let end = if char_before(text, end) == Some('.') {
        end - 1
    } else {
        end
    };
    let at = letters_ending_at(text, end)?;
    code(&text[at..end])
        .filter(|_| !glued_to_word(text, at))
        .map(|code| (at, code))
}

/// A symbol ending at `end` with its country prefix ("HK$"); a prefix glued to other letters
/// is ignored and the symbol read alone.
fn symbol_before(text: &str, end: usize, symbol: char) -> Option<(usize, &'static str)> {
    let symbol_start = end - symbol.len_utf8();
    let mut prefix_start = symbol_start;
    while let Some(c) = char_before(text, prefix_start) {
        if c.is_ascii_uppercase() || c == '.' {
            prefix_start -= 1;
        } else {
            break;
        }
    }
    let prefix = &text[prefix_start..symbol_start];
    if !glued_to_word(text, prefix_start) {
        if let Some(code) = symbol_code(symbol, prefix, "") {
            return Some((prefix_start, code));
        }
    }
    symbol_code(symbol, "", "").map(|code| (symbol_start, code))
}

/// A letter or digit right before `at`: the letters there belong to a longer word.
fn glued_to_word(text: &str, at: usize) -> bool {
    char_before(text, at).is_some_and(char::is_alphanumeric)
}

/// Where a run of one to three ASCII letters ending just before `end` starts.
fn letters_ending_at(text: &str, end: usize) -> Option<usize> {
    let letters = text[..end]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    (1..=3).contains(&letters).then(|| end - letters)
}

pub fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₩'
            | '₽'
            | '₴'
            | '₹'
            | '₦'
            | '₱'
            | '₺'
            | '₪'
            | '฿'
            | '₫'
    )
}

/// The currency symbol at `i`, if one stands there.
pub fn symbol_at(text: &str, i: usize) -> Option<char> {
    char_at(text, i).filter(|c| is_symbol(*c))
}

/// The currency of a symbol with a country prefix ("HK$") or suffix ("$US").
fn symbol_code(symbol: char, prefix: &str, suffix: &str) -> Option<&'static str> {
    let country = if prefix.is_empty() { suffix } else { prefix };
    let code = match (symbol, country) {
        ('$', "" | "US" | "U.S." | "U.S") => "USD",
        ('$', "A" | "AU") => "AUD",
        ('$', "C" | "CA" | "Can") => "CAD",
        ('$', "HK") => "HKD",
        ('$', "NZ") => "NZD",
        ('$', "S" | "SG") => "SGD",
        ('$', "NT") => "TWD",
        ('$', "R") => "BRL",
        ('$', "MX") => "MXN",
        ('€', "") => "EUR",
        ('£', "") => "GBP",
        ('¥', "") => "JPY",
        ('₩', "") => "KRW",
        ('₽', "") => "RUB",
        ('₴', "") => "UAH",
        ('₹', "") => "INR",
        ('₦', "") => "NGN",
        ('₱', "") => "PHP",
        ('₺', "") => "TRY",
        ('₪', "") => "ILS",
        ('฿', "") => "THB",
        ('₫', "") => "VND",
        _ => return None,
    };
    Some(code)
}

/// A currency code as written, case and all: ISO codes in capitals ("EUR", "CHF") and the
/// local abbreviations "RM" (ringgit), "Rs" (rupees) and "Rp" (rupiah).
pub fn code(word: &str) -> Option<&'static str> {
    const ISO: [&str; 44] = [
        "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "HKD", "SGD", "NZD", "CHF", "INR", "MYR",
        "IDR", "PHP", "THB", "KRW", "TWD", "RUB", "UAH", "ZAR", "NGN", "KES", "EGP", "SAR", "AED",
        "QAR", "TRY", "BRL", "MXN", "ARS", "CLP", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "ILS",
        "PKR", "BDT", "LKR", "VND", "COP",
    ];
    // Every code starts with a capital; most words before a figure do not.
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    match word {
        "RM" => Some("MYR"),
        "Rs" => Some("INR"),
        "Rp" => Some("IDR"),
        "RMB" => Some("CNY"),
        _ => ISO.iter().find(|c| **c == word).copied(),
    }
}

/// Currency named by a lowercased word after the figure ("dollars", "euros", "ringgit").
pub fn word(word: &str) -> Option<&'static str> {
    let code = match word {
        "dollar" | "dollars" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "pound" | "pounds" | "sterling" | "gbp" => "GBP",
        "yen" | "jpy" => "JPY",
        "yuan" | "renminbi" | "cny" | "rmb" => "CNY",
        "rouble" | "roubles" | "ruble" | "rubles" | "rub" => "RUB",
        "hryvnia" | "hryvnias" | "hryvnas" | "uah" => "UAH",
        "rupee" | "rupees" | "inr" => "INR",
        "franc" | "francs" | "chf" => "CHF",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "baht" => "THB",
        "rand" => "ZAR",
        "naira" => "NGN",
        "dirham" | "dirhams" => "AED",
        "riyal" | "riyals" => "SAR",
        "lira" | "liras" => "TRY",
        "shekel" | "shekels" => "ILS",
        "zloty" | "zlotys" => "PLN",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "peso" | "pesos" => "MXN",
        "krw" => "KRW",
        "cents" | "cent" => "USD cents",
        "pence" | "p" => "GBP pence",
        _ => return None,
    };
    Some(code)
}
