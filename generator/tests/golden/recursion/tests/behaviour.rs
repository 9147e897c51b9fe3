//! Recursive shapes: cycles are broken by boxing exactly one edge each, and recursive values
//! serialize (input side) and parse (output side) as JSON. The type annotations are the assertions about where boxes are.

use std::collections::BTreeMap;

use fixture_recursion::types::{Add, Expr, Node, Tree, A, B};

#[test]
fn cycles_are_broken_by_boxing_only_where_needed() {
    // Self-recursion through a structure member.
    let node = Node::builder().next(Node::default()).build();
    let _: Option<Box<Node>> = node.next;
    // Mutual recursion: exactly one edge is boxed, chosen by shape id order (A's edge is kept).
    let _: Option<B> = A::default().b;
    let _: Option<Box<A>> = B::builder().name("b").build().a;
    // Lists and maps already give indirection.
    let tree = Tree::default();
    let _: Option<Vec<Tree>> = tree.children;
    let _: Option<BTreeMap<String, Tree>> = tree.by_name;
    // Unions: the self edge and the edge closing Expr → Add → Expr are boxed; Add's are not.
    let neg: fn(Box<Expr>) -> Expr = Expr::Neg;
    let add: fn(Box<Add>) -> Expr = Expr::Add;
    let sum = Add::builder().left(neg(Box::new(Expr::Lit(1)))).right(Expr::Lit(2)).build();
    let _: &Expr = &sum.left;
    let _: Expr = add(Box::new(sum));
}

#[test]
fn recursive_values_serialize_and_parse() {
    // Node is input-side (sent): it serializes, recursion included.
    let list = Node::builder().value("a").next(Node::builder().value("b").build()).build();
    let json = serde_json::to_string(&list).unwrap();
    assert_eq!(json, r#"{"value":"a","next":{"value":"b"}}"#);
    // Expr is output-side (received): it parses, recursion included.
    let e = Expr::Add(Box::new(Add::builder().left(Expr::Lit(1)).right(Expr::Neg(Box::new(Expr::Lit(2)))).build()));
    let json = r#"{"add":{"left":{"lit":1},"right":{"neg":{"lit":2}}}}"#;
    assert_eq!(serde_json::from_str::<Expr>(json).unwrap(), e);
}
