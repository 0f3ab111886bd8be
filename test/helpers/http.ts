import http from 'node:http';

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * A plain HTTP request with headers fetch() may not send (Host) or a body that is declared but
 * not all sent: `send` bytes of a `declaredLength`-byte body are written, then we wait for an answer.
 */
export function rawRequest(url: string, options: {
  method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer;
  declaredLength?: number; send?: number; timeoutMs?: number;
}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.declaredLength !== undefined) headers['content-length'] = options.declaredLength;
    const req = http.request({ hostname, port, path: options.path, method: options.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body }); req.destroy(); });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('no answer in time')));
    // The server may close the connection while we are still writing: the answer is what counts.
    req.on('error', (e) => { if (!(req as unknown as { res?: unknown }).res) reject(e); });
    if (options.send !== undefined) req.write(Buffer.alloc(options.send, 0x20));
    else if (options.body !== undefined) req.write(options.body);
    if (options.declaredLength === undefined || options.send === undefined) req.end();
  });
}
