import { formatAudit } from './audit.format';
import { ANSI, PLAIN } from './color';
import { AUDIT, DIFF, EVENTS, INCIDENTS, TIMELINE, WHATIF, WHY } from './chrono.fixtures';
import { formatDiff } from './diff.format';
import { formatHistory } from './history.format';
import { formatIncidentLine, formatIncidents, pickIncident } from './incident.format';
import { formatLog, moreHint } from './log.format';
import { formatServerTable } from './server-table';
import { renderTable } from './table';
import { formatWhatIf } from './whatif.format';
import { formatWhy } from './why.format';

/** The cells of a rendered table: lines split on runs of 3+ spaces (kubectl's padding). */
const cells = (text: string): string[][] => text.trimEnd().split('\n').map((l) => l.split(/ {3,}/));

describe('renderTable', () => {
  it('pads every column but the last to its widest cell plus three, at least six', () => {
    const out = renderTable(['NAME', 'X', 'LAST'], [['web-config', 'a', 'tail'], ['db', 'bbbbbbbbb', '']]);
    expect(out).toBe('NAME         X           LAST\nweb-config   a           tail\ndb           bbbbbbbbb\n');
  });

  it('counts a multi-byte character once', () => {
    const out = renderTable(['A', 'B'], [['→x', '1'], ['yyy', '2']]);
    expect(out.split('\n')[1].indexOf('1')).toBe(out.split('\n')[2].indexOf('2'));
  });
});

describe('formatHistory', () => {
  const out = formatHistory(TIMELINE);
  const rows = cells(out).slice(1);

  it('titles the object and lists one row per version, oldest first', () => {
    expect(out.split('\n')[0]).toBe('ConfigMap demo/web-config: 5 versions');
    expect(rows[0]).toEqual(['REVISION', 'RV', 'TIME', 'EVENT', 'ACTOR', 'VERB', 'CHANGES']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['101', '140', '188', '230', '260']);
  });

  it('names who did it, the verb, and what changed from old to new', () => {
    expect(rows[1]).toEqual(['1', '101', '2026-12-05T03:10:00Z', 'ConfigMapCreated', 'alice', 'create', 'created']);
    expect(rows[2]).toEqual(['2', '140', '2026-12-05T03:11:00Z', 'ConfigMapUpdated', 'alice', 'update', 'data["greeting"]: "hello" → "hi"']);
    expect(rows[3][4]).toBe('eddie');
    expect(rows[3][6]).toBe('data["greeting"]: "hi" → "hey", data["color"]: <absent> → "blue", +1 more');
  });

  it('marks a delete and a re-create of the same name', () => {
    expect(rows[4][6]).toBe('deleted');
    expect(rows[5][6]).toBe('re-created (life 2)');
  });
});

describe('formatDiff', () => {
  it('lists added, removed and changed objects with each field old → new', () => {
    const out = formatDiff(DIFF, PLAIN);
    expect(out).toBe([
      'Diff rv 101 (2026-12-05T03:10:00Z) → rv 188 (2026-12-05T03:12:30Z): 1 added, 1 removed, 1 changed',
      '',
      '+ Pod demo/web-2',
      '- Service demo/old',
      '~ ConfigMap demo/web-config (rv 101 → 188)',
      '      data["greeting"]: "hello" → "hey"',
      '    + data["color"]: <absent> → "blue"',
      '    - metadata.labels["tier"]: "front" → <absent>',
      '',
    ].join('\n'));
  });

  it('colours only when asked (a TTY): green +, red -', () => {
    expect(formatDiff(DIFF, PLAIN)).not.toContain('\u001b[');
    const coloured = formatDiff(DIFF, ANSI);
    expect(coloured).toContain('\u001b[32m+ Pod demo/web-2\u001b[0m');
    expect(coloured).toContain('\u001b[31m- Service demo/old\u001b[0m');
  });

  it('says so when nothing changed', () => {
    expect(formatDiff({ ...DIFF, added: [], removed: [], changed: [] }, PLAIN)).toBe(
      'Diff rv 101 (2026-12-05T03:10:00Z) → rv 188 (2026-12-05T03:12:30Z): 0 added, 0 removed, 0 changed\n',
    );
  });
});

describe('formatWhy', () => {
  const out = formatWhy(WHY);
  const lines = out.split('\n');

  it('names the subject and the request at the root, with who and from where', () => {
    expect(lines[0]).toBe('Subject: PodBound Pod demo/web-1-abc by system:scheduler (create) rv 305 (2026-12-05T03:12:00Z)');
    expect(lines[1]).toBe('Root:    a request by alice (patch, kubectl/v1.32.0 from 127.0.0.1)');
  });

  it('indents the chain from the root request down to the subject', () => {
    const start = lines.indexOf('Chain (root → subject):');
    expect(lines.slice(start + 1, start + 5)).toEqual([
      'DeploymentScaled Deployment demo/web by alice (patch) rv 300 (2026-12-05T03:12:00Z)',
      '└─ ReplicaSetScaled ReplicaSet demo/web-1 by system:controller:deployment (update) rv 301 (2026-12-05T03:12:00Z)',
      '   └─ PodCreated Pod demo/web-1-abc by system:controller:replicaset (create) rv 302 (2026-12-05T03:12:00Z)',
      '      └─ PodBound Pod demo/web-1-abc by system:scheduler (create) rv 305 (2026-12-05T03:12:00Z)   ◀ subject',
    ]);
  });

  it('then shows what the subject caused, as a tree', () => {
    const start = lines.indexOf('It caused (2 events):');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(/^├─ EventCreated Event demo\/web-1-abc\.1 by system:node:node1/);
    expect(lines[start + 2]).toMatch(/^└─ PodStatusChanged Pod demo\/web-1-abc by system:node:node1 \(update\) rv 310 .*\[Started\]$/);
  });

  it('explains a root that is an observation or a broken chain', () => {
    expect(formatWhy({ ...WHY, rootKind: 'observation' })).toContain('Root:    an observation by alice');
    const broken = formatWhy({ ...WHY, rootKind: 'unknown' });
    expect(broken).toContain('whose cause req-9 is not in the log');
    const leaf = formatWhy({ ...WHY, subject: WHY.tree.children[0].children[0].children[0].children[1].event });
    expect(leaf).toContain('It caused: nothing so far.');
  });
});

describe('formatLog, formatAudit, incidents, what-if', () => {
  it('prints events with their object and actor, and hints at more pages', () => {
    const rows = cells(formatLog(EVENTS));
    expect(rows[0]).toEqual(['RV', 'TIME', 'EVENT', 'NAMESPACE', 'OBJECT', 'ACTOR', 'VERB']);
    expect(rows[3]).toEqual(['300', '2026-12-05T03:12:00Z', 'DeploymentScaled', 'demo', 'Deployment/web', 'alice', 'patch']);
    expect(moreHint(EVENTS)).toContain('more events');
    expect(moreHint({ ...EVENTS, metadata: { resourceVersion: '1' } })).toBeUndefined();
    expect(formatLog({ ...EVENTS, items: [] })).toBe('No events found.\n');
  });

  it('prints a refused request with user, source, code and message', () => {
    const rows = cells(formatAudit(AUDIT));
    expect(rows[0]).toEqual(['TIME', 'USER', 'SOURCE', 'VERB', 'RESOURCE', 'NAMESPACE', 'NAME', 'CODE', 'RESULT', 'MESSAGE']);
    const denied = formatAudit(AUDIT).split('\n')[1];
    expect(denied).toMatch(/^2026-12-05T03:12:00Z\s+victor\s+127\.0\.0\.1\s+delete\s+namespaces\s+prod\s+403\s+denied\s+namespaces "prod" is forbidden/);
    expect(formatAudit(AUDIT).split('\n')[2]).toMatch(/alice\s+10\.0\.0\.7\s+patch\s+deployments\.apps\s+demo\s+web\s+200\s+allowed$/);
  });

  it('lists incidents, open ones as open, and finds one by id or newest name', () => {
    const rows = cells(formatIncidents(INCIDENTS));
    expect(rows[1]).toEqual(['outage', 'i-1', '100 (2026-12-05T03:00:00Z)', '300 (2026-12-05T03:30:00Z)', 'sev1,web', 'alice', 'pods crashlooping']);
    expect(rows[2].slice(0, 5)).toEqual(['outage', 'i-2', '400 (2026-12-05T04:00:00Z)', 'open', '<none>']);
    expect(pickIncident(INCIDENTS, 'i-1')?.id).toBe('i-1');
    expect(pickIncident(INCIDENTS, 'outage')?.id).toBe('i-2');
    expect(pickIncident(INCIDENTS, 'nope')).toBeUndefined();
    expect(formatIncidentLine(INCIDENTS.items[0], 'stopped')).toBe('incident "outage" stopped (id i-1, rv 100 → 300)\n');
    expect(formatIncidentLine(INCIDENTS.items[1], 'started')).toBe('incident "outage" started (id i-2, from rv 400)\n');
  });

  it('says how many placements change and why a pod fits nowhere', () => {
    const out = formatWhatIf(WHATIF);
    expect(out.split('\n')[0]).toBe('What-if at rv 310 (2026-12-05T03:13:00Z): 1 of 3 placements would change');
    const rows = cells(out).slice(1);
    expect(rows[1]).toEqual(['demo', 'web-1-abc', 'node1', 'node2', 'yes', 'NodeResourcesFit=80']);
    expect(rows[3]).toEqual(['demo', 'big', '<none>', '<unschedulable>', 'no', '0/2 nodes are available: 2 Insufficient cpu.']);
  });
});

describe('formatServerTable', () => {
  const table = {
    kind: 'Table' as const,
    columnDefinitions: [{ name: 'Name', priority: 0 }, { name: 'Ready', priority: 0 }, { name: 'IP', priority: 1 }],
    rows: [{ cells: ['web-1', '1/1', null], object: { metadata: { namespace: 'demo' } } }],
  };

  it('prints priority-0 columns upper-cased, all of them with wide', () => {
    expect(formatServerTable(table)).toBe('NAME    READY\nweb-1   1/1\n');
    expect(formatServerTable(table, { wide: true })).toBe('NAME    READY   IP\nweb-1   1/1     <none>\n');
  });

  it('leads with NAMESPACE across namespaces', () => {
    expect(formatServerTable(table, { withNamespace: true }).split('\n')[1]).toMatch(/^demo\s+web-1\s+1\/1$/);
  });
});
