/**
 * Headless Chromium (Debian's, driven by playwright-core) with the probe of
 * page-probe.js in every page: the first complete render of the overview,
 * and a page kept open on it while the bench writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from '../eventstore/cleanup';

const PROBE = readFileSync(join(__dirname, 'page-probe.js'), 'utf8');
const VIEWPORT = { width: 1440, height: 900 };
const RENDER_TIMEOUT_MS = 60_000;

export interface FirstRender {
  /** Navigation start to the frame showing every node card and pod chip. */
  ms: number;
  /** Navigation start to the end of the /state response (the store's initial load). */
  stateMs: number;
  stateBytes: number;
  domContentLoadedMs: number;
  /** Running pod chips inside node cards when complete (must be all pods). */
  runningChips: number;
  longestTaskMs: number;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  onCleanup(() => browser.close());
  return browser;
}

/** A fresh context (no cache, no storage) whose pages carry the probe, signed in with `token`. */
async function probedContext(browser: Browser, token: string, nodes: number, pods: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  await context.addInitScript({ content: `window.__BENCH_CONFIG = ${JSON.stringify({ token, nodes, pods })};\n${PROBE}` });
  return context;
}

/** Watches the console and failed requests so a broken page says why. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  const add = (s: string) => errors.length < 5 && errors.push(s);
  page.on('pageerror', (e) => add(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && add(`console error: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && add(`HTTP ${r.status()} ${r.url()}`));
  return errors;
}

/**
 * Opens the overview in a fresh context (as a new browser session would)
 * and resolves when it shows `nodes` node cards and `pods` pod chips.
 */
export async function measureFirstRender(browser: Browser, base: string, token: string, nodes: number, pods: number): Promise<FirstRender> {
  const context = await probedContext(browser, token, nodes, pods);
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    try {
      await page.waitForFunction('window.__bench && window.__bench.completeAt !== undefined', null, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
    } catch (err) {
      const counts = await page.evaluate('[document.getElementsByClassName("node-card").length, document.getElementsByClassName("chip").length]').catch(() => '?');
      throw new Error(`the overview did not show ${nodes} nodes and ${pods} pods within ${RENDER_TIMEOUT_MS} ms (cards, chips: ${counts}); ${errors.join('; ') || (err as Error).message}`);
    }
    const r = (await page.evaluate('window.__bench.firstRender()')) as {
      completeAt: number; runningChips: number; domContentLoaded?: number; stateEnd?: number; stateBytes?: number; longestTask: number;
    };
    return {
      ms: r.completeAt,
      stateMs: r.stateEnd ?? NaN,
      stateBytes: r.stateBytes ?? NaN,
      domContentLoadedMs: r.domContentLoaded ?? NaN,
      runningChips: r.runningChips,
      longestTaskMs: r.longestTask,
    };
  } finally {
    await context.close();
  }
}

/** The login page's shell: navigation start to the frame showing its token field (the static bundle alone, no cluster data). */
export async function measureShell(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/login/`, { waitUntil: 'commit' });
    return (await page.evaluate(`new Promise((resolve) => {
      const tick = () => (document.getElementById('token') ? resolve(performance.now()) : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    })`)) as number;
  } finally {
    await context.close();
  }
}

/** What the page's store saw over a measured window (see page-probe.js endWindow). */
export interface WindowResult {
  start: { resourceVersion: string; eventsApplied: number };
  end: { resourceVersion: string; eventsApplied: number; connection: string };
  /** [epoch ms, resourceVersion] of each store update. */
  updates: [number, string][];
  /** Connection states the store went through (a fellBehind or a reconnect shows here). */
  connections: string[];
  /** Durations of the long tasks that started inside the window. */
  longTasks: number[];
  pods: number;
  /** [pod name, label value] of every pod carrying the label. */
  labels: [string, string][];
}

/** A page left open on the overview, Live, for the sustained load. */
export class OverviewPage {
  private constructor(private readonly context: BrowserContext, readonly page: Page, readonly errors: string[]) {}

  static async open(browser: Browser, base: string, token: string, nodes: number, pods: number): Promise<OverviewPage> {
    const context = await probedContext(browser, token, nodes, pods);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    await page.waitForFunction('window.__bench && window.__bench.completeAt !== undefined', null, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
    await page.waitForFunction(`document.querySelector('[data-testid=connection-status]')?.textContent === 'Live'`, null, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
    return new OverviewPage(context, page, errors);
  }

  async longTaskSupported(): Promise<boolean> {
    return (await this.page.evaluate('window.__bench.longTaskSupported')) as boolean;
  }

  startWindow(): Promise<{ resourceVersion: string; eventsApplied: number }> {
    return this.page.evaluate('window.__bench.startWindow()') as Promise<{ resourceVersion: string; eventsApplied: number }>;
  }

  position(): Promise<{ resourceVersion: string; eventsApplied: number; connection: string }> {
    return this.page.evaluate('window.__bench.position()') as Promise<{ resourceVersion: string; eventsApplied: number; connection: string }>;
  }

  endWindow(label: string): Promise<WindowResult> {
    return this.page.evaluate(`window.__bench.endWindow(${JSON.stringify(label)})`) as Promise<WindowResult>;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
