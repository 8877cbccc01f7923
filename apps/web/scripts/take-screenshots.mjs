// Screenshots of the dashboard in headless Chromium (playwright-core + Debian's chromium):
//   node apps/web/scripts/take-screenshots.mjs URL TOKEN OUTDIR [dark|light]
// (AT=<rv> adds the overview at that past point; SHOTS=a,b picks which.)
// Signs in through the login page's Token field, then visits each view and
// prints every console error and failed request it saw, so a broken page shows.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, token, out = 'docs/screenshots', scheme = 'dark'] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: take-screenshots.mjs URL TOKEN [OUTDIR] [dark|light]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
page.on('requestfailed', (r) => console.log('request failed:', r.url(), r.failure()?.errorText));
page.on('response', (r) => r.status() >= 400 && console.log('HTTP', r.status(), r.url()));

await page.goto(`${base}/login/`);
await page.fill('#token', token);
await page.click('text=Sign in');
await page.waitForURL(`${base}/`);
await page.waitForSelector('[data-testid=node-card]', { timeout: 15000 });
await page.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live', null, { timeout: 15000 });

const shots = (process.env.SHOTS ?? 'overview,workloads,pods,object,logs,graph,map,history-moment,resource-timeline').split(',');
async function shot(name, url, waitFor) {
  if (!shots.includes(name)) return;
  await page.goto(`${base}${url}`);
  await page.waitForSelector(waitFor, { timeout: 15000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, `${name}-${scheme}.png`) });
  console.log('saved', join(out, `${name}-${scheme}.png`));
}
await shot('overview', '/', '[data-testid=node-card]');
await shot('workloads', '/workloads/?tab=deployments', '[data-testid=row]');
await shot('pods', '/workloads/?tab=pods', '[data-testid=row]');
const obj = process.env.OBJECT ?? 'kind=Deployment&namespace=default&name=web';
await shot('object', `/object/?${obj}&tab=yaml`, '[data-testid=object-yaml] .cm-content');
await shot('graph', `/object/?${obj}&tab=graph`, '[data-testid=map-node]');
if (process.env.POD) await shot('logs', `/object/?kind=Pod&${process.env.POD}&tab=logs`, '[data-testid=pod-logs]');
await shot('map', '/map/', '[data-testid=map-node]');
// Time travel: the overview at a past point (AT=<rv|RFC 3339>), and the resource timeline.
if (process.env.AT) await shot('history-moment', `/?at=${encodeURIComponent(process.env.AT)}`, '[data-testid=point-banner]');
await shot('resource-timeline', '/timeline/', '[data-testid=rt-row]');
// A point that cannot be shown (the header and the error banner say so, with Live), and the empty cluster at rv 1.
await shot('invalid-point', '/?at=not-a-point', '[data-testid=error-go-live]');
await shot('empty-past', '/?at=1', '[data-testid=point-banner]');
await browser.close();
