import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
const base = 'http://127.0.0.1:13000', token = process.argv[2];
const kc = (...a) => execFileSync('/usr/bin/kubectl', a, { env: { ...process.env, KUBECONFIG: '/tmp/webui-cluster/kubeconfig' } }).toString();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${base}/login/`);
await page.fill('#token', token);
await page.click('text=Sign in');
await page.waitForURL(`${base}/`);
const t0 = Date.now();
await page.waitForSelector('[data-testid=node-card]');
console.log('overview first node card after', Date.now() - t0, 'ms');
await page.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live');
kc('-n', 'shop', 'scale', 'deployment', 'frontend', '--replicas=' + (process.argv[3] ?? '3000'));
for (let i = 0; i < 8; i++) {
  await page.waitForTimeout(5000);
  const ui = await page.textContent('[data-testid=count-pods-Running]');
  const real = kc('get', 'pods', '-A', '--field-selector=status.phase=Running', '--no-headers').split('\n').filter(Boolean).length;
  console.log('running: ui', ui, 'kubectl', real, 'long tasks', JSON.stringify(await page.evaluate(() => window.__long.splice(0))));
}
await page.click('[data-testid=nav-workloads]');
await page.goto(`${base}/workloads/?tab=pods`);
await page.waitForSelector('[data-testid=row]');
console.log('rows in DOM', await page.locator('[data-testid=row]').count(), 'footer', await page.textContent('.footer'));
await page.evaluate(() => window.__long.splice(0));
for (let i = 0; i < 20; i++) { await page.mouse.move(700, 500); await page.mouse.wheel(0, 3000); await page.waitForTimeout(50); }
console.log('long tasks while scrolling', JSON.stringify(await page.evaluate(() => window.__long.splice(0))));
await page.fill('[data-testid=filter-text]', 'rack-7');
await page.waitForTimeout(500);
console.log('after search rack-7', await page.textContent('.footer'), JSON.stringify(await page.evaluate(() => window.__long.splice(0))));
await page.screenshot({ path: '/tmp/webui-shots/pods-many-dark.png' });
await page.goto(`${base}/`);
await page.waitForSelector('[data-testid=node-card]');
await page.waitForTimeout(1000);
await page.screenshot({ path: '/tmp/webui-shots/overview-many-dark.png' });
await browser.close();
