/*
 * bench/web's probe, injected into every page before the dashboard's own
 * scripts (Playwright's addInitScript, prefixed with
 * `window.__BENCH_CONFIG = { token, nodes, pods }`). Plain browser JS: the
 * bench reads what it records through page.evaluate('__bench....').
 *
 * - Signs in the way the login page does: the token in
 *   localStorage["chronokube.token"] (apps/web/src/lib/token-store.ts).
 * - Records every long task (PerformanceObserver 'longtask', buffered).
 * - When config.nodes > 0: from the first animation frame on, checks once a
 *   frame whether the overview shows `nodes` node cards and `pods` pod chips,
 *   and records performance.now() (ms since navigation start) in the first
 *   frame where it does; the frame is painted right after that callback.
 * - Finds the page's cluster store (no hook in the app: it walks React's
 *   fiber tree from a rendered element up to ClusterContext's provider,
 *   whose value is { store, feeds }) and, on request, records every store
 *   update's resourceVersion with its wall-clock time.
 */
(function () {
  const config = window.__BENCH_CONFIG || {};
  try {
    window.localStorage.setItem('chronokube.token', config.token);
  } catch (e) {
    /* about:blank has no storage */
  }
  const bench = {
    longTasks: [],
    completeAt: undefined,
    window: undefined,
  };
  window.__bench = bench;

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    bench.longTaskSupported = true;
  } catch (e) {
    bench.longTaskSupported = false;
  }

  if (config.nodes > 0) {
    // Live collections: .length is cheap and always current.
    const cards = document.getElementsByClassName('node-card');
    const chips = document.getElementsByClassName('chip');
    const tick = () => {
      if (cards.length >= config.nodes && chips.length >= config.pods) {
        bench.completeAt = performance.now();
        bench.cardsAtComplete = cards.length;
        bench.chipsAtComplete = chips.length;
        bench.runningChipsAtComplete = document.querySelectorAll('.node-card .chip[data-phase="Running"]').length;
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  /** The page's cluster store (zustand vanilla), found through React's fiber tree. */
  bench.store = function () {
    const starts = [document.querySelector('[data-testid=connection-status]'), document.querySelector('.node-card'), document.body && document.body.firstElementChild];
    for (const el of starts) {
      if (!el) continue;
      const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
      for (let f = key ? el[key] : undefined; f; f = f.return) {
        const v = f.memoizedProps && f.memoizedProps.value;
        if (v && v.store && typeof v.store.getState === 'function' && typeof v.store.subscribe === 'function') return v.store;
      }
    }
    throw new Error('bench probe: no cluster store found in the React tree');
  };

  /** What the first-render measurement reads: completion, the /state fetch, long tasks up to completion. */
  bench.firstRender = function () {
    const state = performance.getEntriesByType('resource').find((r) => r.name.includes('/apis/history.chronokube.io/v1/state'));
    const nav = performance.getEntriesByType('navigation')[0];
    const upTo = bench.completeAt === undefined ? Infinity : bench.completeAt;
    const tasks = bench.longTasks.filter(([start]) => start <= upTo);
    return {
      completeAt: bench.completeAt,
      cards: bench.cardsAtComplete,
      chips: bench.chipsAtComplete,
      runningChips: bench.runningChipsAtComplete,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : undefined,
      stateStart: state ? state.startTime : undefined,
      stateEnd: state ? state.responseEnd : undefined,
      stateBytes: state ? state.encodedBodySize || state.transferSize : undefined,
      longestTask: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
      longTasks: tasks.length,
    };
  };

  /** Starts a measured window: the store's position and count now, then every update's position and time. */
  bench.startWindow = function () {
    const store = bench.store();
    const s = store.getState();
    const w = {
      startedAt: performance.now(),
      start: { resourceVersion: s.resourceVersion, eventsApplied: s.eventsApplied, connection: s.connection },
      updates: [],
      connections: [],
    };
    w.unsubscribe = store.subscribe((next, prev) => {
      if (next.resourceVersion !== prev.resourceVersion) w.updates.push([performance.timeOrigin + performance.now(), next.resourceVersion]);
      if (next.connection !== prev.connection) w.connections.push(next.connection);
    });
    bench.window = w;
    return w.start;
  };

  /** Where the store is now (polled while waiting for it to catch up). */
  bench.position = function () {
    const s = bench.store().getState();
    return { resourceVersion: s.resourceVersion, eventsApplied: s.eventsApplied, connection: s.connection };
  };

  /** Ends the window: positions, updates, long tasks inside it, and each pod's `labelKey` label. */
  bench.endWindow = function (labelKey) {
    const w = bench.window;
    w.unsubscribe();
    const s = bench.store().getState();
    const labels = [];
    const pods = s.byKind.Pod;
    if (pods) {
      for (const p of pods.values()) {
        const v = p.metadata && p.metadata.labels && p.metadata.labels[labelKey];
        if (v !== undefined) labels.push([p.metadata.name, v]);
      }
    }
    const endedAt = performance.now();
    return {
      start: w.start,
      end: { resourceVersion: s.resourceVersion, eventsApplied: s.eventsApplied, connection: s.connection },
      updates: w.updates,
      connections: w.connections,
      longTasks: bench.longTasks.filter(([start]) => start >= w.startedAt && start <= endedAt).map(([, d]) => d),
      pods: pods ? pods.size : 0,
      labels,
    };
  };
})();
