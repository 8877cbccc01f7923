import { bucketMs, describeSpan, formatPointTime, goDuration, MAX_SPAN_MS, MIN_SPAN_MS, msAt, panView, ticks, viewShowing, xOf, zoomView } from './timeline-scale';

const T = Date.parse('2026-12-05T03:00:00Z');
const hour = { startMs: T, endMs: T + 3_600_000 };

describe('timeline scale', () => {
  it('maps times to pixels and back', () => {
    expect(xOf(hour, 1000, T + 1_800_000)).toBe(500);
    expect(msAt(hour, 1000, 250)).toBe(T + 900_000);
  });

  it('zooms around the cursor, between a week and two seconds', () => {
    const z = zoomView(hour, 0.5, T + 900_000);
    expect(z.endMs - z.startMs).toBe(1_800_000);
    // The time under the cursor stays under the cursor (a quarter of the way along).
    expect((T + 900_000 - z.startMs) / (z.endMs - z.startMs)).toBeCloseTo(0.25);
    let v = hour;
    for (let i = 0; i < 40; i++) v = zoomView(v, 0.5);
    expect(v.endMs - v.startMs).toBe(MIN_SPAN_MS);
    for (let i = 0; i < 40; i++) v = zoomView(v, 2);
    expect(v.endMs - v.startMs).toBe(MAX_SPAN_MS);
  });

  it('pans, but not far past now; recentres on a point outside the view', () => {
    expect(panView(hour, 600_000)).toEqual({ startMs: T + 600_000, endMs: T + 4_200_000 });
    const capped = panView(hour, 10 * 3_600_000, T + 3_600_000);
    expect(capped.endMs).toBe(T + 3_600_000 + 360_000);
    expect(viewShowing(hour, T + 600_000)).toEqual(hour);
    expect(viewShowing(hour, T + 7_200_000)).toEqual({ startMs: T + 5_400_000, endMs: T + 9_000_000 });
  });

  it('picks round bucket sizes that fit the zoom, and round ticks', () => {
    expect(bucketMs(hour, 1200)).toBe(15_000);
    expect(bucketMs({ startMs: T, endMs: T + 7 * 86_400_000 }, 1200)).toBe(3_600_000);
    expect(bucketMs({ startMs: T, endMs: T + 2_000 }, 1200)).toBe(100);
    const t = ticks(hour, 1200);
    expect(t[0]).toEqual({ ms: T, label: '03:00' });
    expect(t.length).toBeGreaterThan(5);
    expect(goDuration(15_000)).toBe('15s');
    expect(goDuration(250)).toBe('250ms');
  });

  it('words times and spans for people', () => {
    expect(formatPointTime(Date.parse('2026-12-05T03:12:07.123Z'))).toBe('2026-12-05 03:12:07');
    expect(describeSpan(3_600_000)).toBe('60 min');
    expect(describeSpan(7 * 86_400_000)).toBe('7 d');
  });
});
