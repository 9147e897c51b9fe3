//! Recursive shapes: cycles are broken by boxing exactly one edge each, and recursive values
//! round-trip through JSON. The type annotations are the assertions about where boxes are.

use std::collections::BTreeMap;

use fixture_recursion::types::{Add, Expr, Node, Tree, A, B};

#[test]
fn cycles_are_broken_by_boxing_only_where_needed() {
    // Self-recursion through a structure member.
    let node = Node::default().with_next(Node::default());
    let _: Option<Box<Node>> = node.next;
    // Mutual recursion: exactly one edge is boxed, chosen by shape id order (A's edge is kept).
    let _: Option<B> = A::default().b;
    let _: Option<Box<A>> = B::new("b").a;
    // Lists and maps already give indirection.
    let tree = Tree::default();
    let _: Option<Vec<Tree>> = tree.children;
    let _: Option<BTreeMap<String, Tree>> = tree.by_name;
    // Unions: the self edge and the edge closing Expr → Add → Expr are boxed; Add's are not.
    let neg: fn(Box<Expr>) -> Expr = Expr::Neg;
    let add: fn(Box<Add>) -> Expr = Expr::Add;
    let sum = Add::new(neg(Box::new(Expr::Lit(1))), Expr::Lit(2));
    let _: &Expr = &sum.left;
    let _: Expr = add(Box::new(sum));
}

#[test]
fn recursive_values_round_trip() {
    let list = Node::default().with_value("a").with_next(Node::default().with_value("b"));
    let json = serde_json::to_string(&list).unwrap();
    assert_eq!(json, r#"{"value":"a","next":{"value":"b"}}"#);
    assert_eq!(serde_json::from_str::<Node>(&json).unwrap(), list);
    let e = Expr::Add(Box::new(Add::new(Expr::Lit(1), Expr::Neg(Box::new(Expr::Lit(2))))));
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(json, r#"{"add":{"left":{"lit":1},"right":{"neg":{"lit":2}}}}"#);
    assert_eq!(serde_json::from_str::<Expr>(&json).unwrap(), e);
}
