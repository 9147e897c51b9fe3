//! Placeholder until the converter lands.
pub fn html_to_markdown(input: &str) -> Vec<String> {
    input.split_whitespace().collect::<Vec<_>>().join(" ").lines().map(str::to_owned).collect()
}
