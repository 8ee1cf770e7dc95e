//! The real site, ready to publish: its host headers, its 404 page on any host and at any
//! depth, and the GitHub Pages workflow that builds and publishes it. (The shape of the
//! built-in `_headers` and of a 404 page on a fixture is in tests/site_files.rs.)

use std::fs;
use std::path::Path;

use crate::common::{
    RealSite, assert_success, copy_of_real_site, decode, explainer, header_rules, real_root,
};

#[test]
fn headers_carry_the_security_policy_and_cache_only_fingerprinted_files_for_a_year() {
    let site = RealSite::published();
    let text = String::from_utf8(site.files["_headers"].clone()).unwrap();
    let rules = header_rules(&text);
    let (all, headers) = &rules[0];
    assert_eq!(all, "/explainer/*", "the first rule covers the whole site");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} for every page:\n{text}"))
    };
    // The policy of the pages' meta tag, its `style-src` letting in the offline files' own
    // style too (a host sends the header with them), plus what only a header can say.
    let index = site.html("index.html");
    let meta = index
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("pages carry the policy in a meta tag");
    let csp = header("Content-Security-Policy");
    let offline = decode(&site.html("offline/explainer.en.html"));
    let hash = offline
        .split("style-src ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("the offline file's policy names its style");
    let meta = decode(meta);
    let mut expected: Vec<String> = meta
        .split("; ")
        .filter(|d| !d.starts_with("style-src"))
        .map(str::to_owned)
        .collect();
    expected.push(format!("style-src 'self' {hash}"));
    assert_eq!(
        csp,
        format!("{}; frame-ancestors 'none'", expected.join("; "))
    );
    assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
    assert_eq!(header("X-Content-Type-Options"), "nosniff");
    assert_eq!(header("Referrer-Policy"), "strict-origin-when-cross-origin");
    assert!(header("Permissions-Policy").contains("camera=()"));

    let cached: Vec<&str> = rules[1..].iter().map(|(path, _)| path.as_str()).collect();
    for (path, headers) in &rules[1..] {
        assert_eq!(
            headers,
            &[(
                "Cache-Control".to_owned(),
                "public, max-age=31536000, immutable".to_owned()
            )]
        );
        let file = path
            .strip_prefix("/explainer/")
            .expect("under the site's path");
        assert!(site.files.contains_key(file), "{path} is not a built file");
        let (stem, _) = file.rsplit_once('.').unwrap();
        let hash = stem.rsplit_once('.').map(|(_, h)| h).unwrap_or("");
        assert!(
            hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{file} is cached for a year but its name does not change with its contents"
        );
    }
    let stylesheet = site
        .files
        .keys()
        .find(|p| p.starts_with("style.") && p.ends_with(".css"))
        .unwrap();
    assert!(cached.contains(&format!("/explainer/{stylesheet}").as_str()));
    assert!(
        !cached
            .iter()
            .any(|p| p.ends_with(".html") || p.ends_with("favicon.svg")),
        "files that keep their name must not be cached for a year: {cached:?}"
    );
}

#[test]
fn without_a_base_url_the_headers_cover_the_site_from_the_top() {
    let text = String::from_utf8(RealSite::build().files["_headers"].clone()).unwrap();
    assert!(text.starts_with("/*\n"), "{text}");
    assert!(text.contains("\n/style."), "{text}");
}

#[test]
fn the_404_page_links_by_path_so_it_is_styled_on_any_host_and_at_any_depth() {
    let site = RealSite::published();
    let html = site.html("404.html");
    assert!(
        !html.contains("https://example.org"),
        "the 404 page names the production origin, so it breaks on other domains"
    );
    let links: Vec<&str> = html
        .split(['"', '\''])
        .skip(1)
        .step_by(2)
        .filter(|v| v.starts_with('/'))
        .collect();
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("/explainer/style.") && l.ends_with(".css")),
        "{links:?}"
    );
    for link in &links {
        let path = link
            .strip_prefix("/explainer/")
            .unwrap_or_else(|| panic!("{link} is outside the site's path /explainer/"));
        let path = path.split('#').next().unwrap();
        assert!(
            site.files.contains_key(path),
            "the 404 page links to {link}, which is not built"
        );
    }
    // Each edition's home is offered.
    for home in [
        "/explainer/index.html",
        "/explainer/ru/index.html",
        "/explainer/uk/index.html",
    ] {
        assert!(links.contains(&home), "{home} missing from the 404 page");
    }
}

// ---- The GitHub Pages workflow ----

fn workflow() -> serde_yaml::Value {
    let text = fs::read_to_string(real_root().join(".github/workflows/pages.yml")).unwrap();
    serde_yaml::from_str(&text).expect("pages.yml is valid YAML")
}

fn steps<'a>(workflow: &'a serde_yaml::Value, job: &str) -> &'a Vec<serde_yaml::Value> {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has steps"))
}

fn uses(step: &serde_yaml::Value) -> Option<&str> {
    step["uses"].as_str()
}

#[test]
fn the_pages_workflow_publishes_a_release_build_with_the_pages_address() {
    let workflow = workflow();
    // Runs on pushes to main and by hand.
    let on = &workflow["on"];
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    assert!(on.get("workflow_dispatch").is_some());
    let permissions = &workflow["permissions"];
    assert_eq!(permissions["pages"].as_str(), Some("write"));
    assert_eq!(permissions["id-token"].as_str(), Some("write"));
    assert_eq!(permissions["contents"].as_str(), Some("read"));

    let build = steps(&workflow, "build");
    let position = |what: &dyn Fn(&serde_yaml::Value) -> bool| {
        build.iter().position(what).expect("the step is there")
    };
    let checkout = position(&|s| uses(s).is_some_and(|u| u.starts_with("actions/checkout@")));
    let configure =
        position(&|s| uses(s).is_some_and(|u| u.starts_with("actions/configure-pages@")));
    let id = build[configure]["id"]
        .as_str()
        .expect("configure-pages has an id");
    let release = position(&|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("cargo build --release --locked"))
    });
    let site = position(&|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("target/release/explainer build"))
    });
    let upload =
        position(&|s| uses(s).is_some_and(|u| u.starts_with("actions/upload-pages-artifact@")));
    assert!(checkout < configure && configure < site && release < site && site < upload);

    // The site is built at the address Pages gives, with a trailing slash, into the folder
    // that is uploaded.
    let command = build[site]["run"].as_str().unwrap();
    assert!(
        command.contains(&format!(
            "--base-url \"${{{{ steps.{id}.outputs.base_url }}}}/\""
        )),
        "{command}"
    );
    let uploaded = build[upload]["with"]["path"].as_str().unwrap();
    assert!(
        command.ends_with(&format!("--output-dir {uploaded}")),
        "{command}"
    );

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    assert!(
        steps(&workflow, "deploy")
            .iter()
            .any(|s| uses(s).is_some_and(|u| u.starts_with("actions/deploy-pages@")))
    );
    // Every action is pinned to a major version.
    for step in build.iter().chain(steps(&workflow, "deploy")) {
        if let Some(action) = uses(step) {
            let (_, version) = action.split_once('@').unwrap();
            assert!(version.starts_with('v'), "{action} is not pinned");
        }
    }
}

#[test]
fn the_workflows_build_command_works_with_the_address_pages_gives() {
    let workflow = workflow();
    let command = steps(&workflow, "build")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("target/release/explainer build"))
        .unwrap();
    // As the runner runs it, with the address of a project site.
    let command = command.replace(
        "${{ steps.pages.outputs.base_url }}",
        "https://octo.github.io/repo",
    );
    let words: Vec<String> = command
        .split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches('"').to_owned())
        .collect();
    let site = copy_of_real_site();
    let out = explainer()
        .args(&words)
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_success(&out);
    let public = site.path().join("public");
    let index = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        index.contains("rel=\"canonical\" href=\"https://octo.github.io/repo/index.html\""),
        "canonical address"
    );
    let not_found = fs::read_to_string(public.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/repo/style."),
        "404 page's stylesheet"
    );
    assert!(
        fs::read_to_string(public.join("_headers"))
            .unwrap()
            .starts_with("/repo/*")
    );
    assert!(Path::new(&public.join("sitemap.xml")).is_file());
}
