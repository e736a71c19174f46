package io.syncbench.connector;

import java.util.List;

/**
 * What a system needs installed to record its changes (triggers writing a change log, for a
 * database), shown to the operator before it is installed.
 */
public interface ChangeCapture {

	/** Each statement {@link #install()} would run, in order, exactly as it would run them. */
	List<String> plan() throws ConnectorException;

	/** Installs what {@link #plan()} shows, in one transaction: all of it or nothing. */
	void install() throws ConnectorException;

	/** Removes the capture; the changes already recorded stay readable. */
	void remove() throws ConnectorException;

	/** Whether every entity's changes are captured now. */
	boolean installed() throws ConnectorException;
}
