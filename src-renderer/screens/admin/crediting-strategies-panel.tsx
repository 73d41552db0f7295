// The product editor's "Crediting strategies" panel of an FIA (issue 13): each strategy with the
// rate in force on the business date and its guarantee; add, edit or retire a strategy; publish a
// dated rate (like base rates: today or later, never breaking the guarantee); retract a rate not yet
// in force; and a strategy rate sheet (CSV) for many at once. Other product types show nothing.
import { useState } from 'react';
import type { StrategyRateSheetResult } from '../../../src-shared/admin/strategies-and-index-levels.js';
import { STRATEGY_RATE_SHEET_CSV_COLUMNS, strategyRateLabel, type FiaStrategy, type FiaStrategyRate } from '../../../src-shared/catalog/fia-strategies.js';
import type { ProductType } from '../../../src-shared/catalog.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { call, desktopApi } from '../../api.js';
import { strategyRows, type StrategyRow } from '../../admin-fia-strategies.js';
import { useBusinessToday } from '../../business-date.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, unlabelled } from '../../components/data-table.js';
import { useAdminRun, type Run } from '../../use-admin-run.js';
import { useAsync } from '../../use-async.js';
import { AdminNotice, ReasonForm } from './admin-fields.js';
import { CsvSheetUpload } from './csv-sheet-upload.js';
import { StrategyEditor, StrategyRatePublisher } from './strategy-forms.js';

export function CreditingStrategiesPanel({ productId, productType, cusip, writable }: { productId: string; productType: ProductType; cusip: string; writable: boolean }) {
  if (productType !== 'FIA') return null;
  return <StrategiesOfFia productId={productId} cusip={cusip} writable={writable} />;
}

function StrategiesOfFia({ productId, cusip, writable }: { productId: string; cusip: string; writable: boolean }) {
  const today = useBusinessToday();
  const { state, reload } = useAsync(() => call(desktopApi().adminProductStrategies({ productId })), `strategies-${productId}`);
  const { busy, run, notice } = useAdminRun(reload);
  const [adding, setAdding] = useState(false);
  const canWrite = writable && !busy;

  return (
    <section className="panel" aria-labelledby="strategies-title" data-testid="strategies-panel">
      <h2 id="strategies-title">Crediting strategies</h2>
      <p className="muted">
        Each strategy's current cap, participation rate, spread or declared rate is published and dated like base rates. Illustrations show the guaranteed values and what index history would have
        credited.
      </p>
      <AsyncView state={state} what="the crediting strategies" onRetry={reload}>
        {({ strategies, rates }) => (
          <>
            {strategies.length === 0 ? (
              <p data-testid="no-strategies">No strategies yet: illustrations of this FIA show its guaranteed values only.</p>
            ) : (
              <DataTable columns={['Strategy', 'Method and index', 'Guarantee', `Rate on ${formatBusinessDate(today)}`, 'Next', unlabelled('Actions')]} testId="strategies-table">
                {strategyRows(strategies, rates, today).map((row) => (
                  <StrategyTableRow key={row.strategy.strategyId} row={row} siblings={strategies} rates={rates} today={today} writable={canWrite} run={run} />
                ))}
              </DataTable>
            )}
            {adding ? (
              <StrategyEditor
                strategy={null}
                siblings={strategies}
                writable={canWrite}
                run={run}
                onDone={() => setAdding(false)}
                save={async (strategy) => `Added strategy ${(await call(desktopApi().adminAddStrategy({ productId, strategy }))).strategyCode}.`}
              />
            ) : (
              <button type="button" disabled={!canWrite} onClick={() => setAdding(true)} data-testid="add-strategy">
                Add a strategy
              </button>
            )}
          </>
        )}
      </AsyncView>
      <AdminNotice notice={notice} testId="strategies-status" />
      <CsvSheetUpload<StrategyRateSheetResult>
        prefix="strategy-rate"
        title="Strategy rate sheet"
        columns={STRATEGY_RATE_SHEET_CSV_COLUMNS}
        example={`${STRATEGY_RATE_SHEET_CSV_COLUMNS.join(',')}\n${cusip},SPX-CAP-1Y,8.50,${today}`}
        keyLabel="CUSIP and strategy"
        writable={writable}
        send={(csv, dryRun) => desktopApi().adminImportStrategyRateSheet({ csv, dryRun })}
        changeCount={(result) => result.changes.length}
        noun={(count) => `${count} strategy rate${count === 1 ? '' : 's'}`}
        onPublished={reload}
        preview={(result) => (
          <DataTable columns={['Line', 'CUSIP', 'Strategy', 'Rate', 'From', 'Closes the current one on']}>
            {result.changes.map((change) => (
              <tr key={change.ref}>
                <td>{change.ref.replace(/^line /, '')}</td>
                <td>{change.cusip}</td>
                <th scope="row">{change.strategyCode}</th>
                <td>{change.new.rate}%</td>
                <td>{formatBusinessDate(change.new.effectiveDate)}</td>
                <td>{change.closesCurrentOn === null ? '—' : formatBusinessDate(change.closesCurrentOn)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      />
    </section>
  );
}

type Action = { kind: 'edit' } | { kind: 'publish' } | { kind: 'deactivate' } | { kind: 'retract'; rate: FiaStrategyRate } | null;

function StrategyTableRow(props: { row: StrategyRow; siblings: readonly FiaStrategy[]; rates: readonly FiaStrategyRate[]; today: string; writable: boolean; run: Run }) {
  const { row, siblings, rates, today, writable, run } = props;
  const { strategy } = row;
  const [action, setAction] = useState<Action>(null);
  const api = desktopApi();
  const close = () => setAction(null);
  const code = strategy.strategyCode;

  return (
    <tr className={strategy.isActive ? undefined : 'row-inactive'} data-testid="strategy-row" data-code={code}>
      <th scope="row">
        {code}
        <br />
        <span className="muted">{strategy.strategyName}</span>
        {strategy.isActive ? null : <span className="tag tag-muted"> Retired</span>}
      </th>
      <td>
        {row.method}
        <br />
        <span className="muted">{strategy.indexName ?? 'No index'}</span>
      </td>
      <td>{row.guarantee}</td>
      <td data-testid="strategy-current">{row.current}</td>
      <td>{row.next ?? '—'}</td>
      <td className="row-actions">
        {strategy.isActive && action === null ? (
          <>
            <button type="button" className="button-small" disabled={!writable} onClick={() => setAction({ kind: 'publish' })} aria-label={`Publish a rate for ${code}`}>
              Publish rate
            </button>
            <button type="button" className="button-small" disabled={!writable} onClick={() => setAction({ kind: 'edit' })} aria-label={`Edit ${code}`}>
              Edit
            </button>
            <button type="button" className="button-small" disabled={!writable} onClick={() => setAction({ kind: 'deactivate' })} aria-label={`Retire ${code}`}>
              Retire
            </button>
            {row.retractable.map((rate) => (
              <button key={rate.strategyRateId} type="button" className="button-small" disabled={!writable} onClick={() => setAction({ kind: 'retract', rate })} aria-label={`Retract ${code} rate from ${formatBusinessDate(rate.effectiveDate)}`}>
                Retract {strategyRateLabel(strategy.creditingMethod, rate.rate)} from {formatBusinessDate(rate.effectiveDate)}
              </button>
            ))}
          </>
        ) : null}
        {action?.kind === 'edit' ? (
          <StrategyEditor strategy={strategy} siblings={siblings} writable={writable} run={run} onDone={close} save={async (input) => `Saved strategy ${(await call(api.adminReplaceStrategy({ strategyId: strategy.strategyId, strategy: input }))).strategyCode}.`} />
        ) : null}
        {action?.kind === 'publish' ? (
          <StrategyRatePublisher strategy={strategy} rates={rates} today={today} writable={writable} run={run} onDone={close}
            publish={async (rate) => {
              const change = await call(api.adminPublishStrategyRate({ strategyId: strategy.strategyId, rate }));
              return `Published ${strategyRateLabel(strategy.creditingMethod, change.new.rate)} for ${code} from ${formatBusinessDate(change.new.effectiveDate)}.`;
            }}
          />
        ) : null}
        {action?.kind === 'deactivate' || action?.kind === 'retract' ? <ReasonForm prefix={`${action.kind}-${code}`} writable={writable} onCancel={close} {...reasonAction(action, strategy, run, close)} /> : null}
      </td>
    </tr>
  );
}

/** Retiring a strategy or retracting one of its future rates: what the reason form says and does. */
function reasonAction(action: Extract<Action, { kind: 'deactivate' | 'retract' }>, strategy: FiaStrategy, run: Run, close: () => void) {
  const code = strategy.strategyCode;
  const api = desktopApi();
  const perform = (work: () => Promise<unknown>, done: string) =>
    void run(async () => {
      await work();
      close();
      return done;
    });
  if (action.kind === 'deactivate') {
    return {
      action: 'Retire',
      what: code,
      onConfirm: (reason: string) => perform(() => call(api.adminDeactivateStrategy({ strategyId: strategy.strategyId, reason })), `Retired strategy ${code}: new illustrations no longer offer it.`),
    };
  }
  const from = formatBusinessDate(action.rate.effectiveDate);
  return {
    action: 'Retract',
    what: `${code} rate from ${from}`,
    onConfirm: (reason: string) => perform(() => call(api.adminRetractStrategyRate({ strategyRateId: action.rate.strategyRateId, reason })), `Retracted the ${code} rate from ${from}.`),
  };
}
