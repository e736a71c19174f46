package io.syncbench.engine;

/** Job families of the engine, so that the workbench can find, wait for and cancel its jobs. */
public final class SyncJobs {

	/** Every synchronization run. */
	public static final Object RUNS = new Object();

	private SyncJobs() {
	}
}
