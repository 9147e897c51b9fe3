//! A generated crate's files as one module tree: every `mod name;` replaced by the file it names,
//! inline, so the crate can be `include!`d at the root of a test binary (its `crate::` paths
//! then still name its own items). The root file's inner attributes are dropped: the including
//! file sets its own.

use std::collections::BTreeMap;

use generator::GeneratedFile;
use syn::{Item, ItemMod};

pub fn flatten(files: &[GeneratedFile]) -> Result<String, String> {
    let sources: BTreeMap<&str, &str> = files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).collect();
    let mut file = parse(&sources, "src/lib.rs")?;
    file.items = inline(std::mem::take(&mut file.items), "src", &sources)?;
    file.attrs.clear();
    file.shebang = None;
    Ok(prettyplease::unparse(&file))
}

fn parse(sources: &BTreeMap<&str, &str>, path: &str) -> Result<syn::File, String> {
    let text = sources.get(path).ok_or_else(|| format!("the generated crate has no `{path}`"))?;
    syn::parse_file(text).map_err(|e| format!("`{path}` does not parse: {e}"))
}

/// `items` of the module whose own files live in `dir`, with out-of-line modules inlined.
fn inline(items: Vec<Item>, dir: &str, sources: &BTreeMap<&str, &str>) -> Result<Vec<Item>, String> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Mod(m) if m.content.is_none() => inline_module(m, dir, sources).map(Item::Mod),
            other => Ok(other),
        })
        .collect()
}

fn inline_module(mut m: ItemMod, dir: &str, sources: &BTreeMap<&str, &str>) -> Result<ItemMod, String> {
    let name = m.ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    let (path, child_dir) = if sources.contains_key(format!("{dir}/{name}.rs").as_str()) {
        (format!("{dir}/{name}.rs"), format!("{dir}/{name}"))
    } else {
        (format!("{dir}/{name}/mod.rs"), format!("{dir}/{name}"))
    };
    let file = parse(sources, &path)?;
    // The file's own (inner) docs replace the declaration's: one item has one kind.
    if file.attrs.iter().any(|a| a.path().is_ident("doc")) {
        m.attrs.retain(|a| !a.path().is_ident("doc"));
    }
    m.attrs.extend(file.attrs);
    m.content = Some((Default::default(), inline(file.items, &child_dir, sources)?));
    m.semi = None;
    Ok(m)
}
