'use client';
/**
 * The frame of every page: top bar (navigation, live status, theme, user),
 * the error banner, keyboard shortcuts, and the sign-in guard.
 */
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ClusterProvider, usePoint, useTravel } from '../state/cluster-context';
import { useNotices } from '../state/notices';
import { interpretKey, isTyping } from '../lib/key-sequences';
import { pointHref } from '../lib/links';
import { readToken } from '../lib/token-store';
import { ConnectionStatus } from './connection-status';
import { ErrorBanner } from './error-banner';
import { UserMenu } from './user-menu';
import { toggleTheme } from './theme';
import { useTheme } from './use-theme';
import { PointBanner } from './point-banner';
import { TimelineBar } from './timeline/timeline-bar';

const NAV = [
  { href: '/', label: 'Overview', id: 'nav-overview', key: 'g o' },
  { href: '/workloads/', label: 'Workloads', id: 'nav-workloads', key: 'g w' },
  { href: '/map/', label: 'Map', id: 'nav-map', key: 'g m' },
  { href: '/timeline/', label: 'Timeline', id: 'nav-timeline', key: 'g t' },
  ...[['/compare/', 'Compare'], ['/audit/', 'Audit'], ['/incidents/', 'Incidents']].map(([href, label]) => ({ href, label, id: `nav-${label.toLowerCase()}`, key: '' })),
];

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname() ?? '/';
  const onLogin = pathname.startsWith('/login');
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  useEffect(() => {
    const has = !!readToken();
    setSignedIn(has);
    if (!has && !onLogin) window.location.replace('/login/');
  }, [onLogin]);
  if (onLogin) return <ClusterProvider live={false}>{children}</ClusterProvider>;
  if (!signedIn) return <div className="loading" data-testid="loading" style={{ margin: 40 }}>Checking sign-in…</div>;
  return (
    <ClusterProvider live>
      <Frame pathname={pathname}>{children}</Frame>
    </ClusterProvider>
  );
}

function Frame({ pathname, children }: { pathname: string; children: ReactNode }) {
  const router = useRouter();
  const theme = useTheme();
  const [help, setHelp] = useState(false);
  const pending = useRef<string | undefined>(undefined);
  const travel = useTravel();
  const point = usePoint();
  // A page's request errors belong to that page: they were shown there, a new page starts clean.
  useEffect(() => useNotices.setState({ notices: [] }), [pathname]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        setHelp(false);
        if (isTyping(e.target as HTMLElement)) (e.target as HTMLElement).blur();
        return;
      }
      if (isTyping(e.target as HTMLElement)) return;
      // Time travel: [ ] one event, { } one user action, p play/pause, L live.
      const travelKey = e.key === '[' || e.key === ']' || e.key === '{' || e.key === '}' || e.key === 'p' || e.key === 'L';
      if (travelKey && pending.current === undefined) {
        e.preventDefault();
        if (e.key === 'p') {
          if (travel.ui.getState().playing) travel.pause();
          else void travel.play();
        } else if (e.key === 'L') void travel.goLive();
        else void travel.step(e.key === '[' || e.key === '{' ? 'back' : 'forward', e.key === '[' || e.key === ']' ? 'event' : 'action');
        return;
      }
      const action = interpretKey(e.key, pending.current);
      pending.current = action.type === 'pending' ? 'g' : undefined;
      if (action.type === 'navigate') router.push(action.href);
      else if (action.type === 'toggle-theme') toggleTheme();
      else if (action.type === 'help') setHelp((h) => !h);
      else if (action.type === 'focus-search') {
        const el = document.querySelector<HTMLInputElement>('[data-search]');
        if (el) {
          e.preventDefault();
          el.focus();
          el.select();
        }
      }
    };
    // Plain anchors (pod chips) ask for client-side navigation through this event.
    const onNavigate = (e: Event) => router.push((e as CustomEvent<string>).detail);
    window.addEventListener('keydown', onKey);
    window.addEventListener('chronokube-navigate', onNavigate);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('chronokube-navigate', onNavigate);
    };
  }, [router, travel]);
  const active = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href.replace(/\/$/, '')));
  const fill = pathname.startsWith('/workloads') || pathname.startsWith('/map') || pathname.startsWith('/timeline');
  return (
    <div className={`shell${point ? ' past' : ''}`}>
      <header className="topbar">
        <span className="brand">chrono<span>kube</span></span>
        <nav className="nav">
          {NAV.map((n) => (
            <Link key={n.id} href={pointHref(n.href, point?.rv ?? null)} data-testid={n.id} className={active(n.href) ? 'active' : ''} title={n.key ? `${n.label} (${n.key})` : n.label}>
              {n.label}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <ConnectionStatus />
        <button onClick={() => toggleTheme()} title="Toggle dark/light (t)" aria-label="Toggle theme">{theme === 'dark' ? '☀' : '☾'}</button>
        <button onClick={() => setHelp((h) => !h)} title="Keyboard shortcuts (?)">?</button>
        <UserMenu />
      </header>
      <ErrorBanner />
      <PointBanner />
      {help && (
        <div className="dialog-backdrop" onClick={() => setHelp(false)}>
          <div className="dialog help-keys" onClick={(e) => e.stopPropagation()}>
            <h3>Keyboard</h3>
            <p><kbd>/</kbd> search · <kbd>g</kbd> <kbd>o</kbd> overview · <kbd>g</kbd> <kbd>w</kbd> workloads · <kbd>g</kbd> <kbd>m</kbd> map</p>
            <p><kbd>[</kbd> / <kbd>]</kbd> back / forward one event · <kbd>{'{'}</kbd> / <kbd>{'}'}</kbd> back / forward one user action · <kbd>p</kbd> play / pause · <kbd>L</kbd> live</p>
            <p>Timeline: click or drag to set the point, wheel to zoom, shift+wheel to pan; <kbd>g</kbd> <kbd>t</kbd> resource timeline</p>
            <p><kbd>t</kbd> dark/light · <kbd>↑</kbd>/<kbd>↓</kbd> rows, <kbd>Enter</kbd> open · <kbd>Esc</kbd> leave a field · <kbd>?</kbd> this help</p>
          </div>
        </div>
      )}
      <main className={`main${fill ? ' fill' : ''}`}>{children}</main>
      <TimelineBar />
    </div>
  );
}
