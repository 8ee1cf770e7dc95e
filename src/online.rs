//! `explainer check --online`: every address of `sources.yaml` (each source's `url` and
//! `archived`) fetched, a few at a time and each within a timeout, following redirects on
//! the same site. A dead address, one that leads to another site, and a source with no
//! archived copy are warnings at the source's line. The default check never comes here:
//! only this module touches the network.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

pub use crate::config::Online;
use crate::content::data::{DIR, Source};
use crate::diagnostics::problem::Problem;
use crate::diagnostics::spans::YamlPath;
use crate::diagnostics::yaml::YamlFile;

/// Redirects followed on the same site before an address is called dead.
const MAX_REDIRECTS: usize = 5;

/// What fetching an address found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It answered with a page (a 2xx status), perhaps after redirects on its own site.
    Opens,
    /// It answered with an error status, or not at all.
    Dead(String),
    /// It redirects to an address on another site, which is not fetched.
    Elsewhere(String),
}

/// The problems of the sources of the default edition's `sources.yaml` (its translations
/// have the same addresses), read from `root`.
pub fn check_sources(root: &Path, sources: &[Source], online: Online) -> Vec<Problem> {
    let shown = Path::new(DIR).join("sources.yaml");
    let text = std::fs::read_to_string(root.join(&shown)).unwrap_or_default();
    let file = YamlFile::new(&shown, text);
    let mut targets: Vec<(usize, &str, &str)> = Vec::new();
    for (n, source) in sources.iter().enumerate() {
        targets.push((n, "url", &source.url));
        if let Some(archived) = &source.archived {
            targets.push((n, "archived", archived));
        }
    }
    let addresses: Vec<&str> = targets.iter().map(|(_, _, url)| *url).collect();
    let verdicts = fetch_all(&addresses, online);
    let mut problems = Vec::new();
    for ((n, field, url), verdict) in targets.iter().zip(verdicts) {
        let at = YamlPath::root().index(*n).key(field);
        let id = sources[*n].id.as_str();
        let problem = match verdict {
            Verdict::Opens => continue,
            Verdict::Dead(why) => file
                .error_at(&at, format!("the {field} of `{id}` does not open ({why}): {url}"))
                .with_hint(match *field {
                    "url" => "find where it moved, or give an archived copy as `archived:` (e.g. on web.archive.org)",
                    _ => "give the address of a copy that opens",
                }),
            Verdict::Elsewhere(to) => file
                .error_at(&at, format!("the {field} of `{id}` ({url}) leads to another site: {to}"))
                .with_hint(format!("if {to} is the same page, cite it there; if not, the page has gone: give an archived copy")),
        };
        problems.push(problem.warning());
    }
    for (n, source) in sources.iter().enumerate() {
        if source.archived.is_none() {
            let at = YamlPath::root().index(n).key("url");
            let id = source.id.as_str();
            let message = format!("`{id}` has no archived copy");
            let hint = "add `archived:` with a copy's address (web.archive.org saves one), so readers can still open the source when its page is gone";
            problems.push(file.error_at(&at, message).with_hint(hint).warning());
        }
    }
    problems
}

/// The verdict on each of `addresses`, in their order, with `online.jobs` requests at a
/// time.
pub fn fetch_all(addresses: &[&str], online: Online) -> Vec<Verdict> {
    let agent = agent(online.timeout);
    let next = Mutex::new(0..addresses.len());
    let verdicts = Mutex::new(vec![Verdict::Opens; addresses.len()]);
    std::thread::scope(|scope| {
        for _ in 0..online.jobs.clamp(1, addresses.len().max(1)) {
            scope.spawn(|| {
                // The lock is let go before the fetch: the guard ends in the closure.
                while let Some(i) = next.lock().ok().and_then(|mut n| n.next()) {
                    let verdict = fetch(&agent, addresses[i]);
                    if let Ok(mut verdicts) = verdicts.lock() {
                        verdicts[i] = verdict;
                    }
                }
            });
        }
    });
    verdicts.into_inner().unwrap_or_default()
}

/// An agent that follows no redirect itself (they are looked at one by one), reports
/// error statuses as responses, and gives up on an address after `timeout`.
fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(concat!(
            "explainer/",
            env!("CARGO_PKG_VERSION"),
            " (check --online)"
        ))
        .build()
        .into()
}

/// Fetches `address`, following redirects on its own site.
fn fetch(agent: &ureq::Agent, address: &str) -> Verdict {
    let Ok(start) = url::Url::parse(address) else {
        return Verdict::Dead("not an address".into());
    };
    let mut here = start.clone();
    for _ in 0..=MAX_REDIRECTS {
        let response = match agent.get(here.as_str()).call() {
            Ok(response) => response,
            Err(ureq::Error::Timeout(_)) => return Verdict::Dead("no answer in time".into()),
            Err(e) => return Verdict::Dead(e.to_string()),
        };
        let status = response.status();
        if status.is_success() {
            return Verdict::Opens;
        }
        if !status.is_redirection() {
            return Verdict::Dead(format!("HTTP {}", status.as_u16()));
        }
        let location = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| here.join(l).ok());
        let Some(next) = location else {
            return Verdict::Dead(format!("HTTP {} with no address to go to", status.as_u16()));
        };
        if !same_site(&start, &next) {
            return Verdict::Elsewhere(next.to_string());
        }
        here = next;
    }
    Verdict::Dead(format!("more than {MAX_REDIRECTS} redirects"))
}

/// The same site: the same host, but for a leading `www.` (from `http` to `https` is
/// the same site).
fn same_site(a: &url::Url, b: &url::Url) -> bool {
    let host = |u: &url::Url| {
        let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
        host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
    };
    host(a) == host(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn www_and_the_scheme_change_nothing_of_the_site() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert!(same_site(
            &u("http://nato.int/a"),
            &u("https://www.nato.int/b")
        ));
        assert!(!same_site(
            &u("http://nato.int/a"),
            &u("http://example.org/a")
        ));
        assert!(!same_site(
            &u("http://127.0.0.1:80/"),
            &u("http://localhost:80/")
        ));
    }
}
