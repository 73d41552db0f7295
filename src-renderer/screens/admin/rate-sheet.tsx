import { useState } from 'react';
import { call, desktopApi, errorMessage } from '../../api.js';
import { canPublishSheet, countSheetRows, invalidSummary, isStale, publishLabel, sortedBadRows, type SheetResult, type SheetStep } from '../../admin-rate-sheet.js';
import { formatBusinessDate, formatPercentText } from '../../../src-shared/format/display.js';
import { DataTable, num } from '../../components/data-table.js';
import { Form } from '../../components/form.js';
import { Screen } from '../screen-title.js';

const EXAMPLE = 'cusip,base_rate,bonus_rate,effective_date\n037833100,4.80,0.50,2026-12-01';

export function AdminRateSheetScreen({ writable }: { writable: boolean }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  // A new key empties the file input (its value cannot be set) when the admin starts over.
  const [fileInputKey, setFileInputKey] = useState(0);
  const [state, setState] = useState<SheetStep>({ step: 'editing' });
  const stale = isStale(state, text);
  const busy = state.step === 'checking' || state.step === 'publishing';

  const readFile = async (file: File | undefined) => {
    setFileProblem(null);
    if (file === undefined) return;
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch (error) {
      setFileProblem(`Could not read ${file.name}: ${errorMessage(error)}`);
    }
  };

  const check = async () => {
    const sheet = text;
    setState({ step: 'checking', text: sheet });
    try {
      const answer = await call(desktopApi().adminImportRateSheet({ csv: sheet, dryRun: true }));
      if (answer.outcome === 'invalid') setState({ step: 'invalid', text: sheet, badRows: answer.badRows, message: answer.message, rowCount: countSheetRows(sheet) });
      else setState({ step: 'preview', text: sheet, result: answer.result });
    } catch (error) {
      setState({ step: 'failed', text: sheet, message: `The sheet was not checked: ${errorMessage(error)}` });
    }
  };

  const publish = async () => {
    if (state.step !== 'preview' || !canPublishSheet(state, text)) return;
    const { text: sheet, result: preview } = state;
    setState({ step: 'publishing', text: sheet, result: preview });
    try {
      const api = desktopApi();
      const answer = await call(api.adminImportRateSheet({ csv: sheet, dryRun: false }));
      if (answer.outcome === 'invalid') {
        // Something changed on the server since the check (another admin published, a product was withdrawn).
        setState({ step: 'invalid', text: sheet, badRows: answer.badRows, message: answer.message, rowCount: countSheetRows(sheet) });
        return;
      }
      await call(api.syncNow()).catch(() => undefined);
      setState({ step: 'published', text: sheet, result: answer.result });
    } catch (error) {
      setState({ step: 'failed', text: sheet, message: `Nothing was published: ${errorMessage(error)}` });
    }
  };

  return (
    <Screen title="Rate sheet import">
      <p className="lede">
        Publish many rates at once from a CSV file. <strong>Check</strong> shows every change, or every row with a problem, before anything is published; then <strong>Publish</strong>{' '}
        publishes all rows or none.
      </p>
      <Form className="panel" aria-label="Rate sheet" onSubmit={() => void check()}>
        <div className="field">
          <label htmlFor="sheet-file">CSV file</label>
          <input key={fileInputKey} id="sheet-file" type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event.target.files?.[0])} data-testid="sheet-file" aria-describedby="sheet-file-hint" />
          <span id="sheet-file-hint" className="field-hint">
            Columns: cusip, base_rate, bonus_rate (blank = 0), effective_date (YYYY-MM-DD, today or later). The file's text appears below.
          </span>
          {fileProblem === null ? null : (
            <span className="field-error" role="alert">
              {fileProblem}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="sheet-text">{fileName === null ? 'Or paste the CSV text' : `CSV text (from ${fileName})`}</label>
          <textarea
            id="sheet-text"
            className="code-input"
            rows={8}
            spellCheck={false}
            value={text}
            placeholder={EXAMPLE}
            onChange={(event) => setText(event.target.value)}
            data-testid="sheet-text"
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || text.trim() === ''} data-testid="sheet-check">
            {state.step === 'checking' ? 'Checking…' : 'Check'}
          </button>
          <button type="button" className="button-primary" disabled={!writable || busy || !canPublishSheet(state, text)} onClick={() => void publish()} data-testid="sheet-publish">
            {state.step === 'publishing' ? 'Publishing…' : publishLabel(state, text)}
          </button>
          {stale && (state.step === 'preview' || state.step === 'invalid') ? (
            <span className="tone-text-warning" role="status">
              The text changed since the check: check it again before publishing.
            </span>
          ) : null}
        </div>
      </Form>

      <div aria-live="polite">
        {state.step === 'checking' ? (
          <p className="notice" role="status">
            Checking the sheet…
          </p>
        ) : null}
        {state.step === 'failed' ? (
          <p className="notice notice-error" role="alert" data-testid="sheet-failed">
            {state.message}
          </p>
        ) : null}
        {state.step === 'invalid' ? <BadRows state={state} /> : null}
        {state.step === 'preview' || state.step === 'publishing' ? <Preview result={state.result} title="Preview: nothing has been published yet" testId="sheet-preview" /> : null}
        {state.step === 'published' ? (
          <>
            <div className="notice notice-info">
              <p role="status" data-testid="sheet-published">
                Published {state.result.changes.length} rate{state.result.changes.length === 1 ? '' : 's'}. Reps get them with their next sync.
              </p>
              <button
                type="button"
                onClick={() => {
                  setText('');
                  setFileName(null);
                  setFileInputKey((key) => key + 1);
                  setState({ step: 'editing' });
                  document.getElementById('sheet-file')?.focus();
                }}
              >
                Start another sheet
              </button>
            </div>
            <Preview result={state.result} title="Published" testId="sheet-result" />
          </>
        ) : null}
      </div>
    </Screen>
  );
}

/** `keyLabel`: what the second column names a line by (the CUSIP of a rate sheet, an index name). */
export function BadRows({ state, keyLabel = 'CUSIP' }: { state: Pick<Extract<SheetStep, { step: 'invalid' }>, 'badRows' | 'message' | 'rowCount'>; keyLabel?: string }) {
  const rows = sortedBadRows(state.badRows);
  return (
    <section className="panel" aria-labelledby="bad-rows-title" data-testid="sheet-invalid">
      <h2 id="bad-rows-title">Problems in the sheet</h2>
      <p className="notice notice-error" role="alert" data-testid="sheet-invalid-summary">
        {rows.length === 0 ? `${state.message} Nothing was published.` : invalidSummary(rows.length, Math.max(state.rowCount, rows.length))}
      </p>
      {rows.length === 0 ? null : (
        <DataTable columns={[num('Line'), keyLabel, 'Problems']} caption="Every row with a problem, by line of the file" testId="bad-rows">
          {rows.map((row) => (
            <tr key={row.line} data-testid="bad-row" data-line={row.line}>
              <th scope="row" className="num">
                {row.line}
              </th>
              <td>{row.cusip ?? '—'}</td>
              <td>
                <ul className="reason-list">
                  {row.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Preview({ result, title, testId }: { result: SheetResult; title: string; testId: string }) {
  return (
    <section className="panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p className="muted">
        {result.changes.length} of {result.rowCount} row{result.rowCount === 1 ? '' : 's'}, checked against {formatBusinessDate(result.today)}.
      </p>
      <DataTable columns={['Line', 'CUSIP', 'Product', num('Old rate'), num('New rate'), 'Effective']}>
        {result.changes.map((change) => (
          <tr key={change.ref} data-testid="preview-row" data-cusip={change.cusip}>
            <td>{change.ref.replace(/^line /, '')}</td>
            <td>{change.cusip}</td>
            <th scope="row">{change.productName}</th>
            <td className="num">{change.current === null ? 'None' : <RateWithBonus rate={change.current} />}</td>
            <td className="num">
              <span aria-hidden="true">→ </span>
              <RateWithBonus rate={change.new} />
            </td>
            <td>
              {formatBusinessDate(change.new.effectiveDate)}
              {change.inForceToday ? <span className="tag tag-in-force">today</span> : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** "4.80%", with "+ 0.50% bonus" beneath when there is a bonus. */
function RateWithBonus({ rate }: { rate: { baseRate: string; bonusRate: string } }) {
  return (
    <>
      {formatPercentText(rate.baseRate)}
      {/^0+(\.0+)?$/.test(rate.bonusRate) ? null : <span className="cell-note">+ {formatPercentText(rate.bonusRate)} bonus</span>}
    </>
  );
}
