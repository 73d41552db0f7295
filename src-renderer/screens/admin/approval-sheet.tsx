// The state approvals CSV import (issue 13): paste or pick a file, "Check" previews every line (or
// lists every bad line with its column), then "Publish" applies all lines or none, like rate sheets.
import { STATE_APPROVAL_CSV_COLUMNS } from '../../../src-shared/catalog/state-approvals.js';
import { stateLabel } from '../../../src-shared/catalog/us-states.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { desktopApi } from '../../api.js';
import { changedCount, changeLabel, changeSummary } from '../../admin-approval-sheet.js';
import { DataTable } from '../../components/data-table.js';
import type { StateApprovalImportResult } from '../../../src-shared/admin/carriers-and-approvals.js';
import { Screen } from '../screen-title.js';
import { CsvSheetUpload } from './csv-sheet-upload.js';

const EXAMPLE = `${STATE_APPROVAL_CSV_COLUMNS.join(',')}\n037833100,NY,2026-01-01,\n037833100,CA,2026-01-01,2026-12-31`;

export function AdminApprovalSheetScreen({ writable }: { writable: boolean }) {
  return (
    <Screen title="State approvals import">
      <p className="lede">
        Approve products in states from a CSV file. A line with the CUSIP, state and start date of an existing approval sets its last day (a withdrawal); any other line adds an approval.{' '}
        <strong>Check</strong> previews every line; <strong>Publish</strong> applies all lines or none.
      </p>
      <CsvSheetUpload<StateApprovalImportResult>
        prefix="approval-sheet"
        title="State approvals sheet"
        columns={STATE_APPROVAL_CSV_COLUMNS}
        example={EXAMPLE}
        keyLabel="CUSIP"
        writable={writable}
        send={(csv, dryRun) => desktopApi().adminImportStateApprovals({ csv, dryRun })}
        changeCount={changedCount}
        noun={(count) => `${count} approval change${count === 1 ? '' : 's'}`}
        preview={(result) => <Preview result={result} />}
      />
    </Screen>
  );
}

function Preview({ result }: { result: StateApprovalImportResult }) {
  return (
    <section data-testid="approval-sheet-preview">
      <p className="muted">{changeSummary(result)}.</p>
      <DataTable columns={['Line', 'CUSIP', 'State', 'From', 'Until', 'Change']}>
        {result.changes.map((change) => (
          <tr key={change.ref}>
            <td>{change.ref.replace(/^line /, '')}</td>
            <td>{change.cusip}</td>
            <th scope="row">{stateLabel(change.new.stateCode)}</th>
            <td>{formatBusinessDate(change.new.approvedFrom)}</td>
            <td>{change.new.approvedUntil === null ? 'Open ended' : formatBusinessDate(change.new.approvedUntil)}</td>
            <td>{changeLabel(change)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
