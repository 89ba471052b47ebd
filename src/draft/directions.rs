//! Directions: selling words make net purchases negative, buying words positive;
//! rising and falling words say which way a level moved.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Net selling: sold, offloaded, dumped, sell-off, liquidating, drop in purchases.
    Sell,
    /// Net buying: bought, added, purchases, inflows.
    Buy,
    /// A level went up: rose, climbed, increased, gained.
    Up,
    /// A level went down: fell, dropped, lost, declined.
    Down,
}

use crate::claims::quoted::{BUY, DOWN, SELL, UP};

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

/// The first direction word of the text, with the word.
pub fn direction(text: &str) -> Option<(Direction, String)> {
    for w in words(text) {
        for (list, d) in [
            (SELL, Direction::Sell),
            (BUY, Direction::Buy),
            (UP, Direction::Up),
            (DOWN, Direction::Down),
        ] {
            if list.contains(&w.as_str()) {
                return Some((d, w));
            }
        }
    }
    None
}

/// The first transaction word (sell or buy), ignoring level words.
pub fn flow(text: &str) -> Option<(Direction, String)> {
    let mut net = false;
    for w in words(text) {
        if w == "net" {
            net = true;
        }
        if SELL.contains(&w.as_str()) {
            return Some((Direction::Sell, w));
        }
        if BUY.contains(&w.as_str()) {
            return Some((Direction::Buy, w));
        }
        if w == "drop" || w == "drops" {
            // "the second-largest quarterly drop" in purchases
            return Some((Direction::Sell, w));
        }
    }
    let _ = net;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selling_and_buying_words() {
        assert_eq!(
            flow("Japanese investors offloaded $61.9 billion")
                .unwrap()
                .0,
            Direction::Sell
        );
        assert_eq!(
            flow("China dumped $51.3 billion").unwrap().0,
            Direction::Sell
        );
        assert_eq!(
            flow("the largest quarterly sell-off").unwrap().0,
            Direction::Sell
        );
        assert_eq!(
            flow("central banks added 1,045 tons").unwrap().0,
            Direction::Buy
        );
        assert_eq!(flow("became the largest buyer").unwrap().0, Direction::Buy);
        assert_eq!(flow("the yield rose to 4.6%"), None);
        assert_eq!(
            direction("the yield rose to 4.6%").unwrap().0,
            Direction::Up
        );
        assert_eq!(
            direction("the market lost $5 trillion").unwrap().0,
            Direction::Down
        );
    }
}
