//! Share cards: the 1200×630 picture a link to a page shows when it is shared, drawn by the
//! build for every page of every edition when `site.yaml` asks for them and the base URL is
//! known, named in the page's Open Graph tags, and drawn again only when it would change.

mod common;

use std::fs;
use std::path::Path;

use common::{Fixture, RealSite, SITE_YAML, assert_success, copy_of_real_site, explainer};
use explainer::BuildOptions;

const BASE: &str = "https://example.org/explainer/";

/// The `content` of the page's `<meta>` whose `property` (or `name`) is `key`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let property = format!("property=\"{key}\" content=\"");
    let name = format!("name=\"{key}\" content=\"");
    html.split("<meta ").skip(1).find_map(|tag| {
        let rest = tag
            .strip_prefix(&property)
            .or_else(|| tag.strip_prefix(&name))?;
        rest.split('"').next()
    })
}

/// A PNG's width, height and first pixel (as RGBA).
fn picture(png: &[u8]) -> (u32, u32, [u8; 4]) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).expect("a whole PNG");
    let first = [pixels[0], pixels[1], pixels[2], pixels[3]];
    (info.width, info.height, first)
}

/// What `explainer build` with `args` says of the site at `root`, built into its `public/`.
fn summary(root: &Path, args: &[&str]) -> String {
    let run = explainer()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(root.join("public"))
        .args(args)
        .output()
        .unwrap();
    assert_success(&run);
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn every_page_of_every_edition_has_a_1200_by_630_card_at_an_absolute_address() {
    let site = RealSite::published();
    let mut cards = 0;
    // The corrections pages are the engine's, with no page of content/ to draw a card of.
    for page in site.pages().filter(|p| !p.ends_with("corrections.html")) {
        let html = site.html(page);
        let url = meta(&html, "og:image").unwrap_or_else(|| panic!("{page} has no og:image"));
        let card = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{page}: {url} is not under the base URL"));
        let png = &site.files[card];
        let (width, height, _) = picture(png);
        assert_eq!((width, height), (1200, 630), "{card}");
        assert!(png.len() <= 100_000, "{card} is {} bytes", png.len());
        assert_eq!(meta(&html, "og:image:width"), Some("1200"), "{page}");
        assert_eq!(meta(&html, "og:image:height"), Some("630"), "{page}");
        assert_eq!(meta(&html, "og:image:type"), Some("image/png"), "{page}");
        assert_eq!(
            meta(&html, "twitter:card"),
            Some("summary_large_image"),
            "{page}"
        );
        // What the card says large: the question the page answers.
        assert_eq!(
            meta(&html, "og:image:alt"),
            meta(&html, "og:title"),
            "{page}"
        );
        if page.starts_with("ru/") || page.starts_with("uk/") {
            let alt = meta(&html, "og:image:alt").unwrap();
            assert!(
                alt.chars().any(|c| ('а'..='я').contains(&c)),
                "{page}: {alt}"
            );
        }
        cards += 1;
    }
    let published = site
        .files
        .keys()
        .filter(|p| p.starts_with("cards/"))
        .count();
    assert_eq!(published, cards, "one card per page, no other");
    assert_eq!(cards, 39);
    assert!(site.files.contains_key("cards/ru/demands.png"));
    assert!(!site.html("404.html").contains("og:image"));
}

#[test]
fn without_a_base_url_the_summary_says_cards_were_left_out_and_pages_name_none() {
    let site = RealSite::build();
    assert!(!site.files.keys().any(|p| p.starts_with("cards/")));
    let html = site.html("demands.html");
    assert_eq!(meta(&html, "og:image"), None);
    assert_eq!(meta(&html, "twitter:card"), Some("summary"));

    let said = summary(copy_of_real_site().path(), &[]);
    assert!(
        said.contains("no base_url, so sitemap.xml, the feeds and the share cards were left out"),
        "{said}"
    );
    assert!(!said.contains("drawn"), "{said}");
}

#[test]
fn the_summary_counts_the_cards_drawn_and_those_left_as_they_were() {
    let dir = copy_of_real_site();
    let build = || summary(dir.path(), &["--base-url", BASE]);
    let first = build();
    assert!(
        first.contains("(share cards: 39 drawn, 0 unchanged)"),
        "{first}"
    );
    let again = build();
    assert!(
        again.contains("(share cards: 0 drawn, 39 unchanged)"),
        "{again}"
    );
}

#[test]
fn a_rebuild_draws_only_the_cards_whose_picture_changed() {
    let dir = copy_of_real_site();
    let out = dir.path().join("public");
    let mut options = BuildOptions::new(dir.path(), &out);
    options.base_url = Some(BASE.to_owned());
    let cards = |path: &str| fs::read(out.join("cards").join(path)).unwrap();
    let count = |options: &BuildOptions| {
        let report = explainer::build(options).unwrap();
        (report.cards.drawn, report.cards.unchanged)
    };

    assert_eq!(count(&options), (39, 0));
    let (demands, map) = (cards("demands.png"), cards("map.png"));
    assert_eq!(count(&options), (0, 39));
    assert_eq!(cards("demands.png"), demands);

    // A new question: that page's card alone is drawn again.
    let source = dir.path().join("content/demands.md");
    let text = fs::read_to_string(&source).unwrap();
    let asked = "question: What exactly did Russia demand?";
    assert!(text.contains(asked));
    fs::write(
        &source,
        text.replace(asked, "question: What did Russia ask for?"),
    )
    .unwrap();
    assert_eq!(count(&options), (1, 38));
    assert_ne!(cards("demands.png"), demands);
    assert_eq!(cards("map.png"), map);

    // A revision dates the card anew: "Last updated" is on it, so it is drawn again.
    let map_source = dir.path().join("content/map.md");
    let text = fs::read_to_string(&map_source).unwrap();
    let text = text
        .replacen("updated: 2026-12-02", "updated: 2026-12-03", 1)
        .replacen(
            "changes:\n",
            "changes:\n  - {date: 2026-12-03, kind: update, text: A test.}\n",
            1,
        );
    fs::write(&map_source, text).unwrap();
    assert_eq!(count(&options), (1, 38));
    let map = cards("map.png");

    // A live card cut short (an interrupted upload, say) is never taken as drawn.
    let live = out.join("cards/map.png");
    fs::remove_file(&live).unwrap();
    fs::write(&live, &map[..map.len() / 2]).unwrap();
    assert_eq!(count(&options), (1, 38));
    assert_eq!(cards("map.png"), map);

    // The site's new title is on every card.
    let settings = dir.path().join("site.yaml");
    let yaml = fs::read_to_string(&settings).unwrap();
    let yaml = yaml.replacen(
        "title: What does Russia want from NATO?",
        "title: Russia, NATO and the demands of 2021",
        1,
    );
    fs::write(&settings, yaml).unwrap();
    let (drawn, unchanged) = count(&options);
    assert_eq!((drawn, unchanged), (13, 26), "the English edition's cards");
}

/// A fixture site published at `BASE`, with share cards as `share_cards` says.
fn fixture(share_cards: Option<bool>) -> Fixture {
    let fixture = Fixture::new();
    let switch = share_cards.map_or(String::new(), |on| format!("share_cards: {on}\n"));
    fixture.write(
        "site.yaml",
        &format!("{SITE_YAML}base_url: {BASE}\n{switch}"),
    );
    fixture.write(
        "content/index.md",
        "---\ntitle: Home\ndescription: About home.\nquestion: Why & how?\n---\nWelcome.\n",
    );
    fixture
}

#[test]
fn a_site_has_cards_only_when_it_asks_for_them() {
    for switch in [None, Some(false)] {
        let fixture = fixture(switch);
        let report = fixture.build().unwrap();
        assert_eq!((report.cards.drawn, report.cards.unchanged), (0, 0));
        assert!(!fixture.out().join("cards").exists(), "{switch:?}");
    }
    let fixture = fixture(Some(true));
    let report = fixture.build().unwrap();
    assert_eq!(report.cards.drawn, 1);
    let png = fs::read(fixture.out().join("cards/index.png")).unwrap();
    assert_eq!(
        picture(&png),
        (1200, 630, [0xb3, 0x26, 0x1e, 0xff]),
        "the accent bar"
    );
    // Turned off again, the cards go with the next build.
    fixture.write("site.yaml", &format!("{SITE_YAML}base_url: {BASE}\n"));
    fixture.build().unwrap();
    assert!(!fixture.out().join("cards").exists());
}

#[test]
fn a_sites_own_card_template_is_drawn_and_its_mistakes_are_located() {
    let fixture = fixture(Some(true));
    let own = r##"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315">
<rect width="600" height="315" fill="#0a5394"/>
<text x="40" y="150" fill="#fff" font-size="40">{{ question }} – {{ site_title }}</text>
</svg>
"##;
    fixture.write("templates/card.svg", own);
    fixture.build().unwrap();
    let card = fixture.out().join("cards/index.png");
    let before = fs::read(&card).unwrap();
    // Drawn at the card's size, whatever the template's.
    assert_eq!(picture(&before), (1200, 630, [0x0a, 0x53, 0x94, 0xff]));

    fixture.write(
        "templates/card.svg",
        &own.replace("{{ question }}", "{{ questoin }}"),
    );
    let err = fixture.build_err();
    assert!(err.contains("templates/card.svg:3:"), "{err}");
    assert!(err.contains("questoin"), "{err}");
    assert!(
        err.contains("the card template gets `section`, `question`"),
        "{err}"
    );

    fixture.write("templates/card.svg", &own.replace("</svg>", "</g></svg>"));
    let err = fixture.build_err();
    assert!(err.contains("templates/card.svg"), "{err}");
    assert!(err.contains("the card is not valid SVG"), "{err}");
    assert!(
        err.contains(&format!(
            "the share card of {}",
            Path::new("content/index.md").display()
        )),
        "{err}"
    );
    assert_eq!(
        fs::read(&card).unwrap(),
        before,
        "the published card is kept"
    );
}

#[test]
fn a_check_finds_the_card_templates_mistakes_without_drawing() {
    let fixture = fixture(Some(true));
    fixture.write(
        "templates/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>",
    );
    let run = explainer()
        .args(["check", "--root"])
        .arg(fixture.root())
        .output()
        .unwrap();
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("the card is not valid SVG"), "{said}");
    assert!(!fixture.out().exists());
}
