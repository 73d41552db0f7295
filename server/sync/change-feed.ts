// One LISTEN connection per API instance on the channel the sync tables' triggers notify at every
// commit (migration 20261206000100_sync_change_notify). Its generation changes whenever a pull's
// answer may have changed: on every notification, and whenever the instance may have missed one
// (the connection failed, was replaced, or is not listening yet). A memoized answer is reused only
// while the generation it was read under is still current and the feed is live
// (pull-answer-memo.ts). NOTIFY is delivered by the server that committed: on Aurora that is the
// writer, so the feed connects to the writer even when pulls read a replica.
import pg from 'pg';

export const SYNC_CHANGED_CHANNEL = 'ratedesk_sync_changed';

export interface ChangeFeedLog {
  warn: (details: object, message: string) => void;
}

export interface ChangeFeedOptions {
  /** The writer's connection settings (the pool's, so the same role, host and TLS). */
  connection: pg.ClientConfig;
  log: ChangeFeedLog;
  /** First wait before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export class ChangeFeed {
  private generationValue = 0;
  private liveValue = false;
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ChangeFeedOptions) {
    this.retryMs = options.retryMs ?? 250;
  }

  /** Changes whenever an answer read before may be out of date (never goes back). */
  get generation(): number {
    return this.generationValue;
  }

  /** True while the instance is listening: only then can a memoized answer be trusted. */
  get live(): boolean {
    return this.liveValue;
  }

  /** Connects and listens; resolves once listening or after the first failure (it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
  }

  /** Resolves at the next generation change after `than` (tests: "the notification has arrived"). */
  async nextGeneration(than: number = this.generationValue): Promise<number> {
    while (this.generationValue === than) await new Promise<void>((resolve) => this.waiters.add(resolve));
    return this.generationValue;
  }

  /** Resolves once the feed listens again (tests: after its connection was killed). */
  async whenLive(): Promise<void> {
    while (!this.liveValue) await new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  /**
   * A write this instance just committed (called before its answer is sent): the writer's own next
   * pull must see it, and its notification may still be on the way.
   */
  invalidate(): void {
    this.bump();
  }

  private bump(): void {
    this.generationValue += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // keepAlive: a silently dead connection is noticed (and the memo bypassed) instead of lingering.
    const client = new pg.Client({ ...this.options.connection, keepAlive: true });
    this.client = client;
    client.on('error', (error) => this.fail(client, error));
    client.on('end', () => this.fail(client, new Error('the LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel === SYNC_CHANGED_CHANNEL) this.bump();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SYNC_CHANGED_CHANNEL}`);
    } catch (error) {
      this.fail(client, error as Error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.retryMs = this.options.retryMs ?? 250;
    // Whatever committed while no one listened is unknown: everything read before is suspect.
    this.bump();
    this.liveValue = true;
    this.bump();
  }

  private fail(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.drop();
    if (this.stopped) return;
    this.options.log.warn({ err: error, retryMs: this.retryMs }, 'the sync change feed lost its connection; pulls are answered from PostgreSQL until it is back');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 10_000);
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.liveValue = false;
    this.bump();
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
    }
  }
}
