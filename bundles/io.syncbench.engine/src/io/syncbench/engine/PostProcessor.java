package io.syncbench.engine;

/**
 * Work that follows a record's synchronization, such as its dependent records. A post-processor that
 * fails does not undo the record: its problem is reported as a warning.
 */
@FunctionalInterface
public interface PostProcessor {

	void afterSynchronized(EntityLink link, RecordResult result) throws Exception;
}
