// Wording for a saved comparison's upload state, shown in the list and on the reopened comparison.
import type { ComparisonSummaryView } from '../src-shared/desktop-api/index.js';

export function uploadText(summary: Pick<ComparisonSummaryView, 'upload'>): string {
  if (summary.upload === null) return 'From another computer';
  switch (summary.upload.status) {
    case 'pending':
    case 'uploading':
      return summary.upload.lastError === null ? 'Waiting to upload' : `Waiting to upload (last try: ${summary.upload.lastError})`;
    case 'applied':
      return 'Uploaded';
    case 'rejected':
      return `Refused by the server: ${summary.upload.rejectedReason ?? 'no reason given'}`;
  }
}
