'use client';
/**
 * Incidents: named ranges of the log. Mark one's start and stop while
 * watching, name, note and tag it, list them, open one to replay it (the
 * player at the incident's start, `/?at=<from>&incident=<id>`), export its
 * bundle, and check a bundle file from the browser (POST
 * /incidents/import): a bundle from this cluster replays here; any other
 * is served read-only by `chronokube server --replay`, which the page
 * spells out.
 */
import './history.css';
import Link from 'next/link';
import { useRef, useState } from 'react';
import type { Incident } from '@chronokube/core';
import { useAccess } from '../use-access';
import { Empty, Loading } from '../state-views';
import { reportError } from '../../state/notices';
import { downloadText } from './download';
import { pointLabel, utc } from './format-time';
import { annotateIncident, exportIncident, importBundle, listIncidents, openIncident, stopIncident, type BundleSummary } from './history-api';
import { pointHref } from './point-href';
import { useRequest } from './use-request';

/** The player at the incident's start, over its range (the timeline shows the range from `incident`). */
export function replayHref(i: Pick<Incident, 'id' | 'from'>): string {
  return pointHref('/', i.from.resourceVersion, { incident: i.id });
}

const tagsOf = (text: string): string[] => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

function fail(what: string) {
  return (err: Error) => reportError(new Error(`${what}: ${err.message}`));
}

export function IncidentsView() {
  const list = useRequest('incidents', (s) => listIncidents(s));
  const canWrite = useAccess({ verb: 'create', group: 'history.chronokube.io', resource: 'incidents' }) === 'allowed';
  const incidents = [...(list.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = incidents.filter((i) => !i.to);
  return (
    <div className="history-page incidents">
      <div className="incident-top">
        {canWrite ? <StartForm onDone={list.reload} running={open.length} /> : <div className="panel pad muted">You may read incidents; starting one needs the edit or admin role.</div>}
        <ImportPanel />
      </div>
      {list.error && <Empty>Incidents could not be read: {list.error}</Empty>}
      {!list.data && list.loading && <Loading>Reading incidents…</Loading>}
      {list.data && (incidents.length === 0 ? <div data-testid="incident-list"><Empty>No incident yet. Mark one when something goes wrong: its range can be replayed, compared and exported.</Empty></div> : (
        <div className="panel" data-testid="incident-list">
          <h2>Incidents</h2>
          {incidents.map((i) => <IncidentRow key={i.id} incident={i} canWrite={canWrite} onChange={list.reload} />)}
        </div>
      ))}
    </div>
  );
}

function StartForm({ onDone, running }: { onDone(): void; running: number }) {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    openIncident({ name: name.trim(), notes, tags: tagsOf(tags) })
      .then(() => {
        setName('');
        setNotes('');
        setTags('');
        onDone();
      }, fail('Could not start the incident'))
      .finally(() => setBusy(false));
  }
  return (
    <form className="panel pad start-form" onSubmit={submit}>
      <h3>Mark an incident {running > 0 && <span className="tag warn">{running} running</span>}</h3>
      <div className="muted small">Starts now; stop it when it is over. Everything in between can be replayed and exported.</div>
      <input data-testid="incident-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="name, e.g. checkout 502s" aria-label="Name" required />
      <textarea data-testid="incident-notes" value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="notes: what you see, pager link…" aria-label="Notes" rows={2} />
      <input data-testid="incident-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="tags, comma separated" aria-label="Tags" />
      <button type="submit" className="primary danger" data-testid="incident-start" disabled={busy || !name.trim()}>● Start incident now</button>
    </form>
  );
}

function IncidentRow({ incident: i, canWrite, onChange }: { incident: Incident; canWrite: boolean; onChange(): void }) {
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState(i.notes);
  const [tags, setTags] = useState(i.tags.join(', '));
  const [busy, setBusy] = useState(false);
  const running = !i.to;
  const act = (p: Promise<unknown>, what: string) => {
    setBusy(true);
    p.then(onChange, fail(what)).finally(() => setBusy(false));
  };
  function exportIt() {
    setBusy(true);
    exportIncident(i.id)
      .then(({ text, file }) => downloadText(text, file, 'application/json'), fail('Could not export the incident'))
      .finally(() => setBusy(false));
  }
  return (
    <div className={`incident-row${running ? ' running' : ''}`} data-testid="incident-row" data-id={i.id} data-name={i.name} data-state={running ? 'open' : 'closed'}>
      <div className="incident-head">
        <span className={`tag ${running ? 'bad' : ''}`}>{running ? '● running' : 'closed'}</span>
        <b className="incident-name">{i.name}</b>
        {i.tags.map((t) => <span key={t} className="tag mono">{t}</span>)}
        <span className="muted small">{pointLabel(i.from)} → {i.to ? pointLabel(i.to) : 'now'} · by {i.createdBy}</span>
        <span className="spacer" />
        <Link data-testid="incident-replay" href={replayHref(i)} title="Open the player at the incident's start">▶ Replay</Link>
        {i.to && <Link href={pointHref('/compare/', null, { from: i.from.resourceVersion, to: i.to.resourceVersion })}>Compare start / end</Link>}
        <Link href={pointHref('/audit/', null, { from: i.from.resourceVersion, ...(i.to ? { to: i.to.resourceVersion } : {}) })}>Audit</Link>
        <button data-testid="incident-export" onClick={exportIt} disabled={busy} title={running ? 'Exports up to now (still running)' : 'The bundle: state at the start plus every event of the range'}>Export</button>
        {canWrite && <button onClick={() => setEditing((e) => !e)} data-testid="incident-annotate">{editing ? 'Cancel' : 'Annotate'}</button>}
        {canWrite && running && <button className="primary" data-testid="incident-stop" disabled={busy} onClick={() => act(stopIncident(i.id), 'Could not stop the incident')}>■ Stop now</button>}
      </div>
      {!editing && i.notes && <div className="incident-notes">{i.notes}</div>}
      {editing && (
        <form className="annotate" onSubmit={(e) => { e.preventDefault(); act(annotateIncident(i.id, { notes, tags: tagsOf(tags) }).then(() => setEditing(false)), 'Could not annotate the incident'); }}>
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} aria-label="Notes" data-testid="incident-edit-notes" />
          <input value={tags} onChange={(e) => setTags(e.target.value)} aria-label="Tags" placeholder="tags, comma separated" data-testid="incident-edit-tags" />
          <button type="submit" className="primary" disabled={busy} data-testid="incident-save">Save</button>
        </form>
      )}
      <div className="muted small">started {utc(i.createdAt)} UTC</div>
    </div>
  );
}

function ImportPanel() {
  const input = useRef<HTMLInputElement>(null);
  const [summary, setSummary] = useState<BundleSummary | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function onFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setSummary(undefined);
    try {
      setSummary(await importBundle(await file.text(), file.name));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <div className="panel pad import-panel">
      <h3>Open an exported bundle</h3>
      <div className="muted small">The server checks the file (format, checksum) and keeps nothing.</div>
      <input ref={input} type="file" accept=".json,application/json" data-testid="incident-import" onChange={(e) => onFile(e.target.files?.[0])} disabled={busy} aria-label="Incident bundle file" />
      {busy && <Loading>Checking the bundle…</Loading>}
      {error && <div className="banner" data-testid="incident-import-error"><span className="msg">Not imported: {error}</span></div>}
      {summary && <BundleCard s={summary} />}
    </div>
  );
}

/** The two commands that serve a bundle read-only beside the running cluster (other ports, its own data directory). */
export function replayCommands(s: Pick<BundleSummary, 'serve'>): string {
  return `${s.serve.replace('--data DIR', '--data ./replay-data --port 6444')}\nchronokube web --data ./replay-data --port 3001`;
}

function BundleCard({ s }: { s: BundleSummary }) {
  return (
    <div className="bundle-card" data-testid="incident-import-summary" data-local={String(s.local)}>
      <div><span className="tag ok">verified</span> <b>{s.incident.name}</b> {s.incident.tags.map((t) => <span key={t} className="tag mono">{t}</span>)}</div>
      <div className="small">{pointLabel(s.from)} → {pointLabel(s.to)} · {s.events} events on {s.objectsChanged} objects · {s.objectsAtStart} objects at the start</div>
      {s.incident.notes && <div className="small incident-notes">{s.incident.notes}</div>}
      {s.local ? (
        <div className="small">
          This cluster’s log holds this incident: <Link data-testid="incident-import-replay" href={replayHref({ id: s.incident.id, from: s.from })}>▶ replay it here (read-only at rv {s.from.resourceVersion})</Link>
        </div>
      ) : null}
      <div className="small">
        {s.local ? 'Elsewhere, or' : 'This bundle comes from another cluster. This server cannot replay it from the browser;'} serve it read-only (writes refused, the original resourceVersions) with:
        <pre className="mono command" data-testid="incident-import-command">{replayCommands(s)}</pre>
        then open the printed login link.
      </div>
    </div>
  );
}
