/**
 * The timeline's arithmetic (pure): a view is a time window [startMs,
 * endMs] drawn across a width in pixels; zoom keeps the time under the
 * cursor in place and stays between a week and a couple of seconds (where
 * single events stand apart); histogram buckets and axis ticks take round
 * sizes that fit the zoom.
 */

/** A window of time shown across the bar. */
export interface TimeView {
  startMs: number;
  endMs: number;
}

export const MIN_SPAN_MS = 2_000;
export const MAX_SPAN_MS = 7 * 24 * 3_600_000;

const ROUND_MS = [
  100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The x (px) of time `ms` in a view `width` wide. */
export function xOf(view: TimeView, width: number, ms: number): number {
  return ((ms - view.startMs) / (view.endMs - view.startMs)) * width;
}

/** The time at x (px). */
export function msAt(view: TimeView, width: number, x: number): number {
  return view.startMs + (x / Math.max(1, width)) * (view.endMs - view.startMs);
}

/** The view zoomed by `factor` (< 1 zooms in) around time `anchorMs`, its span kept within [MIN_SPAN_MS, MAX_SPAN_MS]. */
export function zoomView(view: TimeView, factor: number, anchorMs = (view.startMs + view.endMs) / 2): TimeView {
  const span = view.endMs - view.startMs;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const share = span > 0 ? (anchorMs - view.startMs) / span : 0.5;
  const startMs = anchorMs - share * next;
  return { startMs, endMs: startMs + next };
}

/** The view moved by `deltaMs`, never past `limitMs` (now) by more than a tenth of its span. */
export function panView(view: TimeView, deltaMs: number, limitMs?: number): TimeView {
  let startMs = view.startMs + deltaMs;
  let endMs = view.endMs + deltaMs;
  if (limitMs !== undefined) {
    const over = endMs - (limitMs + (endMs - startMs) / 10);
    if (over > 0) {
      startMs -= over;
      endMs -= over;
    }
  }
  return { startMs, endMs };
}

/** A view of `spanMs` whose right end is `nowMs` (with a little room after it). */
export function viewEndingAt(nowMs: number, spanMs: number): TimeView {
  const room = spanMs / 40;
  return { startMs: nowMs + room - spanMs, endMs: nowMs + room };
}

/** The view moved (not resized) so `ms` is inside it, a fifth of the span away from the edges. */
export function viewShowing(view: TimeView, ms: number): TimeView {
  const span = view.endMs - view.startMs;
  if (ms >= view.startMs + span / 20 && ms <= view.endMs - span / 20) return view;
  return { startMs: ms - span / 2, endMs: ms + span / 2 };
}

/** The round bucket size giving bars at least `minPx` wide. */
export function bucketMs(view: TimeView, width: number, minPx = 4): number {
  const want = ((view.endMs - view.startMs) / Math.max(1, width)) * minPx;
  return ROUND_MS.find((b) => b >= want) ?? Math.ceil(want / 86_400_000) * 86_400_000;
}

/** Axis ticks: round times about `minPx` apart, labelled by what changes at that zoom. */
export function ticks(view: TimeView, width: number, minPx = 110): { ms: number; label: string }[] {
  const step = bucketMs(view, width, minPx);
  const first = Math.ceil(view.startMs / step) * step;
  const out: { ms: number; label: string }[] = [];
  for (let ms = first; ms <= view.endMs && out.length < 200; ms += step) out.push({ ms, label: tickLabel(ms, step) });
  return out;
}

function tickLabel(ms: number, step: number): string {
  const iso = new Date(ms).toISOString();
  if (step >= 86_400_000) return iso.slice(5, 10);
  if (step >= 3_600_000 && iso.slice(11, 16) === '00:00') return `${iso.slice(5, 10)} 00:00`;
  if (step >= 60_000) return iso.slice(11, 16);
  if (step >= 1_000) return iso.slice(11, 19);
  return iso.slice(14, 23);
}

/** A span as people say it: 45 s, 12 min, 3 h, 2 d. */
export function describeSpan(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 36 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** "2026-12-05 03:12:07" (UTC), the banner's and the cursor's wording. */
export function formatPointTime(ms: number, withMs = false): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)}`;
}

/** A Go duration the history API takes for `bucket` (`250ms`, `30s`). */
export function goDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}
