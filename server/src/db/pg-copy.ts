import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';

/**
 * COPY … FROM STDIN through Kysely. Kysely has no COPY and does not hand out its pg client, so the
 * statement goes as a raw query whose text was registered here and whose one parameter is the
 * COPY data (text format, one line a row: {@link copyData}); each pool connection runs such a
 * query as a COPY on itself, inside whatever transaction the caller has open on it. COPY is what
 * PostgreSQL reads fastest: no statement per row, no JSON document of the batch to build and take
 * apart (docs/BENCHMARKS.md, ledger import).
 */
const texts = new Set<string>();

/**
 * The statement `COPY table (columns) FROM STDIN`, registered: `executeQuery(CompiledQuery.raw(text, [data]))`
 * copies `data` ({@link copyData}).
 */
export function copyStatement(table: string, columns: readonly string[]): string {
  const text = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  texts.add(text);
  return text;
}

/** Makes each connection of the pool run the registered COPY texts as COPY. */
export function enableCopy(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config === 'string' && texts.has(config) && callback === undefined) {
        const [data] = values as [string | Buffer];
        return runCopy(query(copyFrom(config)) as CopyStreamQuery, data);
      }
      return query(config, values, callback);
    }) as typeof client.query;
  });
}

function runCopy(
  stream: CopyStreamQuery,
  data: string | Buffer,
): Promise<{ command: string; rowCount: number; rows: [] }> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    // 'finish' comes after the server's ReadyForQuery: the rows are in, the connection free.
    stream.once('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
    stream.end(data);
  });
}

type Field = string | number | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const escapeField = (s: string) =>
  SPECIAL.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;

/**
 * One row in COPY's text format: fields by tabs, `\N` for null, backslash, tab, newline and
 * carriage return escaped (PostgreSQL's documentation of COPY, "Text Format").
 */
export function copyLine(fields: readonly Field[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (i > 0) line += '\t';
    line += f === null || f === undefined ? '\\N' : typeof f === 'number' ? String(f) : escapeField(f);
  }
  return line + '\n';
}

/**
 * The COPY data of these rows, each line turned into UTF-8 on its own: one string of a whole batch
 * cost about four times as much to turn into bytes (15.6 against 4.2 ms per 2,000 ledger rows of
 * Chinese text; the long concatenation is flattened first, then converted).
 */
export function copyData(rows: Iterable<readonly Field[]>): Buffer {
  const lines: Buffer[] = [];
  for (const row of rows) lines.push(Buffer.from(copyLine(row)));
  return Buffer.concat(lines);
}
