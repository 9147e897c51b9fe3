//! Work split across the machine's cores, with results in the order a single thread would give
//! them: loading a large model checks and converts its shapes in parallel.

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
}
