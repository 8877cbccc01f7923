'use client';
/** An object as YAML in a read-only CodeMirror (folding, search with Ctrl-F, syntax colours). */
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { dump } from 'js-yaml';
import { useMemo } from 'react';
import type { KubeObject } from '@chronokube/core';
import { useTheme } from './use-theme';

const extensions = [yaml(), EditorView.lineWrapping];

export function ObjectYaml({ obj }: { obj: KubeObject }) {
  const theme = useTheme();
  const text = useMemo(() => {
    const { managedFields: _managed, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
    return dump({ ...obj, metadata }, { noRefs: true, lineWidth: 120 });
  }, [obj]);
  return (
    <div data-testid="object-yaml" className="panel" style={{ overflow: 'hidden' }}>
      <CodeMirror value={text} extensions={extensions} editable={false} readOnly theme={theme} basicSetup={{ foldGutter: true, highlightActiveLine: false }} />
    </div>
  );
}
