package io.syncbench.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.server.Server;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

import jakarta.persistence.EntityManagerFactory;

/**
 * Creates the store's tables, indexes and sequences when they are missing. EclipseLink's own
 * create-or-extend mode re-issues sequence and constraint DDL at every start and logs each refusal as
 * a warning, so the store looks at the database first and asks EclipseLink only for what is absent:
 * everything on a new database, the new tables after an upgrade, nothing on an ordinary start.
 */
final class SchemaSetup {

	private SchemaSetup() {
	}

	static void ensure(EntityManagerFactory factory, DataSource dataSource) throws SQLException {
		Server session = JpaHelper.getServerSession(factory);
		Set<String> wanted = new TreeSet<>();
		for (ClassDescriptor descriptor : session.getDescriptors().values()) {
			if (!descriptor.isAggregateDescriptor() && descriptor.getTableName() != null) {
				wanted.add(descriptor.getTableName().toUpperCase(Locale.ROOT));
			}
		}
		Set<String> existing = existingTables(dataSource);
		if (existing.containsAll(wanted)) {
			return;
		}
		SchemaManager schema = new SchemaManager(session);
		if (wanted.stream().noneMatch(existing::contains)) {
			schema.createDefaultTables(true);
		} else {
			schema.extendDefaultTables(true);
		}
	}

	private static Set<String> existingTables(DataSource dataSource) throws SQLException {
		Set<String> tables = new HashSet<>();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			try (ResultSet found = metadata.getTables(null, connection.getSchema(), "%", new String[] { "TABLE" })) { //$NON-NLS-1$ //$NON-NLS-2$
				while (found.next()) {
					tables.add(found.getString("TABLE_NAME").toUpperCase(Locale.ROOT)); //$NON-NLS-1$
				}
			}
		}
		return tables;
	}
}
