'use client';
/** /compare/?from=P&to=P (or ?correlationId=ID, ?event=RV): what changed between two points. */
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { CompareView } from '../../components/history/compare-view';
import { Loading } from '../../components/state-views';

function Compare() {
  const p = useSearchParams();
  const params = { from: p.get('from'), to: p.get('to'), correlationId: p.get('correlationId'), event: p.get('event'), at: p.get('at') };
  // A new URL is a new comparison: the key resets the inputs and filters.
  return <CompareView key={p.toString()} params={params} />;
}

export default function ComparePage() {
  return (
    <Suspense fallback={<Loading />}>
      <Compare />
    </Suspense>
  );
}
