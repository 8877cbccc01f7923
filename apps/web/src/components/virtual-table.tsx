'use client';
/**
 * A virtualized table (@tanstack/react-virtual): only the visible rows are
 * in the DOM, so 10,000 pods scroll as smoothly as 10. Arrow keys move the
 * selection, Enter opens the row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { KubeObject } from '@chronokube/core';
import type { CellContext, Column } from '../lib/workload-columns';
import { nsName } from '../lib/object-key';

const ROW = 28;

export interface VirtualTableProps {
  columns: Column<any>[];
  rows: KubeObject[];
  ctx: CellContext;
  sortBy?: string;
  descending?: boolean;
  onSort(id: string): void;
  onOpen(row: KubeObject): void;
}

export function VirtualTable({ columns, rows, ctx, sortBy, descending, onSort, onOpen }: VirtualTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(-1);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const template = columns.map((c) => c.width).join(' ');
  useEffect(() => {
    if (selected >= rows.length) setSelected(rows.length - 1);
  }, [rows.length, selected]);

  function onKey(e: React.KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      const n = Math.min(rows.length - 1, selected + 1);
      setSelected(n);
      virtualizer.scrollToIndex(n);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      const n = Math.max(0, selected - 1);
      setSelected(n);
      virtualizer.scrollToIndex(n);
    } else if (e.key === 'Enter' && rows[selected]) {
      onOpen(rows[selected]);
    }
  }

  return (
    <div className="table" data-testid="workload-table" role="grid" aria-rowcount={rows.length}>
      <div className="thead" style={{ gridTemplateColumns: template }} role="row">
        {columns.map((c) => (
          <button key={c.id} className={sortBy === c.id ? 'sorted' : ''} onClick={() => onSort(c.id)} style={c.align === 'right' ? { textAlign: 'right' } : undefined} role="columnheader" aria-sort={sortBy === c.id ? (descending ? 'descending' : 'ascending') : 'none'}>
            {c.title}{sortBy === c.id ? (descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div className="tbody" ref={scroller} tabIndex={0} onKeyDown={onKey} aria-label="rows (arrow keys move, Enter opens)">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const obj = rows[v.index];
            return (
              <div
                key={`${obj.metadata.namespace}/${obj.metadata.name}`}
                className="trow"
                data-testid="row"
                data-key={nsName(obj)}
                role="row"
                aria-selected={v.index === selected}
                style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template, background: v.index === selected ? 'var(--row-hover)' : undefined }}
                onClick={() => onOpen(obj)}
              >
                {columns.map((c) => {
                  const text = c.text(obj, ctx);
                  const tone = c.tone?.(obj) ?? '';
                  const progress = c.progress?.(obj);
                  return (
                    <div key={c.id} className={`cell ${c.align === 'right' ? 'right' : ''} ${tone}${progress !== undefined ? ' with-bar' : ''}`} title={text}>
                      <span data-testid={c.testId}>{text}</span>
                      {progress !== undefined && (
                        <span className="mini-track" aria-hidden>
                          <span className={`mini-fill ${progress < 1 ? 'warn' : ''}`} style={{ width: `${Math.round(progress * 100)}%` }} />
                        </span>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <div className="footer">{rows.length.toLocaleString()} rows</div>
    </div>
  );
}
