// The desktop app's HTTP client for the compliance routes (server/routes/compliance.ts), through
// the same authorized request as the admin client (token, 401 retry, typed failures). Every JSON
// answer is checked with the shared wire schemas; the CSV is passed on as the server wrote it.
import { ComplianceRecord } from '../../src-shared/compliance/record.js';
import { CompliancePage } from '../../src-shared/compliance/search.js';
import { OfflineError, OfflineReason } from '../auth/auth-errors.js';
import { createAuthorizedRequest, validateAnswer, type AuthorizedRequestOptions } from '../http/authorized-request.js';

export interface ComplianceCsvAnswer {
  fileName: string;
  csv: string;
}

export interface ComplianceApi {
  /** `query`: the query string (src-shared/compliance/search.ts complianceQueryString). */
  search(query: string): Promise<CompliancePage>;
  record(comparisonId: string): Promise<ComplianceRecord>;
  exportCsv(query: string): Promise<ComplianceCsvAnswer>;
}

const FILE_NAME = /filename="([A-Za-z0-9._-]{1,120})"/;

export function createComplianceApiClient(options: AuthorizedRequestOptions): ComplianceApi {
  const request = createAuthorizedRequest(options);
  const withQuery = (path: string, query: string) => (query === '' ? path : `${path}?${query}`);

  return {
    search: async (query) => {
      const { json } = await request(withQuery('/v1/compliance/comparisons', query), { method: 'GET' });
      return validateAnswer(CompliancePage, await json(), 'GET /v1/compliance/comparisons');
    },
    record: async (comparisonId) => {
      const path = `/v1/compliance/comparisons/${encodeURIComponent(comparisonId)}`;
      const { json } = await request(path, { method: 'GET' });
      return validateAnswer(ComplianceRecord, await json(), 'GET /v1/compliance/comparisons/{id}');
    },
    exportCsv: async (query) => {
      const { response } = await request(withQuery('/v1/compliance/comparisons.csv', query), { method: 'GET', headers: { accept: 'text/csv' } });
      let csv: string;
      try {
        csv = await response.text();
      } catch (error) {
        throw new OfflineError(OfflineReason.unreachable, 'GET /v1/compliance/comparisons.csv: the connection broke while reading the file', { cause: error });
      }
      const named = FILE_NAME.exec(response.headers.get('content-disposition') ?? '')?.[1];
      return { fileName: named ?? 'ratedesk-comparisons.csv', csv: csv.replace(/^\uFEFF/, '') };
    },
  };
}
