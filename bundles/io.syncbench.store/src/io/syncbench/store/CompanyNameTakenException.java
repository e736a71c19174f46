package io.syncbench.store;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.internal.Messages;

/** Another company already has this name (compared without regard to case). */
public class CompanyNameTakenException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	public CompanyNameTakenException(String name, Throwable cause) {
		super(CompanyRules.FIELD_NAME, NLS.bind(Messages.CompanyNameTaken, name.strip()), cause);
	}
}
