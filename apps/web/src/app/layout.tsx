import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { AppShell } from '../components/app-shell';
import { THEME_BOOT_SCRIPT } from '../components/theme';

export const metadata: Metadata = { title: 'chronokube', description: 'The chronokube cluster dashboard' };

/** The root layout: the shell (and its cluster store) stays mounted across pages. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <AppShell>{children}</AppShell>
      </body>
    </html>
  );
}
