package io.syncbench.store;

import java.util.List;
import java.util.Optional;

/**
 * Lists, creates, renames and deletes companies. Every method runs its own transaction; a refused
 * change leaves the store as it was.
 */
public interface CompanyService {

	/** @return all companies, ordered by name without regard to case */
	List<Company> list();

	Optional<Company> find(long id);

	/**
	 * @throws InvalidFieldException     when a setting breaks a {@link CompanyRules rule}
	 * @throws CompanyNameTakenException when another company has this name
	 */
	Company create(CompanySettings settings);

	/**
	 * @throws InvalidFieldException     when the name breaks a rule
	 * @throws CompanyNameTakenException when another company has this name
	 * @throws StoreException            when no company has this id
	 */
	Company rename(long id, String newName);

	/**
	 * Replaces the company's settings, for example to clear the complete-update flag once the complete
	 * update has finished.
	 *
	 * @throws InvalidFieldException     when a setting breaks a rule
	 * @throws CompanyNameTakenException when another company has the new name
	 * @throws StoreException            when no company has this id
	 */
	Company update(long id, CompanySettings settings);

	/** @throws InvalidFieldException naming the field whose value is out of range */
	Company updateRunSettings(long id, RunSettings runSettings);

	/**
	 * Deletes the company with everything it owns in the store: connected systems, entity settings,
	 * status rows, queued changes, cursors and run history. Its secrets live elsewhere and are the
	 * caller's to forget. Deleting a company that is already gone is not an error.
	 */
	void delete(long id);
}
