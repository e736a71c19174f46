package io.syncbench.engine;

import java.util.List;

import io.syncbench.store.SyncStatusService.Side;

/** What a run does: both ways, or one. */
public enum SyncMode {
	/** Send the company's changes, then download the connected system's. */
	SYNCHRONIZE(List.of(Side.LOCAL, Side.EXTERNAL)),
	/** Send the company's changes only. */
	SEND(List.of(Side.LOCAL)),
	/** Download the connected system's changes only. */
	DOWNLOAD(List.of(Side.EXTERNAL));

	private final List<Side> origins;

	SyncMode(List<Side> origins) {
		this.origins = origins;
	}

	/** The sides whose changes the run takes, in order. */
	public List<Side> origins() {
		return origins;
	}
}
