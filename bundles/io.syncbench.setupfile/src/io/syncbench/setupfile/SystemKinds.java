package io.syncbench.setupfile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The kinds of connected system this machine can synchronize (those whose connectors are installed),
 * and each kind's own check of a system's settings, which a setup file's systems must pass.
 */
public interface SystemKinds {

	Set<String> types();

	/** What is wrong with settings of a system of {@code type}, in words naming the key; empty when none. */
	Optional<String> checkSettings(String type, Map<String, String> settings);

	/** @param check a kind's check, for example {@code Connector.checkSettings} of the kind's connector */
	static SystemKinds of(Set<String> types, BiFunction<String, Map<String, String>, Optional<String>> check) {
		Set<String> installed = Set.copyOf(types);
		return new SystemKinds() {
			@Override
			public Set<String> types() {
				return installed;
			}

			@Override
			public Optional<String> checkSettings(String type, Map<String, String> settings) {
				return check.apply(type, settings);
			}
		};
	}
}
