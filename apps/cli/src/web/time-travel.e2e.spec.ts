/**
 * Time travel in the dashboard end to end, in real headless Chromium
 * (Debian's chromium driven by playwright-core), served by `chronokube web`
 * over a real `chronokube server` with three simulated nodes: dragging the
 * timeline to before a Deployment existed and seeing it gone, stepping
 * forward until it returns and back with the browser's back button,
 * opening `?at=<rv>` directly (read-only, Live returns), and playing a
 * scale-up at 10x while the pod count rises; an invalid point says so and
 * offers Live. Every test saves a screenshot
 * (E2E_SCREENSHOTS, or test-results/time-travel under the repo).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { launch, REPO_ROOT, type Launched } from '../testing/launch';
import { startWeb } from './start-web';
import type { WebServer } from './web-server';
import { openWatchedPage, saveShot } from './testing/watched-page';

// The callbacks given to page.evaluate/waitForFunction run in the browser; the Node project has no DOM lib.
interface BrowserElement { textContent: string | null; getAttribute(name: string): string | null }
declare const document: { querySelector(s: string): BrowserElement | null; querySelectorAll(s: string): ArrayLike<BrowserElement> & Iterable<BrowserElement> };

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(REPO_ROOT, 'test-results', 'time-travel');

const clusterOf = useTestCluster();
let sim: Launched;
let web: WebServer;
let browser: Browser;
let admin: BrowserContext;
const problems: string[] = [];
/** What `chronokube web` logged (a proxy failure names its cause). */
const webLog: string[] = [];

const openPage = (context: BrowserContext): Promise<Page> => openWatchedPage(context, { problems, webLog });
const shot = (page: Page, name: string): Promise<void> => saveShot(page, SHOTS, name);

const tokenOf = (): string => /token: (\S+)/.exec(fs.readFileSync(clusterOf().kubeconfigFor('admin'), 'utf8'))![1];

/** One version of an object as the history API's /timeline lists it. */
interface Version { resourceVersion: string; time: string; type: string }

async function versionsOf(kind: string, name: string): Promise<Version[]> {
  const raw = await kubectlOk(clusterOf(), ['get', '--raw', `/apis/history.chronokube.io/v1/timeline?kind=${kind}&namespace=default&name=${name}`]);
  return (JSON.parse(raw) as { versions: Version[] }).versions;
}

/** Rows of the workload table whose key starts with `prefix`. */
function rowsLike(page: Page, prefix: string): Promise<number> {
  return page.$$eval('[data-testid=row]', (rows, p) => rows.filter((r) => (r.getAttribute('data-key') ?? '').startsWith(p)).length, prefix);
}

async function waitForRows(page: Page, prefix: string, count: number, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ([p, n]) => [...document.querySelectorAll('[data-testid=row]')].filter((r) => (r.getAttribute('data-key') ?? '').startsWith(p as string)).length === n,
    [prefix, count] as const,
    { timeout },
  );
}

/** The rv the point banner names, or undefined when live. */
async function bannerRv(page: Page): Promise<string | undefined> {
  const text = await page.locator('[data-testid=point-banner]').textContent({ timeout: 500 }).catch(() => null);
  return text ? /rv (\d+)/.exec(text)?.[1] : undefined;
}

async function waitForBannerRv(page: Page, rv: string): Promise<void> {
  await page.waitForFunction((want) => new RegExp(`rv ${want}\\b`).test(document.querySelector('[data-testid=point-banner]')?.textContent ?? ''), rv, { timeout: 15_000 });
}

/** Overview pod chips of the `web` Deployment. */
function webChips(page: Page): Promise<number> {
  return page.$$eval('[data-testid=pod-chip]', (chips) => chips.filter((c) => (c.getAttribute('data-pod') ?? '').startsWith('default/web-')).length);
}

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: chronokube/busybox:latest, command: [sleep, "3600"]}
`;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/chromium-host.sh')], { stdio: 'inherit' });
  const cluster = clusterOf();
  sim = launch(['sim', '--nodes', '3', '--data', cluster.dir, '--prefix', 'sim-']);
  await sim.waitForLine(/^chronokube sim: /);
  web = await startWeb({ host: '127.0.0.1', port: 0, kubeconfig: cluster.kubeconfigFor('admin'), log: (line: string) => webLog.push(line) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openPage(admin);
  await page.goto(`${web.url}/login/`);
  await page.fill('#token', tokenOf());
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(`${web.url}/`);
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (sim && sim.child.exitCode === null) {
    sim.child.kill('SIGTERM');
    await sim.exited;
  }
}, 60_000);

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen).toEqual([]);
});

describe('time travel in headless Chromium', () => {
  it('drags the timeline to before a Deployment existed and sees it gone, steps forward to see it return, and back walks the points', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/workloads/?tab=deployments`);
    await page.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live');
    // A quiet second before the Deployment, so a point just before it is easy to hit.
    await page.waitForTimeout(1500);
    await kubectlOk(clusterOf(), ['apply', '-f', '-'], deployment(2));
    await waitForRows(page, 'default/web', 1);
    await page.waitForFunction(() => document.querySelector('[data-testid=deployment-ready]')?.textContent === '2/2', null, { timeout: 30_000 });
    const created = (await versionsOf('Deployment', 'web'))[0];
    expect(created.type).toBe('DeploymentCreated');
    const bornMs = Date.parse(created.time);

    // The timeline draws the window [data-start-ms, data-end-ms] across the histogram's width; while the
    // pointer is over the bar the window holds still (live, it otherwise slides with now every few seconds).
    const hist = page.locator('[data-testid=timeline-histogram]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=timeline-histogram]')?.getAttribute('data-start-ms')) > 0);
    const box = (await hist.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(300);
    const [startMs, endMs] = await Promise.all([hist.getAttribute('data-start-ms'), hist.getAttribute('data-end-ms')]).then((v) => v.map(Number));
    const xAt = (ms: number) => box.x + ((ms - startMs) / (endMs - startMs)) * box.width;
    expect(xAt(bornMs - 700)).toBeGreaterThan(box.x);
    const y = box.y + box.height / 2;
    await page.mouse.move(xAt(bornMs - 3000), y);
    await page.mouse.down();
    await page.mouse.move(xAt(bornMs - 2000), y, { steps: 5 });
    // While dragging, the time under the cursor is shown.
    expect(await page.locator('[data-testid=timeline-where]').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    await page.mouse.move(xAt(bornMs - 700), y, { steps: 5 });
    await page.mouse.up();
    await page.locator('[data-testid=point-banner]').waitFor();
    await waitForRows(page, 'default/web', 0);
    expect(page.url()).toMatch(/[?&]at=/);
    expect(await page.locator('[data-testid=point-banner]').textContent()).toMatch(/Viewing \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, rv \d+/);
    const before = (await bannerRv(page))!;
    expect(BigInt(before)).toBeLessThan(BigInt(created.resourceVersion));
    await shot(page, 'before-deployment');

    // Step forward one event at a time until it is back: at exactly its creation.
    const visited: string[] = [before];
    for (let i = 0; i < 40 && (await rowsLike(page, 'default/web')) === 0; i++) {
      const rv = (await bannerRv(page))!;
      await page.click('[data-testid=step-forward]');
      await page.waitForFunction((was) => !new RegExp(`rv ${was}\\b`).test(document.querySelector('[data-testid=point-banner]')?.textContent ?? ''), rv);
      visited.push((await bannerRv(page))!);
    }
    expect(await rowsLike(page, 'default/web')).toBe(1);
    expect(visited[visited.length - 1]).toBe(created.resourceVersion);
    await shot(page, 'deployment-returns');

    // The browser's back button walks the points visited, one committed point at a time.
    await page.goBack();
    await waitForBannerRv(page, visited[visited.length - 2]);
    await waitForRows(page, 'default/web', 0);
    // Navigating keeps the point.
    await page.click('[data-testid=nav-overview]');
    await page.waitForURL(/\/\?at=/);
    expect(await bannerRv(page)).toBe(visited[visited.length - 2]);
    await page.close();
  }, 120_000);

  it('opens ?at=<rv> directly and shows that moment, read-only, with Live to return', async () => {
    await kubectlOk(clusterOf(), ['scale', 'deployment/web', '--replicas=4']);
    const live = await openPage(admin);
    await live.goto(`${web.url}/workloads/?tab=pods`);
    await waitForRows(live, 'default/web-', 4, 30_000);
    await live.close();
    const scaled = (await versionsOf('Deployment', 'web')).find((v) => v.type === 'DeploymentScaled')!;
    const rv = String(BigInt(scaled.resourceVersion) - 1n);

    const page = await openPage(admin);
    await page.goto(`${web.url}/workloads/?tab=pods&at=${rv}`);
    await waitForBannerRv(page, rv);
    await waitForRows(page, 'default/web-', 2);
    expect(await page.locator('[data-testid=connection-status]').textContent()).not.toBe('Live');
    await shot(page, 'at-rv-pods');

    // The object page at that point: the Deployment had 2 replicas, and no write control is offered.
    await page.goto(`${web.url}/object/?kind=Deployment&namespace=default&name=web&at=${rv}`);
    await waitForBannerRv(page, rv);
    await page.locator('[data-testid=object-actions][data-readonly=true]').waitFor();
    expect(await page.locator('[data-testid=action-scale], [data-testid=action-restart], [data-testid=action-delete]').count()).toBe(0);
    await page.waitForFunction(() => /replicas: 2/.test(document.querySelector('[data-testid=object-yaml]')?.textContent ?? ''));
    await shot(page, 'at-rv-object-read-only');

    await page.click('[data-testid=go-live]');
    await page.locator('[data-testid=point-banner]').waitFor({ state: 'detached' });
    expect(page.url()).not.toMatch(/[?&]at=/);
    await page.locator('[data-testid=object-actions][data-access=done]:not([data-readonly])').waitFor({ state: 'attached' });
    await page.locator('[data-testid=action-scale]').waitFor();
    await page.close();
  }, 120_000);

  it('plays a scale-up at 10x and the pod count rises', async () => {
    const before = (await versionsOf('Deployment', 'web')).filter((v) => v.type === 'DeploymentScaled');
    await kubectlOk(clusterOf(), ['scale', 'deployment/web', '--replicas=7']);
    const scaleUp = (await versionsOf('Deployment', 'web')).filter((v) => v.type === 'DeploymentScaled')[before.length];
    const rv = String(BigInt(scaleUp.resourceVersion) - 1n);
    const live = await openPage(admin);
    await live.goto(`${web.url}/workloads/?tab=pods`);
    await waitForRows(live, 'default/web-', 7, 30_000);
    await live.close();

    const page = await openPage(admin);
    await page.goto(`${web.url}/?at=${rv}`);
    await waitForBannerRv(page, rv);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=pod-chip]')].filter((c) => (c.getAttribute('data-pod') ?? '').startsWith('default/web-')).length === 4);
    await page.selectOption('[data-testid=play-speed]', '10');
    // At 10x the whole scale-up (a second or two) plays in a fraction of a second: sample from before the click.
    const counts = new Set<number>([await webChips(page)]);
    await page.click('[data-testid=play]');
    for (let i = 0; i < 200 && !counts.has(7); i++) {
      counts.add(await webChips(page));
      await page.waitForTimeout(50);
    }
    expect(counts.has(7)).toBe(true);
    expect(Math.min(...counts)).toBe(4);
    await shot(page, 'played-scale-up');
    // Pause (or the end of the log) commits the point reached.
    if ((await page.locator('[data-testid=play]').getAttribute('data-playing')) === 'true') await page.click('[data-testid=play]');
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('data-playing') === 'false');
    const reached = (await bannerRv(page))!;
    expect(BigInt(reached)).toBeGreaterThan(BigInt(rv));
    await page.waitForURL(new RegExp(`[?&]at=${reached}\\b`));
    await page.close();
  }, 120_000);

  it('shows every object on the resource timeline, a mark opening the object at that version', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/timeline/`);
    await page.locator('[data-testid=resource-timeline]').waitFor();
    await page.locator('[data-testid=rt-row][data-key="Deployment/default/web"]').waitFor();
    expect(await page.locator('[data-testid=rt-group]').count()).toBeGreaterThan(1);
    await page.fill('[data-testid=rt-label]', 'app=web');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=rt-row]')].every((r) => /\/web/.test(r.getAttribute('data-key') ?? '')));
    await shot(page, 'resource-timeline');
    const mark = page.locator('[data-testid=rt-row][data-key="Deployment/default/web"] [data-testid=rt-mark][data-cls=scaled]').first();
    const rv = (await mark.getAttribute('data-rv'))!;
    await mark.click();
    await page.waitForURL(new RegExp(`/object/\\?.*at=${rv}`));
    await waitForBannerRv(page, rv);
    // The whole UI is at that version: the Deployment's YAML then says 4 replicas.
    await page.goto(`${web.url}/object/?kind=Deployment&namespace=default&name=web&tab=yaml&at=${rv}`);
    await page.waitForFunction(() => /replicas: 4/.test(document.querySelector('[data-testid=object-yaml]')?.textContent ?? ''));
    await page.close();
  }, 60_000);

  it('an invalid ?at= says which forms a point takes, the header does not claim to reconnect, and Live returns', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/workloads/?at=not-a-point`);
    await page.waitForFunction(() => /invalid point "not-a-point"/.test(document.querySelector('[data-testid=error-banner]')?.textContent ?? ''));
    expect(await page.locator('[data-testid=error-banner]').textContent()).toMatch(/expected a resourceVersion \(decimal\), an RFC 3339 time or "now"/);
    expect(await page.locator('[data-testid=connection-status]').textContent()).toBe('Point not shown');
    expect(await page.locator('[data-testid=timeline-where]').textContent()).toBe('no point shown');
    await shot(page, 'invalid-point');
    await page.click('[data-testid=error-go-live]');
    await page.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live');
    expect(page.url()).not.toMatch(/[?&]at=/);
    expect(await page.locator('[data-testid=error-banner]').count()).toBe(0);
    await page.close();
    // The 400 itself is what this test asked for; Chromium logs every failed load as a console error.
    const unexpected = problems.splice(0).filter((p) => !/status of 400/.test(p));
    problems.push(...unexpected);
  }, 60_000);
});
