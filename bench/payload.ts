// Figure 5: bytes per row of a full snapshot (every page a first sync pulls), as JSON and as sent
// compressed (the server's gzip, which the desktop client accepts), against the same rows written
// as CSV (one header line per table, every field, nulls empty) and gzip'd at zlib's default level.
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { PullResponse } from '../src-shared/sync/protocol.js';
import { CLIENT_ACCEPT_ENCODING } from './delta-pull.js';
import { rawGet } from './raw-http.js';
import { Better, type FigureInput } from './report.js';

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV lines for rows of one table; the header is written once per table. */
export function csvLines(rows: readonly Record<string, unknown>[], columns: string[] | null): { text: string; columns: string[] | null } {
  if (rows.length === 0) return { text: '', columns };
  const first = rows[0] as Record<string, unknown>;
  const header = columns === null ? Object.keys(first) : null;
  const names = columns ?? Object.keys(first);
  const lines = rows.map((row) => names.map((name) => csvField(row[name])).join(','));
  return { text: `${header ? `${header.join(',')}\n` : ''}${lines.join('\n')}\n`, columns: names };
}

export async function measurePayload(input: { baseUrl: string; token: string; log: (line: string) => void }): Promise<FigureInput[]> {
  input.log('payload: a full snapshot pulled again, counting bytes on the wire');
  const gzip = createGzip();
  let csvGzipBytes = 0;
  gzip.on('data', (chunk: Buffer) => {
    csvGzipBytes += chunk.length;
  });
  const ended = once(gzip, 'end');
  // Every collection of a page, so bytes per row divide by the rows that made the bytes.
  const tables = ['carriers', 'products', 'availability', 'rates', 'approvals', 'strategies', 'strategyRates', 'indexLevels', 'comparisons'] as const;
  const columns = Object.fromEntries(tables.map((table) => [table, null])) as Record<(typeof tables)[number], string[] | null>;
  let cursor: string | null = null;
  let rows = 0;
  let jsonBytes = 0;
  let wireBytes = 0;
  let csvBytes = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: '5000' });
    if (cursor !== null) query.set('cursor', cursor);
    const response = await rawGet(`${input.baseUrl}/v1/sync/pull?${query.toString()}`, {
      authorization: `Bearer ${input.token}`,
      'accept-encoding': CLIENT_ACCEPT_ENCODING,
    });
    if (response.status !== 200) throw new Error(`a snapshot page answered ${response.status}`);
    jsonBytes += response.body.length;
    wireBytes += response.wireBodyBytes + response.headerBytes;
    const page = PullResponse.parse(JSON.parse(response.body.toString('utf8')));
    for (const table of tables) {
      const tableRows = page.changes[table] as unknown as Record<string, unknown>[];
      rows += tableRows.length;
      const csv = csvLines(tableRows, columns[table]);
      columns[table] = csv.columns;
      csvBytes += Buffer.byteLength(csv.text);
      if (!gzip.write(csv.text)) await once(gzip, 'drain');
    }
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  gzip.end();
  await ended;
  const csvGzipPerRow = csvGzipBytes / rows;
  const what = `the same ${rows.toLocaleString('en-US')} rows as gzip'd CSV (${(csvBytes / rows).toFixed(1)} B/row before gzip)`;
  return [
    {
      section: '5 payload',
      name: 'full snapshot, JSON uncompressed',
      value: jsonBytes / rows,
      unit: 'B/row',
      better: Better.lower,
      ceiling: { value: csvGzipPerRow, what },
    },
    {
      section: '5 payload',
      name: 'full snapshot, on the wire (gzip)',
      value: wireBytes / rows,
      unit: 'B/row',
      better: Better.lower,
      ceiling: { value: csvGzipPerRow, what },
      note: 'includes HTTP headers',
    },
  ];
}
