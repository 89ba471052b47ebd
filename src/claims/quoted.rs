//! What a quote itself says: the numbers it writes and the words that give a
//! direction (selling, buying, rising, falling). A claim's `claimed` must come
//! from its quote: a number the quote holds, or words of the quote named by
//! `claimed_words` (see [`check_claimed`]). The drafter reads the same words.

/// Net selling: sold, offloaded, dumped, sell-off, liquidating.
pub const SELL: &[&str] = &[
    "sold",
    "sell",
    "sells",
    "selling",
    "sell-off",
    "selloff",
    "seller",
    "sellers",
    "offloaded",
    "offload",
    "offloading",
    "dumped",
    "dump",
    "dumping",
    "dumps",
    "liquidated",
    "liquidating",
    "unloaded",
    "shed",
    "outflow",
    "outflows",
    "disposed",
];
/// Net buying: bought, added, purchases, inflows.
pub const BUY: &[&str] = &[
    "bought",
    "buy",
    "buys",
    "buying",
    "buyer",
    "buyers",
    "added",
    "adding",
    "purchased",
    "purchases",
    "purchase",
    "acquired",
    "inflow",
    "inflows",
    "accumulated",
];
/// A level went up: rose, climbed, increased.
pub const UP: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "climbed",
    "climb",
    "increased",
    "increase",
    "gained",
    "jumped",
    "surged",
    "grew",
    "up",
    "higher",
];
/// A level went down: fell, dropped, lost.
pub const DOWN: &[&str] = &[
    "fell", "fall", "falls", "falling", "dropped", "drop", "declined", "decline", "lost", "lose",
    "slipped", "shrank", "down", "lower", "plunged", "tumbled",
];

pub const CARDINALS: &[&str] = &[
    "zero",
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
];
pub const ORDINALS: &[&str] = &[
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
];

/// Words that name the first place of a ranking or a record.
const FIRST_PLACE: &[&str] = &[
    "largest",
    "biggest",
    "record",
    "highest",
    "lowest",
    "most",
    "top",
    "ever",
    "largest-ever",
];

/// The value of a number word ("three" 3, "third" 3 as an ordinal).
pub fn word_value(w: &str) -> Option<(f64, bool)> {
    let w = w.to_ascii_lowercase();
    if let Some(i) = CARDINALS.iter().position(|c| *c == w) {
        return Some((i as f64, false));
    }
    ORDINALS
        .iter()
        .position(|c| *c == w)
        .map(|i| (i as f64, true))
}

/// The words of a text in lower case, hyphenated words kept whole and also split.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ',' || c == '-'))
        .filter(|w| !w.is_empty())
    {
        let lower = w.to_ascii_lowercase();
        if lower.contains('-') {
            out.extend(
                lower
                    .split('-')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
        }
        out.push(lower);
    }
    out
}

/// Every number the text writes: digits (`61.9`, `1,045`, `$100`, `15-month`,
/// `Q3`), number words (`three`, `third`, `second-largest`) and a scale word
/// after "a" (`a trillion` = 1).
pub fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let ws = words(text);
    for (i, w) in ws.iter().enumerate() {
        let digits: String = w
            .trim_start_matches(['$', 'q'])
            .chars()
            .filter(|c| *c != ',')
            .collect();
        if let Ok(v) = digits.parse::<f64>()
            && v.is_finite()
        {
            out.push(v);
        } else if let Some((v, _)) = word_value(w) {
            out.push(v);
        } else if i > 0
            && ws[i - 1] == "a"
            && matches!(
                w.as_str(),
                "million" | "billion" | "trillion" | "thousand" | "hundred" | "dozen"
            )
        {
            out.push(if w == "dozen" { 12.0 } else { 1.0 });
        }
    }
    out
}

/// Which ways the words of a text point: (-1 selling or falling, +1 buying or rising) found.
fn directions(text: &str) -> (bool, bool) {
    let (mut down, mut up) = (false, false);
    for w in words(text) {
        let w = w.as_str();
        down |= SELL.contains(&w) || DOWN.contains(&w);
        up |= BUY.contains(&w) || UP.contains(&w);
    }
    (down, up)
}

/// Which way words of the text point, if one way only: -1 selling or falling, +1 buying or rising.
pub fn direction(text: &str) -> Option<i8> {
    match directions(text) {
        (true, false) => Some(-1),
        (false, true) => Some(1),
        _ => None,
    }
}

/// Whether `words` occur in `quote` (any run of white space matching any other).
pub fn quote_holds(quote: &str, words: &str) -> bool {
    let flat = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let w = flat(words);
    !w.is_empty() && flat(quote).contains(&w)
}

/// Checks that a claimed number comes from the quote: the number itself (or in
/// another USD scale: 1,000 billions for "a trillion"), a rank word for a first
/// place ("largest", "record"), or the quote's words that `claimed_words`
/// names. A claimed zero is a direction: the quote (or the words named) must
/// hold a word pointing the way of the relation (a selling or falling word for
/// "below zero", a buying or rising one for "above"), or `claimed_words` must
/// name the words it stands for. Returns what is wrong, in words.
pub fn check_claimed(
    quote: &str,
    claimed: f64,
    relation: &str,
    ranked: bool,
    claimed_words: Option<&str>,
) -> Result<(), String> {
    if let Some(w) = claimed_words
        && !quote_holds(quote, w)
    {
        return Err(format!(
            "claimed_words = {w:?} is not in the quote; expected words of the quote that the claimed value stands for"
        ));
    }
    if claimed == 0.0 {
        let says_up = matches!(relation, "above" | "at_least");
        let says_down = matches!(relation, "below" | "at_most");
        let (down, up) = directions(claimed_words.unwrap_or(quote));
        let agrees = (says_up && up) || (says_down && down);
        let opposes = (says_up && down && !up) || (says_down && up && !down);
        if opposes {
            return Err(format!(
                "claimed = 0 with relation {relation:?} reads as {} zero, but the quote's words say the opposite; bind what the quote says",
                if says_up {
                    "at or above"
                } else {
                    "at or below"
                }
            ));
        }
        if agrees || claimed_words.is_some() {
            return Ok(());
        }
        return Err(
            "claimed = 0 is a direction, and no word of the quote gives it; name the quote's words it stands for with claimed_words = \"...\""
                .into(),
        );
    }
    if claimed_words.is_some() {
        return Ok(());
    }
    let a = claimed.abs();
    let near = |x: f64| (x - a).abs() <= 1e-9 * a.max(1.0);
    let found = numbers(quote)
        .into_iter()
        .any(|n| near(n) || near(n * 1000.0) || near(n / 1000.0));
    let first = ranked
        && a == 1.0
        && words(quote)
            .iter()
            .any(|w| FIRST_PLACE.contains(&w.as_str()));
    if found || first {
        Ok(())
    } else {
        Err(format!(
            "claimed = {claimed} is not a number of the quote; name the quote's words it stands for with claimed_words = \"...\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_digits_words_and_scales() {
        assert_eq!(
            numbers("offloaded an astonishing $61.9 billion"),
            vec![61.9]
        );
        assert_eq!(numbers("added 1,045 tons of gold"), vec![1045.0]);
        assert!(numbers("a 15-month streak").contains(&15.0));
        assert!(numbers("the third consecutive year").contains(&3.0));
        assert!(numbers("the second-largest quarterly drop").contains(&2.0));
        assert_eq!(numbers("over a trillion dollars"), vec![1.0]);
        assert_eq!(numbers("in Q3 alone"), vec![3.0]);
    }

    #[test]
    fn a_claimed_value_must_come_from_the_quote() {
        let q = "offloaded an astonishing $61.9 billion worth of Treasuries";
        assert!(check_claimed(q, -61.9, "about", false, None).is_ok());
        assert!(check_claimed(q, -62.0, "about", false, None).is_err());
        // Another USD scale: "a trillion" is 1,000 billions.
        assert!(
            check_claimed(
                "holding over a trillion dollars",
                1000.0,
                "above",
                false,
                None
            )
            .is_ok()
        );
        // A first place from its word.
        assert!(check_claimed("the largest quarterly sell-off", 1.0, "about", true, None).is_ok());
        assert!(
            check_claimed("the largest quarterly sell-off", 1.0, "about", false, None).is_err()
        );
        // A direction comes from the quote's words, which must point the same way.
        let t = "tariffs are the immediate cause of this sell-off";
        let e = check_claimed(t, 0.0, "at_least", false, None).unwrap_err();
        assert!(e.contains("the opposite"), "{e}");
        let e = check_claimed(t, 0.0, "at_least", false, Some("sell-off")).unwrap_err();
        assert!(e.contains("the opposite"), "{e}");
        assert!(check_claimed(t, 0.0, "below", false, None).is_ok());
        assert!(check_claimed(t, 0.0, "below", false, Some("not in it")).is_err());
        assert!(
            check_claimed(
                "India kept adding to its holdings",
                0.0,
                "above",
                false,
                None
            )
            .is_ok()
        );
        // No direction word: the words it stands for must be named.
        let c = "Confidence in the dollar is cracking";
        let e = check_claimed(c, 0.0, "below", false, None).unwrap_err();
        assert!(e.contains("claimed_words"), "{e}");
        assert!(check_claimed(c, 0.0, "below", false, Some("is cracking")).is_ok());
    }
}
