'use client';
/**
 * The object page's History tab: every version of the object from the
 * history API's timeline (across delete and re-create of the name), newest
 * first, each with its event, who did it (actor, verb, client), when, the
 * fields it changed and, opened, the version side by side with the one
 * before. Links jump the whole UI to that version, explain it (why), or
 * compare before and after the action that made it.
 */
import './history.css';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Empty, Loading } from '../state-views';
import { FieldChanges } from './field-changes';
import { utc } from './format-time';
import { getTimeline } from './history-api';
import { objectAtHref, pointHref } from './point-href';
import { SideBySide } from './side-by-side';
import { useRequest } from './use-request';
import { typeTone, versionAtPoint, versionItems, type VersionItem } from './version-list';
import { clientOf, describeDecision, schedulerDecision } from './why-tree';

const PAGE = 100;

export interface ObjectHistoryProps {
  kind: string;
  namespace?: string;
  name: string;
  /** The point the UI shows (?at=), to mark the version in force then. */
  at: string | null;
  /** Changes when the object changes live, to fetch the timeline again. */
  refreshKey?: string;
}

export function ObjectHistory({ kind, namespace, name, at, refreshKey }: ObjectHistoryProps) {
  const timeline = useRequest(`${kind}/${namespace}/${name}/${refreshKey ?? ''}`, (s) => getTimeline(kind, namespace, name, s));
  const entries = timeline.data?.versions;
  const items = useMemo(() => (entries ? versionItems(entries) : []), [entries]);
  const current = useMemo(() => (entries ? versionAtPoint(entries, at) : undefined), [entries, at]);
  // A busy object has thousands of versions; the newest come first, the rest on demand.
  const [shown, setShown] = useState(PAGE);
  if (timeline.error) {
    return <div data-testid="object-history"><Empty>{/NotFound/.test(timeline.error) ? `The log holds no ${kind} named ${name}.` : `History could not be read: ${timeline.error}`}</Empty></div>;
  }
  if (!timeline.data) return <div data-testid="object-history"><Loading>Reading the object's history…</Loading></div>;
  // The version the UI shows (?at=) is always listed, however old.
  const limit = Math.max(shown, current ? items.findIndex((i) => i.entry.resourceVersion === current) + 1 : 0);
  const lives = new Set(items.map((i) => i.entry.generation)).size;
  return (
    <div data-testid="object-history" className="history-page">
      <div className="hint">
        {items.length} version{items.length === 1 ? '' : 's'}{lives > 1 ? ` over ${lives} lives of the name (deleted and re-created)` : ''}, newest first.
        {' '}Open a version to see it side by side with the one before; <b>View here</b> moves the whole UI to that moment.
      </div>
      <ol className="versions">
        {items.slice(0, limit).map((item) => <Version key={item.entry.resourceVersion} item={item} kind={kind} namespace={namespace} name={name} current={item.entry.resourceVersion === current} />)}
      </ol>
      {items.length > limit && <button className="more" onClick={() => setShown(limit + PAGE)}>Show {Math.min(PAGE, items.length - limit)} older versions of {items.length - limit}</button>}
    </div>
  );
}

function Version({ item, kind, namespace, name, current }: { item: VersionItem; kind: string; namespace?: string; name: string; current: boolean }) {
  const [open, setOpen] = useState(false);
  const { entry, previous } = item;
  const decision = schedulerDecision(entry as never);
  const client = clientOf(entry);
  const created = entry.patch.length === 1 && entry.patch[0].path === '' && entry.patch[0].op === 'add';
  return (
    <li className={`version${current ? ' current' : ''}${entry.deleted ? ' deleted' : ''}`} data-testid="history-version" data-rv={entry.resourceVersion} data-event-type={entry.type}>
      {item.recreated && <div className="life-mark">re-created: life {entry.generation} of the name starts here (uid {entry.uid ?? '?'})</div>}
      <div className="version-head">
        <button className="twisty" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label="Show side by side">{open ? '▾' : '▸'}</button>
        <span className={`tag ${typeTone(entry.type)}`} data-testid="version-type">{entry.type}</span>
        <span className="mono">rv {entry.resourceVersion}</span>
        <span className="muted">{utc(entry.time)} UTC</span>
        <span><b>{entry.actor || 'unknown'}</b> <span className="muted">{entry.verb}{client ? ` · ${client}` : ''}</span></span>
        {entry.reason && <span className="muted small clip" title={entry.reason}>“{entry.reason}”</span>}
        {current && <span className="tag">shown now</span>}
        <span className="spacer" />
        <span className="version-links">
        <Link href={objectAtHref(kind, namespace, name, entry.resourceVersion)} data-testid="version-jump" title="Show the whole cluster as it was right after this change">View here</Link>
        <Link href={pointHref('/why/', null, { event: entry.id })} data-testid="version-why" title="The cause chain up to the user request, and everything it caused">Why</Link>
        <Link href={pointHref('/compare/', null, { correlationId: entry.correlationId })} title="Everything the action that made this version changed">Compare action</Link>
        </span>
      </div>
      {decision && <div className="decision small">Scheduler: {describeDecision(decision)}</div>}
      {created && !open ? (
        <div className="muted small created-note">created with {entry.fields.length} fields — open it (▸) to see the whole object</div>
      ) : entry.deleted && !open ? (
        <div className="muted small created-note">deleted — open it (▸) to see the last version</div>
      ) : <FieldChanges fields={entry.fields} limit={open ? 1000 : 8} />}
      {open && (
        <SideBySide
          before={previous?.deleted ? undefined : previous?.object}
          after={entry.object}
          labels={[previous ? `before: rv ${previous.resourceVersion} (${previous.type})` : 'before: did not exist', entry.deleted ? 'after: deleted' : `after: rv ${entry.resourceVersion}`]}
        />
      )}
    </li>
  );
}
