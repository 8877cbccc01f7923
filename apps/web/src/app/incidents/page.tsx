'use client';
/** /incidents/: mark, list, annotate, replay, export and import incidents. */
import { IncidentsView } from '../../components/history/incidents-view';

export default function IncidentsPage() {
  return <IncidentsView />;
}
