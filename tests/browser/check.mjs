// Browser checks of a built site, as a reader's browser sees it. Run by tests/browser.rs:
//
//   node tests/browser/check.mjs SITE_DIR [SCREENSHOT_DIR]
//
// Drives Debian's Chromium (never a downloaded browser) through playwright-core. For every
// page, served under a sub-path (/explainer/) by a tiny local server:
//   - no console error, no failed request, no request to another origin;
//   - axe-core finds no WCAG 2.2 AA violation, in the light and in the dark colour scheme;
//   - at 390 px wide nothing overflows horizontally, and a table that scrolls sideways keeps
//     its first column in view;
// then, opened from file://, every link of the section list leads to a page that loads, and
// on every page each language of the switcher leads to the same page in that language; and
// each offline file (offline/*.html) asks for nothing when opened, every link in it landing.
// Prints one line per problem and exits 1 if there is any.

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { join, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SUB_PATH = "/explainer/";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const siteDir = resolve(process.argv[2] ?? "public");
const shotDir = process.argv[3];
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".txt": "text/plain", ".png": "image/png", ".js": "text/javascript",
};

async function htmlPages(dir, prefix = "") {
  const pages = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) pages.push(...(await htmlPages(join(dir, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.name.endsWith(".html")) pages.push(prefix + entry.name);
  }
  return pages.sort();
}

// A static host serving the site under SUB_PATH only, like a project page on a shared host.
function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(SUB_PATH) || path.includes("..")) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = join(dir, path.slice(SUB_PATH.length));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// Opens `url` in a fresh page and records everything that went wrong while it loaded.
async function load(context, url, where, origin) {
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") problem(where, `console error: ${msg.text()}`); });
  page.on("pageerror", (err) => problem(where, `script error: ${err.message}`));
  // A request aborted because the test navigated away (a favicon, say) is not the site's fault.
  page.on("requestfailed", (req) => {
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problem(where, `request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => { if (res.status() >= 400) problem(where, `HTTP ${res.status()} for ${res.url()}`); });
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (origin && u.protocol.startsWith("http") && u.origin !== origin) problem(where, `request to another origin: ${req.url()}`);
    if (!origin && u.protocol !== "file:" && u.protocol !== "data:") problem(where, `request off the disk: ${req.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return page;
}

async function axe(page, where, scheme) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    WCAG_TAGS,
  );
  for (const v of result.violations) {
    const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    problem(where, `axe (${scheme}) ${v.id}: ${v.help} [${nodes}]`);
  }
}

const pages = await htmlPages(siteDir);
const server = await serve(siteDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let checked = 0;
try {
  for (const scheme of ["light", "dark"]) {
    // Axe is injected through the DevTools protocol, which the page's CSP does not govern.
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    for (const path of pages) {
      const where = `${path} (${scheme})`;
      const page = await load(context, `${origin}${SUB_PATH}${path}`, where, origin);
      await axe(page, where, scheme);
      if (shotDir) await page.screenshot({ path: join(shotDir, `${path.replaceAll("/", "_")}-${scheme}-1280.png`), fullPage: false });
      await page.close();
      checked++;
    }
    await context.close();
  }

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  for (const path of pages) {
    const page = await load(phone, `${origin}${SUB_PATH}${path}`, `${path} (390 px)`, origin);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scroll > width) problem(`${path} (390 px)`, `overflows horizontally: ${scroll} px wide in a ${width} px window`);
    // A table that scrolls sideways keeps its first column (the map's country names) in view.
    const kept = await page.evaluate(() => [...document.querySelectorAll(".table-wrap")].map((wrap) => {
      wrap.scrollLeft = wrap.scrollWidth;
      const cell = wrap.querySelector("tbody th");
      return !cell || wrap.scrollLeft === 0 || Math.abs(cell.getBoundingClientRect().left - wrap.getBoundingClientRect().left) < 2;
    }));
    if (kept.includes(false)) problem(`${path} (390 px)`, "the first column scrolls out of view with the table");
    if (shotDir) await page.screenshot({ path: join(shotDir, `${path.replaceAll("/", "_")}-390.png`) });
    await page.close();
  }
  await phone.close();

  // From disk: follow every link of the section list, as a reader would.
  const disk = await browser.newContext();
  const home = await load(disk, pathToFileURL(join(siteDir, "index.html")).href, "index.html (file://)", null);
  const links = await home.$$eval("nav a[href]", (as) => as.map((a) => a.href));
  if (links.length < 2) problem("index.html (file://)", "the section list has fewer than two links");
  for (const href of links) {
    const where = `${href.slice(href.lastIndexOf("/") + 1)} (file://)`;
    const page = await load(disk, href, where, null);
    const title = await page.title();
    if (!title) problem(where, "no title: the link did not lead to a page");
    await page.close();
  }
  // From disk: on every page, click each language in the switcher and land on the same
  // page in that edition (the same file name, in that edition's folder).
  const editions = await home.$$eval("nav.languages [lang]", (els) => els.map((e) => e.lang));
  if (editions.length < 2) problem("index.html (file://)", "no language switcher");
  for (const path of pages.filter((p) => p !== "404.html" && !p.startsWith("offline/"))) {
    const where = `${path} (file://, switcher)`;
    const page = await load(disk, pathToFileURL(join(siteDir, path)).href, where, null);
    const key = path.replace(/^(ru|uk)\//, "");
    const targets = await page.$$eval("nav.languages a[hreflang]", (as) => as.map((a) => a.hreflang));
    for (const hreflang of targets) {
      await Promise.all([page.waitForNavigation(), page.click(`nav.languages a[hreflang="${hreflang}"]`)]);
      const landed = decodeURIComponent(new URL(page.url()).pathname);
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (!landed.endsWith(`/${key}`) || lang !== hreflang) problem(where, `the ${hreflang} link leads to ${landed} (lang ${lang}), not ${key} in that language`);
      await page.goBack({ waitUntil: "load" });
    }
    if (targets.length !== editions.length - 1) problem(where, `the switcher offers ${targets.length} other languages, not ${editions.length - 1}`);
    await page.close();
  }

  // From disk: each edition's offline file asks for nothing when opened (its style is let
  // in by its policy, or the console says so), and every link inside it lands on an
  // element that exists, in it or in the file of another edition beside it.
  const offline = pages.filter((p) => p.startsWith("offline/"));
  if (process.env.EXPECT_OFFLINE && offline.length === 0) problem("offline/", "no offline files were built");
  for (const path of offline) {
    const where = `${path} (file://, offline)`;
    const url = pathToFileURL(join(siteDir, path)).href;
    const page = await disk.newPage();
    page.on("console", (msg) => { if (msg.type() === "error") problem(where, `console error: ${msg.text()}`); });
    page.on("request", (req) => { if (req.url().split("#")[0] !== url) problem(where, `request: ${req.url().slice(0, 120)}`); });
    await page.goto(url, { waitUntil: "load" });
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".container")).marginLeft !== "0px");
    if (!styled) problem(where, "the page is unstyled: its policy kept its own style out");
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
    const ids = await page.$$eval("[id]", (els) => els.map((e) => e.id));
    for (const href of links) {
      if (/^[a-z]+:/i.test(href)) continue;
      const [file, fragment] = href.split("#");
      const targetIds = file ? await idsOf(join(siteDir, "offline", file)) : new Set(ids);
      if (!targetIds) problem(where, `${href}: no such file beside it`);
      else if (fragment && !targetIds.has(decodeURIComponent(fragment))) problem(where, `${href}: no element has that id`);
    }
    if (links.length < 20) problem(where, `only ${links.length} links: the pages are missing`);
    await page.close();
  }
  await disk.close();

  // The keyboard: the first Tab reaches the skip link, and it has a visible focus style.
  const keys = await browser.newContext();
  const page = await load(keys, `${origin}${SUB_PATH}index.html`, "index.html (keyboard)", origin);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { text: el.textContent.trim(), href: el.getAttribute("href"), outline: style.outlineStyle, width: style.outlineWidth };
  });
  if (focused.href !== "#main") problem("index.html (keyboard)", `the first Tab reaches ${JSON.stringify(focused.text)}, not the skip link`);
  if (focused.outline === "none" || focused.width === "0px") problem("index.html (keyboard)", "the focused skip link has no visible outline");
  await keys.close();
} finally {
  await browser.close();
  server.close();
}

// The ids of an HTML file's elements, or none if it can't be read.
async function idsOf(file) {
  try {
    return new Set([...(await readFile(file, "utf8")).matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1])));
  } catch {
    return null;
  }
}

function decodeEntities(text) {
  return text.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

for (const p of problems) console.log(p);
console.log(`${pages.length} pages, ${checked} page loads with axe: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
