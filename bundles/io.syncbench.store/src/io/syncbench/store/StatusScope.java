package io.syncbench.store;

/**
 * The records of one entity that one company exchanges with one connected system.
 *
 * @param companyId the company's id
 * @param system    the connected system's name within the company, for example {@code webstore}
 * @param entity    the entity name, for example {@code product}
 */
public record StatusScope(long companyId, String system, String entity) {
}
