package io.syncbench.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.internal.Messages;

/**
 * The rules a company's settings must follow. Dialogs check them at the field as the operator types;
 * the store checks them again before it writes, so no caller can store a broken company.
 */
public final class CompanyRules {

	public static final String FIELD_NAME = "name"; //$NON-NLS-1$
	public static final String FIELD_INTERVAL = "syncIntervalSeconds"; //$NON-NLS-1$
	public static final String FIELD_SYSTEM_NAME = "systemName"; //$NON-NLS-1$
	public static final String FIELD_MINIMUM_GAP = "minimumGapMinutes"; //$NON-NLS-1$
	public static final String FIELD_PARALLEL_ENTITIES = "parallelEntities"; //$NON-NLS-1$
	public static final String FIELD_MAX_ATTEMPTS = "maxAttempts"; //$NON-NLS-1$
	public static final String FIELD_SYSTEM_TYPE = "systemType"; //$NON-NLS-1$
	public static final String FIELD_SYSTEM_ROLE = "systemRole"; //$NON-NLS-1$

	/** Lower-case letters, digits and dashes: a connected system's name also names its status rows. */
	private static final Pattern SYSTEM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}"); //$NON-NLS-1$

	public static final int MAX_NAME_LENGTH = 80;
	public static final int MIN_INTERVAL_SECONDS = 5;
	public static final int MAX_INTERVAL_SECONDS = 24 * 60 * 60;
	public static final int DEFAULT_INTERVAL_SECONDS = 20;

	private CompanyRules() {
	}

	/** @return why {@code name} cannot name a company, or empty when it can */
	public static Optional<String> checkName(String name) {
		String trimmed = name == null ? "" : name.strip(); //$NON-NLS-1$
		if (trimmed.isEmpty()) {
			return Optional.of(Messages.CompanyRules_nameRequired);
		}
		int length = trimmed.codePointCount(0, trimmed.length());
		if (length > MAX_NAME_LENGTH) {
			return Optional.of(NLS.bind(Messages.CompanyRules_nameTooLong, MAX_NAME_LENGTH, length));
		}
		if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.of(Messages.CompanyRules_nameControlCharacters);
		}
		return Optional.empty();
	}

	/** @return why {@code name} cannot name a connected system, or empty when it can */
	public static Optional<String> checkSystemName(String name) {
		if (name == null || name.isBlank()) {
			return Optional.of(Messages.Setup_systemNameRequired);
		}
		return SYSTEM_NAME.matcher(name).matches() ? Optional.empty()
				: Optional.of(NLS.bind(Messages.Setup_systemNameMalformed, name));
	}

	/** @return why {@code seconds} is not a usable interval, or empty when it is */
	public static Optional<String> checkInterval(int seconds) {
		if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
			return Optional.of(NLS.bind(Messages.CompanyRules_intervalOutOfRange, MIN_INTERVAL_SECONDS,
					MAX_INTERVAL_SECONDS));
		}
		return Optional.empty();
	}

	/** @throws InvalidFieldException naming the first run setting out of range */
	public static void validate(RunSettings settings) {
		if (settings.minimumGapMinutes() < 0 || settings.minimumGapMinutes() > RunSettings.MAX_GAP_MINUTES) {
			throw new InvalidFieldException(FIELD_MINIMUM_GAP,
					NLS.bind(Messages.CompanyRules_outOfRange, new Object[] { Messages.CompanyRules_minimumGap, 0,
							RunSettings.MAX_GAP_MINUTES }));
		}
		if (settings.parallelEntities() < 1 || settings.parallelEntities() > RunSettings.MAX_PARALLEL_ENTITIES) {
			throw new InvalidFieldException(FIELD_PARALLEL_ENTITIES,
					NLS.bind(Messages.CompanyRules_outOfRange, new Object[] { Messages.CompanyRules_parallelEntities, 1,
							RunSettings.MAX_PARALLEL_ENTITIES }));
		}
		if (settings.maxAttempts() < 1 || settings.maxAttempts() > RunSettings.MAX_ATTEMPTS) {
			throw new InvalidFieldException(FIELD_MAX_ATTEMPTS, NLS.bind(Messages.CompanyRules_outOfRange,
					new Object[] { Messages.CompanyRules_maxAttempts, 1, RunSettings.MAX_ATTEMPTS }));
		}
	}

	/**
	 * The form of a name that uniqueness is decided on: trimmed, Unicode-normalized and lower case, so
	 * that "Acme" and " ACME" cannot both exist.
	 */
	public static String nameKey(String name) {
		return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/** @throws InvalidFieldException naming the first field that breaks a rule */
	public static void validate(CompanySettings settings) {
		checkName(settings.name()).ifPresent(problem -> {
			throw new InvalidFieldException(FIELD_NAME, problem);
		});
		checkInterval(settings.syncIntervalSeconds()).ifPresent(problem -> {
			throw new InvalidFieldException(FIELD_INTERVAL, problem);
		});
	}
}
