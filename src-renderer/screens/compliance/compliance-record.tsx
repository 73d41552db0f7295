// One record in the compliance console: its facts (rep, times, versions, disclosure hash, catalog
// cursor, best interest), flags (with who retracted which rate when), its printed copies with
// "Regenerate PDF" (main renders the copy again from the record and compares the SHA-256 with the
// one the rep's laptop reported), and what the rep showed the client, rendered by the very
// components of the rep's saved-comparison screen.
import { useState, type ReactNode } from 'react';
import type { AdminAccessView, ComplianceRecordView, PrintEvent } from '../../../src-shared/desktop-api/index.js';
import { HistoricalViewNotice, UnshownRecordNotice } from '../../components/saved-record-notices.js';
import { formatBusinessDate, formatMoneyText, formatTimestamp, recordReference } from '../../../src-shared/format/display.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import { savedTerms } from '../../compare-view.js';
import { AsyncView } from '../../components/async-view.js';
import { BestInterestSummary } from '../../components/best-interest.js';
import { ComparisonTables } from '../../components/comparison-tables.js';
import { RecordedClientFit, recordedCarriers } from '../../components/client-fit-warnings.js';
import { DataTable, num, unlabelled } from '../../components/data-table.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';
import { complianceGate } from './compliance-search.js';
import { flagWords, regenerateText, retractionText } from './compliance-view.js';

export function ComplianceRecordScreen(props: { comparisonId: string; query: string; access: AdminAccessView | null }) {
  const { comparisonId, query, access } = props;
  const gate = complianceGate(access);
  const { state, reload } = useAsync(
    () => (gate !== null ? Promise.reject(new Error('not available')) : call(desktopApi().complianceRecord({ comparisonId }))),
    `${comparisonId}|${gate === null ? 'open' : 'gated'}`,
  );
  return (
    <Screen title={`Record ${recordReference(comparisonId)}`} back={{ to: { name: 'compliance', query }, label: 'Compliance review' }} testId="compliance-record">
      {gate ?? (
        <AsyncView state={state} what="the record" onRetry={reload}>
          {(loaded) => <RecordBody loaded={loaded} />}
        </AsyncView>
      )}
    </Screen>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={testId}>{children}</td>
    </tr>
  );
}

function RecordBody({ loaded }: { loaded: ComplianceRecordView }) {
  const { record, view } = loaded;
  const flags = flagWords(record.flags);
  return (
    <>
      <table className="data-table" data-testid="compliance-facts">
        <caption className="visually-hidden">The record's facts</caption>
        <tbody>
        <Fact label="Rep">
          {record.rep.name} ({record.rep.email})
        </Fact>
        <Fact label="Client reference">{record.clientReference ?? '—'}</Fact>
        <Fact label="Amount and years">
          {formatMoneyText(record.investmentAmount)} over {record.horizonYears} years
        </Fact>
        <Fact label="Shown (laptop clock)">{formatTimestamp(record.comparisonDate)}</Fact>
        <Fact label="Received by the server">{formatTimestamp(record.receivedAt)}</Fact>
        <Fact label="Rates as of">{formatBusinessDate(record.asOfDate)}</Fact>
        <Fact label="Prepared on (every copy)">{record.preparedOn === null ? 'not recorded (saved before it was kept)' : formatBusinessDate(record.preparedOn)}</Fact>
        <Fact label="App version">{record.appVersion ?? 'not recorded'}</Fact>
        <Fact label="Rules version">{record.engineVersion}</Fact>
        <Fact label="Disclosure text (SHA-256)" testId="compliance-disclosure-hash">
          {record.disclosures === null ? 'not recorded' : <code>{record.disclosures.sha256}</code>}
        </Fact>
        <Fact label="Catalog cursor">{record.catalogCursor === null ? 'none (the catalog had never synced)' : <code>{record.catalogCursor}</code>}</Fact>
        <Fact label="Flags" testId="compliance-record-flags">
          {flags.length === 0 ? 'None' : flags.join(', ')}
        </Fact>
        </tbody>
      </table>
      {record.retractedRates.length === 0 ? null : (
        <div className="notice notice-warning" role="note" data-testid="compliance-retractions">
          <strong>Built on a rate that has since been retracted:</strong>
          <ul>
            {record.retractedRates.map((rate) => (
              <li key={rate.rateHistoryId}>{retractionText(rate)}</li>
            ))}
          </ul>
        </div>
      )}
      <BestInterestSummary value={view.bestInterest} />
      <PrintedCopies comparisonId={record.comparisonId} events={record.printEvents} />
      <h2>What the rep showed the client</h2>
      {view.historical ? <HistoricalViewNotice asOfDate={view.asOfDate} why=": saved as a historical view." /> : null}
      {view.shown === null ? (
        <UnshownRecordNotice />
      ) : (
        <>
          <RecordedClientFit record={view} />
          <ComparisonTables comparison={view.shown} terms={savedTerms(view.shown, view.items)} carriers={recordedCarriers(view)} />
        </>
      )}
    </>
  );
}

type Regeneration = { status: 'busy' } | { status: 'error'; text: string } | { status: 'done'; matches: boolean; headline: string; detail: string };

function PrintedCopies({ comparisonId, events }: { comparisonId: string; events: readonly PrintEvent[] }) {
  const [results, setResults] = useState<Record<string, Regeneration>>({});
  if (events.length === 0) return <p data-testid="compliance-no-prints">No copy of this illustration has been printed (or its print has not reached the server yet).</p>;
  const regenerate = async (eventId: string) => {
    setResults((previous) => ({ ...previous, [eventId]: { status: 'busy' } }));
    try {
      const result = await call(desktopApi().complianceRegeneratePdf({ comparisonId, eventId }));
      setResults((previous) => ({ ...previous, [eventId]: { status: 'done', ...regenerateText(result) } }));
    } catch (error) {
      setResults((previous) => ({ ...previous, [eventId]: { status: 'error', text: `Could not regenerate the PDF: ${errorMessage(error)}` } }));
    }
  };
  return (
    <section aria-labelledby="compliance-prints-heading">
      <h2 id="compliance-prints-heading">Printed copies</h2>
      <DataTable columns={['Copy', 'Printed on', num('Pages'), 'PDF SHA-256 (as printed)', unlabelled('Regenerate')]} testId="compliance-prints">
        {events.map((event) => {
          const result = results[event.eventId];
          return [
            <tr key={event.eventId} data-testid="compliance-print">
              <td>
                {event.reprint ? `Reprint (copy ${event.copyNumber})` : 'Original'}
                {event.historical ? ' (historical view)' : ''}
              </td>
              <td>
                {formatBusinessDate(event.printedOn)}
                <br />
                <span className="muted">{formatTimestamp(event.occurredAt)}</span>
              </td>
              <td className="num">{event.pageCount}</td>
              <td>
                <code>{event.pdfSha256}</code>
              </td>
              <td>
                <button type="button" onClick={() => void regenerate(event.eventId)} disabled={result?.status === 'busy'} data-testid="compliance-regenerate">
                  {result?.status === 'busy' ? 'Regenerating…' : 'Regenerate PDF'}
                </button>
              </td>
            </tr>,
            // The answer on a row of its own, wide enough for two SHA-256 hashes.
            result === undefined || result.status === 'busy' ? null : (
            <tr key={`${event.eventId}-result`} data-testid="compliance-regenerate-row">
              <td colSpan={5}>
                {result.status === 'error' ? (
                  <p className="notice notice-error" role="alert">
                    {result.text}
                  </p>
                ) : (
                  <p className={result.matches ? 'notice' : 'notice notice-error'} role="status" data-testid="compliance-regenerate-result">
                    <strong>{result.headline}</strong> <code>{result.detail}</code>
                  </p>
                )}
              </td>
            </tr>
            ),
          ];
        })}
      </DataTable>
    </section>
  );
}
