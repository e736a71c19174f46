package io.syncbench.engine;

/**
 * An operator's mapping between a field of the company's database and a field of the connected
 * system that have different names, for example {@code ITEM_DESC} and {@code description}.
 */
public record FieldMapping(String localField, String externalField) {
}
