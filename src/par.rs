//! Work spread over the machine's cores, with results in input order.

use std::sync::Mutex;

/// At most this many threads: the work here is small, and a thread costs
/// start-up time.
const MAX_THREADS: usize = 4;

/// `f` applied to every item on up to [`MAX_THREADS`] threads, results in
/// item order. Threads take the next item when done with one, so a slow item
/// does not hold up the rest: half of the threads from the front of the list,
/// half from its back. Neighbouring items often need the same data made once
/// (claims of one section, the same series), so a thread starting at the
/// other end finds other work to do instead of waiting for it. A panic in
/// `f` reaches the caller.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    // The items not yet taken: `front..back`.
    let left = Mutex::new((0, items.len()));
    let work = |from_back: bool| {
        let mut done = Vec::new();
        loop {
            let i = {
                let mut range = left.lock().unwrap_or_else(|e| e.into_inner());
                let (front, back) = &mut *range;
                if front == back {
                    return done;
                }
                if from_back {
                    *back -= 1;
                    *back
                } else {
                    *front += 1;
                    *front - 1
                }
            };
            done.push((i, f(&items[i])));
        }
    };
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|k| scope.spawn(move || work(k % 2 == 1)))
            .collect();
        let mut parts = vec![work(false)];
        for h in others {
            match h.join() {
                Ok(part) => parts.push(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    let mut all: Vec<(usize, R)> = parts.into_iter().flatten().collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_thread_made_them() {
        let items: Vec<u64> = (0..1000).collect();
        let out = map_in_order(&items, |&i| {
            // Uneven work, so threads finish out of order.
            (0..(i % 7) * 1000).fold(i, |a, b| a.wrapping_add(b % 3))
                - (0..(i % 7) * 1000).fold(0u64, |a, b| a.wrapping_add(b % 3))
        });
        assert_eq!(out, items);
        assert!(map_in_order(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            map_in_order(&items, |&i| {
                assert!(i != 40, "item 40");
                i
            })
        });
        assert!(caught.is_err());
    }
}
