import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Stored objects by key (without the bucket). */
  objects: Map<string, Buffer>;
  /** Requests refused for a bad signature or payload hash. */
  refused: string[];
  /** When true, every request gets 503 (the store is down). */
  down: boolean;
  close(): Promise<void>;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * A local S3-compatible server on 127.0.0.1 (path-style PUT and GET object) that checks each
 * request's AWS Signature Version 4 itself, written here from the specification rather than with
 * the signing library the app uses, and that a PUT body matches its x-amz-content-sha256.
 */
export async function startFakeS3(): Promise<FakeS3> {
  const s3: FakeS3 = {
    endpoint: '',
    bucket: 'county-evidence',
    region: 'cn-test-1',
    accessKeyId: 'AKTESTKEY123',
    secretAccessKey: 'test-secret-abc/xyz',
    objects: new Map(),
    refused: [],
    down: false,
    close: async () => undefined,
  };
  const verify = (req: http.IncomingMessage, body: Buffer): string | null => {
    const auth = req.headers.authorization ?? '';
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'no SigV4 authorization';
    const [, key, day, region, signedHeaders, signature] = m as unknown as string[];
    if (key !== s3.accessKeyId || region !== s3.region) return 'wrong key or region';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (req.method === 'PUT' && payloadHash !== sha(body)) return 'payload hash mismatch';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const [pathPart, query = ''] = (req.url ?? '').split('?');
    const headers = signedHeaders!
      .split(';')
      .map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`)
      .join('');
    const canonical = [req.method, pathPart, query, headers, signedHeaders, payloadHash].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
    let k: Buffer = hmac(`AWS4${s3.secretAccessKey}`, day!);
    for (const part of [region!, 's3', 'aws4_request']) k = hmac(k, part);
    return createHmac('sha256', k).update(toSign).digest('hex') === signature ? null : 'bad signature';
  };
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (s3.down) return res.writeHead(503).end('SlowDown');
      const body = Buffer.concat(parts);
      const problem = verify(req, body);
      if (problem) {
        s3.refused.push(problem);
        return res.writeHead(403).end(`<Error><Code>SignatureDoesNotMatch</Code></Error>`);
      }
      const prefix = `/${s3.bucket}/`;
      const path = (req.url ?? '').split('?')[0]!;
      if (!path.startsWith(prefix)) return res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
      const key = decodeURIComponent(path.slice(prefix.length));
      if (req.method === 'PUT') {
        s3.objects.set(key, body);
        return res.writeHead(200, { etag: `"${sha(body).slice(0, 32)}"` }).end();
      }
      const object = s3.objects.get(key);
      if (req.method !== 'GET' || !object) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      res.writeHead(200, { 'content-length': object.length }).end(object);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  s3.endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  s3.close = () => new Promise((resolve) => server.close(() => resolve()));
  return s3;
}
