import { call, desktopApi } from '../api.js';
import { AsyncView } from '../components/async-view.js';
import { formatBusinessDate, formatMoneyText, formatYears } from '../format.js';
import { routeHref } from '../navigation.js';
import { uploadText } from '../saved-view.js';
import { useAsync } from '../use-async.js';
import { ScreenTitle } from './screen-title.js';

export function SavedListScreen() {
  const { state, reload } = useAsync(() => call(desktopApi().listComparisons({ limit: 200 })), 'saved');
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>Saved comparisons</ScreenTitle>
      <AsyncView state={state} what="saved comparisons" onRetry={reload}>
        {(list) =>
          list.length === 0 ? (
            <p className="notice" role="status" data-testid="saved-empty">
              No saved comparisons yet. Compare products, then choose “Save comparison”.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="saved-list">
                <thead>
                  <tr>
                    <th scope="col">Saved</th>
                    <th scope="col">Client</th>
                    <th scope="col" className="num">
                      Premium
                    </th>
                    <th scope="col">Horizon</th>
                    <th scope="col">Rates as of</th>
                    <th scope="col">Upload</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((summary) => (
                    <tr key={summary.comparisonId} data-testid="saved-row">
                      <th scope="row">
                        <a href={routeHref({ name: 'saved', comparisonId: summary.comparisonId })}>{new Date(summary.createdAt).toLocaleString()}</a>
                      </th>
                      <td>{summary.clientReference ?? '—'}</td>
                      <td className="num">{formatMoneyText(summary.investmentAmount)}</td>
                      <td>{formatYears(summary.horizonYears)}</td>
                      <td>{formatBusinessDate(summary.asOfDate)}</td>
                      <td className={summary.upload?.status === 'rejected' ? 'tone-text-error' : undefined}>{uploadText(summary)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncView>
    </section>
  );
}
