/**
 * The dashboard's history panels end to end in real headless Chromium,
 * served by `chronokube web` over a real `chronokube server` with three
 * simulated nodes: compare two points and see a Deployment's replicas
 * change, a pod's history with its binding, why a pod is as it is (the
 * kubectl request at the root, the scheduler's decision on the way), a
 * view-only user finding their denied delete in the audit browser and
 * exporting it as CSV, and an incident marked, annotated, exported,
 * imported back and opened for replay. Every test saves a screenshot
 * (E2E_SCREENSHOTS, or test-results/history-panels under the repo).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { launch, REPO_ROOT, type Launched } from '../testing/launch';
import { startWeb } from './start-web';
import type { WebServer } from './web-server';
import { openWatchedPage, saveShot } from './testing/watched-page';

// The callbacks given to page.waitForFunction run in the browser; the Node project has no DOM lib.
interface BrowserElement { textContent: string | null; getAttribute(name: string): string | null; querySelector(s: string): BrowserElement | null }
declare const document: { querySelector(s: string): BrowserElement | null; querySelectorAll(s: string): ArrayLike<BrowserElement> & Iterable<BrowserElement> };

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(REPO_ROOT, 'test-results', 'history-panels');
const H = '/apis/history.chronokube.io/v1';

const clusterOf = useTestCluster();
let sim: Launched;
let web: WebServer;
let browser: Browser;
let admin: BrowserContext;
const problems: string[] = [];
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-panels-'));
/** Points of the story: the Deployment at 2 replicas, then at 4. */
const points = { before: '', after: '' };
let pod = '';

const openPage = (context: BrowserContext): Promise<Page> => openWatchedPage(context, { problems, expectedConsole: /status of 40[13]/ });
const shot = (page: Page, name: string): Promise<void> => saveShot(page, SHOTS, name);

const tokenOf = (user: 'admin' | 'viewer'): string => /token: (\S+)/.exec(fs.readFileSync(clusterOf().kubeconfigFor(user), 'utf8'))![1];

/** A page that records console errors and page errors, so a broken view fails the suite. */
async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const page = await openPage(context);
  await page.goto(`${web.url}/login/`);
  await page.fill('#token', token);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(`${web.url}/`);
  return page;
}

/** The history API's "now": the position the server has applied. */
async function now(): Promise<string> {
  const r = await clusterOf().request('GET', `${H}/state?at=now&kinds=Deployment`);
  expect(r.status).toBe(200);
  return r.json.at.resourceVersion as string;
}

async function untilReady(replicas: number): Promise<void> {
  const ready = async (): Promise<string> => kubectlOk(clusterOf(), ['get', 'deployment', 'web', '-o', 'jsonpath={.status.readyReplicas}/{.status.updatedReplicas}']);
  for (let i = 0; (await ready()) !== `${replicas}/${replicas}`; i++) {
    if (i > 300) throw new Error(`deployment web is ${await ready()}, not ${replicas}/${replicas}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {type: chronokube-sim}
      containers:
      - name: web
        image: chronokube/busybox:latest
        command: [sleep, "3600"]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/chromium-host.sh')], { stdio: 'inherit' });
  const cluster = clusterOf();
  sim = launch(['sim', '--nodes', '3', '--data', cluster.dir, '--prefix', 'sim-']);
  await sim.waitForLine(/^chronokube sim: /);
  web = await startWeb({ host: '127.0.0.1', port: 0, kubeconfig: cluster.kubeconfigFor('admin'), log: () => undefined });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  // The story every test reads: a Deployment of 2 rolled out, then scaled to 4 by kubectl.
  await kubectlOk(cluster, ['apply', '-f', '-'], DEPLOYMENT);
  await untilReady(2);
  points.before = await now();
  await kubectlOk(cluster, ['scale', 'deployment/web', '--replicas=4']);
  await untilReady(4);
  points.after = await now();
  pod = (await kubectlOk(cluster, ['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
  await signIn(admin, tokenOf('admin')).then((p) => p.close());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (sim && sim.child.exitCode === null) {
    sim.child.kill('SIGTERM');
    await sim.exited;
  }
  fs.rmSync(downloads, { recursive: true, force: true });
}, 60_000);

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen).toEqual([]);
});

describe('the history panels in headless Chromium', () => {
  it('compares two points typed in and shows the replicas field change, with both versions side by side', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/compare/`);
    await page.fill('[data-testid=compare-from]', points.before);
    await page.fill('[data-testid=compare-to]', points.after);
    await page.click('[data-testid=compare-go]');
    await page.waitForURL(/\/compare\/\?from=\d+&to=\d+/);
    const row = page.locator('[data-testid=compare-view] [data-testid=diff-row][data-key="Deployment/default/web"]');
    await row.waitFor();
    expect(await row.getAttribute('data-change')).toBe('changed');
    const replicas = row.locator('[data-testid=field-change][data-path="spec.replicas"]');
    expect((await replicas.textContent())?.replace(/\s+/g, ' ')).toBe('spec.replicas2→4');
    // The two new pods are listed as added.
    expect(await page.locator('[data-testid=diff-row][data-change=added][data-key^="Pod/default/web-"]').count()).toBe(2);
    await row.locator('button[aria-expanded]').first().click();
    await row.locator('[data-testid=side-by-side] .cm-mergeView').waitFor();
    expect(await row.locator('[data-testid=side-by-side]').textContent()).toContain('replicas: 4');
    await shot(page, 'compare');
    // A link "before and after this action" gives the same change.
    const events = await clusterOf().request('GET', `${H}/events?type=DeploymentScaled&name=web&order=desc&limit=1`);
    await page.goto(`${web.url}/compare/?correlationId=${events.json.items[0].correlationId}`);
    await page.locator('[data-testid=diff-row][data-key="Deployment/default/web"] [data-testid=field-change][data-path="spec.replicas"]').waitFor();
    await page.close();
  });

  it("shows a pod's history with its binding: PodBound, nodeName set, the scheduler's decision, and a jump to that version", async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/object/?kind=Pod&namespace=default&name=${pod}&tab=history`);
    const bound = page.locator('[data-testid=object-history] [data-testid=history-version][data-event-type=PodBound]');
    await bound.waitFor();
    const rv = await bound.getAttribute('data-rv');
    expect(rv).toMatch(/^\d+$/);
    const nodeName = bound.locator('[data-testid=field-change][data-path="spec.nodeName"]');
    expect(await nodeName.textContent()).toMatch(/^spec\.nodeName—→sim-[0-2]$/);
    expect(await bound.textContent()).toMatch(/Scheduler: 3 feasible nodes of 3 evaluated · chose sim-[0-2]/);
    const types = await page.$$eval('[data-testid=history-version]', (els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(types[types.length - 1]).toBe('PodCreated');
    expect(types).toContain('PodBound');
    await shot(page, 'object-history');
    await bound.locator('[data-testid=version-jump]').click();
    await page.waitForURL((u) => u.searchParams.get('at') === rv && u.searchParams.get('name') === pod);
    await page.close();
  });

  it('explains a pod: the kubectl request at the root of its cause chain, every node a link', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/object/?kind=Pod&namespace=default&name=${pod}`);
    await page.click('[data-testid=object-why]');
    await page.waitForURL(/\/why\/\?kind=Pod/);
    const tree = page.locator('[data-testid=why-tree]');
    await tree.locator('[data-testid=why-node]').first().waitFor();
    expect(await page.locator('[data-testid=why-root-kind]').textContent()).toBe('user request');
    expect(await page.locator('[data-testid=why-root]').textContent()).toMatch(/^alice asked to (create|patch|update) Deployment default\/web with kubectl$/);
    const root = tree.locator('[data-testid=why-node][aria-level="1"]');
    expect(await root.getAttribute('data-actor')).toBe('alice');
    expect(await root.getAttribute('data-event-type')).toMatch(/^Deployment(Created|Scaled)$/);
    // The pods that request made sit below it, with their bindings and the scheduler's scores.
    expect(await tree.locator('[data-testid=why-node][data-event-type=PodCreated]').count()).toBeGreaterThanOrEqual(1);
    expect(await tree.locator('[data-testid=why-decision]').first().textContent()).toMatch(/feasible node.*chose sim-[0-2] \(score \d+/);
    await shot(page, 'why-tree');
    await root.locator('a.why-obj').click();
    await page.waitForURL((u) => u.pathname === '/object/' && u.searchParams.get('kind') === 'Deployment' && /^\d+$/.test(u.searchParams.get('at') ?? ''));
    await page.close();
  });

  it('shows a view-only user their denied delete in the audit browser, and exports it as CSV', async () => {
    const refused = await clusterOf().kubectl(['delete', 'pod', pod], { user: 'viewer' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Forbidden');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    try {
      const page = await signIn(context, tokenOf('viewer'));
      await page.goto(`${web.url}/audit/`);
      await page.locator('[data-testid=audit-table] [data-testid=audit-row]').first().waitFor();
      await page.selectOption('[data-testid=audit-result]', 'denied');
      await page.selectOption('[data-testid=audit-verb]', 'delete');
      await page.waitForURL((u) => u.searchParams.get('result') === 'denied' && u.searchParams.get('verb') === 'delete');
      const row = page.locator('[data-testid=audit-row][data-result=denied][data-verb=delete][data-user=victor]');
      // Once the filtered answer is in, every row shown is a denied delete.
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid=audit-row]')];
        return !document.querySelector('[data-testid=audit-table][aria-busy=true]') && rows.length > 0 && rows.every((r) => r.getAttribute('data-result') === 'denied' && r.getAttribute('data-verb') === 'delete');
      });
      await row.first().waitFor();
      expect(await row.first().textContent()).toContain(pod);
      await row.first().click();
      expect(await page.locator('[data-testid=audit-detail]').textContent()).toContain('403 denied');
      await shot(page, 'audit');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=audit-export-csv]')]);
      expect(download.suggestedFilename()).toMatch(/^audit-delete-denied-.*\.csv$/);
      const file = path.join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      const lines = fs.readFileSync(file, 'utf8').split('\r\n');
      expect(lines[0]).toMatch(/^time,user,groups,verb,resource,/);
      expect(lines.some((l) => l.includes(',victor,') && l.includes(',delete,pods,') && l.includes(`,${pod},403,denied,`))).toBe(true);
      // The view role reads incidents but gets no control that writes them.
      await page.goto(`${web.url}/incidents/`);
      await page.locator('[data-testid=incident-import]').waitFor();
      expect(await page.locator('[data-testid=incident-start]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('marks an incident, annotates, stops and exports it, imports the bundle back and opens its replay', async () => {
    const page = await openPage(admin);
    await page.goto(`${web.url}/incidents/`);
    await page.fill('[data-testid=incident-name]', 'web scale-down');
    await page.fill('[data-testid=incident-notes]', 'checking the scale-down');
    await page.click('[data-testid=incident-start]');
    const row = page.locator('[data-testid=incident-list] [data-testid=incident-row][data-name="web scale-down"]');
    await page.locator('[data-testid=incident-row][data-name="web scale-down"][data-state=open]').waitFor();
    await kubectlOk(clusterOf(), ['scale', 'deployment/web', '--replicas=3']);
    await untilReady(3);
    await row.locator('[data-testid=incident-annotate]').click();
    await row.locator('[data-testid=incident-edit-tags]').fill('e2e, scale');
    await row.locator('[data-testid=incident-save]').click();
    await row.locator('.tag.mono:has-text("scale")').waitFor();
    await row.locator('[data-testid=incident-stop]').click();
    await page.locator('[data-testid=incident-row][data-name="web scale-down"][data-state=closed]').waitFor();
    const id = (await row.getAttribute('data-id'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid=incident-export]').click()]);
    expect(download.suggestedFilename()).toBe('incident-web-scale-down.chronokube.json');
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle).toMatchObject({ format: 'chronokube.incident', incident: { id, name: 'web scale-down', tags: ['e2e', 'scale'] } });
    expect(bundle.events.some((e: { type: string }) => e.type === 'DeploymentScaled')).toBe(true);
    // Back in through the browser: verified by the server, which holds this incident, so it replays here.
    await page.setInputFiles('[data-testid=incident-import]', file);
    const summary = page.locator('[data-testid=incident-import-summary][data-local=true]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`rv ${bundle.from.resourceVersion}`);
    expect(await page.locator('[data-testid=incident-import-command]').textContent()).toContain('chronokube server --replay incident-web-scale-down.chronokube.json');
    await shot(page, 'incidents');
    // A damaged file is refused with the server's reason.
    const damaged = path.join(downloads, 'damaged.json');
    fs.writeFileSync(damaged, JSON.stringify({ ...bundle, events: bundle.events.slice(1) }));
    await page.setInputFiles('[data-testid=incident-import]', damaged);
    await page.locator('[data-testid=incident-import-error]:has-text("checksum mismatch")').waitFor();
    // That refusal was asked for: Chromium logs the 400 as a failed resource, which is no fault of the page.
    problems.splice(0, problems.length, ...problems.filter((p) => !/status of 400/.test(p)));
    await page.setInputFiles('[data-testid=incident-import]', file);
    await summary.locator('[data-testid=incident-import-replay]').click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('at') === bundle.from.resourceVersion && u.searchParams.get('incident') === id);
    await page.close();
  });
});
