// A CSV sheet upload of the catalog's issue-13 data (strategy rates, index history), with the rate
// sheet's flow (admin-rate-sheet.ts): paste or pick a file, "Check" previews exactly that text (or
// lists every bad line), then "Publish" sends that same text, all lines or none.
import { useState, type ReactNode } from 'react';
import { call, errorMessage } from '../../api.js';
import { countSheetRows, type SheetBadRow, type SheetStep } from '../../admin-rate-sheet.js';
import type { DesktopResult } from '../../../src-shared/desktop-api/index.js';
import { Form } from '../../components/form.js';
import { BadRows } from './rate-sheet.js';

export type SheetAnswer<R> = { outcome: 'preview' | 'published'; result: R } | { outcome: 'invalid'; badRows: SheetBadRow[]; message: string };

export function CsvSheetUpload<R>(props: {
  prefix: string;
  title: string;
  columns: readonly string[];
  example: string;
  /** What the key column of a bad line is ("CUSIP and strategy", "Index"). */
  keyLabel: string;
  writable: boolean;
  send: (csv: string, dryRun: boolean) => Promise<DesktopResult<SheetAnswer<R>>>;
  changeCount: (result: R) => number;
  /** "3 rates"; used in the Publish button. */
  noun: (count: number) => string;
  preview: (result: R) => ReactNode;
  onPublished?: () => void;
}) {
  const { prefix, title, columns, example, keyLabel, writable, send, changeCount, noun, preview, onPublished } = props;
  const [text, setText] = useState('');
  const [state, setState] = useState<SheetStep<R>>({ step: 'editing' });
  const busy = state.step === 'checking' || state.step === 'publishing';
  const ready = state.step === 'preview' && state.text === text && changeCount(state.result) > 0;

  const submit = async (dryRun: boolean) => {
    const sheet = text;
    setState(state.step === 'preview' && !dryRun ? { step: 'publishing', text: sheet, result: state.result } : { step: 'checking', text: sheet });
    try {
      const answer = await call(send(sheet, dryRun));
      if (answer.outcome === 'invalid') setState({ step: 'invalid', text: sheet, badRows: answer.badRows, message: answer.message, rowCount: countSheetRows(sheet) });
      else setState({ step: dryRun ? 'preview' : 'published', text: sheet, result: answer.result });
      if (!dryRun && answer.outcome === 'published') onPublished?.();
    } catch (error) {
      setState({ step: 'failed', text: sheet, message: `${dryRun ? 'The sheet was not checked' : 'Nothing was published'}: ${errorMessage(error)}` });
    }
  };

  return (
    <section className="panel" aria-label={title} data-testid={`${prefix}-sheet`}>
      <h3>{title}</h3>
      <Form aria-label={title} onSubmit={() => void submit(true)}>
        <div className="field">
          <label htmlFor={`${prefix}-file`}>CSV file</label>
          <input
            id={`${prefix}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby={`${prefix}-hint`}
            onChange={(event) => void event.target.files?.[0]?.text().then(setText, (error: unknown) => setState({ step: 'failed', text, message: `Could not read the file: ${errorMessage(error)}` }))}
          />
          <span id={`${prefix}-hint`} className="field-hint">
            Columns: {columns.join(', ')} (dates YYYY-MM-DD).
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-text`}>CSV text</label>
          <textarea id={`${prefix}-text`} className="code-input" rows={5} spellCheck={false} value={text} placeholder={example} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || text.trim() === ''}>
            {state.step === 'checking' ? 'Checking…' : 'Check'}
          </button>
          <button type="button" className="button-primary" disabled={!writable || busy || !ready} onClick={() => void submit(false)}>
            {state.step === 'publishing' ? 'Publishing…' : ready && state.step === 'preview' ? `Publish ${noun(changeCount(state.result))}` : 'Publish'}
          </button>
        </div>
        {(state.step === 'preview' || state.step === 'invalid') && state.text !== text ? (
          <p className="tone-text-warning" role="status">
            The text changed since the check: check it again before publishing.
          </p>
        ) : null}
      </Form>
      <div aria-live="polite">
        {state.step === 'failed' ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.step === 'invalid' ? <BadRows state={state} keyLabel={keyLabel} /> : null}
        {state.step === 'preview' || state.step === 'publishing' ? (
          <>
            <h4>Preview: nothing has been published yet</h4>
            {preview(state.result)}
          </>
        ) : null}
        {state.step === 'published' ? (
          <>
            <p className="notice notice-info" role="status" data-testid={`${prefix}-published`}>
              Published {noun(changeCount(state.result))}. Reps get them with their next sync.
            </p>
            {preview(state.result)}
          </>
        ) : null}
      </div>
    </section>
  );
}
