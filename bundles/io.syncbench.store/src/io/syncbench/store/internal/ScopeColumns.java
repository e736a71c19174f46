package io.syncbench.store.internal;

import io.syncbench.store.StatusScope;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

/** The columns of a {@link StatusScope}, shared by the status, queue and cursor tables. */
@Embeddable
public class ScopeColumns {

	@Column(name = "COMPANY_ID", nullable = false)
	private long companyId;

	@Column(name = "SYSTEM_NAME", nullable = false, length = 80)
	private String system;

	@Column(name = "ENTITY", nullable = false, length = 80)
	private String entity;

	protected ScopeColumns() {
		// for JPA
	}

	ScopeColumns(StatusScope scope) {
		this.companyId = scope.companyId();
		this.system = scope.system();
		this.entity = scope.entity();
	}

	StatusScope toScope() {
		return new StatusScope(companyId, system, entity);
	}

	/** A JPQL condition that the entity {@code alias} is in the scope given by {@link #bind}. */
	static String matches(String alias) {
		return alias + ".scope.companyId = :company AND " + alias + ".scope.system = :system AND " + alias //$NON-NLS-1$ //$NON-NLS-2$
				+ ".scope.entity = :entity"; //$NON-NLS-1$
	}

	static <T> TypedQuery<T> bind(TypedQuery<T> query, StatusScope scope) {
		bind((Query) query, scope);
		return query;
	}

	/** As {@link #bind(TypedQuery, StatusScope)}, for an UPDATE or DELETE. */
	static Query bind(Query query, StatusScope scope) {
		return query.setParameter("company", scope.companyId()).setParameter("system", scope.system()) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("entity", scope.entity()); //$NON-NLS-1$
	}
}
