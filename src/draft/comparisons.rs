//! Comparison words: how the claimed number relates to the data (over,
//! nearly, more than, about) and what kind of comparison the clause makes
//! (a record over history, a rank among countries, a streak).

/// How the claimed number relates to the observed one, by magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    About,
    /// "over", "more than", "above", "exceeded", "at least"
    Over,
    /// "nearly", "almost", "close to"
    Nearly,
    /// "under", "less than", "below", "at most"
    Under,
}

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// The bound word nearest before byte `at` (an amount's start), within five words.
pub fn bound_before(text: &str, at: usize) -> Bound {
    let w = lower_words(&text[..at.min(text.len())]);
    let tail: Vec<&str> = w.iter().rev().take(5).map(String::as_str).collect();
    for (i, x) in tail.iter().enumerate() {
        let prev = tail.get(i + 1).copied().unwrap_or("");
        match (prev, *x) {
            (_, "over" | "above" | "exceeded" | "exceeding" | "exceed" | "topping") => {
                return Bound::Over;
            }
            ("more" | "greater", "than") | ("at", "least") => return Bound::Over,
            (_, "nearly" | "almost") | ("close", "to") => return Bound::Nearly,
            (_, "under" | "below") | ("less" | "fewer", "than") | ("at", "most") => {
                return Bound::Under;
            }
            _ => {}
        }
    }
    Bound::About
}

/// What the clause compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// The window against the entity's own history ("record", "ever", "in its history").
    Record,
    /// The entity against the others in one window ("the largest net seller in January").
    Rank,
    /// Periods in a row ("straight", "consecutive", "streak", "in a row").
    Streak,
}

/// The comparison a clause makes, if any.
pub fn comparison(text: &str) -> Option<Comparison> {
    let l = text.to_ascii_lowercase();
    let w = lower_words(text);
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("straight")
        || has("consecutive")
        || has("streak")
        || has("successive")
        || l.contains("in a row")
    {
        return Some(Comparison::Streak);
    }
    let superlative = w.iter().any(|y| {
        y.ends_with("largest")
            || y.ends_with("biggest")
            || y.ends_with("highest")
            || y.ends_with("lowest")
            || y == "top"
    });
    if has("record")
        || has("ever") && superlative
        || l.contains("in its history")
        || l.contains("all-time")
    {
        return Some(Comparison::Record);
    }
    let actor = w.iter().any(|y| {
        matches!(
            y.as_str(),
            "seller" | "sellers" | "buyer" | "buyers" | "holder" | "holders" | "purchase" | "sale"
        )
    }) || l.contains("of any country")
        || l.contains("among");
    if superlative && actor {
        return Some(Comparison::Rank);
    }
    None
}

/// "quarterly", "monthly", "annual": the length of the windows a record compares.
pub fn window_months(text: &str) -> Option<i32> {
    let w = lower_words(text);
    w.iter().find_map(|x| match x.as_str() {
        "quarterly" | "quarter" => Some(3),
        "monthly" | "month" => Some(1),
        "annual" | "yearly" => Some(12),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        let t = "offloaded over $113 billion";
        assert_eq!(bound_before(t, t.find('$').unwrap()), Bound::Over);
        let t = "In just three months, nearly\n$100 billion";
        assert_eq!(bound_before(t, t.find('$').unwrap()), Bound::Nearly);
        let t = "more than $5 billion";
        assert_eq!(bound_before(t, t.find('$').unwrap()), Bound::Over);
        let t = "sold $61.9 billion";
        assert_eq!(bound_before(t, t.find('$').unwrap()), Bound::About);
    }

    #[test]
    fn kinds_of_comparison() {
        assert_eq!(
            comparison("the largest quarterly sell-off Japan has ever executed"),
            Some(Comparison::Record)
        );
        assert_eq!(
            comparison("the second-largest quarterly drop in its history"),
            Some(Comparison::Record)
        );
        assert_eq!(
            comparison("dumping bonds at record levels"),
            Some(Comparison::Record)
        );
        assert_eq!(
            comparison("Canada emerged as the largest net seller in January"),
            Some(Comparison::Rank)
        );
        assert_eq!(
            comparison("sold for three straight months"),
            Some(Comparison::Streak)
        );
        assert_eq!(
            comparison("breaking a 15-month streak"),
            Some(Comparison::Streak)
        );
        assert_eq!(comparison("sold $5 billion"), None);
        assert_eq!(
            comparison("the second-largest purchase of any country that month"),
            Some(Comparison::Rank)
        );
        assert_eq!(window_months("the largest quarterly sell-off"), Some(3));
    }
}
