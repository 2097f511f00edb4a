// One backup started from the interface: the engine's events folded into what the Backup screen
// shows — figures per category and overall — and, at the end, the summary of what moved.
import type { BackupEvent, BackupReport } from '../backup/index.ts';
import type {
  BackupFinished, BackupProgress, CategoryProgressView, CategorySummary, ProgressFigures, UploadProgress, UploadSummary,
} from '../../../preload/contract/backup.ts';
import type { ApiFailure } from './api-error.ts';

const MAX_PROBLEMS = 200;

/** How each stored item compares with the phone's previous complete snapshot. */
export interface ItemChanges {
  added: number;
  changed: number;
  unchanged: number;
}

export class BackupJob {
  readonly id: string;
  readonly folder: string;
  readonly controller = new AbortController();
  readonly #startedAt = Date.now();
  #snapshotId: string | null = null;
  readonly #categories: Map<string, CategoryProgressView>;
  /** The encrypted uploads that follow the local backup, per destination. */
  readonly #uploads = new Map<string, UploadProgress>();

  constructor(id: string, folder: string, categories: readonly string[], uploads: ReadonlyMap<string, string[]> = new Map()) {
    this.id = id;
    this.folder = folder;
    this.#categories = new Map(categories.map((category) => [category, waiting(category)]));
    for (const [destination, sent] of uploads) {
      this.#uploads.set(destination, {
        destination, categories: sent, phase: 'waiting', objectsDone: 0, objectsTotal: 0, alreadyThere: 0, bytesDone: 0, bytesTotal: 0,
      });
    }
  }

  get snapshotId(): string | null {
    return this.#snapshotId;
  }

  updateUpload(destination: string, change: Partial<UploadProgress>): void {
    const current = this.#uploads.get(destination);
    if (current !== undefined) this.#uploads.set(destination, { ...current, ...change });
  }

  /** Folds one engine event in; true when the screen should hear about it. */
  apply(event: BackupEvent): boolean {
    if (event.type === 'started') this.#snapshotId = event.snapshotId;
    else if (event.type === 'category-started') {
      this.#set(event.category, { phase: 'running', itemsTotal: event.items, itemsDone: event.unchanged, bytesTotal: event.bytesToTransfer });
    } else if (event.type === 'progress') {
      const { category, itemsDone, itemsTotal, bytesDone, bytesTotal, bytesPerSecond, etaSeconds } = event;
      this.#set(category, { phase: 'running', itemsDone, itemsTotal, bytesDone, bytesTotal, bytesPerSecond, etaSeconds });
    } else if (event.type === 'category-finished') {
      const current = this.#categories.get(event.category);
      this.#set(event.category, {
        phase: 'done',
        state: event.state,
        itemsDone: event.items,
        itemsTotal: Math.max(event.items, current?.itemsTotal ?? 0),
        bytesDone: event.bytesTransferred,
        bytesTotal: Math.max(event.bytesTransferred, current?.bytesTotal ?? 0),
        bytesPerSecond: 0,
        etaSeconds: 0,
      });
    } else return false;
    return true;
  }

  progress(): BackupProgress {
    const categories = [...this.#categories.values()].map((category) => ({ ...category }));
    const uploads = [...this.#uploads.values()].map((upload) => ({ ...upload }));
    return {
      job: this.id, snapshotId: this.#snapshotId, categories, overall: overall(categories, this.#startedAt),
      ...(uploads.length > 0 ? { uploads } : {}),
    };
  }

  finished(report: BackupReport, changes: Map<string, ItemChanges>, uploads: UploadSummary[] = []): BackupFinished {
    const failedBy = new Map<string, number>();
    for (const problem of report.problems) failedBy.set(problem.category, (failedBy.get(problem.category) ?? 0) + 1);
    const categories: CategorySummary[] = report.categories.map((outcome) => {
      const counted = changes.get(outcome.category) ?? { added: 0, changed: 0, unchanged: 0 };
      return {
        category: outcome.category,
        state: outcome.state,
        items: outcome.items,
        ...counted,
        failed: failedBy.get(outcome.category) ?? 0,
        bytesTransferred: outcome.bytesTransferred,
        ...(outcome.message !== undefined ? { message: outcome.message } : {}),
      };
    });
    return {
      job: this.id,
      snapshotId: report.snapshotId || this.#snapshotId,
      state: report.state,
      folder: this.folder,
      seconds: report.seconds,
      categories,
      problems: report.problems.slice(0, MAX_PROBLEMS).map(({ category, path, kind, message }) => ({ category, path, kind, message })),
      problemCount: report.problems.length,
      bytesTransferred: report.bytesTransferred,
      ...(report.message !== undefined ? { message: report.message } : {}),
      ...(uploads.length > 0 ? { uploads } : {}),
    };
  }

  /** The summary of a run that failed before the engine could report (the phone could not be opened, the disk refused). */
  failedBeforeStart(failure: ApiFailure): BackupFinished {
    return {
      job: this.id, snapshotId: null, state: 'failed', folder: this.folder, seconds: (Date.now() - this.#startedAt) / 1000,
      categories: [], problems: [], problemCount: 0, bytesTransferred: 0, message: failure.message, errorKind: failure.kind,
    };
  }

  #set(category: string, change: Partial<CategoryProgressView>): void {
    const current = this.#categories.get(category) ?? waiting(category);
    this.#categories.set(category, { ...current, ...change });
  }
}

function waiting(category: string): CategoryProgressView {
  return { category, phase: 'waiting', state: null, itemsDone: 0, itemsTotal: 0, bytesDone: 0, bytesTotal: 0, bytesPerSecond: 0, etaSeconds: null };
}

/** Totals over the categories; the rate is over the whole run so far, the ETA from what is left. */
function overall(categories: CategoryProgressView[], startedAt: number): ProgressFigures {
  const sum = (pick: (c: CategoryProgressView) => number) => categories.reduce((total, c) => total + pick(c), 0);
  const bytesDone = sum((c) => c.bytesDone);
  const bytesTotal = sum((c) => c.bytesTotal);
  const seconds = (Date.now() - startedAt) / 1000;
  const bytesPerSecond = seconds > 0 ? Math.round(bytesDone / seconds) : 0;
  const running = categories.some((c) => c.phase !== 'done');
  const etaSeconds = !running ? 0 : bytesPerSecond > 0 ? Math.round(Math.max(0, bytesTotal - bytesDone) / bytesPerSecond) : null;
  // An export counts its items before it knows their total: they join the overall figures when it ends.
  return { itemsDone: sum((c) => Math.min(c.itemsDone, c.itemsTotal)), itemsTotal: sum((c) => c.itemsTotal), bytesDone, bytesTotal, bytesPerSecond, etaSeconds };
}
