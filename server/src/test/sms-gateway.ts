import http from 'node:http';

export interface SmsGateway {
  url: string;
  /** Each request: its content type, Authorization header and the body's fields (JSON or form). */
  calls: { contentType: string; authorization: string | undefined; fields: Record<string, string> }[];
  /** What the gateway answers: success, an HTTP error, or HTTP 200 with a provider error code. */
  mode: 'ok' | 'http-503' | 'code';
  close(): Promise<void>;
}

/** A local HTTP SMS gateway on 127.0.0.1 answering as the common providers do ({"code":0} on success). */
export async function startSmsGateway(): Promise<SmsGateway> {
  const gw: SmsGateway = { url: '', calls: [], mode: 'ok', close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      const fields = contentType.startsWith('application/json')
        ? (JSON.parse(body) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(body));
      gw.calls.push({ contentType, authorization: req.headers.authorization, fields });
      if (gw.mode === 'http-503') return res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(gw.mode === 'code' ? { code: 4085, message: '号码发送频率超限' } : { code: 0, message: 'OK' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gw.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sms/send?account=county-key-9`;
  gw.close = () => new Promise((resolve) => server.close(() => resolve()));
  return gw;
}
