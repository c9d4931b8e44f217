/** What one sync of an environment did. */
export interface SyncResult {
  environment: string;
  /** Pipeline list pages read. */
  pages: number;
  /** Pipelines new since the last sync, saved. */
  added: number;
  /** Stored unfinished pipelines read again (from the list or one by one). */
  refreshed: number;
}

/** What refreshing one pipeline did. */
export interface RefreshResult {
  /** False when the pipeline is not the environment's (project or branch). */
  saved: boolean;
  /** Finished and settled: never read again. */
  terminal: boolean;
  /**
   * Every workflow it started has finished, so the operation it stands for
   * is over (it becomes terminal only later, see `SETTLE_MS`).
   */
  finished: boolean;
}

/**
 * Keeps the store in step with CircleCI: new pipelines, their workflows
 * (classified) and the jobs of workflows with approvals.
 */
export interface IngestionService {
  /** Syncs every configured environment; a failing one does not stop the others. */
  syncAll(signal?: AbortSignal): Promise<SyncResult[]>;
  /**
   * Syncs one environment incrementally: pages pipelines newest first and
   * stops at the first one stored as terminal, then reads again the stored
   * pipelines that had not finished. Terminal pipelines are never re-read.
   */
  syncEnvironment(
    environment: string,
    signal?: AbortSignal,
  ): Promise<SyncResult>;
  /**
   * Reads one pipeline now and stores it (for webhooks and the write side,
   * right after a trigger).
   */
  refreshPipeline(
    environment: string,
    pipelineId: string,
  ): Promise<RefreshResult>;
}
