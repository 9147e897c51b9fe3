//! Work split across the machine's cores, with results in the order a single thread would give
//! them: loading a large model checks and converts its shapes in chunks ([`chunks`]), and emit
//! makes and formats its files one by one, as each thread comes free ([`map`]).

/// The threads to use for `len` items, each thread taking at least `min_chunk` of them.
fn threads_for(len: usize, min_chunk: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(len / min_chunk.max(1)).max(1)
}

/// `f` over consecutive chunks of `items` (at least `min_chunk` long, but for the last), one
/// thread each; the results in chunk order. Few items run on the calling thread.
pub fn chunks<T, R, F>(items: Vec<T>, min_chunk: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(Vec<T>) -> R + Sync,
{
    let threads = threads_for(items.len(), min_chunk);
    if threads == 1 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    let mut rest = items;
    while rest.len() > size {
        let tail = rest.split_off(size);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts.into_iter().map(|part| scope.spawn(move || f(part))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// `f` over each of `items`, taken one at a time by whichever thread is free (items of very
/// different sizes still keep every thread busy); the results in the items' order.
pub fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = threads_for(items.len(), 1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    // Each thread claims the next index, computes it, and keeps (index, result).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_the_order_and_every_item() {
        let items: Vec<usize> = (0..10_000).collect();
        let parts = chunks(items.clone(), 100, |part| part);
        assert!(parts.iter().all(|p| !p.is_empty()));
        assert_eq!(parts.concat(), items);
        assert_eq!(parts.len(), threads_for(10_000, 100));
        // Too few items for two chunks: one call, on this thread.
        let here = std::thread::current().id();
        assert_eq!(chunks(vec![1, 2, 3], 100, |part| (part, std::thread::current().id())), vec![(vec![1, 2, 3], here)]);
    }

    #[test]
    fn map_keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..2_000).collect();
        // Uneven work, so that threads finish out of order.
        let out = map(&items, |&i| {
            std::hint::black_box((0..(i % 7) * 1_000).sum::<u64>());
            i
        });
        assert_eq!(out, items);
        assert_eq!(map(&[] as &[u64], |&i| i), Vec::<u64>::new());
    }
}
