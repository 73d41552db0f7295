import { call, desktopApi } from '../api.js';
import { AsyncView } from '../components/async-view.js';
import { DataTable, num } from '../components/data-table.js';
import { formatBusinessDate, formatMoneyText, formatTimestamp, formatYears } from '../../src-shared/format/display.js';
import { routeHref } from '../navigation.js';
import { uploadText } from '../saved-view.js';
import { useAsync } from '../use-async.js';
import { Screen } from './screen-title.js';

export function SavedListScreen() {
  // Comparisons are filed under the rep who saved them: signed out, nobody's are shown.
  const { state, reload } = useAsync(async () => {
    const [auth, list] = await Promise.all([call(desktopApi().authState()), call(desktopApi().listComparisons({ limit: 200 }))]);
    return { signedOut: auth.status === 'signed-out', list };
  }, 'saved');
  return (
    <Screen title="Saved comparisons">
      <AsyncView state={state} what="saved comparisons" onRetry={reload}>
        {({ signedOut, list }) =>
          signedOut ? (
            <p className="notice" role="status" data-testid="saved-sign-in">
              Sign in to see your saved comparisons. Each rep sees only the comparisons they saved.
            </p>
          ) : list.length === 0 ? (
            <p className="notice" role="status" data-testid="saved-empty">
              No saved comparisons yet. Compare products, then choose “Save comparison”.
            </p>
          ) : (
            <DataTable columns={['Saved', 'Client', num('Premium'), 'Horizon', 'Rates as of', 'Upload']} testId="saved-list">
              {list.map((summary) => (
                <tr key={summary.comparisonId} data-testid="saved-row">
                  <th scope="row">
                    <a href={routeHref({ name: 'saved', comparisonId: summary.comparisonId })}>{formatTimestamp(summary.createdAt)}</a>
                  </th>
                  <td>{summary.clientReference ?? '—'}</td>
                  <td className="num">{formatMoneyText(summary.investmentAmount)}</td>
                  <td>{formatYears(summary.horizonYears)}</td>
                  <td>
                    {formatBusinessDate(summary.asOfDate)}
                    {/* Saved deliberately as of another day: never to be read as a current offer. */}
                    {summary.historical ? <span className="tag tag-historical">historical view</span> : null}
                  </td>
                  <td className={summary.upload?.status === 'rejected' ? 'tone-text-error' : undefined}>{uploadText(summary)}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </AsyncView>
    </Screen>
  );
}
