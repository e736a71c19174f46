package io.syncbench.sandbox.internal;

import java.util.Map;

/**
 * A refusal in WooCommerce's shape: {@code {"code": ..., "message": ..., "data": {"status": ..., "params":
 * {...}}}}.
 */
final class ApiError extends Exception {

	private static final long serialVersionUID = 1L;

	final int status;
	final String code;
	final Map<String, String> params;

	ApiError(int status, String code, String message) {
		this(status, code, message, Map.of());
	}

	ApiError(int status, String code, String message, Map<String, String> params) {
		super(message);
		this.status = status;
		this.code = code;
		this.params = params;
	}

	/** A parameter of the wrong type or out of range, as WordPress reports it. */
	static ApiError invalidParam(String field, String reason) {
		return new ApiError(400, "rest_invalid_param", "Invalid parameter(s): " + field, Map.of(field, reason)); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
