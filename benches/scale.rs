//! Build times at scale: `cargo bench` generates synthetic sites with
//! `../shared/tools/gen-corpus` (about 800 words a page) and builds each with the release
//! binary, reporting wall time, pages per second and peak memory for a fresh build into a
//! new folder and for a rebuild over the previous output (the everyday case). Each size is
//! built in one language, and as the same number of pages in three editions (a third in
//! each: the corpus, copied into `content/ru/` and `content/uk/`).
//!
//!   cargo bench                                  # 1,000, 10,000 and 100,000 pages
//!   BENCH_PAGES=10000 cargo bench                # one size
//!   GEN_CORPUS=/path/to/gen-corpus cargo bench   # another generator
//!
//! Then share cards ([`cards`]): the time to draw one, and a build of the smallest size
//! with cards on and off (`BENCH_CARDS_PAGES` sets its size; 0 skips it).
//!
//! Last, the editions that travel ([`portable`]): this explainer built as it is, with its
//! offline files and its PDFs, then with its offline files alone, then with neither
//! (`BENCH_PORTABLE=0` skips it).
//!
//! Each figure is the median of three runs; corpora are kept in target/bench/ between runs.
//! No build is timed soon after a large deletion (see [`SETTLE`]).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_PAGES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generator = std::env::var_os("GEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/tools/gen-corpus"));
    let work = manifest.join("target/bench");
    std::fs::create_dir_all(&work).expect("target/bench");

    // Outputs left by a run that was stopped.
    if std::fs::read_dir(&work)
        .expect("target/bench")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains("out-"))
    {
        remove_outputs(&work);
    }
    settle(&work);
    println!(
        "{:>8}  {:<9}  {:<8}  {:>9}  {:>9}  {:>9}",
        "pages", "languages", "build", "wall", "pages/s", "peak MiB"
    );
    for pages in sizes {
        for languages in [1, 3] {
            let corpus = work.join(format!("corpus-{pages}-{languages}"));
            if !corpus.join("site.yaml").exists() {
                generate(&generator, &corpus, pages / languages, languages);
            }
            let total = count_pages(&corpus.join("content"));
            let mut fresh = Vec::new();
            let mut rebuild = Vec::new();
            for run in 0..RUNS {
                let out = work.join(format!("out-{pages}-{languages}-{run}"));
                fresh.push(build(&corpus, &out, &[]));
                edit_one_page(&corpus);
                rebuild.push(build(&corpus, &out, &[]));
            }
            for (mode, runs) in [("fresh", fresh), ("rebuild", rebuild)] {
                let (wall, peak) = median(runs);
                let rate = total as f64 / wall.as_secs_f64();
                println!(
                    "{total:>8}  {languages:<9}  {mode:<8}  {:>8.2}s  {rate:>9.0}  {:>9.1}",
                    wall.as_secs_f64(),
                    peak as f64 / 1024.0
                );
            }
        }
    }
    let card_pages = std::env::var("BENCH_CARDS_PAGES")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(1000);
    if card_pages > 0 {
        cards(&generator, &work, card_pages);
    }
    if std::env::var("BENCH_PORTABLE").map_or(true, |v| v != "0") {
        portable(manifest, &work);
    }
    remove_outputs(&work);
}

/// Share cards: one card drawn on one core, then a site of `pages` pages in one language
/// built with a base URL, its cards on and off: fresh, and rebuilt after an edit that
/// changes no card.
fn cards(generator: &Path, work: &Path, pages: usize) {
    let corpus = work.join(format!("corpus-cards-{pages}"));
    if !corpus.join("site.yaml").exists() {
        generate(generator, &corpus, pages, 1);
    }
    let settings = corpus.join("site.yaml");
    let without = std::fs::read_to_string(&settings)
        .expect("the corpus' site.yaml")
        .replace("share_cards: true\n", "");
    let with = format!("{without}share_cards: true\n");
    let base_url = ["--base-url", "https://example.org/corpus/"];
    let (mut on, mut on_rebuild) = (Vec::new(), Vec::new());
    let (mut off, mut off_rebuild) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        std::fs::write(&settings, &with).expect("the corpus' site.yaml");
        let out = work.join(format!("out-cards-on-{run}"));
        on.push(build(&corpus, &out, &base_url));
        edit_one_page(&corpus);
        on_rebuild.push(build(&corpus, &out, &base_url));
        std::fs::write(&settings, &without).expect("the corpus' site.yaml");
        let out = work.join(format!("out-cards-off-{run}"));
        off.push(build(&corpus, &out, &base_url));
        edit_one_page(&corpus);
        off_rebuild.push(build(&corpus, &out, &base_url));
    }
    let one = one_card();
    println!("\nshare cards, {pages} pages in one language, with a base URL");
    println!(
        "  one card, rendered and drawn on one core: {:.1} ms (median of {CARDS_DRAWN})",
        one.as_secs_f64() * 1000.0
    );
    let (on, on_peak) = median(on);
    let (off, off_peak) = median(off);
    println!(
        "  fresh build, cards on:  {:>6.2} s  {:>6.1} MiB peak",
        on.as_secs_f64(),
        on_peak as f64 / 1024.0
    );
    println!(
        "  fresh build, cards off: {:>6.2} s  {:>6.1} MiB peak",
        off.as_secs_f64(),
        off_peak as f64 / 1024.0
    );
    println!(
        "  the cards' share: {:.2} s for {pages} cards, {:.2} ms a card on all cores",
        on.saturating_sub(off).as_secs_f64(),
        on.saturating_sub(off).as_secs_f64() * 1000.0 / pages as f64
    );
    let (on_rebuild, off_rebuild) = (median(on_rebuild).0, median(off_rebuild).0);
    println!(
        "  rebuild after an edit that changes no card: {:.2} s cards on, {:.2} s off",
        on_rebuild.as_secs_f64(),
        off_rebuild.as_secs_f64()
    );
}

/// How many builds of the explainer [`portable`] times each way: one takes a tenth of a
/// second, so more runs than [`RUNS`] steady the median.
const SMALL_RUNS: usize = 11;

/// This explainer (a copy of it) built as it is (`portable: true`, `print: true`), with
/// its offline files alone, and with neither: a fresh build and a rebuild over the
/// previous output after an edit, in three editions.
fn portable(manifest: &Path, work: &Path) {
    let site = work.join("explainer-portable");
    for part in ["site.yaml", "content", "templates", "static", "i18n"] {
        copy_tree(&manifest.join(part), &site.join(part));
    }
    let settings = site.join("site.yaml");
    let with = std::fs::read_to_string(&settings).expect("the explainer's site.yaml");
    assert!(
        with.contains("\nportable: true\n") && with.contains("\nprint: true\n"),
        "the explainer is portable and prints"
    );
    let offline = with.replace("\nprint: true\n", "\n");
    let neither = offline.replace("\nportable: true\n", "\n");
    println!("\nthis explainer in three editions, with its offline files and PDFs, and without");
    let page = site.join("content/about.md");
    let ways = [
        // A build with PDFs takes seconds: fewer runs give a steady median.
        ("with PDFs too", &with, RUNS),
        ("with offline files", &offline, SMALL_RUNS),
        ("without either", &neither, SMALL_RUNS),
    ];
    for (tag, (name, text, runs)) in ways.into_iter().enumerate() {
        std::fs::write(&settings, text).expect("site.yaml");
        let (mut fresh, mut rebuild) = (Vec::new(), Vec::new());
        for run in 0..runs {
            let out = work.join(format!("out-portable-{tag}-{run}"));
            fresh.push(build(&site, &out, &[]));
            let mut edited = std::fs::read_to_string(&page).expect("about.md");
            edited.push_str("\nEdited.\n");
            std::fs::write(&page, edited).expect("about.md");
            rebuild.push(build(&site, &out, &[]));
        }
        let (fresh, rebuild) = (median(fresh), median(rebuild));
        println!(
            "  {name:<18}  fresh {:>7.1} ms  rebuild {:>7.1} ms  {:>6.1} MiB peak",
            fresh.0.as_secs_f64() * 1000.0,
            rebuild.0.as_secs_f64() * 1000.0,
            fresh.1 as f64 / 1024.0
        );
    }
}

/// Copies a file, or a folder and all in it.
fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("a folder");
        std::fs::copy(from, to).expect("a copy");
        return;
    }
    for entry in std::fs::read_dir(from).expect("a folder").flatten() {
        copy_tree(&entry.path(), &to.join(entry.file_name()));
    }
}

/// How many cards [`one_card`] draws.
const CARDS_DRAWN: usize = 40;

/// The median time to make one card from the built-in template, as a build does: lay out
/// the text, render the template, draw, encode.
fn one_card() -> Duration {
    use explainer::render::cards::{Card, DEFAULT_TEMPLATE, draw};
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".svg"]);
    tera.add_raw_template("card.svg", DEFAULT_TEMPLATE)
        .expect("the built-in card template");
    let questions = [
        "What exactly did Russia demand?",
        "Что произошло после того, как требования России были отвергнуты?",
        "Що сказала експертка, яку цитує Forces News?",
        "How was the stand-off expected to end, and what did each side offer the other?",
    ];
    let mut times: Vec<Duration> = (0..CARDS_DRAWN)
        .map(|i| {
            let question = format!("{} ({i})", questions[i % questions.len()]);
            let started = Instant::now();
            let card = Card::new("Section", &question, ("Corpus", "example.org/corpus"), "en");
            let context = tera::Context::from_serialize(&card).expect("a card's values");
            let svg = tera.render("card.svg", &context).expect("the card's SVG");
            draw(&svg).expect("a card");
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A corpus of `pages` pages a language, in `languages` editions: the generator's, and for
/// each other edition a copy of its pages in `content/<code>/`.
fn generate(generator: &Path, corpus: &Path, pages: usize, languages: usize) {
    let _ = std::fs::remove_dir_all(corpus);
    let status = Command::new(generator)
        .args(["--pages", &pages.to_string(), "--format", "ours"])
        .arg(corpus)
        .status()
        .unwrap_or_else(|e| panic!("can't run {}: {e}", generator.display()));
    assert!(status.success(), "gen-corpus failed");
    let editions = [("ru", "Русский"), ("uk", "Українська")];
    let mut settings = String::from("language_name: English\ntranslations:\n");
    for (code, name) in editions.iter().take(languages - 1) {
        copy_pages(&corpus.join("content"), &corpus.join("content").join(code));
        settings.push_str(&format!(
            "  - {{code: {code}, language: {code}, name: {name}, title: Corpus, description: A corpus.}}\n"
        ));
    }
    if languages > 1 {
        let site = corpus.join("site.yaml");
        let text = std::fs::read_to_string(&site).expect("the corpus' site.yaml");
        std::fs::write(&site, text + &settings).expect("the corpus' site.yaml");
    }
}

/// Copies the Markdown pages under `from` (not the editions' folders) into `to`.
fn copy_pages(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from)
        .expect("the corpus' content")
        .flatten()
    {
        let (path, name) = (entry.path(), entry.file_name());
        if path.is_dir() && !["ru", "uk", "data"].contains(&&*name.to_string_lossy()) {
            copy_pages(&path, &to.join(&name));
        } else if path.extension().is_some_and(|x| x == "md") {
            std::fs::create_dir_all(to).expect("an edition's folder");
            std::fs::copy(&path, to.join(&name)).expect("a page's copy");
        }
    }
}

fn count_pages(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("the corpus' content")
        .flatten()
        .map(|e| match e.path().is_dir() {
            true => count_pages(&e.path()),
            false => usize::from(e.path().extension().is_some_and(|x| x == "md")),
        })
        .sum()
}

/// ext4 without a journal (as on the machine our figures come from) skips inodes freed in
/// the last minute, or the last six if their block is dirty again, when it allocates new
/// ones: files created soon after a large deletion cost several times more. So outputs are
/// removed only once all runs are done, and a run waits until six minutes have passed since
/// the last removal.
const SETTLE: Duration = Duration::from_secs(361);

/// Waits until [`SETTLE`] has passed since the previous run removed its outputs.
fn settle(work: &Path) {
    let removed_at = std::fs::metadata(stamp(work)).and_then(|m| m.modified());
    let since = removed_at.ok().and_then(|t| t.elapsed().ok());
    if let Some(wait) = since.and_then(|since| SETTLE.checked_sub(since)) {
        eprintln!(
            "outputs were removed {} s ago; waiting {} s for the file system to settle",
            since.unwrap_or_default().as_secs(),
            wait.as_secs()
        );
        std::thread::sleep(wait);
    }
}

/// Removes this run's outputs, and notes when.
fn remove_outputs(work: &Path) {
    for entry in std::fs::read_dir(work).expect("target/bench").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // An output, its spare folder, its lock file.
        if name.starts_with("out-") || name.starts_with(".out-") {
            let removed = match entry.path().is_dir() {
                true => std::fs::remove_dir_all(entry.path()),
                false => std::fs::remove_file(entry.path()),
            };
            removed.expect("can't remove an output");
        }
    }
    let _ = Command::new("sync").status();
    std::fs::write(stamp(work), b"").expect("target/bench-removed-at");
}

/// Touched whenever a benchmark removes its outputs; `scripts/bench-vs-hugo` shares it.
fn stamp(work: &Path) -> PathBuf {
    work.with_file_name("bench-removed-at")
}

/// Appends a line to one page, as an author's edit: the rebuild that follows is the
/// everyday case.
fn edit_one_page(corpus: &Path) {
    use std::io::Write;
    let page = std::fs::read_dir(corpus.join("content"))
        .expect("the corpus' content")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .min()
        .and_then(|dir| {
            std::fs::read_dir(dir)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .min()
        })
        .expect("a page in the corpus");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&page)
        .expect("the page to edit");
    writeln!(file, "\nEdited.").expect("the edit");
}

/// Reads every file of the corpus, untimed, so that a build is not timed reading a disk:
/// what the machine did before (another tool's gigabytes, say) may have pushed the sources
/// out of memory.
fn warm(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("the corpus").flatten() {
        let path = entry.path();
        if path.is_dir() {
            warm(&path);
        } else {
            let _ = std::fs::read(&path);
        }
    }
}

/// Runs one build with `args` besides its folders, its sources read beforehand; returns
/// its wall time and peak resident memory in KiB.
fn build(corpus: &Path, out: &Path, args: &[&str]) -> (Duration, i64) {
    warm(corpus);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["build", "--root"])
        .arg(corpus)
        .arg("--output-dir")
        .arg(out)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the explainer binary");
    let (status, peak) = wait_with_peak(&mut child);
    let wall = started.elapsed();
    assert!(status, "the build failed");
    (wall, peak)
}

/// Waits for the child and reads its own peak memory (`wait4`'s rusage), which
/// `getrusage(RUSAGE_CHILDREN)` would mix with earlier children's.
#[cfg(target_os = "linux")]
fn wait_with_peak(child: &mut std::process::Child) -> (bool, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child's pid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4 failed");
    (
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}

#[cfg(not(target_os = "linux"))]
fn wait_with_peak(child: &mut std::process::Child) -> (bool, i64) {
    (child.wait().map(|s| s.success()).unwrap_or(false), 0)
}

fn median(mut runs: Vec<(Duration, i64)>) -> (Duration, i64) {
    runs.sort();
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
    (runs[runs.len() / 2].0, peak)
}
