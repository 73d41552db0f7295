import { useState } from 'react';
import type { SavedComparisonView } from '../../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from '../api.js';
import { savedTerms } from '../compare-view.js';
import { AsyncView } from '../components/async-view.js';
import { BestInterestSummary } from '../components/best-interest.js';
import { ComparisonTables } from '../components/comparison-tables.js';
import { IllustrationSections } from '../components/illustration-sections.js';
import { RecordedClientFit, recordedCarriers } from '../components/client-fit-warnings.js';
import { PrintHistory } from '../components/print-history.js';
import { formatBusinessDate, formatTimestamp, recordReference } from '../../src-shared/format/display.js';
import { isHistoricalView } from '../../src-shared/historical-view.js';
import { HistoricalViewNotice, UnshownRecordNotice } from '../components/saved-record-notices.js';
import { useBusinessToday } from '../business-date.js';
import { useAsync } from '../use-async.js';
import { Screen } from './screen-title.js';
import { uploadText } from '../saved-view.js';

async function loadSaved(comparisonId: string): Promise<SavedComparisonView> {
  const saved = await call(desktopApi().getComparison({ comparisonId }));
  if (saved === null) throw new Error('No comparison with this id is saved on this laptop.');
  return saved;
}

/** A saved comparison exactly as it was shown: the stored result, never recomputed with today's rates. */
export function SavedComparisonScreen({ comparisonId }: { comparisonId: string }) {
  const { state, reload } = useAsync(() => loadSaved(comparisonId), comparisonId);
  return (
    <Screen title="Saved comparison" back={{ to: { name: 'saved-list' }, label: 'Saved comparisons' }}>
      <AsyncView state={state} what="the saved comparison" onRetry={reload}>
        {(saved) => <SavedBody saved={saved} />}
      </AsyncView>
    </Screen>
  );
}

function SavedBody({ saved }: { saved: SavedComparisonView }) {
  const [copies, setCopies] = useState(saved.printHistory ?? []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // A record saved as a historical view, or one whose rates are not today's any more: printed only
  // as a historical view (main watermarks every page), and labelled so here.
  const today = useBusinessToday();
  const historical = saved.historical || isHistoricalView(saved.asOfDate, today);
  const exportPdf = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await call(desktopApi().saveIllustrationPdf({ comparisonId: saved.comparisonId, suggestedFileName: 'RateDesk illustration.pdf', historical }));
      const which = result.reprint === true ? ' (a reprint, marked as such)' : '';
      setMessage({ kind: 'ok', text: result.saved ? `Illustration saved${which}${result.filePath === null ? '' : ` to ${result.filePath}`}.` : 'PDF export cancelled.' });
      // The new copy joins the print history.
      if (result.saved) setCopies((await loadSaved(saved.comparisonId)).printHistory ?? []);
    } catch (error) {
      setMessage({ kind: 'error', text: `No PDF: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="muted" data-testid="saved-meta">
        Saved {formatTimestamp(saved.createdAt)}
        {saved.clientReference === null ? '' : ` for ${saved.clientReference}`} · {uploadText(saved)} · Figures use the rates in force on {formatBusinessDate(saved.asOfDate)}, as shown then · Record{' '}
        <span data-testid="record-reference">{recordReference(saved.comparisonId)}</span> (as printed on its illustration)
        {saved.preparedOn === undefined ? '' : ` · Prepared ${formatBusinessDate(saved.preparedOn)} (the date on every copy)`}
        {saved.appVersion === undefined ? '' : ` · RateDesk ${saved.appVersion}`}
      </p>
      {historical ? (
        <HistoricalViewNotice asOfDate={saved.asOfDate} why={saved.historical ? ': saved as a historical view.' : ': the rates in force today may differ.'} />
      ) : null}
      {saved.shown === null ? (
        <UnshownRecordNotice />
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void exportPdf()} disabled={busy} data-testid="export-pdf">
              {busy ? 'Preparing PDF…' : 'Client illustration (PDF)'}
            </button>
          </div>
          <p className={message?.kind === 'error' ? 'notice notice-error' : 'sr-status'} role={message?.kind === 'error' ? 'alert' : 'status'}>
            {message?.text ?? ''}
          </p>
          <PrintHistory copies={copies} />
          <BestInterestSummary value={saved.bestInterest} />
          <RecordedClientFit record={saved} />
          <ComparisonTables comparison={saved.shown} terms={savedTerms(saved.shown, saved.items)} carriers={recordedCarriers(saved)} />
          <IllustrationSections comparison={saved.shown} />
        </>
      )}
    </>
  );
}
