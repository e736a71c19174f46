package io.syncbench.setupfile.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.databind.JsonNode;

import io.syncbench.setupfile.SetupFileException;

/**
 * Reads a JSON tree strictly: each object may hold only the keys it names, each value must have its
 * type, and every refusal names the path to the value (for example {@code systems[1].type}).
 */
public final class StrictJson {

	private StrictJson() {
	}

	/** The object at {@code path}, refusing keys other than {@code keys}. */
	public static JsonNode object(JsonNode node, String path, Set<String> keys) throws SetupFileException {
		if (node == null || !node.isObject()) {
			throw new SetupFileException(path, node == null ? Messages.File_missing : Messages.File_notObject);
		}
		for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!keys.contains(name)) {
				throw new SetupFileException(join(path, name), NLS.bind(Messages.File_unknownKey, name,
						String.join(", ", keys.stream().sorted().toList()))); //$NON-NLS-1$
			}
		}
		return node;
	}

	public static String text(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = required(parent, path, key);
		if (!value.isTextual()) {
			throw wrongType(join(path, key), "a text", value); //$NON-NLS-1$
		}
		return value.textValue();
	}

	public static int integer(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = required(parent, path, key);
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw wrongType(join(path, key), "a whole number", value); //$NON-NLS-1$
		}
		return value.intValue();
	}

	public static boolean bool(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = required(parent, path, key);
		if (!value.isBoolean()) {
			throw wrongType(join(path, key), "true or false", value); //$NON-NLS-1$
		}
		return value.booleanValue();
	}

	/** An object of texts; absent means empty. */
	public static Map<String, String> texts(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = parent.get(key);
		Map<String, String> texts = new LinkedHashMap<>();
		if (value == null) {
			return texts;
		}
		if (!value.isObject()) {
			throw wrongType(join(path, key), "an object of texts", value); //$NON-NLS-1$
		}
		for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext();) {
			Map.Entry<String, JsonNode> entry = entries.next();
			if (!entry.getValue().isTextual()) {
				throw wrongType(join(join(path, key), entry.getKey()), "a text", entry.getValue()); //$NON-NLS-1$
			}
			texts.put(entry.getKey(), entry.getValue().textValue());
		}
		return texts;
	}

	/** The array at {@code key}; absent means empty. */
	public static JsonNode array(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = parent.get(key);
		if (value != null && !value.isArray()) {
			throw wrongType(join(path, key), "a list", value); //$NON-NLS-1$
		}
		return value == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : value;
	}

	/** One of an enum's names, as the file spells them: upper case. */
	public static <E extends Enum<E>> E choice(JsonNode parent, String path, String key, Class<E> type)
			throws SetupFileException {
		String text = text(parent, path, key);
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return constant;
			}
		}
		throw new SetupFileException(join(path, key), NLS.bind(Messages.File_unknownValue, text,
				String.join(", ", List.of(type.getEnumConstants()).stream().map(Enum::name).toList()))); //$NON-NLS-1$
	}

	public static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key; //$NON-NLS-1$
	}

	private static JsonNode required(JsonNode parent, String path, String key) throws SetupFileException {
		JsonNode value = parent.get(key);
		if (value == null || value.isNull()) {
			throw new SetupFileException(join(path, key), Messages.File_missing);
		}
		return value;
	}

	private static SetupFileException wrongType(String path, String expected, JsonNode found) {
		String kind = found.getNodeType().name().toLowerCase(Locale.ROOT);
		return new SetupFileException(path, NLS.bind(Messages.File_wrongType, expected, kind));
	}
}
