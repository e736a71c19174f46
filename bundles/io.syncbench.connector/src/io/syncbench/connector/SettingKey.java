package io.syncbench.connector;

/**
 * One setting a kind of system takes, as the operator types it ({@code key=value}).
 *
 * @param key      the key, for example {@code url}; a family of keys names its variable part in angle
 *                 brackets, for example {@code entity.<name>.table}
 * @param required whether a system of this kind cannot work without it
 * @param help     what it means, its range and its default, in one sentence
 */
public record SettingKey(String key, boolean required, String help) {
}
