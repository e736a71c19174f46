package io.syncbench.ui.internal.workbench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.osgi.framework.Version;

import io.syncbench.ui.internal.Messages;

/**
 * Version and build of SyncBench, read from the bundle version: the build stamps the qualifier with the
 * time of the build (yyyyMMddHHmm).
 */
public record BuildInfo(String version, String build) {

	private static final DateTimeFormatter QUALIFIER = DateTimeFormatter.ofPattern("yyyyMMddHHmm"); //$NON-NLS-1$
	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"); //$NON-NLS-1$

	public static BuildInfo of(Version bundleVersion) {
		String version = bundleVersion.getMajor() + "." + bundleVersion.getMinor() + "." + bundleVersion.getMicro(); //$NON-NLS-1$ //$NON-NLS-2$
		try {
			return new BuildInfo(version, LocalDateTime.parse(bundleVersion.getQualifier(), QUALIFIER).format(SHOWN));
		} catch (DateTimeParseException e) { // run from an IDE workspace: the qualifier is not a time
			return new BuildInfo(version, Messages.About_developmentBuild);
		}
	}
}
