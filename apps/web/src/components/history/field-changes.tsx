'use client';
/** The readable list of changed fields: path, old value → new value (data-testid field-change, data-path). */
import type { FieldChange } from '@chronokube/core';
import { useState } from 'react';
import { showValue } from './compare-range';

export function FieldChanges({ fields, limit = 12, maxChars = 120 }: { fields: FieldChange[]; limit?: number; maxChars?: number }) {
  const [all, setAll] = useState(false);
  if (fields.length === 0) return <div className="muted small">no field changed</div>;
  const shown = all ? fields : fields.slice(0, limit);
  return (
    <table className="fields">
      <tbody>
        {shown.map((f) => (
          <tr key={f.path} data-testid="field-change" data-path={f.path}>
            <td className="mono path">{f.path}</td>
            <td className="mono old" title={showValue(f.old, 10_000)}>{showValue(f.old, maxChars)}</td>
            <td className="arrow">→</td>
            <td className="mono new" title={showValue(f.new, 10_000)}>{showValue(f.new, maxChars)}</td>
          </tr>
        ))}
        {fields.length > shown.length && (
          <tr><td colSpan={4}><button className="link" onClick={() => setAll(true)}>+{fields.length - shown.length} more fields</button></td></tr>
        )}
      </tbody>
    </table>
  );
}
