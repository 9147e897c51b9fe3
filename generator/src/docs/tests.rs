//! Behaviour of [`html_to_markdown`](super::html_to_markdown).

use super::html_to_markdown;

/// The output's lines, each a `String`, as the assertions compare them.
fn md(input: &str) -> Vec<String> {
    html_to_markdown(input).iter().map(str::to_owned).collect()
}

fn joined(input: &str) -> String {
    md(input).join("\n")
}

/// Invariants every output must satisfy.
fn check_invariants(input: &str, lines: &[String]) {
    assert!(lines.first().is_none_or(|l| !l.is_empty()), "leading empty line: {input:?}");
    assert!(lines.last().is_none_or(|l| !l.is_empty()), "trailing empty line: {input:?}");
    for pair in lines.windows(2) {
        assert!(!(pair[0].is_empty() && pair[1].is_empty()), "double empty line: {input:?}");
    }
    for line in lines {
        assert_eq!(line.trim_end(), line, "trailing whitespace: {input:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "newline in line: {input:?}");
    }
}

#[test]
fn empty_and_whitespace_input() {
    assert!(md("").is_empty());
    assert!(md("   \n\t  ").is_empty());
    assert!(md("<p></p><p>  </p><b></b><code> </code>").is_empty());
}

#[test]
fn paragraphs_collapse_whitespace() {
    assert_eq!(
        md("<p>The phone\n            number. </p>\n   <p> Second\tparagraph.</p>"),
        vec!["The phone number.", "", "Second paragraph."]
    );
}

#[test]
fn plain_text_paragraphs() {
    assert_eq!(
        md("First line\ncontinues.\n\n  Second paragraph.\r\n\r\nThird."),
        vec!["First line continues.", "", "Second paragraph.", "", "Third."]
    );
}

#[test]
fn line_breaks() {
    assert_eq!(md("a<br>b<br/><br />c<br>"), vec!["a\\", "b\\", "c"]);
    assert_eq!(md("<br>a"), vec!["a"]);
    assert_eq!(md("<b>x<br></b>y"), vec!["**x**\\", "y"]);
}

#[test]
fn inline_code() {
    assert_eq!(joined("Use <code>ListFoo</code> now."), "Use `ListFoo` now.");
    assert_eq!(joined("a<code> b </code>c"), "a `b` c");
    assert_eq!(joined("x <code>a`b</code>"), "x ``a`b``");
    assert_eq!(joined("x <code>`a``</code>"), "x ``` `a`` ```");
    assert_eq!(joined("x <code></code> y"), "x y");
    assert_eq!(joined("<code>[+] [country code]</code>"), "`[+] [country code]`");
    assert_eq!(joined("<code>a\n     b</code>"), "`a b`");
    // Fences must never touch other backticks.
    assert_eq!(joined("<code>a</code><code>`b</code>"), "``a`b``");
    assert_eq!(joined("x`<code>a</code>`y"), "x&#96;`a`&#96;y");
    assert_eq!(joined("x\\`<code>a</code>"), "x\\\\&#96;`a`");
}

#[test]
fn placeholders_inside_code_are_kept() {
    assert_eq!(joined("<code><view-id>:$SAVED</code>"), "`<view-id>:$SAVED`");
    assert_eq!(joined("<code><Expression 1></code>"), "`<Expression 1>`");
    assert_eq!(joined("<code><b>bold</b></code>"), "`bold`");
    // Kept as written (case, quotes, references), after multi-byte text.
    assert_eq!(joined("\u{e9} <code>\u{fc}<Foo Bar='&amp;'></Foo></code>"), "\u{e9} `\u{fc}<Foo Bar='&amp;'></Foo>`");
    assert_eq!(joined("<pre>\u{e9}<Key>\r\n</Key></pre>"), "```text\n\u{e9}<Key>\n</Key>\n```");
}

#[test]
fn bold_and_italic() {
    assert_eq!(joined("<b>bold</b> and <STRONG>strong</STRONG>"), "**bold** and **strong**");
    assert_eq!(joined("see the<i> Administrator Guide</i>."), "see the *Administrator Guide*.");
    assert_eq!(joined("<em>a</em><b>b</b>"), "<em>a</em>**b**");
    assert_eq!(joined("<b>a</b><b>b</b>"), "**ab**");
    assert_eq!(joined("<b><b><i>x</i></b></b>"), "**<em>x</em>**");
    // Delimiters that CommonMark would not accept as emphasis become HTML.
    assert_eq!(joined("a<b>(b)</b>c"), "a<strong>(b)</strong>c");
    assert_eq!(joined("<b><code>X</code></b>s"), "<strong>`X`</strong>s");
    assert_eq!(joined("<b><code>X</code></b>, y"), "**`X`**, y");
    assert_eq!(joined("x<i>a</i>y"), "x*a*y");
}

#[test]
fn links() {
    assert_eq!(
        joined(r#"see <a href="https://example.com/a">the docs</a>."#),
        "see [the docs](https://example.com/a)."
    );
    assert_eq!(joined("<A HREF='https://x.io/(y) z'>t</A>"), "[t](https://x.io/%28y%29%20z)");
    assert_eq!(joined("<a href=https://x.io/>t</a>"), "[t](https://x.io/)");
    assert_eq!(joined("<a>no href</a>"), "no href");
    assert_eq!(joined(r#"<a href="">empty</a>"#), "empty");
    assert_eq!(joined(r#"<a href="/relative/path.html">rel</a>"#), "rel");
    assert_eq!(joined(r#"<a href="javascript:alert(1)">js</a>"#), "js");
    assert_eq!(joined(r#"<a href="https://x.io/a">https://x.io/a</a>"#), "<https://x.io/a>");
    assert_eq!(joined(r#"<a href="https://x.io/a"></a>"#), "<https://x.io/a>");
    assert_eq!(joined(r#"Hi!<a href="https://x.io">y</a>"#), "Hi\\![y](https://x.io)");
    assert_eq!(joined(r#"<a href="https://x.io"><code>Foo</code> [x]</a>"#), "[`Foo` \\[x\\]](https://x.io)");
}

#[test]
fn bare_urls_become_autolinks() {
    assert_eq!(
        joined("Go to https://docs.aws.amazon.com/connect/x.html. Or (http://a.b/c)."),
        "Go to <https://docs.aws.amazon.com/connect/x.html>. Or (<http://a.b/c>)."
    );
    assert_eq!(joined("https:// alone"), "https:// alone");
}

#[test]
fn unordered_and_nested_lists() {
    let input = "<p>Intro:</p><ul>\n <li><p>One</p></li>\n <li>Two<ul><li>Two a</li><li>Two b</li></ul></li><li>Three<p>More</p></li></ul><p>After</p>";
    assert_eq!(
        md(input),
        vec!["Intro:", "", "- One", "- Two", "  - Two a", "  - Two b", "- Three", "", "  More", "", "After"]
    );
}

#[test]
fn ordered_lists() {
    assert_eq!(md("<ol><li>a</li><li>b<ol><li>c</li></ol></li></ol>"), vec!["1. a", "2. b", "   1. c"]);
    assert_eq!(md("<p>x</p><ol start=\"3\"><li>a</li><li>b</li></ol>"), vec!["x", "", "3. a", "4. b"]);
    assert_eq!(md("<ul><li><ol><li>deep</li></ol></li></ul>"), vec!["- 1. deep"]);
    // The first written item of a list starting at 8 cannot interrupt "a".
    assert_eq!(
        md("<ul><li>a<ol start=7><li></li><li>b</li><li>c</li></ol></li></ul>"),
        vec!["- a", "", "  8. b", "  9. c"]
    );
}

#[test]
fn unclosed_list_items() {
    assert_eq!(md("<ul><li>a<li>b</ul>c"), vec!["- a", "- b", "", "c"]);
    assert_eq!(md("<li>stray</li><li>two"), vec!["- stray", "- two"]);
}

#[test]
fn notes() {
    assert_eq!(md("<note><p>Be careful.</p></note>"), vec!["**Note:** Be careful."]);
    assert_eq!(
        md("<p>a</p><important>Really <b>do</b> it.</important><p>b</p>"),
        vec!["a", "", "**Important:** Really **do** it.", "", "b"]
    );
    assert_eq!(md("<note><ul><li>x</li></ul></note>"), vec!["**Note:**", "", "- x"]);
    assert!(md("<note> </note>").is_empty());
}

#[test]
fn definition_lists() {
    assert_eq!(
        md("<dl><dt>TERM_ONE</dt><dd><p>Unit: COUNT</p><p>More</p></dd><dt>Two</dt><dd>Desc</dd></dl><p>x</p>"),
        vec!["- **TERM_ONE**", "", "  Unit: COUNT", "", "  More", "- **Two**", "", "  Desc", "", "x"]
    );
    assert_eq!(md("<dt>Loose</dt><dd>def</dd>"), vec!["**Loose**", "", "def"]);
}

#[test]
fn headings_are_bold_paragraphs() {
    assert_eq!(md("<h2>Title</h2><p>Body</p>"), vec!["**Title**", "", "Body"]);
    assert_eq!(md("<h1><b>T</b></h1>"), vec!["**T**"]);
}

#[test]
fn preformatted_blocks() {
    assert_eq!(
        md("<p>Example:</p><pre>\n    {\n      \"a\": 1\n    }\n</pre>"),
        vec!["Example:", "", "```text", "{", "  \"a\": 1", "}", "```"]
    );
    assert_eq!(
        md("<ul><li>x<programlisting>a &lt; b\n\n\n\nc</programlisting></li></ul>"),
        vec!["- x", "", "  ```text", "  a < b", "", "  c", "  ```"]
    );
    assert_eq!(md("<codeblock>``` x</codeblock>"), vec!["````text", "``` x", "````"]);
    assert!(md("<pre>  \n </pre>").is_empty());
    assert_eq!(md("<pre><code>fn main() {}</code></pre>"), vec!["```text", "fn main() {}", "```"]);
}

#[test]
fn entities() {
    assert_eq!(joined("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"), "a \\<b> & \"c\" 'd'");
    assert_eq!(joined("&#65;&#x42;&#X1F600;"), "AB\u{1F600}");
    // A null, surrogate or out-of-range character reference is U+FFFD.
    assert_eq!(joined("x&nbsp;y &bogus; &#xD800; &#0; &#x110000; & ;"), "x y \\&bogus; \u{FFFD} \u{FFFD} \u{FFFD} & ;");
    assert_eq!(joined("&amp;lt;"), "\\&lt;");
    // The whole table of named references, two-character ones included.
    assert_eq!(joined("&check; &rarr; &NotNestedGreaterGreater;"), "\u{2713} \u{2192} \u{2AA2}\u{338}");
    // Legacy references need no `;` in text; the longest known name wins.
    assert_eq!(joined("&copy 2024 &amp co &notit;"), "\u{a9} 2024 & co \u{ac}it;");
    // C1 controls are read as Windows-1252.
    assert_eq!(joined("&#x80;&#150;"), "\u{20ac}\u{2013}");
}

#[test]
fn attribute_references_follow_the_attribute_rules() {
    // In an attribute a legacy reference followed by `=` or an alphanumeric
    // stays as written, so query strings survive.
    assert_eq!(
        joined(r#"<a href="https://a.io/?x=1&copy=2&lang=en&amp;y">t</a>"#),
        "[t](https://a.io/?x=1&copy=2&lang=en&y)"
    );
    assert_eq!(joined("<ol start=&#51;><li>a</li></ol>"), "3. a");
}

#[test]
fn markdown_is_escaped() {
    assert_eq!(
        joined("a [link] `tick` *star* _under_ snake_case \\ ~x~ <b>"),
        "a \\[link\\] \\`tick\\` \\*star\\* \\_under\\_ snake_case \\\\ \\~x\\~"
    );
    assert_eq!(joined("# not a heading"), "\\# not a heading");
    assert_eq!(joined("> not a quote"), "\\> not a quote");
    assert_eq!(joined("- not a list"), "\\- not a list");
    assert_eq!(joined("+ not a list"), "\\+ not a list");
    assert_eq!(joined("12. not a list"), "12\\. not a list");
    assert_eq!(joined("a<br>=== b<br>| c |"), "a\\\n\\=== b\\\n\\| c |");
    assert_eq!(joined("x > y | z - 1. w"), "x > y | z - 1. w");
    assert_eq!(joined("&lt;foo&gt;"), "\\<foo>");
}

#[test]
fn tags_are_case_insensitive_and_unknown_tags_dropped() {
    assert_eq!(
        joined("<P>Amazon <fullname>Connect</fullname> <SPAN class='x'>Service</SPAN><div>Next</div></P>"),
        "Amazon Connect Service\n\nNext"
    );
    assert_eq!(joined("<foo bar=\"1\">kept</foo>"), "kept");
}

#[test]
fn comments_and_odd_markup() {
    assert_eq!(joined("a<!-- hidden <b> -->b<!---->c<!DOCTYPE html><?xml x?>d"), "abcd");
    assert_eq!(joined("a<!-- unclosed"), "a");
    assert_eq!(joined("x < y and 3<4 and a <= b"), "x \\< y and 3\\<4 and a \\<= b");
    // Outside SVG and MathML, `<![CDATA[` opens a bogus comment that ends at
    // the first `>`; so does `</` followed by a space.
    assert_eq!(joined("<![CDATA[<b>literal</b>]]>"), "literal\\]\\]>");
    assert_eq!(joined("a </ b> c"), "a c");
}

#[test]
fn attributes_with_all_quote_styles() {
    assert_eq!(joined(r#"<a title="x > y" href="https://a.io">t</a>"#), "[t](https://a.io)");
    assert_eq!(joined("<a title='q\"' href='https://a.io'>t</a>"), "[t](https://a.io)");
    assert_eq!(joined("<a data-x=1 href=https://a.io/?q=1&amp;r=2>t</a>"), "[t](https://a.io/?q=1&r=2)");
}

#[test]
fn malformed_input() {
    assert_eq!(joined("<b>unclosed <i>styles"), "**unclosed <em>styles</em>**");
    assert_eq!(joined("</b></ul></li>stray ends"), "stray ends");
    // A tag still open at the end of the input is dropped, and a quoted
    // attribute value runs to the next matching quote.
    assert_eq!(joined("see <a href=\"https://x.io>broken"), "see");
    assert_eq!(joined("x <a href=\"https://x.io>a</a>\">y</a>"), "x [y](https://x.io%3Ea%3C/a%3E)");
    assert_eq!(joined("<p>a <b>b <p>c</b> d"), "a **b**\n\n**c** d");
    assert_eq!(joined("<code>unclosed"), "`unclosed`");
    assert_eq!(joined("<pre>unclosed\n  pre"), "```text\nunclosed\n  pre\n```");
    assert_eq!(joined("<"), "\\<");
    assert_eq!(joined("a<b"), "a");
    assert_eq!(joined("</"), "\\</");
    // `</>` is no tag and no text.
    assert_eq!(joined("a</>b"), "ab");
}

#[test]
fn control_and_bidi_characters_are_dropped() {
    assert_eq!(joined("a\u{0}b\u{7}c\u{202E}d\u{2066}e"), "abcde");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let run = || {
        let depth = 10_000;
        let lists = format!("{}x{}", "<ul><li>".repeat(depth), "</li></ul>".repeat(depth));
        let out = md(&lists);
        check_invariants(&lists, &out);
        assert_eq!(out.len(), 1);
        let bolds = format!("{}x{}", "<b>".repeat(depth), "</b>".repeat(depth));
        assert_eq!(md(&bolds), vec!["**x**"]);
        let unclosed = "<ul><li><b><i><code><a href='https://x.io'><dl><dt><note>".repeat(depth);
        let out = md(&unclosed);
        check_invariants(&unclosed, &out);
        let bare = "<ul>".repeat(depth) + "y" + &"<li>".repeat(depth);
        check_invariants(&bare, &md(&bare));
    };
    // A small stack proves there is no recursion over nesting depth.
    std::thread::Builder::new().stack_size(256 * 1024).spawn(run).expect("spawn").join().expect("no panic");
}

#[test]
fn deep_lists_are_capped() {
    let input = format!("{}x", "<ul><li>a".repeat(40));
    let out = md(&input);
    check_invariants(&input, &out);
    let max_indent = out.iter().map(|l| l.len() - l.trim_start().len()).max().unwrap_or(0);
    assert!(max_indent <= 2 * super::MAX_INDENT_LEVELS);
}

#[test]
fn pathological_inputs_are_fast() {
    let start = std::time::Instant::now();
    for input in [
        "<a ".repeat(50_000),
        "<a x=\"".repeat(50_000),
        "<a x='>".repeat(50_000),
        "<!".repeat(50_000),
        "&#".repeat(50_000),
        "<li>".repeat(50_000),
        "<dt><dd>".repeat(50_000),
        "<ul>".repeat(50_000) + &"</li>".repeat(50_000),
        "<b><p>".repeat(50_000),
        "https://".repeat(50_000),
        "[<br>".repeat(50_000),
    ] {
        let out = md(&input);
        check_invariants(&input, &out);
    }
    assert!(start.elapsed().as_secs() < 20, "too slow: {:?}", start.elapsed());
}

#[test]
fn random_inputs_keep_invariants() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<code>",
        "</code>",
        "<a href=\"https://a.io/x\">",
        "<a>",
        "</a>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<dl>",
        "</dl>",
        "<dt>",
        "</dt>",
        "<dd>",
        "</dd>",
        "<note>",
        "</note>",
        "<important>",
        "</important>",
        "<h3>",
        "</h3>",
        "<pre>",
        "</pre>",
        "<br>",
        "<span>",
        "</span>",
        "<!--",
        "-->",
        " ",
        "\n",
        "\n\n",
        "word",
        "1.",
        "#",
        "-",
        "*",
        "_",
        "`",
        "[",
        "]",
        "<",
        ">",
        "&",
        "&lt;",
        "&#x1F600;",
        "é",
        "\u{a0}",
        "https://x.y/z",
        "!",
        "\"",
        "'",
        "=",
        "|",
        "~",
        "\\",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let input: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let out = md(&input);
        check_invariants(&input, &out);
        assert_eq!(out, md(&input), "deterministic");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut state: u64 = 42;
    for _ in 0..2000 {
        let len = (state % 64) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                b"<>/=\"'&#;!-abpliu x\n"[((state >> 33) % 20) as usize]
            })
            .collect();
        let input = String::from_utf8_lossy(&bytes).into_owned();
        check_invariants(&input, &md(&input));
        let mixed = format!("{input}\u{1F600}{input}ü");
        check_invariants(&mixed, &md(&mixed));
    }
}

/// A paragraph of any length is converted as its pieces are: the word-by-word escaping and the
/// emphasis resolved on markers alone give what a short paragraph gives, repeated.
#[test]
fn a_long_paragraph_converts_like_its_pieces() {
    let piece = "<b>x</b> see http://a.io/b_c, a_b _c 1. &amp;x; `t` ";
    let one = joined(piece);
    assert_eq!(one, r"**x** see <http://a.io/b_c>, a_b \_c 1. \&x; \`t\`");
    let n = 20_000;
    let long = joined(&piece.repeat(n));
    let expected = vec![one.as_str(); n].join(" ");
    assert_eq!(long.len(), expected.len());
    assert!(long == expected, "a long paragraph differs from its pieces");
}
