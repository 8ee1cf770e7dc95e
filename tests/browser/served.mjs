// The built site as a real static server (nginx, set up by tests/served.rs from the
// site's _headers) serves it under a sub-path, checked in Debian's Chromium:
//
//   node tests/browser/served.mjs SITE_URL SITE_DIR
//
//   - every page answers 200 with the Content-Security-Policy header (frame-ancestors
//     included) and loads with no CSP violation, no failed request, no console error;
//   - a same-origin fetch (what Lighthouse does for robots.txt) is allowed by the policy;
//   - the fingerprinted stylesheet is served `immutable` for a year, the pages are not;
//   - a missing URL deep under the site answers 404 with the styled 404 page.
// Prints one line per problem and exits 1 if there is any.

import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const siteUrl = process.argv[2];
const siteDir = resolve(process.argv[3]);
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

async function htmlPages(dir, prefix = "") {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) found.push(...(await htmlPages(join(dir, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.name.endsWith(".html") && entry.name !== "404.html") found.push(prefix + entry.name);
  }
  return found.sort();
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
// Injected through the DevTools protocol, which the page's policy does not govern.
await context.addInitScript(() => {
  globalThis.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => globalThis.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
});

// `missing`: the URL itself is meant to answer 404, which Chromium logs as an error.
async function open(url, where, missing = false) {
  const page = await context.newPage();
  page.on("console", (msg) => {
    const expected = missing && msg.text().includes("status of 404") && msg.location().url === url;
    if (msg.type() === "error" && !expected) problem(where, `console error: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => {
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problem(where, `request failed: ${req.url()}`);
  });
  const stylesheets = [];
  page.on("response", (res) => { if (res.request().resourceType() === "stylesheet") stylesheets.push(res); });
  const response = await page.goto(url, { waitUntil: "load" });
  return { page, response, stylesheets };
}

let pages = 0;
try {
  for (const path of await htmlPages(siteDir)) {
    const where = path;
    const { page, response, stylesheets } = await open(siteUrl + path, where);
    if (response.status() !== 200) problem(where, `HTTP ${response.status()}`);
    const csp = response.headers()["content-security-policy"] ?? "";
    if (!csp.includes("default-src 'none'") || !csp.includes("frame-ancestors 'none'")) problem(where, `Content-Security-Policy header is ${JSON.stringify(csp)}`);
    if (response.headers()["x-content-type-options"] !== "nosniff") problem(where, "no X-Content-Type-Options: nosniff");
    if ((response.headers()["cache-control"] ?? "").includes("immutable")) problem(where, "a page is cached as immutable");
    for (const sheet of stylesheets) {
      const cache = sheet.headers()["cache-control"] ?? "";
      if (/\.[0-9a-f]{10}\.css$/.test(sheet.url()) && !(cache.includes("immutable") && cache.includes("max-age=31536000"))) {
        problem(where, `${sheet.url()} is served with Cache-Control ${JSON.stringify(cache)}`);
      }
    }
    if (pages === 0) {
      const fetched = await page.evaluate(async (url) => (await fetch(url)).status, `${siteUrl}robots.txt`).catch((e) => String(e));
      if (fetched !== 200) problem(where, `a same-origin fetch of robots.txt gave ${fetched}`);
    }
    const violations = await page.evaluate(() => globalThis.__violations);
    for (const v of violations) problem(where, `CSP violation: ${v}`);
    await page.close();
    pages++;
  }

  const where = "a/b/c/missing";
  const { page, response, stylesheets } = await open(`${siteUrl}a/b/c/missing`, where, true);
  if (response.status() !== 404) problem(where, `HTTP ${response.status()}, not 404`);
  if (stylesheets.length === 0 || stylesheets.some((s) => s.status() !== 200)) problem(where, "the 404 page's stylesheet did not load");
  const styled = await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 20));
  if (!styled) problem(where, "the 404 page is unstyled");
  const heading = await page.evaluate(() => document.querySelector("h1")?.textContent ?? "");
  if (!heading) problem(where, "the 404 page has no heading");
  for (const v of await page.evaluate(() => globalThis.__violations)) problem(where, `CSP violation: ${v}`);
} finally {
  await browser.close();
}

for (const p of problems) console.log(p);
console.log(`${pages} pages and a missing deep URL served by nginx: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
