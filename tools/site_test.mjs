// Open every page of the built site in headless Chromium (Debian's binary, driven by playwright-core) and check it.
// The CDN files a page names are served from local npm packages at the same versions; integrity (SRI) attributes stay
// where the local file is byte-identical and are dropped (and listed) where it is not; every other outside request is
// refused (and listed). usage: node site_test.mjs PLAN.json   (written by site_test.py; NODE_MODULES: the packages)
import { createRequire } from 'module';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

const nm = process.env.NODE_MODULES || path.join(path.dirname(new URL(import.meta.url).pathname), 'browser', 'node_modules');
const { chromium } = createRequire(path.join(nm, 'x.js'))('playwright-core');
const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const local = [   // [pattern of the URL the page names, local file (a function of the match)]
  [/^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/jquery\/3\.5\.1\/jquery\.min\.js$/, () => path.join(nm, 'jquery', 'dist', 'jquery.min.js')],
  [/^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/require\.js\/2\.3\.6\/require\.min\.js$/, () => path.join(nm, 'requirejs', 'require.js')],
  [/^https:\/\/unpkg\.com\/@jupyter-widgets\/html-manager@[^/]*\/dist\/embed-amd\.js$/, () => path.join(nm, '@jupyter-widgets', 'html-manager', 'dist', 'embed-amd.js')],
  [/^https:\/\/cdn\.jsdelivr\.net\/npm\/anywidget@[^/]*\/dist\/index(\.js)?$/, () => path.join(nm, 'anywidget', 'dist', 'index.js')],
  [/^https:\/\/cdn\.jsdelivr\.net\/npm\/mathjax@3\/es5\/([^?#]+)/, (m) => path.join(nm, 'mathjax', 'es5', m[1])],
];
const localFile = (url) => { for (const [re, f] of local) { const m = url.match(re); if (m) return f(m); } return null; };
const types = { '.js': 'application/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.json': 'application/json' };
const failures = [], dropped = new Set(), refused = new Set(), served = new Set();
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

function keepOrDropIntegrity(html) {   // SRI stays where the local file is the same bytes the page asked for
  return html.replace(/<(script|link)\b[^>]*>/g, (tag) => {
    const url = (tag.match(/\s(?:src|href)="([^"]+)"/) || [])[1], sri = (tag.match(/\sintegrity="([^"]+)"/) || [])[1];
    if (!url || !sri) return tag;
    const file = localFile(url);
    if (!file || !fs.existsSync(file)) return tag;                    // not served locally: the request is refused anyway
    const [algo, want] = sri.split('-', 2);
    if (crypto.createHash(algo).update(fs.readFileSync(file)).digest('base64') === want) return tag;
    dropped.add(`${url} (local ${path.relative(nm, file)} is not byte-identical)`);
    return tag.replace(/\sintegrity="[^"]+"/, '');
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
         '--no-first-run', '--disable-sync'],
});
try {
  for (const { page: name, demos } of plan.pages) {
    console.log(`== ${name}`);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [], bad = [], pageRefused = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('response', (r) => { if (r.url().startsWith(plan.base) && r.status() >= 400) bad.push(`${r.status()} ${r.url()}`); });
    await page.route('**/*', async (route) => {
      const req = route.request(), url = req.url();
      if (url.startsWith(plan.base)) {
        if (req.resourceType() !== 'document') return route.continue();
        const res = await route.fetch();
        return route.fulfill({ response: res, body: keepOrDropIntegrity(await res.text()) });
      }
      if (/^(data|blob):/.test(url)) return route.continue();
      const file = localFile(url);
      if (file && fs.existsSync(file)) { served.add(url.replace(/\/es5\/.*$/, '/es5/...')); return route.fulfill({ path: file, contentType: types[path.extname(file)] || 'application/octet-stream' }); }
      refused.add(url); pageRefused.push(url); return route.abort();
    });
    await page.goto(plan.base + name, { waitUntil: 'load' });
    const hasMath = await page.evaluate(() => document.querySelectorAll('span.math').length);
    if (hasMath) {
      await page.waitForFunction(() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise, null, { timeout: 60000 });
      await page.evaluate(() => window.MathJax.startup.promise);
      const untypeset = await page.evaluate(() => [...document.querySelectorAll('span.math')].filter((s) => !s.querySelector('mjx-container')).length);
      check(untypeset === 0, `${name}: MathJax typeset all ${hasMath} formulas` + (untypeset ? ` (${untypeset} left raw)` : ''));
    }
    const images = await page.evaluate(() => [...document.images].map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })));
    const broken = images.filter((i) => !i.ok);
    check(broken.length === 0, `${name}: ${images.length} figures load` + (broken.length ? `; broken: ${broken.map((i) => i.src).join(', ')}` : ''));
    await page.screenshot({ path: path.join(plan.outdir, name.replace(/\//g, '_').replace(/\.html$/, '.png')) });
    for (const [k, d] of (demos || []).entries()) {
      const box = page.locator(`.rnn-seq-demo[data-demo="${d.kind}"]`).nth(k - demos.slice(0, k).filter((e) => e.kind !== d.kind).length);
      await box.waitFor({ timeout: 60000 });
      const fallbackHidden = await page.evaluate((uid) => [...document.querySelectorAll(`.rnn-seq-fallback[data-uid="${uid}"]`)].every((e) => getComputedStyle(e).display === 'none'), d.uid);
      check(fallbackHidden, `${name} ${d.kind}: renders without a kernel and hides its static picture`);
      let before = null;
      for (const [n, c] of d.checks.entries()) {
        for (const [name, value] of Object.entries(c.controls)) {
          const ctl = box.locator(`.rnn-seq-ctl-${name}`);
          const tag = await ctl.evaluate((e) => e.tagName + (e.type ? ':' + e.type : ''));
          if (tag.startsWith('SELECT')) await ctl.selectOption(String(value));
          else if (tag.startsWith('TEXTAREA') || tag.endsWith(':text')) await ctl.fill(String(value));
          else await ctl.evaluate((e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }, String(value));
        }
        const shown = JSON.parse(await box.evaluate((e) => e.dataset.result || 'null'));
        const close = (a, b) => typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
          : Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => close(x, b[i]))
          : a && b && typeof a === 'object' ? Object.keys(b).every((key) => close(a[key], b[key])) : a === b;
        check(close(shown, c.expect), `${name} ${d.kind}: setting ${JSON.stringify(c.controls).slice(0, 80)} shows what the Python twin computes`);
        if (c.changes) check(JSON.stringify(shown) !== JSON.stringify(before), `${name} ${d.kind}: setting ${JSON.stringify(c.controls).slice(0, 80)} changes what it shows`);
        before = shown;
        if (n === 0) {   // the demo as the page first shows it
          await box.scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(plan.outdir, name.replace(/\.html$/, `-${d.kind}-start.png`)) });
        }
      }
      await box.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(plan.outdir, name.replace(/\.html$/, `-${d.kind}.png`)) });
      await page.setViewportSize({ width: 400, height: 800 });
      await box.scrollIntoViewIfNeeded();
      const fits = await box.evaluate((e) => e.scrollWidth <= e.clientWidth + 2 && e.getBoundingClientRect().width <= 400);
      check(fits, `${name} ${d.kind}: fits a 400-pixel-wide screen`);
      await page.screenshot({ path: path.join(plan.outdir, name.replace(/\.html$/, `-${d.kind}-400px.png`)) });
      await page.setViewportSize({ width: 1200, height: 900 });
    }
    const ownErrors = errors.filter((e) => !(pageRefused.length && e.includes('net::ERR_FAILED')));   // a refused outside request is reported below
    if (pageRefused.length) console.log(`     refused on this page: ${pageRefused.join(', ')}`);
    check(ownErrors.length === 0, `${name}: no JavaScript errors` + (ownErrors.length ? `: ${ownErrors.join(' | ')}` : ''));
    check(bad.length === 0, `${name}: every request to the site succeeds` + (bad.length ? `: ${bad.join(', ')}` : ''));
    await page.close();
  }
} finally { await browser.close(); }
console.log(`served from local packages: ${[...served].sort().join(', ') || 'nothing'}`);
console.log(`integrity attributes dropped: ${[...dropped].sort().join('; ') || 'none'}`);
console.log(`requests refused (offline): ${[...refused].sort().join(', ') || 'none'}`);
if (failures.length) { console.log(`${failures.length} browser check(s) failed`); process.exit(1); }
console.log(`all browser checks passed on ${plan.pages.length} pages`);
