// The notices above a saved comparison, the same on the rep's saved screen and in the compliance
// console's record (which shows exactly what the rep saw).
import { historicalViewText } from '../../src-shared/historical-view.js';

/** Figures for another day than today: the date they are for, then why (": saved as a historical view."). */
export function HistoricalViewNotice({ asOfDate, why }: { asOfDate: string; why: string }) {
  return (
    <p className="notice notice-historical" role="note" data-testid="historical-view">
      <strong>{historicalViewText(asOfDate)}</strong>
      {why}
    </p>
  );
}

/** A record saved by a newer app (or damaged): kept as it is, never rewritten to fit. */
export function UnshownRecordNotice() {
  return (
    <p className="notice notice-warning" role="note">
      This comparison was saved in a format this version of RateDesk cannot show. Its record is kept unchanged.
    </p>
  );
}
