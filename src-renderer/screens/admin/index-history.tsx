// The admin console's "Index history" screen (issue 13): the year-end levels of an index with their
// source, what illustrations can show from them, publishing a level, retracting a wrong one (a
// correction is a retraction and a new level), and a CSV upload of many levels at once.
import { useState } from 'react';
import type { IndexLevelSheetResult } from '../../../src-shared/admin/strategies-and-index-levels.js';
import { DEMO_INDEX_NAME, INDEX_LEVEL_CSV_COLUMNS, type IndexLevelRow } from '../../../src-shared/catalog/index-levels.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { call, desktopApi } from '../../api.js';
import { checkIndexLevelForm, historyCoverage, indexLevelRows, type IndexLevelForm } from '../../admin-index-history.js';
import type { FieldErrors } from '../../admin-product-form.js';
import { useBusinessToday } from '../../business-date.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, num, unlabelled } from '../../components/data-table.js';
import { FieldMessages } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { routeHref } from '../../navigation.js';
import { submitChecked, useAdminRun, type Run } from '../../use-admin-run.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';
import { AdminNotice, LabelledInput, ReasonForm } from './admin-fields.js';
import { CsvSheetUpload } from './csv-sheet-upload.js';

export function AdminIndexHistoryScreen({ indexName, writable }: { indexName: string | null; writable: boolean }) {
  const indexes = useAsync(() => call(desktopApi().adminListIndexes()), 'indexes');
  const chosen = indexName ?? (indexes.state.status === 'ready' ? (indexes.state.value.indexes[0]?.indexName ?? DEMO_INDEX_NAME) : null);
  const go = (name: string) => (window.location.hash = routeHref({ name: 'admin-index-history', indexName: name }));

  return (
    <Screen title="Index history">
      <p className="lede">
        Year-end levels of the indexes FIA strategies credit, with where each figure came from. Illustrations credit each strategy over the most recent 10 years and the best and worst 10-year
        periods of the last 20.
      </p>
      <AsyncView state={indexes.state} what="the indexes" onRetry={indexes.reload}>
        {({ indexes: list }) => (
          <nav aria-label="Indexes" className="link-row">
            {list.length === 0 ? <span className="muted">No index has levels yet.</span> : null}
            {list.map((summary) => (
              <a key={summary.indexName} href={routeHref({ name: 'admin-index-history', indexName: summary.indexName })} aria-current={summary.indexName === chosen ? 'page' : undefined}>
                {summary.indexName} ({summary.activeLevels})
              </a>
            ))}
          </nav>
        )}
      </AsyncView>
      {chosen === null ? null : <IndexLevels key={chosen} indexName={chosen} writable={writable} onChanged={indexes.reload} onPublishedTo={go} />}
      <CsvSheetUpload<IndexLevelSheetResult>
        prefix="index-level"
        title="Index history CSV"
        columns={INDEX_LEVEL_CSV_COLUMNS}
        example={`${INDEX_LEVEL_CSV_COLUMNS.join(',')}\n${DEMO_INDEX_NAME},2025-12-31,1843.2100,synthetic`}
        keyLabel="Index"
        writable={writable}
        send={(csv, dryRun) => desktopApi().adminImportIndexLevelSheet({ csv, dryRun })}
        changeCount={(result) => result.levels.length}
        noun={(count) => `${count} level${count === 1 ? '' : 's'}`}
        onPublished={indexes.reload}
        preview={(result) => (
          <DataTable columns={[num('Line'), 'Index', 'Year end', num('Level'), 'Source']}>
            {result.levels.map((level) => (
              <tr key={level.ref}>
                <td className="num">{level.ref.replace(/^line /, '')}</td>
                <th scope="row">{level.indexName}</th>
                <td>{formatBusinessDate(level.levelDate)}</td>
                <td className="num">{level.level}</td>
                <td>{level.source}</td>
              </tr>
            ))}
          </DataTable>
        )}
      />
    </Screen>
  );
}

function IndexLevels(props: { indexName: string; writable: boolean; onChanged: () => void; onPublishedTo: (indexName: string) => void }) {
  const { indexName, writable, onChanged, onPublishedTo } = props;
  const today = useBusinessToday();
  const { state, reload } = useAsync(async () => (await call(desktopApi().adminIndexLevels({ indexName }))).levels, `levels-${indexName}`);
  const { busy, run, notice } = useAdminRun(() => {
    reload();
    onChanged();
  });
  const [retracting, setRetracting] = useState<IndexLevelRow | null>(null);
  const canWrite = writable && !busy;

  return (
    <section className="panel" aria-labelledby="index-levels-title" data-testid="index-levels">
      <h2 id="index-levels-title">{indexName}</h2>
      <AsyncView state={state} what="the index levels" onRetry={reload}>
        {(levels) => (
          <>
            <p data-testid="index-coverage">{historyCoverage(levels, indexName, today)}</p>
            {levels.length === 0 ? null : (
              <DataTable columns={['Year end', num('Level'), num('Change'), 'Source', 'Status', unlabelled('Actions')]} testId="index-levels-table">
                {indexLevelRows(levels).map(({ level, change }) => (
                  <tr key={level.indexLevelId} className={level.isActive ? undefined : 'row-inactive'} data-testid="index-level-row" data-date={level.levelDate}>
                    <th scope="row">{formatBusinessDate(level.levelDate)}</th>
                    <td className="num">{level.level}</td>
                    <td className="num">{change ?? '—'}</td>
                    <td>{level.source}</td>
                    <td>{level.isActive ? 'Published' : 'Retracted'}</td>
                    <td className="row-actions">
                      {level.isActive && retracting?.indexLevelId !== level.indexLevelId ? (
                        <button type="button" className="button-small" disabled={!canWrite} onClick={() => setRetracting(level)} aria-label={`Retract the level of ${formatBusinessDate(level.levelDate)}`}>
                          Retract
                        </button>
                      ) : null}
                      {retracting?.indexLevelId === level.indexLevelId ? (
                        <ReasonForm
                          prefix={`retract-level-${level.levelDate}`}
                          action="Retract"
                          what={`the level of ${formatBusinessDate(level.levelDate)}`}
                          writable={canWrite}
                          onCancel={() => setRetracting(null)}
                          onConfirm={(reason) =>
                            void run(async () => {
                              await call(desktopApi().adminRetractIndexLevel({ indexLevelId: level.indexLevelId, reason }));
                              setRetracting(null);
                              return `Retracted the level of ${formatBusinessDate(level.levelDate)}; publish the corrected one below.`;
                            })
                          }
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </AsyncView>
      <PublishLevelForm indexName={indexName} writable={canWrite} run={run} onPublishedTo={onPublishedTo} />
      <AdminNotice notice={notice} testId="index-levels-status" />
    </section>
  );
}

function PublishLevelForm(props: { indexName: string; writable: boolean; run: Run; onPublishedTo: (indexName: string) => void }) {
  const { indexName, writable, run, onPublishedTo } = props;
  const [form, setForm] = useState<IndexLevelForm>({ indexName, levelDate: '', level: '', source: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const prefix = 'index-level';
  const set = (field: keyof IndexLevelForm) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = () =>
    submitChecked(
      checkIndexLevelForm(form),
      setErrors,
      run,
      async (level) => {
        await call(desktopApi().adminPublishIndexLevels({ levels: [level] }));
        setForm((current) => ({ ...current, levelDate: '', level: '' }));
        if (level.indexName !== indexName) onPublishedTo(level.indexName);
        return `Published ${level.indexName} at ${level.level} on ${formatBusinessDate(level.levelDate)}.`;
      },
      // The server names the level "levels.0.levelDate"; the form has one level.
      (path) => path.replace(/^(body\.)?levels\.0\./, ''),
    );

  return (
    <Form className="inline-form" aria-label="Publish a year-end level" noValidate onSubmit={submit}>
      <LabelledInput prefix={prefix} path="indexName" label="Index" value={form.indexName} onChange={set('indexName')} errors={errors} hint="A new name starts a new index" />
      <LabelledInput prefix={prefix} path="levelDate" label="Year end" type="date" value={form.levelDate} onChange={set('levelDate')} errors={errors} hint="The last business day of the year, in December" />
      <LabelledInput prefix={prefix} path="level" label="Level" value={form.level} onChange={set('level')} errors={errors} />
      <LabelledInput prefix={prefix} path="source" label="Source" value={form.source} onChange={set('source')} errors={errors} hint="Vendor or publication" />
      <FieldMessages errors={errors} prefix={prefix} path="" />
      <button type="submit" disabled={!writable} data-testid="publish-index-level">
        Publish level
      </button>
    </Form>
  );
}
