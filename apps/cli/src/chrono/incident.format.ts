import type { Incident, IncidentList } from './contract';
import { cell, renderTable } from './table';
import { formatTime } from './values';

/** Incidents as a table, in the server's order; TO is `open` while one runs. */
export function formatIncidents(list: IncidentList): string {
  if (list.items.length === 0) return 'No incidents found.\n';
  const rows = list.items.map((i) => [
    i.name,
    i.id,
    `${i.from.resourceVersion} (${formatTime(i.from.time)})`,
    i.to ? `${i.to.resourceVersion} (${formatTime(i.to.time)})` : 'open',
    i.tags.length ? i.tags.join(',') : '<none>',
    i.createdBy,
    cell(i.notes, 40),
  ]);
  return renderTable(['NAME', 'ID', 'FROM', 'TO', 'TAGS', 'CREATED-BY', 'NOTES'], rows);
}

/** The line after start/stop: what the incident covers now. */
export function formatIncidentLine(incident: Incident, verb: 'started' | 'stopped'): string {
  const range = incident.to ? `rv ${incident.from.resourceVersion} → ${incident.to.resourceVersion}` : `from rv ${incident.from.resourceVersion}`;
  return `incident "${incident.name}" ${verb} (id ${incident.id}, ${range})\n`;
}

/** Finds an incident by id or, failing that, by name (names need not be unique: the newest wins). */
export function pickIncident(list: IncidentList, idOrName: string): Incident | undefined {
  const byId = list.items.find((i) => i.id === idOrName);
  if (byId) return byId;
  const named = list.items.filter((i) => i.name === idOrName);
  return named.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
}
