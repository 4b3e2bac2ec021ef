import http from 'node:http';

export interface WebhookReceiver {
  url: string;
  /** Bodies received, parsed as JSON, with the query string of each call. */
  calls: { body: unknown; query: URLSearchParams }[];
  /** What the receiver answers: a robot's success, or a failure to test retries. */
  mode: 'ok' | 'http-500' | 'errcode';
  close(): Promise<void>;
}

/** A local robot endpoint on 127.0.0.1 that records each message and answers like WeCom/DingTalk (or fails on purpose). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', calls: [], mode: 'ok', close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      receiver.calls.push({
        body: JSON.parse(body || 'null'),
        query: new URL(req.url ?? '/', 'http://x').searchParams,
      });
      if (receiver.mode === 'http-500') return res.writeHead(500).end('boom');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          receiver.mode === 'errcode'
            ? { errcode: 93000, errmsg: 'invalid webhook url' }
            : { errcode: 0, errmsg: 'ok' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/cgi-bin/webhook/send?key=secret-key-123`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
