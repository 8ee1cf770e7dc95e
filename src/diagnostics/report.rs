//! Problems as the terminal shows them, one after another, a mistake made in many places
//! reported once.

use super::problem::Problem;

/// How many other places a repeated mistake's report names before it only counts them.
const PLACES_NAMED: usize = 5;

/// `problems` as the terminal shows them, one after another: a mistake made in many places
/// (the same message and hint: one template rendering many pages, one wrong id in many
/// entries) is shown once, at its first place, with the others named after it, so that
/// one mistake is one report, not twenty-four.
pub fn to_terminal(problems: &[Problem], color: bool) -> String {
    let mut out = String::new();
    let mut shown = vec![false; problems.len()];
    for (i, problem) in problems.iter().enumerate() {
        if shown[i] {
            continue;
        }
        let same = |other: &Problem| {
            gist(other) == gist(problem)
                && other.hint == problem.hint
                && other.severity == problem.severity
        };
        let others: Vec<usize> = (i + 1..problems.len())
            .filter(|&j| !shown[j] && same(&problems[j]))
            .collect();
        out.push_str(&problem.to_terminal(color));
        if !others.is_empty() {
            let n = others.len();
            out.push_str(&format!(
                "\n  = the same {n} more time{}: {}",
                if n == 1 { "" } else { "s" },
                elsewhere(problem, others.iter().map(|&j| &problems[j]))
            ));
            for j in others {
                shown[j] = true;
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// The other times of `first`, by place: `templates/page.html:1:9 (for content/a.md,
/// content/b.md)`; the pages of `first`'s own place as `for content/c.md`.
fn elsewhere<'a>(first: &Problem, others: impl Iterator<Item = &'a Problem>) -> String {
    let mut places: Vec<(String, Vec<&str>)> = Vec::new();
    for other in others {
        let place = other.place();
        let page = other.message.split_once(WHILE_RENDERING);
        let page = page.map(|(_, p)| p.strip_suffix(')').unwrap_or(p));
        match places.iter_mut().find(|(p, _)| *p == place) {
            Some((_, pages)) => pages.extend(page),
            None => places.push((place, page.into_iter().collect())),
        }
    }
    let named = |items: &[&str]| match items.len().saturating_sub(PLACES_NAMED) {
        0 => items.join(", "),
        more => format!("{} and {more} more", items[..PLACES_NAMED].join(", ")),
    };
    let places: Vec<String> = places
        .iter()
        .map(
            |(place, pages)| match (place == &first.place(), pages.is_empty()) {
                (true, _) => format!("for {}", named(pages)),
                (false, true) => place.clone(),
                (false, false) => format!("{place} (for {})", named(pages)),
            },
        )
        .collect();
    let shown: Vec<&str> = places.iter().map(String::as_str).collect();
    named(&shown)
}

/// What a template's problem says of the page being rendered (see `templates/`).
const WHILE_RENDERING: &str = " (while rendering ";

/// The message without the page a template was rendering.
fn gist(problem: &Problem) -> &str {
    let message = problem.message.as_str();
    message.split(WHILE_RENDERING).next().unwrap_or(message)
}
