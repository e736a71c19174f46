package io.syncbench.connector;

import java.util.List;

/**
 * A page of changes, oldest first.
 *
 * @param changes    the changed records, tombstones included
 * @param nextCursor where the next page starts; stored by the engine only once these changes are
 *                   committed on the other side, so a crash replays them instead of skipping them
 * @param more       whether more changes follow
 */
public record ChangePage(List<RecordData> changes, String nextCursor, boolean more) {

	public ChangePage {
		changes = List.copyOf(changes);
	}
}
