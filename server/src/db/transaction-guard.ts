import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Dialect } from './connection.ts';

/**
 * A check that must hold inside every transaction a piece of work opens, e.g. "the plan this request
 * writes to is still open". It runs as the transaction's first statement, so that it and the
 * transaction's writes see the same state: on PostgreSQL it takes a row lock that the change it
 * guards against (archiving) must wait for; on SQLite the one connection is the only writer for
 * the whole transaction.
 */
export interface TransactionGuard {
  check(connection: DatabaseConnection, dialect: Dialect): Promise<void>;
}

const guards = new AsyncLocalStorage<TransactionGuard>();

/** Runs `fn` (and everything it starts) under the guard: each of its transactions, and each write it makes outside one, is checked first. */
export function runGuarded<T>(guard: TransactionGuard, fn: () => T): T {
  return guards.run(guard, fn);
}

/** Wraps a Kysely dialect so that its transactions and lone writes honour the guard of their async context. */
export function guardedDialect(inner: KyselyDialect, dialect: Dialect): KyselyDialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: () => new GuardedDriver(inner.createDriver(), dialect),
  };
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const isWrite = (q: CompiledQuery) =>
  WRITE_NODES.has(q.query.kind) ||
  (q.query.kind === 'RawNode' && /^\s*(insert|update|delete|merge|copy)\b/i.test(q.sql));

class GuardedConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly dialect: Dialect,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const guard = guards.getStore();
    if (this.inTransaction || !guard || !isWrite(query)) return this.inner.executeQuery<R>(query);
    // A write outside any transaction, in guarded work: give it one, so that the check and the write
    // are atomic as they are for the writes that open their own.
    await this.inner.executeQuery(CompiledQuery.raw('begin'));
    try {
      await guard.check(this.inner, this.dialect);
      const result = await this.inner.executeQuery<R>(query);
      await this.inner.executeQuery(CompiledQuery.raw('commit'));
      return result;
    } catch (err) {
      await this.inner.executeQuery(CompiledQuery.raw('rollback'));
      throw err;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

type SavepointArgs = [name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]];

class GuardedDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, GuardedConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly dialect: Dialect,
  ) {}

  init = () => this.inner.init();
  destroy = () => this.inner.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(conn);
    if (!wrapper) this.wrappers.set(conn, (wrapper = new GuardedConnection(conn, this.dialect)));
    return wrapper;
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as GuardedConnection).inTransaction = false;
    await this.inner.releaseConnection((c as GuardedConnection).inner);
  }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const conn = c as GuardedConnection;
    await this.inner.beginTransaction(conn.inner, settings);
    conn.inTransaction = true;
    const guard = guards.getStore();
    if (!guard) return;
    try {
      await guard.check(conn.inner, this.dialect);
    } catch (err) {
      // Kysely rolls back only a transaction whose begin succeeded: this one must end here.
      conn.inTransaction = false;
      await this.inner.rollbackTransaction(conn.inner);
      throw err;
    }
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as GuardedConnection;
    await this.inner.commitTransaction(conn.inner);
    conn.inTransaction = false;
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as GuardedConnection;
    conn.inTransaction = false;
    await this.inner.rollbackTransaction(conn.inner);
  }

  async savepoint(c: DatabaseConnection, ...args: SavepointArgs): Promise<void> {
    await this.inner.savepoint!((c as GuardedConnection).inner, ...args);
  }

  async rollbackToSavepoint(c: DatabaseConnection, ...args: SavepointArgs): Promise<void> {
    await this.inner.rollbackToSavepoint!((c as GuardedConnection).inner, ...args);
  }

  async releaseSavepoint(c: DatabaseConnection, ...args: SavepointArgs): Promise<void> {
    await this.inner.releaseSavepoint!((c as GuardedConnection).inner, ...args);
  }
}
