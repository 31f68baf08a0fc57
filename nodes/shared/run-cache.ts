import type { IDataObject } from 'n8n-workflow';

/**
 * A lookup made at most once per execution: concurrent callers share the one promise, and a
 * failed lookup is forgotten so the next item asks again (its own failure is its own).
 */
export class Memo<V> {
	private readonly entries = new Map<string, Promise<V>>();

	get(key: string, load: () => Promise<V>): Promise<V> {
		let entry = this.entries.get(key);
		if (!entry) {
			entry = load();
			this.entries.set(key, entry);
			const settled = entry;
			settled.catch(() => {
				if (this.entries.get(key) === settled) this.entries.delete(key);
			});
		}
		return entry;
	}

	/** What is already looked up (or being looked up), without starting a lookup. */
	peek(key: string): Promise<V> | undefined {
		return this.entries.get(key);
	}

	forget(key?: string): void {
		if (key === undefined) this.entries.clear();
		else this.entries.delete(key);
	}
}

/** A project's work orders, read once per execution and kept current with this run's writes. */
export interface TaskIndex {
	byExternalId: Map<string, IDataObject>;
	byId: Map<string, IDataObject>;
	remember(task: IDataObject): void;
}

/**
 * What one execution (or one trigger poll) has looked up. Made fresh for every run and never
 * kept: in queue mode each execution runs on some worker, and nothing may outlive it there.
 */
export class RunCache {
	/** Project number → the project (Ditio's by-project-number answer). */
	readonly projectsByNumber = new Memo<IDataObject>();

	/** Project id → the index of its work orders. */
	readonly tasksOfProject = new Memo<TaskIndex>();

	/** Work order id → the PATCH that sets isParent on it, shared by its children in this run. */
	readonly parentMarks = new Memo<void>();

	/** A work order's lookup path (Look Up By and its numbers) → its Ditio ID. */
	readonly taskIdsByPath = new Memo<string>();

	/**
	 * `projects|tasks/<id>` → the file ids seen there, read before the first upload that could be
	 * repeated, so a retry can tell the files of a lost answer from older ones of the same name.
	 */
	readonly documentFilesSeen = new Memo<Set<string>>();
}
