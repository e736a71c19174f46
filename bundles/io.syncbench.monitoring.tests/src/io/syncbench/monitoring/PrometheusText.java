package io.syncbench.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads Prometheus's text format with the Prometheus project's own parser (its Python client,
 * {@code prometheus_client.parser}, Debian's python3-prometheus-client): Maven Central has no Java
 * parser of the format, and one written here would share the endpoint's misreadings.
 */
final class PrometheusText {

	/** One sample: a series' name, its labels and its value. */
	record Sample(String name, Map<String, String> labels, double value) {
	}

	/** The families with their samples; a malformed document fails with the parser's own message. */
	private static final String SCRIPT = String.join("\n", //
			"import json, sys", //
			"from prometheus_client.parser import text_string_to_metric_families", //
			"out = []", //
			"for family in text_string_to_metric_families(sys.stdin.read()):", //
			"    for s in family.samples:", //
			"        out.append({'name': s.name, 'type': family.type, 'labels': s.labels, 'value': s.value})", //
			"json.dump(out, sys.stdout)");

	/** Debian's own Python, where its package puts the client (a python3 earlier on the PATH may lack it). */
	private static final String PYTHON = "/usr/bin/python3";

	private PrometheusText() {
	}

	static List<Sample> parse(String text) throws IOException, InterruptedException {
		Process python = new ProcessBuilder(PYTHON, "-c", SCRIPT).start();
		try (OutputStream in = python.getOutputStream()) {
			in.write(text.getBytes(StandardCharsets.UTF_8));
		}
		byte[] out = python.getInputStream().readAllBytes();
		String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
			throw new AssertionError("Prometheus's parser refused the document (needs python3-prometheus-client): "
					+ err + "\n" + text);
		}
		List<Sample> samples = new ArrayList<>();
		for (JsonNode sample : new ObjectMapper().readTree(out)) {
			Map<String, String> labels = new TreeMap<>();
			sample.get("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
			samples.add(new Sample(sample.get("name").asText(), labels, sample.get("value").asDouble()));
		}
		return samples;
	}
}
