// The copies of a saved comparison's illustration printed on this laptop: which is the original,
// which are reprints, when, and whether the server has each one's audit entry yet.
import type { PrintedCopyView } from '../../src-shared/desktop-api/index.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';

const UPLOAD_TEXT: Readonly<Record<PrintedCopyView['uploadStatus'], string>> = {
  pending: 'Waiting to upload',
  applied: 'Recorded on the server',
  rejected: 'Refused by the server',
};

export function PrintHistory({ copies }: { copies: readonly PrintedCopyView[] }) {
  if (copies.length === 0) return null;
  return (
    <section aria-labelledby="print-history-heading" data-testid="print-history">
      <h2 id="print-history-heading">Printed copies</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Copy</th>
            <th scope="col">Printed on</th>
            <th scope="col" className="num">
              Pages
            </th>
            <th scope="col">Fingerprint (SHA-256)</th>
            <th scope="col">Audit entry</th>
          </tr>
        </thead>
        <tbody>
          {copies.map((copy) => (
            <tr key={copy.copyNumber} data-testid="printed-copy">
              <td>
                {copy.reprint ? `Reprint ${copy.copyNumber - 1}` : 'Original'}
                {copy.historical ? ' (historical view)' : ''}
              </td>
              <td>{formatBusinessDate(copy.printedOn)}</td>
              <td className="num">{copy.pageCount}</td>
              <td>
                <code title={copy.pdfSha256}>{copy.pdfSha256.slice(0, 16)}…</code>
              </td>
              <td>{UPLOAD_TEXT[copy.uploadStatus]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
