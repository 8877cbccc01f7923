/**
 * What the dashboard's e2e suites share about a browser page: every page
 * error, console error and 5xx answer is collected as a problem (a suite
 * fails a test that leaves any), and screenshots are saved per test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { HOST_NETWORK_NOISE } from './browser-noise';

export interface WatchOptions {
  /** Collected problems, one line each. */
  problems: string[];
  /** Console errors a suite provokes on purpose (a 401/403 the UI asked for is logged as a failed resource). */
  expectedConsole?: RegExp;
  /** What `chronokube web` logged, so a 5xx names the proxy's last lines. */
  webLog?: string[];
}

/** A new page in `context` whose problems go to `o.problems`. */
export async function openWatchedPage(context: BrowserContext, o: WatchOptions): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => o.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && !HOST_NETWORK_NOISE.test(text) && !o.expectedConsole?.test(text)) o.problems.push(`console error: ${text}`);
  });
  page.on('response', (r) => {
    if (r.status() < 500) return;
    const log = o.webLog?.length ? ` (chronokube web: ${o.webLog.slice(-3).join(' | ')})` : '';
    o.problems.push(`HTTP ${r.status()} ${r.url()}${log}`);
  });
  return page;
}

/** Saves a screenshot of `page` as `dir/name.png` and checks it is an image, not an empty file. */
export async function saveShot(page: Page, dir: string, name: string): Promise<void> {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
}
