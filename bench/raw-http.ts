// GET over a kept-alive connection with the bytes that actually crossed the wire counted (the body
// as sent, compressed or not, plus the status line and headers), timed from send to last byte.
import http from 'node:http';
import { gunzipSync, brotliDecompressSync, inflateSync } from 'node:zlib';

export interface RawResponse {
  status: number;
  /** Bytes of the body as sent. */
  wireBodyBytes: number;
  /** Bytes of the status line and headers (approximated from the parsed headers). */
  headerBytes: number;
  /** The decoded body. */
  body: Buffer;
  /** The answer's headers (lower-case names). */
  headers: http.IncomingHttpHeaders;
  ms: number;
}

export const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function decode(encoding: string | undefined, body: Buffer): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

export function rawGet(url: string, headers: Record<string, string>, agent: http.Agent = keepAliveAgent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const ms = performance.now() - started;
        const wire = Buffer.concat(chunks);
        const headerBytes =
          `HTTP/1.1 ${response.statusCode ?? 0} ${response.statusMessage ?? ''}\r\n`.length +
          response.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0) +
          2;
        try {
          resolve({
            status: response.statusCode ?? 0,
            wireBodyBytes: wire.length,
            headerBytes,
            body: decode(response.headers['content-encoding'], wire),
            headers: response.headers,
            ms,
          });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('error', reject);
  });
}
