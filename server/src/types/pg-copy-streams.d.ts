// The part of pg-copy-streams (no types of its own) that db/pg-copy.ts uses.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  /** A COPY … FROM STDIN query to pass to a pg client's `query`: what is written to it is sent as COPY data. */
  export interface CopyStreamQuery extends Writable {
    /** Rows the server reported copied, once the stream has finished. */
    rowCount: number;
  }
  export function from(text: string): CopyStreamQuery;
}
