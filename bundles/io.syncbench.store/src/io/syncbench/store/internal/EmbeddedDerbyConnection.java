package io.syncbench.store.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** An embedded Derby database in a directory, created on first use. */
public final class EmbeddedDerbyConnection implements DatabaseConnection {

	/** Derby's SQLState for a clean shutdown of one database. */
	private static final String DATABASE_SHUT_DOWN = "08006"; //$NON-NLS-1$

	private final Path directory;
	private final EmbeddedDataSource dataSource = new EmbeddedDataSource();

	public EmbeddedDerbyConnection(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		keepDerbyLogBeside(this.directory);
		dataSource.setDatabaseName(this.directory.toString());
		dataSource.setCreateDatabase("create"); //$NON-NLS-1$
	}

	@Override
	public String location() {
		return directory.toString();
	}

	/**
	 * Derby's own errors for a folder it cannot create vary (XJ004, XBM0H, XSLAT); this one does not. A
	 * database folder without Derby's {@code service.properties} is one whose creation a kill cut off:
	 * Derby can never open it, so it is moved aside and the database created anew.
	 */
	@Override
	public void prepare() throws IOException {
		Path parent = directory.getParent();
		Files.createDirectories(parent);
		if (!Files.isWritable(parent)) {
			throw new AccessDeniedException(parent.toString());
		}
		if (Files.isDirectory(directory) && !Files.exists(directory.resolve("service.properties"))) { //$NON-NLS-1$
			Files.move(directory, directory.resolveSibling(directory.getFileName() + ".incomplete-" //$NON-NLS-1$
					+ System.currentTimeMillis()));
		}
	}

	@Override
	public DataSource dataSource() {
		return dataSource;
	}

	@Override
	public void shutdown() {
		EmbeddedDataSource shutdown = new EmbeddedDataSource();
		shutdown.setDatabaseName(directory.toString());
		shutdown.setShutdownDatabase("shutdown"); //$NON-NLS-1$
		try (Connection ignored = shutdown.getConnection()) {
			// Derby always answers a shutdown request with an exception.
		} catch (SQLException e) {
			if (!DATABASE_SHUT_DOWN.equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) { //$NON-NLS-1$
				throw new IllegalStateException("Derby did not shut down " + directory, e); //$NON-NLS-1$
			}
		}
	}

	/** Derby writes derby.log into the working directory unless told otherwise; keep it with the data. */
	private static void keepDerbyLogBeside(Path databaseDirectory) {
		if (System.getProperty("derby.stream.error.file") == null && databaseDirectory.getParent() != null) { //$NON-NLS-1$
			System.setProperty("derby.stream.error.file", //$NON-NLS-1$
					databaseDirectory.resolveSibling("derby.log").toString()); //$NON-NLS-1$
		}
	}
}
