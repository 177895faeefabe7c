//! A map over a slice on up to one thread per core, shared by the loader (one spec file per
//! item) and the generated-file writer of `antom-codegen` (one target per item when it renders, one
//! output folder per item when it stages).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `items.iter().map(f)`, with the results in the same order, computed on up to one thread per
/// core. The calling thread works too (its heap is warm), and each thread takes the next item
/// when it is done with one, so one large item does not hold the others back.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut results: Vec<(usize, R)> = thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            all.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::par_map;

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<u64> = (0..100).collect();
        assert_eq!(
            par_map(&items, |i| i * i),
            items.iter().map(|i| i * i).collect::<Vec<_>>()
        );
        assert_eq!(par_map(&[] as &[u64], |i| *i), Vec::<u64>::new());
    }
}
