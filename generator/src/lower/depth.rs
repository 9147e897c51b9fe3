//! How deeply the generated types nest, for the compiler's recursion limit.
//!
//! rustc walks a type's members recursively to check drops, auto traits and layouts, one query
//! frame or so per level, and gives up at its recursion limit (128 by default): a chain of
//! about 130 nested structures does not compile. Real services nest a few dozen levels at most,
//! but nothing bounds a model. So the crate declares a limit that covers its deepest chain, up
//! to [`MAX_NESTING`] levels, above which generation fails with an error naming the type.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::ir::{OperationDef, StructDef, Ty, TyKind, TypeDef, TypeId};

/// The deepest chain of nested types a generated crate may have.
pub const MAX_NESTING: usize = 1_000;

/// The compiler's default recursion limit.
const DEFAULT_LIMIT: usize = 128;

/// The `#![recursion_limit]` the crate needs, if the default does not cover its nesting.
pub(super) fn recursion_limit(operations: &[OperationDef], types: &[TypeDef]) -> Result<Option<usize>, Error> {
    // Each type's direct member types (through lists and maps, which rustc looks into too).
    let mut edges: BTreeMap<TypeId, (&str, Vec<TypeId>)> = BTreeMap::new();
    fn add<'a>(edges: &mut BTreeMap<TypeId, (&'a str, Vec<TypeId>)>, s: &'a StructDef) {
        let members = s.fields.iter().flat_map(|f| named(&f.ty)).collect();
        edges.insert(s.id, (s.name.as_str(), members));
    }
    for op in operations {
        add(&mut edges, &op.input);
        add(&mut edges, &op.output);
    }
    for t in types {
        match t {
            TypeDef::Struct(s) => add(&mut edges, s),
            TypeDef::Union(u) => {
                let members = u.variants.iter().filter_map(|v| v.ty.as_ref()).flat_map(named).collect();
                edges.insert(u.id, (u.name.as_str(), members));
            }
            TypeDef::Enum(_) => {}
        }
    }
    // The longest chain from each type, without a loop (a cycle is boxed, and rustc stops at
    // a type it is already checking). Iterative, so a deep model cannot overflow our stack.
    let mut depth: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut deepest = (0, "");
    for &root in edges.keys() {
        let mut stack = vec![(root, 0usize)];
        let mut on_path = std::collections::BTreeSet::from([root]);
        while let Some(&mut (id, ref mut next)) = stack.last_mut() {
            let children = edges.get(&id).map(|(_, c)| c.as_slice()).unwrap_or_default();
            if let Some(&child) = children.get(*next) {
                *next += 1;
                if !depth.contains_key(&child) && !on_path.contains(&child) && edges.contains_key(&child) {
                    on_path.insert(child);
                    stack.push((child, 0));
                }
                continue;
            }
            let d = 1 + children.iter().filter_map(|c| depth.get(c)).max().copied().unwrap_or(0);
            depth.insert(id, d);
            on_path.remove(&id);
            stack.pop();
            if d > deepest.0 {
                deepest = (d, edges.get(&id).map(|(n, _)| *n).unwrap_or(""));
            }
        }
    }
    let (levels, name) = deepest;
    if levels > MAX_NESTING {
        return Err(Error::Unsupported {
            shape: name.to_owned(),
            what: format!("types nested {levels} levels deep (at most {MAX_NESTING})"),
        });
    }
    // Two frames a level, and room for the glue around them.
    let needed = 2 * levels + 64;
    Ok((needed > DEFAULT_LIMIT).then_some(needed))
}

fn named(ty: &Ty) -> Vec<TypeId> {
    match &ty.kind {
        TyKind::Named { id, .. } => vec![*id],
        TyKind::List { item, .. } => named(item),
        TyKind::Map { key, value, .. } => named(key).into_iter().chain(named(value)).collect(),
        _ => Vec::new(),
    }
}
