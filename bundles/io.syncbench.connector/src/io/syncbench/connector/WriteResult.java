package io.syncbench.connector;

/**
 * What became of one write of a batch: the record as stored, or the system's refusal of this record
 * alone (a {@link ConnectorException.Kind#RECORD_REJECTED}, naming the field when the system did).
 *
 * @param written the record as stored, with its id and change stamp; null when refused
 * @param refused why the system refused the record; null when it was written
 */
public record WriteResult(RecordData written, ConnectorException refused) {

	public WriteResult {
		if ((written == null) == (refused == null)) {
			throw new IllegalArgumentException("A write is either written or refused"); //$NON-NLS-1$
		}
	}

	public static WriteResult written(RecordData record) {
		return new WriteResult(record, null);
	}

	public static WriteResult refused(ConnectorException refusal) {
		return new WriteResult(null, refusal);
	}
}
