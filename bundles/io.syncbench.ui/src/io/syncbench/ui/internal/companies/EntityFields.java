package io.syncbench.ui.internal.companies;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * The fields of an entity on both sides of a link, as read from the systems when the entity dialog
 * checks its mappings and filter: those of the company database and those of the connected system.
 * A side that could not be read is empty, with the reason in {@link #unread}.
 *
 * @param local    the company database's fields of the entity; empty when not read or not offered
 * @param external the connected system's fields of the entity; empty when not read or not offered
 * @param offered  problems of a side that was read but does not offer the entity, in words
 * @param unread   why a side could not be read, in words; empty when both were
 */
record EntityFields(Optional<Set<String>> local, Optional<Set<String>> external, List<String> offered, List<String> unread) {

	EntityFields {
		offered = List.copyOf(offered);
		unread = List.copyOf(unread);
	}

	/** What is wrong with the mappings ({@code company field=system field}), naming the field and its side. */
	Optional<String> mappingProblem(java.util.Map<String, String> mappings, String entity, String system) {
		for (var mapping : mappings.entrySet()) {
			Optional<String> problem = missing(local, mapping.getKey(), NLS.bind(Messages.Entity_noLocalField, entity,
					mapping.getKey())).or(() -> missing(external, mapping.getValue(),
							NLS.bind(Messages.Entity_noSystemField, new Object[] { system, entity, mapping.getValue() })));
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	/** What is wrong with the filter ({@code company field=value}): a field the company database lacks. */
	Optional<String> filterProblem(java.util.Map<String, String> filter, String entity) {
		for (String field : filter.keySet()) {
			Optional<String> problem = missing(local, field, NLS.bind(Messages.Entity_noFilterField, entity, field));
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	private static Optional<String> missing(Optional<Set<String>> fields, String field, String problem) {
		return fields.filter(known -> !known.contains(field))
				.map(known -> problem + " " + NLS.bind(Messages.Entity_itsFields, String.join(", ", new java.util.TreeSet<>(known)))); //$NON-NLS-1$
	}
}
