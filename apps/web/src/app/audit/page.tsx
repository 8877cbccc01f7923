'use client';
/** /audit/?user=&verb=&resource=&namespace=&result=&since=|from=&to=&q=: the audit browser. */
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { AuditView } from '../../components/history/audit-view';
import { filterFromQuery } from '../../components/history/audit-rows';
import { Loading } from '../../components/state-views';

function Audit() {
  const p = useSearchParams();
  return <AuditView filter={filterFromQuery(p)} query={p.toString()} />;
}

export default function AuditPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Audit />
    </Suspense>
  );
}
