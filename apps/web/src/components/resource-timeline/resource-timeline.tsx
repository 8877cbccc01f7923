'use client';
/**
 * The resource timeline (what Sloop users come for): one row per object
 * with a bar for its life and a mark for each change and Warning, grouped
 * by namespace and owner, virtualized so thousands of objects scroll
 * smoothly. A mark opens that object's page at that version (`at=rv`), on
 * its History tab (the version's diff; an object page without that tab
 * shows its YAML at that version).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { objectHref, pointHref } from '../../lib/links';
import { filterRows, withGroupHeaders, type Line, type Mark, type ResourceRow } from '../../lib/resource-timeline';
import { formatPointTime, ticks, xOf, type TimeView } from '../../lib/timeline-scale';

const LINE = 22;
const LABEL_W = 320;

export interface ResourceTimelineProps {
  rows: ResourceRow[];
  view: TimeView;
  kind: string;
  label: string;
  text: string;
  /** The point shown (cursor), ms. */
  cursorMs?: number;
  onOpen(href: string): void;
}

export function ResourceTimelineView({ rows, view, kind, label, text, cursorMs, onOpen }: ResourceTimelineProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [laneW, setLaneW] = useState(800);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setLaneW(Math.max(100, el.clientWidth - LABEL_W - 16)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const filtered = useMemo(() => filterRows(rows, { kind, label, text }), [rows, kind, label, text]);
  const lines = useMemo(() => withGroupHeaders(filtered.rows), [filtered.rows]);
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => LINE, overscan: 20 });
  const axis = ticks(view, laneW, 120);
  const cursorX = cursorMs !== undefined ? xOf(view, laneW, cursorMs) : undefined;
  return (
    <div className="rt table" data-testid="resource-timeline" data-rows={filtered.rows.length}>
      <div className="rt-head">
        <div className="rt-label">{filtered.rows.length} object{filtered.rows.length === 1 ? '' : 's'}{filtered.error && <span className="field-error"> · {filtered.error}</span>}</div>
        <div className="rt-lane" style={{ width: laneW }}>
          {axis.map((t) => <span key={t.ms} className="rt-tick" style={{ left: xOf(view, laneW, t.ms) }}>{t.label}</span>)}
        </div>
      </div>
      <div className="tbody" ref={scroller} onClick={(e) => openMark(e, onOpen)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {cursorX !== undefined && cursorX >= 0 && cursorX <= laneW && <div className="rt-cursor" style={{ left: LABEL_W + cursorX, height: virtualizer.getTotalSize() }} />}
          {virtualizer.getVirtualItems().map((v) => (
            <LineView key={v.key} line={lines[v.index]} top={v.start} view={view} laneW={laneW} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** A click on a mark (a plain anchor: thousands of them) navigates client-side; modifier clicks open a tab as usual. */
function openMark(e: React.MouseEvent, onOpen: (href: string) => void) {
  const a = (e.target as HTMLElement).closest('a');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  onOpen(a.getAttribute('href') ?? '/');
}

const LineView = memo(function LineView({ line, top, view, laneW }: { line: Line; top: number; view: TimeView; laneW: number }) {
  if (line.type === 'group') {
    return (
      <div className="rt-group" style={{ top }} data-testid="rt-group">
        {line.group} <span className="muted">({line.count})</span>
      </div>
    );
  }
  const r = line.row;
  const x1 = Math.max(0, xOf(view, laneW, r.fromMs));
  const x2 = Math.min(laneW, xOf(view, laneW, r.toMs));
  const warn = r.marks.some((m) => m.cls === 'warning');
  return (
    <div className="rt-row" style={{ top }} data-testid="rt-row" data-key={r.key}>
      <div className="rt-label" title={r.key}>
        <span className="rt-kind">{r.kind}</span>
        <a href={objectHref(r.kind, r.namespace, r.name)} className={warn ? 'warn' : ''}>{r.name}</a>
      </div>
      <div className="rt-lane" style={{ width: laneW }}>
        {x2 > x1 && <span className={`rt-life${r.deletedInWindow ? ' ended' : ''}${r.createdInWindow ? ' born' : ''}`} style={{ left: x1, width: Math.max(2, x2 - x1) }} />}
        {drawOrder(r.marks).map((m) => <MarkView key={`${m.rv}-${m.cls}`} m={m} r={r} x={xOf(view, laneW, m.ms)} laneW={laneW} />)}
      </div>
    </div>
  );
});

const LAYER: Record<Mark['cls'], number> = { status: 0, changed: 1, bound: 2, scaled: 3, created: 4, deleted: 5, warning: 6 };

/** Marks drawn so the telling ones (creations, deletions, warnings) sit on top of routine status writes. */
function drawOrder(marks: readonly Mark[]): Mark[] {
  return [...marks].sort((a, b) => LAYER[a.cls] - LAYER[b.cls]);
}

function MarkView({ m, r, x, laneW }: { m: Mark; r: ResourceRow; x: number; laneW: number }) {
  if (x < -4 || x > laneW + 4) return null;
  // A deletion's version is gone: open the version just before it.
  const at = m.cls === 'deleted' && /Deleted$/.test(m.label.split(' ')[0]) ? String(Number(m.rv) - 1) : m.rv;
  return (
    <a
      className={`rt-mark ${m.cls}`}
      style={{ left: x }}
      href={pointHref(objectHref(r.kind, r.namespace, r.name, 'history'), at)}
      title={`${m.label} · ${formatPointTime(m.ms, true)} · rv ${m.rv}`}
      data-testid="rt-mark"
      data-rv={m.rv}
      data-cls={m.cls}
    />
  );
}
