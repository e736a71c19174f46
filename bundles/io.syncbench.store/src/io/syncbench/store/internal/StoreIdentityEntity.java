package io.syncbench.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The store's identity: one row, made with a random id the first time the store is opened, and moved
 * with the database wherever it goes. Secrets on a machine are kept under it, so that two stores used
 * on one machine (a demo workspace and a real one) never read each other's companies' credentials.
 */
@Entity
@Table(name = "SB_STORE_IDENTITY")
public class StoreIdentityEntity {

	/** The row's key: always {@value #ONLY}, so that two processes creating it at once make one row. */
	static final int ONLY = 1;

	@Id
	@Column(name = "SINGLETON")
	private int singleton;

	@Column(name = "STORE_ID", length = 36, nullable = false)
	private String storeId;

	protected StoreIdentityEntity() {
		// for JPA
	}

	StoreIdentityEntity(String storeId) {
		this.singleton = ONLY;
		this.storeId = storeId;
	}

	String storeId() {
		return storeId;
	}
}
