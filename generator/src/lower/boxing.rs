//! Boxing: the fewest direct structure/union edges that break every cycle.

use std::collections::{BTreeMap, BTreeSet};

use super::{member_optional, Lower};
use crate::error::Error;
use crate::model::{ShapeId, ShapeKind};

impl Lower<'_> {
    /// Boxes the fewest direct struct/union edges, visited in shape-id then member order, so
    /// that no cycle remains without indirection (lists and maps already provide it).
    pub(super) fn decide_boxing(&mut self) -> Result<(), Error> {
        let mut edges: Vec<(ShapeId, String, ShapeId, bool)> = Vec::new();
        for id in self.closure.shapes.keys() {
            let shape = self.model.expect(id)?;
            let is_struct = matches!(shape.kind, ShapeKind::Structure(_));
            if let ShapeKind::Structure(ms) | ShapeKind::Union(ms) = &shape.kind {
                for m in ms {
                    let t = self.model.expect(&m.target)?;
                    if matches!(t.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) && !m.target.is_prelude() {
                        let hard = is_struct && !member_optional(m);
                        edges.push((id.clone(), m.name.clone(), m.target.clone(), hard));
                    }
                }
            }
        }
        // A cycle made only of required structure members has no finite value.
        let hard: Vec<(ShapeId, ShapeId)> = edges.iter().filter(|e| e.3).map(|e| (e.0.clone(), e.2.clone())).collect();
        if let Some(cycle) = find_cycle(&hard) {
            return Err(Error::Model {
                shape: cycle[0].to_string(),
                problem: format!(
                    "recursive through required members ({}); no finite value can be built",
                    cycle.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" -> ")
                ),
            });
        }
        let mut accepted: BTreeMap<ShapeId, Vec<ShapeId>> = BTreeMap::new();
        for (src, member, dst, _) in edges {
            if reaches(&accepted, &dst, &src) {
                self.boxed.insert((src, member));
            } else {
                accepted.entry(src).or_default().push(dst);
            }
        }
        Ok(())
    }
}

pub(super) fn reaches(graph: &BTreeMap<ShapeId, Vec<ShapeId>>, from: &ShapeId, to: &ShapeId) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            if let Some(next) = graph.get(n) {
                stack.extend(next.iter());
            }
        }
    }
    false
}

/// A cycle in a small directed graph, as the list of its nodes, found deterministically.
pub(super) fn find_cycle(edges: &[(ShapeId, ShapeId)]) -> Option<Vec<ShapeId>> {
    let mut graph: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    for (a, b) in edges {
        graph.entry(a).or_default().push(b);
    }
    for start in graph.keys() {
        // Iterative DFS with an explicit path.
        let mut stack: Vec<(&ShapeId, usize)> = vec![(start, 0)];
        let mut on_path: Vec<&ShapeId> = vec![start];
        let mut visited = BTreeSet::new();
        while let Some((node, i)) = stack.pop() {
            let next = graph.get(node).and_then(|n| n.get(i));
            match next {
                None => {
                    on_path.pop();
                }
                Some(&n) => {
                    stack.push((node, i + 1));
                    if n == *start {
                        return Some(on_path.iter().map(|s| (*s).clone()).chain([n.clone()]).collect());
                    }
                    if visited.insert(n) {
                        stack.push((n, 0));
                        on_path.push(n);
                    }
                }
            }
        }
    }
    None
}
