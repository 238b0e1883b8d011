import { describeError, reportProblem } from '@promptkit/events/adapter';

/** The genai-prices module: its data and `calcPrice`/`findProvider`. */
export type Database = typeof import('@pydantic/genai-prices');

export type LoadState = 'idle' | 'loading' | 'loaded' | 'failed';

/**
 * Loads the price database on first use. Importing it parses about 800 KB of price data (about
 * 85 ms), so an application that never prices a call from it never pays that.
 */
export class DatabaseLoader {
  private module: Database | undefined;
  private loading: Promise<Database> | undefined;
  private failed = false;
  private readonly importer: () => Promise<Database>;

  constructor(importer: () => Promise<Database> = () => import('@pydantic/genai-prices')) {
    this.importer = importer;
  }

  get state(): LoadState {
    return this.module !== undefined ? 'loaded' : this.failed ? 'failed' : this.loading !== undefined ? 'loading' : 'idle';
  }

  /** The database when it has loaded; undefined before, and after a failed load. */
  loaded(): Database | undefined {
    return this.module;
  }

  /** Loads the database once; every caller shares the one import. Rejects when it cannot load. */
  load(): Promise<Database> {
    if (this.module !== undefined) return Promise.resolve(this.module);
    this.loading ??= this.importer().then(
      (module) => (this.module = module),
      (error: unknown) => {
        this.failed = true;
        reportProblem('pricing database load', `the price database @pydantic/genai-prices could not be loaded (${describeError(error)}); calls without cost are counted as unpriced`, 'error');
        throw error;
      },
    );
    return this.loading;
  }
}

/** The one loader every Pricing shares: the module is imported once per process. */
export const sharedLoader = new DatabaseLoader();
