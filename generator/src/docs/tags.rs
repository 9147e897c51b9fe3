//! Classification of HTML (and DocBook-ish) element names.

pub(super) fn is_pre_tag(name: &str) -> bool {
    matches!(name, "pre" | "programlisting" | "codeblock" | "screen" | "xmp" | "listing")
}

pub(super) fn is_code_tag(name: &str) -> bool {
    matches!(name, "code" | "tt" | "kbd" | "samp" | "literal" | "userinput" | "filename" | "command")
}

pub(super) fn is_bold_tag(name: &str) -> bool {
    matches!(name, "b" | "strong")
}

pub(super) fn is_italic_tag(name: &str) -> bool {
    matches!(name, "i" | "em" | "cite" | "dfn" | "var" | "emphasis" | "replaceable")
}

pub(super) fn is_heading_tag(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

pub(super) fn note_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "note" => "Note",
        "important" => "Important",
        "warning" => "Warning",
        "caution" => "Caution",
        "tip" => "Tip",
        "danger" => "Danger",
        _ => return None,
    })
}

/// Block-level tags that only separate paragraphs.
pub(super) fn is_boundary_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "address"
            | "center"
            | "title"
            | "para"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "hr"
            | "fieldset"
            | "form"
            | "details"
            | "summary"
            | "html"
            | "body"
            | "head"
            | "hgroup"
            | "menu"
            | "dir"
            | "examples"
            | "example"
    )
}

/// Tags that change the block structure (they end an inline code span).
pub(super) fn is_structural_tag(name: &str) -> bool {
    is_boundary_tag(name)
        || is_heading_tag(name)
        || is_pre_tag(name)
        || note_label(name).is_some()
        || matches!(name, "ul" | "ol" | "li" | "dl" | "dt" | "dd")
}

/// HTML (and DocBook-ish) element names. Other `<...>` inside code or
/// preformatted text, such as `<view-id>`, are placeholders and kept literally.
pub(super) fn is_known_tag(name: &str) -> bool {
    is_structural_tag(name)
        || is_code_tag(name)
        || is_bold_tag(name)
        || is_italic_tag(name)
        || matches!(
            name,
            "a" | "abbr"
                | "acronym"
                | "area"
                | "audio"
                | "base"
                | "bdi"
                | "bdo"
                | "big"
                | "blink"
                | "br"
                | "button"
                | "canvas"
                | "col"
                | "colgroup"
                | "data"
                | "datalist"
                | "del"
                | "dialog"
                | "embed"
                | "font"
                | "frame"
                | "frameset"
                | "iframe"
                | "img"
                | "input"
                | "ins"
                | "label"
                | "legend"
                | "link"
                | "map"
                | "mark"
                | "meta"
                | "meter"
                | "nobr"
                | "noscript"
                | "object"
                | "optgroup"
                | "option"
                | "output"
                | "param"
                | "picture"
                | "progress"
                | "q"
                | "rp"
                | "rt"
                | "ruby"
                | "s"
                | "script"
                | "search"
                | "select"
                | "small"
                | "source"
                | "span"
                | "strike"
                | "style"
                | "sub"
                | "sup"
                | "td"
                | "template"
                | "textarea"
                | "th"
                | "time"
                | "track"
                | "u"
                | "video"
                | "wbr"
                | "fullname"
                | "ulink"
                | "guilabel"
                | "guibutton"
                | "quote"
        )
}
