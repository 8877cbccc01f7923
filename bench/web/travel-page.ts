/**
 * The browser side of the time-travel bench: a signed-in page with a probe
 * (addInitScript) that records the moment of every pointer release and key
 * press, the long tasks, and, once armed, the first animation frame in which
 * the point banner names a new resourceVersion and is no longer loading.
 *
 * "Rendered" here: the store applied the point (the banner's rv comes from
 * the store's source, which TravelFeed sets in the same update as the
 * objects, so every view reading the store re-renders in that React commit)
 * and a requestAnimationFrame callback ran after that commit: the frame
 * that paints it. On the overview, its node cards must also say (data-rv)
 * they were drawn from that rv.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

const VIEWPORT = { width: 1440, height: 900 };
/** A click or key that shows no new point within this counts as timed out. */
const WAIT_MS = 10_000;

/** The probe, run in every document before the app. */
function probe(token: string): string {
  return `(() => {
  try { localStorage.setItem('chronokube.token', ${JSON.stringify(token)}); } catch (e) {}
  const b = window.__travel = { longTasks: [], up: NaN, key: NaN, longTaskSupported: false };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    b.longTaskSupported = true;
  } catch (e) {}
  window.addEventListener('pointerup', () => { b.up = performance.now(); }, true);
  window.addEventListener('keydown', () => { b.key = performance.now(); }, true);
  const bannerText = () => (document.querySelector('[data-testid=point-banner]') || {}).textContent || '';
  b.bannerRv = () => { const m = /rv (\\d+)/.exec(bannerText()); return m ? m[1] : undefined; };
  // The overview says which rv its cards were drawn from (it may draw later than the banner under a stream).
  b.viewShows = (rv) => { const v = document.querySelector('[data-testid=overview]'); return !v || v.getAttribute('data-rv') === rv; };
  // Armed before an action: resolves with the first frame showing another rv than 'prev' (loaded).
  b.arm = (prev) => {
    b.up = NaN; b.key = NaN;
    const t0 = performance.now();
    b.pending = new Promise((resolve) => {
      const tick = () => {
        const rv = b.bannerRv();
        if (rv !== undefined && rv !== prev && !/loading…/.test(bannerText()) && b.viewShows(rv)) return resolve({ rv, frameAt: performance.now(), up: b.up, key: b.key });
        if (performance.now() - t0 > ${WAIT_MS}) return resolve({ rv, frameAt: NaN, up: b.up, key: b.key, timeout: true });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return true;
  };
  b.result = () => b.pending;
  // The next frame after the next key press (the floor under any key-driven render).
  b.armFrame = () => {
    b.key = NaN;
    b.pending = new Promise((resolve) => {
      const tick = () => (Number.isNaN(b.key) ? requestAnimationFrame(tick) : resolve({ frameAt: performance.now(), key: b.key }));
      requestAnimationFrame(tick);
    });
    return true;
  };
  b.tasksSince = (t) => b.longTasks.filter(([s]) => s >= t).map(([, d]) => d);
})();`;
}

export interface Change {
  rv?: string;
  /** Action (release or key press) to the frame showing it, ms; NaN on timeout. */
  ms: number;
}

interface Armed {
  rv?: string;
  frameAt: number;
  up: number;
  key: number;
  timeout?: boolean;
}

/** A signed-in page on `chronokube web`, driven by the bench. */
export class TravelPage {
  private constructor(private readonly context: BrowserContext, readonly page: Page, readonly base: string, readonly errors: string[]) {}

  static async open(browser: Browser, base: string, token: string): Promise<TravelPage> {
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
    await context.addInitScript({ content: probe(token) });
    const page = await context.newPage();
    const errors: string[] = [];
    const add = (s: string) => errors.length < 5 && errors.push(s);
    page.on('pageerror', (e) => add(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 500 && add(`HTTP ${r.status()} ${r.url()}`));
    return new TravelPage(context, page, base, errors);
  }

  /** Navigates to `path` at rv `at` and waits until that point is shown (ms from navigation start to that frame). */
  async openAt(path: string, at: string): Promise<number> {
    const sep = path.includes('?') ? '&' : '?';
    await this.page.goto(`${this.base}${path}${sep}at=${at}`, { waitUntil: 'commit' });
    await this.page.waitForFunction(`window.__travel && window.__travel.bannerRv() === ${JSON.stringify(at)} && window.__travel.viewShows(${JSON.stringify(at)}) && !/loading…/.test(document.querySelector('[data-testid=point-banner]').textContent)`, null, { timeout: 120_000, polling: 'raf' });
    return (await this.page.evaluate('performance.now()')) as number;
  }

  bannerRv(): Promise<string | undefined> {
    return this.page.evaluate('window.__travel.bannerRv()') as Promise<string | undefined>;
  }

  now(): Promise<number> {
    return this.page.evaluate('performance.now()') as Promise<number>;
  }

  /** Long tasks (durations, ms) that started at or after page time `t`. */
  tasksSince(t: number): Promise<number[]> {
    return this.page.evaluate(`window.__travel.tasksSince(${t})`) as Promise<number[]>;
  }

  longTaskSupported(): Promise<boolean> {
    return this.page.evaluate('window.__travel.longTaskSupported') as Promise<boolean>;
  }

  /** The histogram's window [start, end] (ms) and its box on screen. */
  async window(): Promise<{ startMs: number; endMs: number; x: number; y: number; width: number; height: number }> {
    const hist = this.page.locator('[data-testid=timeline-histogram]');
    const [s, e] = await Promise.all([hist.getAttribute('data-start-ms'), hist.getAttribute('data-end-ms')]);
    const box = (await hist.boundingBox())!;
    return { startMs: Number(s), endMs: Number(e), ...box };
  }

  /**
   * Click (press and release, no drag) the timeline at time `ms`, below the
   * plot's markers (on the axis strip), and measure release to the frame
   * showing a new rv.
   */
  async clickAt(ms: number): Promise<Change> {
    const w = await this.window();
    const x = w.x + ((ms - w.startMs) / (w.endMs - w.startMs)) * w.width;
    const y = w.y + w.height - 6;
    await this.page.mouse.move(x, y);
    const prev = await this.bannerRv();
    await this.page.evaluate(`window.__travel.arm(${JSON.stringify(prev ?? '')})`);
    await this.page.mouse.down();
    await this.page.mouse.up();
    const r = (await this.page.evaluate('window.__travel.result()')) as Armed;
    return { rv: r.rv, ms: r.timeout ? NaN : r.frameAt - r.up };
  }

  /** Press `key` and measure key down to the frame showing a new rv. */
  async pressAndWait(key: string): Promise<Change> {
    const prev = await this.bannerRv();
    await this.page.evaluate(`window.__travel.arm(${JSON.stringify(prev ?? '')})`);
    await this.page.keyboard.press(key);
    const r = (await this.page.evaluate('window.__travel.result()')) as Armed;
    return { rv: r.rv, ms: r.timeout ? NaN : r.frameAt - r.key };
  }

  /** An unbound key's press to the next frame: what any key-driven render costs at least. */
  async frameFloor(): Promise<number> {
    await this.page.evaluate('window.__travel.armFrame()');
    await this.page.keyboard.press('F9');
    const r = (await this.page.evaluate('window.__travel.result()')) as { frameAt: number; key: number };
    return r.frameAt - r.key;
  }

  private cdp: CDPSession | undefined;

  /** Start the page's CPU profiler (BENCH_TRAVEL_PROFILE). */
  async startProfile(): Promise<void> {
    this.cdp ??= await this.context.newCDPSession(this.page);
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await this.cdp.send('Profiler.start');
  }

  /** Stop it and write the .cpuprofile to `file`. */
  async stopProfile(file: string): Promise<void> {
    if (!this.cdp) return;
    const { profile } = await this.cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  }

  /** A history API call through the dashboard's proxy, as the app makes it. */
  api<T>(path: string): Promise<T> {
    return this.page.evaluate(`(async () => {
      const p = ${JSON.stringify(path)};
      const res = await fetch(p, { headers: { authorization: 'Bearer ' + localStorage.getItem('chronokube.token') } });
      if (!res.ok) throw new Error(p + ': HTTP ' + res.status + ' ' + (await res.text()).slice(0, 200));
      return res.json();
    })()`) as Promise<T>;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
