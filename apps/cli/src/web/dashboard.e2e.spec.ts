/**
 * The dashboard end to end in real headless Chromium (Debian's chromium,
 * driven by playwright-core), served by `chronokube web` over a real
 * `chronokube server` with three simulated nodes and one Docker node:
 * signing in (token field, one-time link, bad token), a Deployment applied
 * with kubectl showing with its pods, scaling from the page and from
 * kubectl, a Docker pod's log followed live, and a view-only user seeing
 * no write control. Every test saves a screenshot (E2E_SCREENSHOTS, or
 * test-results/dashboard under the repo).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { IptablesBackend, iptablesUnavailable } from '../../../agent/src/proxy/iptables-backend';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { launch, REPO_ROOT, type Launched } from '../testing/launch';
import { startWeb } from './start-web';
import type { WebServer } from './web-server';
import { openWatchedPage, saveShot } from './testing/watched-page';

// The callbacks given to page.evaluate/waitForFunction run in the browser; the Node project has no DOM lib.
interface BrowserElement { textContent: string | null; getAttribute(name: string): string | null }
declare const document: { querySelector(s: string): BrowserElement | null; querySelectorAll(s: string): ArrayLike<BrowserElement> & Iterable<BrowserElement> };
declare const window: { localStorage: { getItem(key: string): string | null } };

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(REPO_ROOT, 'test-results', 'dashboard');
const dockerNode = `web-e2e-${process.pid}`;

const clusterOf = useTestCluster();
let sim: Launched;
let agent: Launched;
let web: WebServer;
let browser: Browser;
let admin: BrowserContext;
const problems: string[] = [];

const openPage = (context: BrowserContext): Promise<Page> => openWatchedPage(context, { problems, expectedConsole: /status of 40[13]/ });
const shot = (page: Page, name: string): Promise<void> => saveShot(page, SHOTS, name);

const tokenOf = (user: 'admin' | 'viewer'): string => /token: (\S+)/.exec(fs.readFileSync(clusterOf().kubeconfigFor(user), 'utf8'))![1];

/** A page that records console errors, page errors and failed API calls, so a broken view fails the suite. */
async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const page = await openPage(context);
  await page.goto(`${web.url}/login/`);
  await page.fill('#token', token);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(`${web.url}/`);
  return page;
}

/** Rows of the current workload table whose key starts with `prefix`. */
function rowsLike(page: Page, prefix: string): Promise<number> {
  return page.$$eval('[data-testid=row]', (rows, p) => rows.filter((r) => (r.getAttribute('data-key') ?? '').startsWith(p)).length, prefix);
}

async function waitForRows(page: Page, prefix: string, count: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    ([p, n]) => [...document.querySelectorAll('[data-testid=row]')].filter((r) => (r.getAttribute('data-key') ?? '').startsWith(p as string)).length === n,
    [prefix, count] as const,
    { timeout },
  );
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {type: chronokube-sim}
      containers:
      - name: web
        image: chronokube/busybox:latest
        command: [sleep, "3600"]
`;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The test set-up brings Chromium and Docker up as root when they are missing, as CI's does.
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/chromium-host.sh')], { stdio: 'inherit' });
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/docker-host.sh')], { stdio: 'inherit' });
  const cluster = clusterOf();
  sim = launch(['sim', '--nodes', '3', '--data', cluster.dir, '--prefix', 'sim-']);
  agent = launch(['agent', '--name', dockerNode, '--data', cluster.dir]);
  await sim.waitForLine(/^chronokube sim: /);
  await agent.waitForLine(/^chronokube agent: node \S+ ready/);
  web = await startWeb({ host: '127.0.0.1', port: 0, kubeconfig: cluster.kubeconfigFor('admin'), log: () => undefined });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  for (const p of [agent, sim]) {
    if (p && p.child.exitCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=chronokube.node=${dockerNode}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
  if (!(await iptablesUnavailable())) await new IptablesBackend(dockerNode, () => undefined).teardown();
}, 60_000);

afterEach(() => {
  // Errors are shown, never swallowed: nothing may have gone wrong in the page unnoticed.
  const seen = problems.splice(0);
  expect(seen).toEqual([]);
});

describe('the dashboard in headless Chromium', () => {
  it('refuses a bad token on the login page and stores nothing', async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context);
      await page.goto(`${web.url}/`);
      // Not signed in: every page sends you to the login page.
      await page.waitForURL(`${web.url}/login/`);
      await page.fill('#token', 'not-a-real-token');
      await page.click('button:has-text("Sign in")');
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Unauthorized');
      expect(page.url()).toBe(`${web.url}/login/`);
      expect(await page.evaluate(() => window.localStorage.getItem('chronokube.token'))).toBeNull();
      await shot(page, 'login-refused');
    } finally {
      await context.close();
    }
  });

  it('signs in with a token: the overview shows every node live', async () => {
    const page = await signIn(admin, tokenOf('admin'));
    await page.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=node-card]').length === n, 4);
    const nodes = await page.$$eval('[data-testid=node-card]', (cards) => cards.map((c) => c.getAttribute('data-node')).sort());
    expect(nodes).toEqual([dockerNode, 'sim-0', 'sim-1', 'sim-2'].sort());
    expect(await page.locator('[data-testid=user-menu]').textContent()).toBe('alice');
    await shot(page, 'overview');
    await page.close();
  });

  it('signs in once with the login link, which then no longer works', async () => {
    const link = web.loginUrl();
    const context = await browser.newContext();
    try {
      const page = await openPage(context);
      await page.goto(link);
      await page.waitForURL(`${web.url}/`);
      await page.locator('[data-testid=node-card]').first().waitFor();
      await shot(page, 'login-link');
      const again = await openPage(await browser.newContext());
      await again.goto(link);
      await again.locator('[data-testid=error-banner]').waitFor();
      expect(await again.locator('[data-testid=error-banner]').textContent()).toMatch(/already used or has expired/);
      await again.context().close();
    } finally {
      await context.close();
    }
  });

  it('shows a Deployment applied with kubectl, with its pods, within 2 s', async () => {
    const deployments = await openPage(admin);
    const pods = await openPage(admin);
    await deployments.goto(`${web.url}/workloads/?tab=deployments`);
    await pods.goto(`${web.url}/workloads/?tab=pods`);
    for (const p of [deployments, pods]) await p.waitForFunction(() => document.querySelector('[data-testid=connection-status]')?.textContent === 'Live');
    await kubectlOk(clusterOf(), ['apply', '-f', '-'], DEPLOYMENT);
    // The contract: on the page within 2 s of kubectl returning.
    await waitForRows(deployments, 'default/web', 1, 2000);
    await waitForRows(pods, 'default/web-', 3, 2000);
    // Then the rollout completes on the simulated nodes and the page says so.
    await deployments.waitForFunction(() => document.querySelector('[data-testid=deployment-ready]')?.textContent === '3/3', null, { timeout: 30_000 });
    await shot(deployments, 'deployment-applied');
    await shot(pods, 'deployment-pods');
    await pods.close();
    await deployments.close();
  });

  it('scales the Deployment from its page through the API, and shows a kubectl scale', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/object/?kind=Deployment&namespace=default&name=web`);
    await page.locator('[data-testid=object-actions][data-access=done]').waitFor({ state: 'attached' });
    await page.click('[data-testid=action-scale]');
    await page.fill('[data-testid=scale-replicas]', '5');
    await page.click('[data-testid=scale-confirm]');
    // The write went through the standard API: kubectl sees it.
    const replicas = async (): Promise<string> => kubectlOk(clusterOf(), ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']);
    for (let i = 0; (await replicas()) !== '5'; i++) {
      if (i > 100) throw new Error(`spec.replicas is ${await replicas()}, not 5, after the page's Scale`);
      await page.waitForTimeout(100);
    }
    const list = await openPage(admin);
    await list.goto(`${web.url}/workloads/?tab=pods`);
    await waitForRows(list, 'default/web-', 5, 30_000);
    await kubectlOk(clusterOf(), ['scale', 'deployment/web', '--replicas=2']);
    await waitForRows(list, 'default/web-', 2, 30_000);
    expect(await rowsLike(list, 'default/web-')).toBe(2);
    await list.goto(`${web.url}/workloads/?tab=deployments`);
    await list.waitForFunction(() => document.querySelector('[data-testid=deployment-ready]')?.textContent === '2/2', null, { timeout: 30_000 });
    await shot(list, 'deployment-scaled');
    await list.close();
    await page.close();
  });

  it("follows a Docker pod's log as the container writes it", async () => {
    await kubectlOk(clusterOf(), ['run', 'ticker', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--overrides', JSON.stringify({ spec: { nodeName: dockerNode } }),
      '--', 'sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done']);
    await kubectlOk(clusterOf(), ['wait', '--for=condition=Ready', 'pod/ticker', '--timeout=90s']);
    const page = await openPage(admin);
    await page.goto(`${web.url}/object/?kind=Pod&namespace=default&name=ticker&tab=logs`);
    const logs = page.locator('[data-testid=pod-logs]');
    await page.waitForFunction(() => /tick \d+/.test(document.querySelector('[data-testid=pod-logs]')?.textContent ?? ''), null, { timeout: 30_000 });
    const last = async (): Promise<number> => Math.max(...[...((await logs.textContent()) ?? '').matchAll(/tick (\d+)/g)].map((m) => Number(m[1])));
    const first = await last();
    // Following: later lines arrive on the open stream without reloading the page.
    await page.waitForFunction((n) => [...(document.querySelector('[data-testid=pod-logs]')?.textContent ?? '').matchAll(/tick (\d+)/g)].some((m) => Number(m[1]) >= n), first + 3, { timeout: 30_000 });
    const text = (await logs.textContent()) ?? '';
    const ticks = [...text.matchAll(/tick (\d+)/g)].map((m) => Number(m[1]));
    expect(ticks).toEqual(ticks.map((_, i) => ticks[0] + i)); // in order, none lost or repeated
    expect(await last()).toBeGreaterThanOrEqual(first + 3);
    await shot(page, 'pod-logs');
    await page.close();
  }, 150_000);

  it('shows a view-only user no write control', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await signIn(context, tokenOf('viewer'));
      await page.goto(`${web.url}/object/?kind=Deployment&namespace=default&name=web`);
      // Every access question is answered (denied), and no control is there.
      await page.locator('[data-testid=object-actions][data-access=done]').waitFor({ state: 'attached' });
      await page.locator('[data-testid=object-yaml]').waitFor();
      expect(await page.locator('[data-testid=action-scale], [data-testid=action-restart], [data-testid=action-delete]').count()).toBe(0);
      expect(await page.locator('[data-testid=user-menu]').textContent()).toBe('victor');
      await shot(page, 'view-only');
      // The same page for the admin has all three, so their absence above means something.
      const adminPage = await openPage(admin);
      await adminPage.goto(`${web.url}/object/?kind=Deployment&namespace=default&name=web`);
      await adminPage.locator('[data-testid=object-actions][data-access=done]').waitFor({ state: 'attached' });
      expect(await adminPage.locator('[data-testid=action-scale], [data-testid=action-restart], [data-testid=action-delete]').count()).toBe(3);
      await adminPage.close();
    } finally {
      await context.close();
    }
  });
});
