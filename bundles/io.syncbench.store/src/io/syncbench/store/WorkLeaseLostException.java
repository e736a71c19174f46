package io.syncbench.store;

/**
 * The lease on a link's work expired and another process took it: what the page did is left to that
 * process, which knows it from the page's announcement.
 */
public class WorkLeaseLostException extends StoreException {

	private static final long serialVersionUID = 1L;

	public WorkLeaseLostException(String message) {
		super(message);
	}
}
