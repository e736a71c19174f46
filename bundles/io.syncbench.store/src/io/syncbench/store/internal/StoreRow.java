package io.syncbench.store.internal;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.TableGenerator;

/**
 * A row whose id comes from the SB_ID table, allocated on a connection of its own: Derby's identity
 * columns and sequences fail with "too much contention" when several threads insert. A thousand at a
 * time, since each allocation is a commit and a complete update makes two rows for each record.
 */
@MappedSuperclass
public abstract class StoreRow {

	@Id
	@TableGenerator(name = "SB_IDS", table = "SB_ID", pkColumnName = "ID_NAME", valueColumnName = "NEXT_ID",
			pkColumnValue = "ROW_ID", allocationSize = 1000)
	@GeneratedValue(strategy = GenerationType.TABLE, generator = "SB_IDS")
	private long id;

	long id() {
		return id;
	}
}
