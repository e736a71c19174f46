package io.syncbench.store.internal;

/**
 * Rows in the text format of PostgreSQL's COPY: tab-separated, one row a line, {@code \N}
 * for null, and a backslash before the characters that would end a field or a row (see "File
 * Formats" in the COPY command's reference).
 */
final class CopyText {

	private CopyText() {
	}

	/** Appends a row: its values as text, tab-separated, and the row's end. */
	static void row(StringBuilder rows, Object[] values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				rows.append('\t');
			}
			append(rows, values[i] == null ? null : values[i].toString());
		}
		rows.append('\n');
	}

	private static void append(StringBuilder row, String value) {
		if (value == null) {
			row.append("\\N"); //$NON-NLS-1$
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> row.append("\\\\"); //$NON-NLS-1$
				case '\t' -> row.append("\\t"); //$NON-NLS-1$
				case '\n' -> row.append("\\n"); //$NON-NLS-1$
				case '\r' -> row.append("\\r"); //$NON-NLS-1$
				default -> row.append(c);
			}
		}
	}
}
