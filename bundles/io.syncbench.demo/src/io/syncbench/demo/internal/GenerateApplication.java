package io.syncbench.demo.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.util.NLS;

import io.syncbench.demo.DemoDatabase;

/**
 * {@code -application io.syncbench.demo.generate -items <n> -database <folder or URL>}: fills a company
 * database of the standard layout with generated items, for the benchmarks (a million items take a few
 * minutes on Derby).
 */
public final class GenerateApplication implements IApplication {

	private static final Integer EXIT_USAGE = 2;

	@Override
	public Object start(IApplicationContext context) throws SQLException {
		List<String> arguments = List.of((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		String items = argument(arguments, "-items"); //$NON-NLS-1$
		String database = argument(arguments, "-database"); //$NON-NLS-1$
		if (items == null || database == null || !items.matches("\\d{1,10}")) { //$NON-NLS-1$
			System.out.println(Messages.Generate_usage);
			return EXIT_USAGE;
		}
		long count = Long.parseLong(items);
		String url = database.startsWith("jdbc:") ? database : "jdbc:derby:" + Path.of(database).toAbsolutePath(); //$NON-NLS-1$ //$NON-NLS-2$
		Properties properties = new Properties();
		String user = argument(arguments, "-user"); //$NON-NLS-1$
		if (user != null) {
			properties.setProperty("user", user); //$NON-NLS-1$
		}
		long started = System.nanoTime();
		try (Connection connection = connect(url, properties)) {
			if (!tableExists(connection)) {
				DemoDatabase.createTables(connection);
			}
			DemoDatabase.generateItems(connection, count, written -> {
				if (written % 100_000 == 0 || written == count) {
					System.out.println(NLS.bind(Messages.Generate_progress, written, count));
				}
			});
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.println(NLS.bind(Messages.Generate_done, new Object[] { count, url,
				String.format(Locale.ROOT, "%.1f", seconds), String.format(Locale.ROOT, "%.0f", count / seconds) })); //$NON-NLS-1$ //$NON-NLS-2$
		return EXIT_OK;
	}

	private static Connection connect(String url, Properties properties) throws SQLException {
		if (url.startsWith("jdbc:postgresql:")) { //$NON-NLS-1$
			return new org.postgresql.Driver().connect(url, properties);
		}
		return new org.apache.derby.jdbc.EmbeddedDriver().connect(url + ";create=true", properties); //$NON-NLS-1$
	}

	private static boolean tableExists(Connection connection) throws SQLException {
		for (String name : List.of("ITEM", "item")) { //$NON-NLS-1$ //$NON-NLS-2$
			try (ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(), name, null)) {
				if (found.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private static String argument(List<String> arguments, String name) {
		int at = arguments.indexOf(name);
		return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
	}

	@Override
	public void stop() {
		// runs to its end; the batches already written stay
	}
}
