//! Selection: the closure of the chosen operations, each shape tagged with the side(s) of the
//! wire it travels on. Input-side shapes get validation; output-side enums and unions keep an
//! `Unknown` variant because the service may send values newer than the model.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Error;
use crate::model::{Model, ShapeId, ShapeKind};

/// Which side(s) of the wire a shape travels on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles {
    pub input: bool,
    pub output: bool,
}

/// The operations chosen and every shape they reach (prelude shapes excluded).
#[derive(Debug, Clone)]
pub struct Closure {
    pub service: ShapeId,
    pub operations: Vec<ShapeId>,
    /// Structures used as an operation's input or output.
    pub operation_io: BTreeSet<ShapeId>,
    /// Structures used as errors.
    pub errors: BTreeSet<ShapeId>,
    pub shapes: BTreeMap<ShapeId, Roles>,
}

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every operation the service binds.
    All,
    /// Operations by shape name (`StartChatContact`) or absolute id.
    Named(Vec<String>),
}

pub fn select(model: &Model, selection: &Selection) -> Result<Closure, Error> {
    let (service_shape, service) = model.service()?;
    let bound = model.service_operations(service);
    let operations: Vec<ShapeId> = match selection {
        Selection::All => bound.clone(),
        Selection::Named(names) => {
            let mut ops = Vec::new();
            for name in names {
                let found = bound.iter().find(|id| id.name() == name || id.to_string() == *name).ok_or_else(|| {
                    Error::Config(format!(
                        "operation `{name}` is not bound to the service `{}` ({} operations)",
                        service_shape.id,
                        bound.len()
                    ))
                })?;
                if !ops.contains(found) {
                    ops.push(found.clone());
                }
            }
            ops.sort();
            ops
        }
    };
    if operations.is_empty() {
        return Err(Error::Config(format!("no operations selected from `{}`", service_shape.id)));
    }

    let mut closure = Closure {
        service: service_shape.id.clone(),
        operations: operations.clone(),
        operation_io: BTreeSet::new(),
        errors: BTreeSet::new(),
        shapes: BTreeMap::new(),
    };
    let mut work: Vec<(ShapeId, bool)> = Vec::new();
    for op_id in &operations {
        let op = model.expect(op_id)?;
        let ShapeKind::Operation(op) = &op.kind else {
            return Err(Error::Config(format!("`{op_id}` is not an operation")));
        };
        closure.shapes.entry(op_id.clone()).or_default();
        for (id, output) in [(&op.input, false), (&op.output, true)] {
            if !id.is_prelude() {
                closure.operation_io.insert(id.clone());
            }
            work.push((id.clone(), output));
        }
        for e in op.errors.iter().chain(service.errors.iter()) {
            closure.errors.insert(e.clone());
            work.push((e.clone(), true));
        }
    }
    // Iterative walk: a shape is revisited only when it gains a role.
    while let Some((id, output)) = work.pop() {
        if id.is_prelude() {
            continue;
        }
        let roles = closure.shapes.entry(id.clone()).or_default();
        let before = *roles;
        if output {
            roles.output = true;
        } else {
            roles.input = true;
        }
        if *roles == before {
            continue;
        }
        let shape = model.expect(&id)?;
        for m in shape.kind.members() {
            work.push((m.target.clone(), output));
        }
    }
    Ok(closure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_the_side_of_the_wire() {
        let model = Model::from_json(
            br#"{"smithy":"2.0","shapes":{
            "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"},{"target":"ex#Other"}]},
            "ex#Op":{"type":"operation","input":{"target":"ex#In"},"output":{"target":"ex#Out"},"errors":[{"target":"ex#Err"}]},
            "ex#Other":{"type":"operation","input":{"target":"ex#Lonely"}},
            "ex#Lonely":{"type":"structure","members":{}},
            "ex#In":{"type":"structure","members":{"s":{"target":"ex#Shared"},"i":{"target":"ex#InOnly"}}},
            "ex#Out":{"type":"structure","members":{"s":{"target":"ex#Shared"}}},
            "ex#Err":{"type":"structure","members":{"r":{"target":"ex#Reason"}},"traits":{"smithy.api#error":"client"}},
            "ex#Shared":{"type":"structure","members":{"n":{"target":"ex#Shared"}}},
            "ex#InOnly":{"type":"string"},
            "ex#Reason":{"type":"enum","members":{"A":{"target":"smithy.api#Unit"}}}
        }}"#,
        )
        .unwrap();
        let c = select(&model, &Selection::Named(vec!["Op".into()])).unwrap();
        let role = |n: &str| c.shapes[&ShapeId::parse(&format!("ex#{n}")).unwrap()];
        assert_eq!(role("Shared"), Roles { input: true, output: true });
        assert_eq!(role("InOnly"), Roles { input: true, output: false });
        assert_eq!(role("Reason"), Roles { input: false, output: true });
        assert!(!c.shapes.contains_key(&ShapeId::parse("ex#Lonely").unwrap()));
        assert_eq!(c.errors.len(), 1);
        let err = select(&model, &Selection::Named(vec!["Nope".into()])).unwrap_err().to_string();
        assert!(err.contains("Nope") && err.contains("ex#Svc"), "{err}");
        assert_eq!(select(&model, &Selection::All).unwrap().operations.len(), 2);
    }
}
