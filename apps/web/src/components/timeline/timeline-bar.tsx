'use client';
/**
 * The timeline along the bottom of every page, a video player's scrubber
 * for the cluster: event density per time bucket, markers for warnings,
 * failed scheduling, node loss and incidents, the point shown (cursor),
 * and the controls to step, play and zoom. Clicking or dragging sets the
 * point; the point is committed on release (one browser history entry),
 * while dragging the time under the cursor is shown.
 *
 * Plain SVG: a few hundred rects and lines redrawn on zoom is all it takes,
 * and a chart library would bring its own scales and interaction model
 * where the scrubber needs exactly ours (see apps/web/README.md).
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { usePoint, usePointFailed, useTravel, useTravelUi } from '../../state/cluster-context';
import { PLAY_SPEEDS, type PlaySpeed } from '../../state/travel-steps';
import { describeSpan, formatPointTime, msAt, panView, ticks, viewEndingAt, viewShowing, xOf, zoomView, type TimeView } from '../../lib/timeline-scale';
import { useTimelineData } from './use-timeline-data';
import { apiJson } from '../../lib/api-client';
import type { EventListAnswer } from '../../state/travel-feed';
import { MARKER_LABEL, type TimelineMarker } from './timeline-markers';

const PLOT_H = 64;
const AXIS_H = 14;
const DEFAULT_SPAN = 3_600_000;

export function TimelineBar() {
  const travel = useTravel();
  const point = usePoint();
  const pointFailed = usePointFailed();
  const playing = useTravelUi((s) => s.playing);
  const speed = useTravelUi((s) => s.speed);
  const busy = useTravelUi((s) => s.busy);
  const note = useTravelUi((s) => s.note);
  const [view, setView] = useState<TimeView>(() => viewEndingAt(Date.now(), DEFAULT_SPAN));
  const [follow, setFollow] = useState(true);
  const [refreshKey, setRefreshKey] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const plotRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const data = useTimelineData(view, width, refreshKey);
  const [drag, setDrag] = useState<number | null>(null);
  const [hover, setHover] = useState<{ x: number; ms: number; label?: string } | null>(null);
  const pressed = useRef<{ marker?: string; x: number } | null>(null);
  const previewAt = useRef(0);
  const overPlot = useRef(false);
  const previewFrame = useRef(0);
  const pointMs = point?.time ? Date.parse(point.time) : undefined;
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // The first window: the cluster's whole life when it is younger than an hour (plus a little room), else the last hour.
  useEffect(() => {
    const ctrl = new AbortController();
    apiJson<EventListAnswer>('/apis/history.chronokube.io/v1/events?order=asc&limit=1', { signal: ctrl.signal })
      .then((first) => {
        const born = first.items[0] ? Date.parse(first.items[0].time) : undefined;
        if (born === undefined) return;
        const span = Math.min(DEFAULT_SPAN, Math.max(120_000, (Date.now() - born) * 1.08));
        setView((v) => (follow && v.endMs - v.startMs === DEFAULT_SPAN ? viewEndingAt(Date.now(), span) : v));
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // An incident's replay (`?at=<from>&incident=<id>`, from the incidents page): the window frames the incident.
  const framedIncident = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('incident');
    if (!id || id === framedIncident.current) return;
    framedIncident.current = id;
    // Not aborted when the point arrives a moment later: this runs once per incident.
    apiJson<{ from: { time?: string }; to?: { time?: string } }>(`/apis/history.chronokube.io/v1/incidents/${encodeURIComponent(id)}`)
      .then((incident) => {
        const from = Date.parse(incident.from.time ?? '');
        if (Number.isNaN(from)) return;
        const to = incident.to?.time ? Date.parse(incident.to.time) : Date.now();
        const pad = Math.max(10_000, (to - from) / 8);
        setFollow(false);
        setView(zoomView({ startMs: from - pad, endMs: to + pad }, 1));
      })
      .catch(() => undefined);
  }, [point?.rv]);

  // Live: the window slides with now. Every few seconds the density is asked again either way.
  useEffect(() => {
    const t = setInterval(() => {
      setNow(Date.now());
      // Not while the pointer is on the bar: what the user aims at must not slide away under it.
      if (follow && !overPlot.current) setView((v) => viewEndingAt(Date.now(), v.endMs - v.startMs));
      setRefreshKey((k) => k + 1);
    }, 5000);
    return () => clearInterval(t);
  }, [follow]);

  // A point outside the window (a link, a step, play) brings the window to it.
  useEffect(() => {
    if (pointMs === undefined) return;
    setFollow(false);
    setView((v) => {
      // Already ending about now with the point inside: leave it (play near now must not move the window every frame).
      if (pointMs >= v.startMs && pointMs <= v.endMs && v.endMs >= Date.now()) return v;
      const next = viewShowing(v, pointMs);
      if (next === v) return v;
      // Recentred near now: keep the window's end at now rather than showing half a bar of future.
      const span = next.endMs - next.startMs;
      const latest = Date.now() + span / 40;
      return next.endMs > latest ? { startMs: latest - span, endMs: latest } : next;
    });
  }, [pointMs]);
  // A hover line belongs to the window it was drawn in.
  useEffect(() => setHover(null), [view.startMs, view.endMs]);
  useEffect(() => {
    if (point === null) {
      setFollow(true);
      setView((v) => viewEndingAt(Date.now(), v.endMs - v.startMs));
    }
  }, [point === null]); // eslint-disable-line react-hooks/exhaustive-deps

  // Wheel: zoom around the cursor (pan with shift or a sideways wheel). Not passive: the page must not scroll.
  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const v = viewRef.current;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = (e.shiftKey ? e.deltaY : e.deltaX) / rect.width;
        setFollow(false);
        setView(panView(v, d * (v.endMs - v.startMs), Date.now()));
        return;
      }
      const anchor = msAt(v, rect.width, e.clientX - rect.left);
      setView(zoomView(v, e.deltaY > 0 ? 1.25 : 0.8, anchor));
      setFollow((f) => f && anchor >= Date.now() - (v.endMs - v.startMs) / 10);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const zoom = (factor: number) => {
    const anchor = pointMs ?? (follow ? Date.now() : (view.startMs + view.endMs) / 2);
    setView(zoomView(view, factor, anchor));
  };
  const pan = (share: number) => {
    setFollow(false);
    setView(panView(view, share * (view.endMs - view.startMs), Date.now()));
  };

  const xAt = (e: ReactPointerEvent) => e.clientX - (plotRef.current?.getBoundingClientRect().left ?? 0);
  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const marker = (e.target as Element).closest('[data-rv]')?.getAttribute('data-rv') ?? undefined;
    pressed.current = { marker, x: xAt(e) };
    plotRef.current?.setPointerCapture(e.pointerId);
    if (!marker) setDrag(msAt(view, width, xAt(e)));
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const x = xAt(e);
    const ms = msAt(view, width, x);
    const label = (e.target as Element).closest('[data-label]')?.getAttribute('data-label') ?? undefined;
    setHover({ x, ms, label });
    // Pressed on a marker: a click, unless the pointer then moves away (a drag).
    if (pressed.current && (!pressed.current.marker || drag !== null || Math.abs(x - pressed.current.x) > 3)) {
      setDrag(ms);
      // The state under the cursor, where the loaded events reach it: at most once a frame, committed on release.
      previewAt.current = ms;
      if (!previewFrame.current) {
        previewFrame.current = requestAnimationFrame(() => {
          previewFrame.current = 0;
          if (pressed.current) travel.preview(previewAt.current);
        });
      }
    }
  };
  const onUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const p = pressed.current;
    pressed.current = null;
    if (!p) return;
    const ms = msAt(view, width, xAt(e));
    setDrag(null);
    if (p.marker && drag === null) {
      void travel.commit(p.marker);
      return;
    }
    // Released at or after now: back to live.
    if (ms >= Date.now() - 250) void travel.goLive();
    else void travel.commit(new Date(ms).toISOString());
  };

  const max = useMemo(() => Math.max(1, ...data.buckets.map((b) => b.count)), [data.buckets]);
  const bw = Math.max(1, xOf(view, width, view.startMs + data.bucketMs) - xOf(view, width, view.startMs));
  // Read the clock at render (the 5 s tick re-renders while live), so the future never starts before a fresh point.
  const nowMs = Math.max(now, Date.now());
  const cursorMs = point ? pointMs : nowMs;
  const cursorX = cursorMs !== undefined ? xOf(view, width, cursorMs) : undefined;
  const nowX = xOf(view, width, nowMs);
  const axis = ticks(view, width);

  return (
    <div className="timeline" data-testid="timeline-bar">
      <div className="timeline-controls">
        <button data-testid="step-back-action" title="Back one user action ({)" disabled={busy} onClick={() => void travel.step('back', 'action')}>«</button>
        <button data-testid="step-back" title="Back one event ([)" disabled={busy} onClick={() => void travel.step('back', 'event')}>◀</button>
        {playing ? (
          <button data-testid="play" className="primary" title="Pause (p)" onClick={() => travel.pause()} data-playing="true">❚❚ Pause</button>
        ) : (
          <button data-testid="play" title={point ? 'Play from this point (p)' : 'Pick a point in the past to play from'} disabled={!point} onClick={() => void travel.play()} data-playing="false">▶ Play</button>
        )}
        <select data-testid="play-speed" aria-label="Play speed" value={String(speed)} onChange={(e) => travel.setSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as PlaySpeed)}>
          {PLAY_SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{s === 'max' ? 'max' : `${s}×`}</option>)}
        </select>
        <button data-testid="step-forward" title="Forward one event (])" disabled={busy || !point} onClick={() => void travel.step('forward', 'event')}>▶</button>
        <button data-testid="step-forward-action" title="Forward one user action (})" disabled={busy || !point} onClick={() => void travel.step('forward', 'action')}>»</button>
        <span className="timeline-where" data-testid="timeline-where">
          {drag !== null ? <b>{formatPointTime(drag, true)}</b> : point ? <>{point.time ? formatPointTime(Date.parse(point.time)) : '…'} · rv {point.rv}</> : pointFailed ? <span className="muted">no point shown</span> : <span className="live-text">● Live</span>}
          {note && <span className="muted" data-testid="timeline-note"> · {note}</span>}
        </span>
        <span className="spacer" />
        <span className="timeline-legend">
          <span><i className="mk warning" /> {MARKER_LABEL.warning}</span>
          <span><i className="mk sched" /> {MARKER_LABEL.sched}</span>
          <span><i className="mk node" /> {MARKER_LABEL.node}</span>
          <span><i className="mk incident" /> Incident</span>
        </span>
        <button title="Earlier" onClick={() => pan(-0.5)} aria-label="Earlier">‹</button>
        <span className="muted timeline-span" data-testid="timeline-span">{describeSpan(view.endMs - view.startMs)}</span>
        <button title="Later" onClick={() => pan(0.5)} aria-label="Later">›</button>
        <button data-testid="timeline-zoom-out" title="Zoom out (wheel)" onClick={() => zoom(2)}>−</button>
        <button data-testid="timeline-zoom-in" title="Zoom in (wheel)" onClick={() => zoom(0.5)}>+</button>
      </div>
      <div
        ref={plotRef}
        className={`timeline-plot${drag !== null ? ' dragging' : ''}`}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerEnter={() => (overPlot.current = true)}
        onPointerLeave={() => {
          overPlot.current = false;
          setHover(null);
        }}
        onPointerCancel={() => {
          pressed.current = null;
          setDrag(null);
          travel.endPreview();
        }}
      >
        <svg width={width} height={PLOT_H + AXIS_H} data-testid="timeline-histogram" data-start-ms={Math.round(view.startMs)} data-end-ms={Math.round(view.endMs)} data-buckets={data.buckets.length} role="img" aria-label="Events over time">
          {nowX < width && <rect className="future" x={Math.max(0, nowX)} y={0} width={width - Math.max(0, nowX)} height={PLOT_H} />}
          {data.incidents.map((i) => {
            const x1 = Math.max(0, xOf(view, width, i.fromMs));
            const x2 = Math.min(width, xOf(view, width, i.toMs ?? nowMs));
            if (x2 < 0 || x1 > width) return null;
            return (
              // The band's body is time like any other (a click sets that time); its top strip and name jump to the incident's start.
              <g key={i.id} className="incident" data-testid="timeline-incident">
                <rect x={x1} y={0} width={Math.max(2, x2 - x1)} height={PLOT_H} data-label={`Incident ${i.name}`} />
                <rect className="strip" x={x1} y={0} width={Math.max(2, x2 - x1)} height={5} data-rv={i.rv} data-label={`Incident ${i.name}: click to go to its start`} />
                <text x={x1 + 3} y={PLOT_H - 4} data-rv={i.rv} data-label={`Incident ${i.name}: click to go to its start`}>{i.name}</text>
              </g>
            );
          })}
          {data.events
            ? data.events.map((e) => {
                const x = xOf(view, width, e.ms);
                return <line key={e.rv} className={`tick ${tickClass(e.type)}`} x1={x} x2={x} y1={16} y2={PLOT_H} data-rv={e.rv} data-label={e.label} />;
              })
            : data.buckets.map((b) => {
                // Square-root scale: one burst must not flatten every other bucket to nothing.
                const h = Math.max(b.count > 0 ? 2 : 0, Math.sqrt(b.count / max) * (PLOT_H - 16));
                return <rect key={b.ms} className="bucket" x={xOf(view, width, b.ms) + 0.5} y={PLOT_H - h} width={Math.max(1, bw - 1)} height={h} data-label={`${b.count} event${b.count === 1 ? '' : 's'} from ${formatPointTime(b.ms)}`} />;
              })}
          {data.markers.map((m) => <Marker key={`${m.rv}-${m.type}`} m={m} x={xOf(view, width, m.ms)} />)}
          <line className="axis" x1={0} x2={width} y1={PLOT_H + 0.5} y2={PLOT_H + 0.5} />
          {axis.map((t) => {
            const x = xOf(view, width, t.ms);
            return (
              <g key={t.ms} className="axis">
                <line x1={x} x2={x} y1={PLOT_H} y2={PLOT_H + 4} />
                <text x={x + 3} y={PLOT_H + AXIS_H - 2}>{t.label}</text>
              </g>
            );
          })}
          {hover && drag === null && <line className="hover" x1={hover.x} x2={hover.x} y1={0} y2={PLOT_H} />}
          {cursorX !== undefined && cursorX >= -2 && cursorX <= width + 2 && (
            <g className={`cursor${point ? '' : ' live'}`} data-testid="timeline-cursor" data-ms={cursorMs} data-rv={point?.rv ?? ''}>
              <line x1={cursorX} x2={cursorX} y1={0} y2={PLOT_H} />
              <path d={`M${cursorX - 5},0 L${cursorX + 5},0 L${cursorX},6 Z`} />
            </g>
          )}
          {drag !== null && (
            <g className="ghost">
              <line x1={xOf(view, width, drag)} x2={xOf(view, width, drag)} y1={0} y2={PLOT_H} />
            </g>
          )}
        </svg>
        {(drag !== null || hover) && (
          <div className="timeline-tip" style={{ left: Math.min(Math.max(0, (drag !== null ? xOf(view, width, drag) : hover!.x) + 8), Math.max(0, width - 260)) }}>
            <b>{formatPointTime(drag ?? hover!.ms, true)}</b>
            {drag === null && hover?.label && <div>{hover.label}</div>}
            {drag !== null && <div className="muted">release to view the cluster then</div>}
          </div>
        )}
      </div>
    </div>
  );
}

function Marker({ m, x }: { m: TimelineMarker; x: number }) {
  const label = `${MARKER_LABEL[m.type]}: ${m.label} (${formatPointTime(m.ms)})`;
  return (
    <g className={`marker ${m.type}`} data-rv={m.rv} data-label={label} data-testid="timeline-marker" data-type={m.type}>
      <line x1={x} x2={x} y1={12} y2={PLOT_H} />
      {m.type === 'node' ? <rect x={x - 4} y={2} width={8} height={8} /> : m.type === 'sched' ? <path d={`M${x},1 L${x + 5},6 L${x},11 L${x - 5},6 Z`} /> : <circle cx={x} cy={6} r={4} />}
    </g>
  );
}

function tickClass(type: string): string {
  if (type.endsWith('Created')) return 'created';
  if (type.endsWith('Deleted') || type.endsWith('DeletionRequested')) return 'deleted';
  if (type.endsWith('Scaled')) return 'scaled';
  return 'changed';
}
