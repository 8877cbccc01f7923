'use client';
/**
 * Two versions of an object as YAML side by side (@codemirror/merge's
 * MergeView): changed lines marked, unchanged stretches folded away, both
 * sides read-only. Left = before, right = after; a missing side is empty.
 */
import { MergeView } from '@codemirror/merge';
import { oneDark } from '@codemirror/theme-one-dark';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState, EditorView } from '@uiw/react-codemirror';
import { dump } from 'js-yaml';
import { useEffect, useRef } from 'react';
import type { KubeObject } from '@chronokube/core';
import { useTheme } from '../use-theme';

/** An object as kubectl-like YAML, without what only adds noise to a diff (managedFields, resourceVersion). */
export function diffYaml(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const { managedFields: _m, resourceVersion: _rv, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return dump({ ...obj, metadata }, { noRefs: true, lineWidth: 120, sortKeys: false });
}

export function SideBySide({ before, after, labels }: { before?: KubeObject; after?: KubeObject; labels: [string, string] }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  useEffect(() => {
    if (!host.current) return;
    const extensions = [yaml(), EditorView.editable.of(false), EditorState.readOnly.of(true), EditorView.lineWrapping, ...(theme === 'dark' ? [oneDark] : [])];
    const view = new MergeView({
      a: { doc: diffYaml(before), extensions },
      b: { doc: diffYaml(after), extensions },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
      highlightChanges: true,
    });
    return () => view.destroy();
  }, [before, after, theme]);
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <div className="sbs-labels"><span>{labels[0]}</span><span>{labels[1]}</span></div>
      <div ref={host} className="sbs-host" />
    </div>
  );
}
