import type { ProductType, RateHistoryEntry } from '../../src-shared/catalog.js';
import { formatBusinessDate, formatPercentText } from '../../src-shared/format/display.js';
import { baseRateColumnLabel } from '../rate-history-view.js';
import { DataTable, num } from './data-table.js';

export type RateStatus = 'Retracted' | 'In force' | 'Scheduled' | 'Past';

/** Where a publication stands on `day`, given the one in force then. */
export function rateStatus(rate: RateHistoryEntry, inForceId: string | null, day: string): RateStatus {
  if (!rate.isActive) return 'Retracted';
  if (rate.rateHistoryId === inForceId) return 'In force';
  return rate.effectiveDate > day ? 'Scheduled' : 'Past';
}

/**
 * A product's publications, newest first (by effective date, then by when they were made),
 * retracted ones marked. `latest` keeps only that many; `publisher` adds who published each;
 * `productType` marks an FIA's base-rate column as a current rate, not guaranteed.
 */
export function RateHistoryTable(props: {
  rates: readonly RateHistoryEntry[];
  inForceId: string | null;
  day: string;
  testId: string;
  latest?: number;
  publisher?: boolean;
  productType?: ProductType;
}) {
  const { rates, inForceId, day, testId, latest, publisher = false, productType } = props;
  const sorted = [...rates].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.createdAt.localeCompare(a.createdAt));
  const shown = latest === undefined ? sorted : sorted.slice(0, latest);
  return (
    <DataTable
      columns={['Effective', 'Until', num(baseRateColumnLabel(productType)), num('Bonus'), 'Status', ...(publisher ? ['Published by'] : [])]}
      caption={latest === undefined ? undefined : `The latest ${shown.length} publications`}
      testId={testId}
    >
      {shown.map((rate) => {
        const tone = rateStatus(rate, inForceId, day).toLowerCase().replace(' ', '-');
        return (
          <tr key={rate.rateHistoryId} className={`rate-${tone}`}>
            <th scope="row">{formatBusinessDate(rate.effectiveDate)}</th>
            <td>{rate.endDate === null ? 'Until further notice' : formatBusinessDate(rate.endDate)}</td>
            <td className="num">{formatPercentText(rate.baseRate)}</td>
            <td className="num">{formatPercentText(rate.bonusRate)}</td>
            <td>
              <span className={`tag tag-${tone}`}>{rateStatus(rate, inForceId, day)}</span>
            </td>
            {publisher ? <td>{rate.createdBy}</td> : null}
          </tr>
        );
      })}
    </DataTable>
  );
}
