'use client';
/** /why/?event=<rv or id> or /why/?kind=&namespace=&name=[&at=]: the cause chain and the tree of effects. */
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { WhyView } from '../../components/history/why-view';
import { Loading } from '../../components/state-views';

function Why() {
  const p = useSearchParams();
  const params = { event: p.get('event'), kind: p.get('kind'), namespace: p.get('namespace'), name: p.get('name'), at: p.get('at') };
  return <WhyView key={p.toString()} params={params} />;
}

export default function WhyPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Why />
    </Suspense>
  );
}
