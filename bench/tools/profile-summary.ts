/**
 * Prints the heaviest functions of a V8 .cpuprofile (Chrome DevTools
 * format) by self time and by total time, to see where a benchmark's
 * milliseconds go without opening DevTools.
 *
 *   node bin/run-ts.js bench/tools/profile-summary.ts file.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[]; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

function label(f: CallFrame): string {
  const file = f.url ? f.url.replace(/^.*\/(_next\/static\/chunks\/|node_modules\/)/, '$1').slice(-60) : '';
  return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + dt);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const key = label(byId.get(id)!.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    // Each distinct function on the stack once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = label(byId.get(at)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const all = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0).padStart(8)} ms  ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  return `sampled ${all.toFixed(0)} ms\n\nself time:\n${rows(self)}\n\ntotal time:\n${rows(total)}`;
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts file.cpuprofile [top]');
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 25)));
}
