// Open a page with the generation widget in headless Chromium (Debian's binary, driven by playwright-core) and check it.
// The CDN scripts the page asks for are served from local npm packages; every other network request is refused.
// usage: node browser_test.mjs PAGE.html EXPECT.json SCREENSHOT.png   (NODE_MODULES: folder holding the packages)
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const nm = process.env.NODE_MODULES || path.join(path.dirname(new URL(import.meta.url).pathname), 'browser', 'node_modules');
const { chromium } = createRequire(path.join(nm, 'x.js'))('playwright-core');
const [page_html, expect_json, screenshot] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expect_json, 'utf8'));
const local = [
  [/\/require(\.min)?\.js(\?.*)?$/, path.join(nm, 'requirejs', 'require.js')],
  [/@jupyter-widgets\/html-manager@[^/]*\/dist\/embed-amd\.js$/, path.join(nm, '@jupyter-widgets', 'html-manager', 'dist', 'embed-amd.js')],
  [/\/anywidget@[^/]*\/dist\/index\.js$/, path.join(nm, 'anywidget', 'dist', 'index.js')],
];
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const served = [], refused = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    const hit = local.find(([re]) => re.test(url));
    if (hit) { served.push(url); return route.fulfill({ path: hit[1], contentType: 'application/javascript' }); }
    refused.push(url); return route.abort();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(page_html));
  const out = page.locator('.rnn-seq-output').first();
  await out.waitFor({ timeout: 60000 });
  console.log('served from local packages:', served.join(', '));
  if (refused.length) console.log('refused (offline):', refused.join(', '));
  const text = async () => (await out.textContent()) ?? '';
  const initial = await text();
  console.log('initial text:', JSON.stringify(initial.slice(0, 80)) + '...');
  check(initial.startsWith(expect.prefix), 'the widget renders and its text starts with the prefix');
  check(initial === expect.initial, 'the text equals the Python reference sampler\'s');
  const w = page.locator('.rnn-seq-generation').first();
  await w.locator('.rnn-seq-temperature').evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, String(expect.cold_temperature));
  const cold = await text();
  check(cold !== initial, 'changing the temperature changes the text');
  check(cold === expect.cold, 'the new text equals the reference sampler\'s at that temperature');
  await w.locator('.rnn-seq-prefix').fill(expect.new_prefix);
  const other = await text();
  check(other.startsWith(expect.new_prefix) && other !== cold, 'changing the prefix changes the text');
  check(other === expect.new_prefix_text, 'the new text equals the reference sampler\'s for that prefix');
  await w.locator('.rnn-seq-prefix').fill(expect.prefix);
  await w.locator('.rnn-seq-temperature').evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, String(expect.temperature));
  await w.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  console.log('screenshot:', screenshot);
  check(errors.length === 0, 'no JavaScript errors on the page' + (errors.length ? ': ' + errors.join(' | ') : ''));
} finally { await browser.close(); }
if (failures.length) { console.log(`${failures.length} browser check(s) failed`); process.exit(1); }
console.log('all browser checks passed');
