package io.syncbench.monitoring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.osgi.util.NLS;

import io.syncbench.monitoring.internal.Messages;

/**
 * Where a headless service serves {@code /health} and {@code /metrics}: off unless a port is set, and on
 * loopback unless another address is.
 *
 * @param address the address to listen on
 * @param port    the port; 0 takes any free one (tests)
 */
public record MonitoringSettings(InetAddress address, int port) {

	/** The port, for example {@code 9464}; monitoring is off without it. */
	public static final String PORT_PROPERTY = "syncbench.monitoring.port"; //$NON-NLS-1$
	/** The address to listen on, for example {@code 0.0.0.0} for every interface; loopback by default. */
	public static final String ADDRESS_PROPERTY = "syncbench.monitoring.address"; //$NON-NLS-1$

	/**
	 * The settings among {@code properties} (the system properties, in a service).
	 *
	 * @return empty when no port is set: monitoring is off
	 * @throws IllegalArgumentException naming the property and its value when either is not usable
	 */
	public static Optional<MonitoringSettings> from(UnaryOperator<String> properties) {
		String port = properties.apply(PORT_PROPERTY);
		if (port == null || port.isBlank()) {
			return Optional.empty();
		}
		int number;
		try {
			number = Integer.parseInt(port.strip());
		} catch (NumberFormatException e) {
			number = -1;
		}
		if (number < 0 || number > 65535) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_port, PORT_PROPERTY, port));
		}
		String address = properties.apply(ADDRESS_PROPERTY);
		if (address == null || address.isBlank()) {
			return Optional.of(new MonitoringSettings(InetAddress.getLoopbackAddress(), number));
		}
		try {
			return Optional.of(new MonitoringSettings(InetAddress.getByName(address.strip()), number));
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_address, ADDRESS_PROPERTY, address), e);
		}
	}
}
