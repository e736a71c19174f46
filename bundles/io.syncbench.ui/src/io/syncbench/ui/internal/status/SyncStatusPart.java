package io.syncbench.ui.internal.status;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.event.Event;

import io.syncbench.connector.ConnectorException;
import io.syncbench.engine.CompanyAttention;
import io.syncbench.engine.CompanyRule;
import io.syncbench.engine.SyncEvents;
import io.syncbench.service.SyncService;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.StatusQuery.Order;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.companies.CompanyEvents;
import io.syncbench.ui.internal.debugger.StatusDebuggerDialog;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Sync Status view: every record's status for one company, filtered by system, entity, state and
 * text, sorted by any column. A JFace table viewer on a virtual table with a lazy content provider: it
 * asks for the rows it shows, and they are read a page at a time in background jobs, so a million rows
 * open as fast as a hundred.
 */
public class SyncStatusPart {

	/** Asks the view to show a company's records that need the operator; the event's data is the company's id. */
	public static final String SHOW_NEEDS_CARE = "io/syncbench/ui/status/SHOW_NEEDS_CARE"; //$NON-NLS-1$
	/** The view's id in the application model. */
	public static final String PART_ID = "io.syncbench.ui.part.status"; //$NON-NLS-1$
	/** The rows' context menu in the application model; its items run {@link StatusRowsHandler}. */
	public static final String POPUP_ID = "io.syncbench.ui.popupmenu.status"; //$NON-NLS-1$

	/** What the operator can do with the selected rows, by the buttons or the context menu. */
	public enum RowAction {
		SYNC, RETRY, SKIP, DEBUG
	}

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
			.withZone(ZoneId.systemDefault());
	private static final int FILTER_DELAY_MS = 300;
	/** While a run of the company shown writes its records, the rows follow it at most this often. */
	static final int FOLLOW_DELAY_MS = 2000;
	/** The most pages read ahead for a refresh in place: those in view, and those that hold the selection. */
	private static final int PAGES_READ_AHEAD = 10;
	/**
	 * The most rows the table holds at once: GTK fills a table's model row by row, about 0.3 s for 50,000
	 * and 4 s for a million, so larger results are shown a window at a time (the count says how many).
	 */
	public static final int WINDOW = 50_000;
	/** Columns in order, each with the order it sorts by. */
	private static final Order[] ORDERS = { Order.ENTITY, Order.DISPLAY_KEY, Order.SYSTEM, Order.LOCAL_ID,
			Order.EXTERNAL_ID, Order.STATE,
			Order.ATTEMPTS, null, Order.UPDATED_AT };
	/** The state filter's choices after "All": the states that need an operator first. */
	private static final List<Set<SyncState>> STATE_CHOICES = List.of(Set.of(), Set.of(SyncState.FAILED),
			Set.of(SyncState.CONFLICT), Set.of(SyncState.SKIPPED), Set.of(SyncState.PENDING),
			Set.of(SyncState.SYNCHRONIZED), Set.of(SyncState.DELETED),
			CompanyAttention.STATES);

	/** A row whose page is still being read. */
	private static final Object READING = new Object();

	private static final int STATE_COLUMN = 5;
	private static final int ATTEMPTS_COLUMN = 6;

	private final Store store;
	private final UISynchronize ui;

	@Inject
	@Optional
	@Service
	private SyncService sync;

	private final List<String> systems = new ArrayList<>();
	private final List<String> entities = new ArrayList<>();
	private Combo company;
	private CompanyChooser companies;
	private Combo system;
	private Combo entity;
	private Combo state;
	private Text search;
	private Label count;
	private Table table;
	private TableViewer viewer;
	private StatusLabels labels;
	private Button syncButton;
	private Button retryButton;
	private Button skipButton;
	private Button debugButton;
	private volatile StatusPages pages;
	/** How many rows the current query has. */
	private long total;
	private Button previousButton;
	private Button nextButton;
	private Order order = Order.ID;
	private boolean ascending = true;
	/** Counts the filters applied, so the answer of a superseded query is dropped. */
	private int generation;
	/** A refresh that follows a run is waiting for its time or for its answer: the next progress waits. */
	private boolean following;
	/** A run wrote while the view was hidden: it reads its rows again when shown. */
	private boolean missedRun;

	@Inject
	public SyncStatusPart(Store store, UISynchronize ui) {
		this.store = store;
		this.ui = ui;
	}

	@PostConstruct
	public void createPartControl(Composite parent, EMenuService menus) {
		GridLayoutFactory.swtDefaults().numColumns(1).applyTo(parent);
		createFilters(parent);
		createTable(parent);
		createActions(parent);
		menus.registerContextMenu(table, POPUP_ID);
		parent.addListener(SWT.Show, event -> {
			if (missedRun) {
				missedRun = false;
				refreshInPlace();
			}
		});
		loadCompanies(-1);
	}

	private void createFilters(Composite parent) {
		// Two rows, so that the filters fit a narrow view: what to show, then what to find.
		Composite filters = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(filters);
		GridLayoutFactory.fillDefaults().numColumns(8).spacing(6, 4).applyTo(filters);
		company = combo(filters, Messages.Status_company, "status.company", 150); //$NON-NLS-1$
		companies = new CompanyChooser(company);
		system = combo(filters, Messages.Status_system, "status.system", 110); //$NON-NLS-1$
		entity = combo(filters, Messages.Status_entity, "status.entity", 110); //$NON-NLS-1$
		state = combo(filters, Messages.Status_state, "status.state", 120); //$NON-NLS-1$
		state.setItems(STATE_CHOICES.stream().map(states -> states.isEmpty() ? Messages.Status_all
				: states.size() == 1 ? StatusLabels.word(states.iterator().next()) : Messages.Status_needsCare)
				.toArray(String[]::new));
		state.select(0);
		state.setToolTipText(Messages.Status_stateTooltip);
		new Label(filters, SWT.NONE).setText(Messages.Status_find);
		search = WidgetIds.tag(new Text(filters, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "status.search"); //$NON-NLS-1$
		search.setMessage(Messages.Status_searchHint);
		search.setToolTipText(Messages.Status_searchTooltip);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(220, SWT.DEFAULT).applyTo(search);
		count = WidgetIds.tag(new Label(filters, SWT.NONE), "status.count"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(4, 1).grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(count);

		company.addListener(SWT.Selection, event -> companyChosen());
		system.addListener(SWT.Selection, event -> refresh());
		entity.addListener(SWT.Selection, event -> refresh());
		state.addListener(SWT.Selection, event -> refresh());
		search.addListener(SWT.Modify, event -> {
			int typed = ++generation;
			search.getDisplay().timerExec(FILTER_DELAY_MS, () -> {
				if (typed == generation) { // the operator stopped typing
					refresh();
				}
			});
		});
		search.addListener(SWT.DefaultSelection, event -> refresh());
	}

	private static Combo combo(Composite parent, String label, String id, int width) {
		new Label(parent, SWT.NONE).setText(label);
		Combo combo = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), id);
		GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).applyTo(combo);
		return combo;
	}

	private void createTable(Composite parent) {
		table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER), "status.table"); //$NON-NLS-1$
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(600, 200).applyTo(table);
		labels = new StatusLabels(table);
		viewer = new TableViewer(table);
		viewer.setContentProvider((ILazyContentProvider) this::updateElement);
		String[] titles = { Messages.Status_columnEntity, Messages.Status_columnKey, Messages.Status_columnSystem,
				Messages.Status_columnLocalId, Messages.Status_columnExternalId, Messages.Status_columnState,
				Messages.Status_columnAttempts, Messages.Status_columnError, Messages.Status_columnUpdated };
		int[] widths = { 90, 150, 90, 80, 90, 110, 70, 330, 130 };
		for (int i = 0; i < titles.length; i++) {
			TableViewerColumn column = new TableViewerColumn(viewer, i == ATTEMPTS_COLUMN ? SWT.RIGHT : SWT.LEFT);
			column.getColumn().setText(titles[i]);
			column.getColumn().setWidth(widths[i]);
			column.setLabelProvider(new StatusColumn(i));
			Order sortedBy = ORDERS[i];
			if (sortedBy != null) {
				column.getColumn().addListener(SWT.Selection, event -> sortBy(column.getColumn(), sortedBy));
			}
		}
		// GTK sizes a table's image cells by the first image set outside the virtual fill; one set there
		// only would be drawn in no space at all: the state icons are made known once, here.
		TableItem sizing = new TableItem(table, SWT.NONE);
		sizing.setImage(STATE_COLUMN, labels.icon(SyncState.PENDING));
		table.removeAll();
		ColumnViewerToolTipSupport.enableFor(viewer);
		viewer.addSelectionChangedListener(event -> updateActions());
		viewer.addOpenListener(event -> openInDebugger());
	}

	/**
	 * The viewer asks for the row at {@code index} as it comes into view: from its page when that is here,
	 * otherwise "Reading..." until the page, read in the background, replaces it.
	 */
	private void updateElement(int index) {
		StatusPages current = pages;
		if (current == null) {
			return;
		}
		SyncStatus row = current.row(index, page -> background(Messages.Status_loadJob, () -> current.load(page,
				loaded -> ui.asyncExec(() -> {
					if (!table.isDisposed() && pages == current) {
						int first = loaded * StatusPages.PAGE_SIZE;
						int last = Math.min(table.getItemCount(), first + StatusPages.PAGE_SIZE) - 1;
						if (first <= last) {
							table.clear(first, last); // the viewer asks for these rows again
						}
					}
				}))));
		viewer.replace(row == null ? READING : row, index);
	}

	/** One column's words for a row, its icon in the state column, and all of it as the cell's tooltip. */
	private final class StatusColumn extends ColumnLabelProvider {

		private final int column;

		StatusColumn(int column) {
			this.column = column;
		}

		@Override
		public String getText(Object element) {
			if (!(element instanceof SyncStatus row)) {
				return column == 0 ? Messages.Status_reading : ""; //$NON-NLS-1$
			}
			return switch (column) {
				case 0 -> row.scope().entity();
				case 1 -> row.displayKey() == null ? "" : row.displayKey(); //$NON-NLS-1$
				case 2 -> row.scope().system();
				case 3 -> StatusLabels.id(row.localId());
				case 4 -> StatusLabels.id(row.externalId());
				case STATE_COLUMN -> StatusLabels.word(row.state());
				case ATTEMPTS_COLUMN -> String.valueOf(row.attempts());
				case 7 -> row.errorMessage() == null ? "" : row.errorMessage(); //$NON-NLS-1$
				default -> TIME.format(row.updatedAt());
			};
		}

		@Override
		public Image getImage(Object element) {
			return column == STATE_COLUMN && element instanceof SyncStatus row ? labels.icon(row.state()) : null;
		}

		/** A narrow column cuts the error or the key: the cell says it all when the pointer rests on it. */
		@Override
		public String getToolTipText(Object element) {
			String text = getText(element);
			return element instanceof SyncStatus && !text.isEmpty() ? text : null;
		}
	}

	private void createActions(Composite parent) {
		Composite actions = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(actions);
		GridLayoutFactory.fillDefaults().numColumns(7).applyTo(actions);
		syncButton = button(actions, Messages.Status_sync, Messages.Status_syncTooltip, "status.sync", //$NON-NLS-1$
				() -> perform(RowAction.SYNC));
		retryButton = button(actions, Messages.Status_retry, Messages.Status_retryTooltip, "status.retry", //$NON-NLS-1$
				() -> perform(RowAction.RETRY));
		skipButton = button(actions, Messages.Status_skip, Messages.Status_skipTooltip, "status.skip", //$NON-NLS-1$
				() -> perform(RowAction.SKIP));
		debugButton = button(actions, Messages.Status_debug, Messages.Status_debugTooltip, "status.debug", //$NON-NLS-1$
				() -> perform(RowAction.DEBUG));
		new Label(actions, SWT.NONE).setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
		String size = MessageFormat.format("{0,number,integer}", WINDOW); //$NON-NLS-1$
		previousButton = button(actions, NLS.bind(Messages.Status_previous, size), NLS.bind(Messages.Status_previousTooltip, size),
				"status.previous", () -> moveWindow(-1)); //$NON-NLS-1$
		nextButton = button(actions, NLS.bind(Messages.Status_next, size), NLS.bind(Messages.Status_nextTooltip, size),
				"status.next", () -> moveWindow(1)); //$NON-NLS-1$
		GridDataFactory.swtDefaults().applyTo(previousButton);
		GridDataFactory.swtDefaults().applyTo(nextButton);
		showWindowButtons(false);
		updateActions();
	}

	private static Button button(Composite parent, String text, String tooltip, String id, Runnable action) {
		Button button = WidgetIds.tag(new Button(parent, SWT.PUSH), id);
		button.setText(text);
		button.setToolTipText(tooltip);
		button.addListener(SWT.Selection, event -> action.run());
		return button;
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}

	/** Follows the company chosen in the Companies view. */
	@Inject
	@Optional
	void companySelected(@UIEventTopic(CompanyEvents.SELECTED) Company selected) {
		if (company == null || company.isDisposed()) {
			return;
		}
		if (companies.chosen().filter(c -> c.id() == selected.id()).isPresent()) {
			return;
		}
		if (companies.choose(selected.id())) {
			companyChosen();
		} else {
			loadCompanies(selected.id());
		}
	}

	@Inject
	@Optional
	void companiesChanged(@UIEventTopic(CompanyEvents.TOPIC_BASE + "/*") Event changed) { //$NON-NLS-1$
		if (!changed.getTopic().equals(CompanyEvents.SELECTED) && company != null && !company.isDisposed()) {
			loadCompanies(companies.chosen().map(Company::id).orElse(-1L));
		}
	}

	/**
	 * Shows what needs the operator in a company, as Synchronization Progress asks: its failed, conflicting
	 * and skipped records.
	 */
	@Inject
	@Optional
	void showNeedsCare(@UIEventTopic(SHOW_NEEDS_CARE) Long companyId) {
		if (company == null || company.isDisposed() || companyId == null) {
			return;
		}
		state.select(STATE_CHOICES.indexOf(CompanyAttention.STATES));
		if (companies.choose(companyId)) {
			companyChosen();
		} else {
			loadCompanies(companyId);
		}
	}

	/** A finished run changed statuses: the same filter is applied again, keeping the operator's place. */
	@Inject
	@Optional
	void runFinished(@UIEventTopic(SyncEvents.RUN_FINISHED) Event finished) {
		if (table != null && !table.isDisposed()) {
			refreshInPlace();
		}
	}

	/**
	 * A run wrote records: a page of an entity, or queued changes. The view reads its rows again, in place,
	 * {@value #FOLLOW_DELAY_MS} ms after a run of the company shown wrote some, and not again before that
	 * answer is shown: a run of a million records costs the view a count and a page or two every few
	 * seconds, and the operator sees its records arrive.
	 */
	@Inject
	@Optional
	void runProgress(@UIEventTopic(SyncEvents.RUN_ALL) Event progress) {
		boolean wrote = progress.getTopic().equals(SyncEvents.ENTITY_PROGRESS) || progress.getTopic().equals(SyncEvents.RUN_PROGRESS);
		if (!wrote || table == null || table.isDisposed() || following) {
			return;
		}
		Company chosen = companies.chosen().orElse(null);
		if (chosen == null || !chosen.name().equals(progress.getProperty(SyncEvents.COMPANY))) {
			return;
		}
		if (!table.isVisible()) { // behind another view: read once it is shown, not every few seconds
			missedRun = true;
			return;
		}
		following = true;
		table.getDisplay().timerExec(FOLLOW_DELAY_MS, () -> {
			if (table.isDisposed()) {
				return;
			}
			if (!refreshInPlace(() -> following = false)) {
				following = false;
			}
		});
	}

	/** Reads the companies and chooses the one with {@code toSelect}, or the first. */
	private void loadCompanies(long toSelect) {
		background(Messages.Status_loadJob, () -> {
			List<Company> all = store.companies().list();
			ui.asyncExec(() -> {
				if (company.isDisposed()) {
					return;
				}
				companies.show(all, toSelect);
				if (all.isEmpty()) {
					showEmpty(Messages.Status_noCompany);
				} else {
					companyChosen();
				}
			});
		});
	}

	/** A new company: its systems and entities fill the filters, and its rows are read. */
	private void companyChosen() {
		Company chosen = companies.chosen().orElse(null);
		if (chosen == null) {
			return;
		}
		background(Messages.Status_loadJob, () -> {
			List<String> systemNames = store.syncSetup().systems(chosen.id()).stream()
					.filter(s -> s.role() == ConnectedSystem.Role.OUTSIDE_SYSTEM).map(ConnectedSystem::name).toList();
			Set<String> entityNames = new LinkedHashSet<>();
			systemNames.forEach(name -> store.syncSetup().entities(chosen.id(), name).stream().map(EntitySettings::entity)
					.forEach(entityNames::add));
			ui.asyncExec(() -> {
				if (system.isDisposed()) {
					return;
				}
				systems.clear();
				systems.addAll(systemNames);
				entities.clear();
				entities.addAll(entityNames);
				fillChoices(system, systems);
				fillChoices(entity, entities);
				refresh();
			});
		});
	}

	private static void fillChoices(Combo combo, List<String> names) {
		combo.removeAll();
		combo.add(Messages.Status_all);
		names.forEach(combo::add);
		combo.select(0);
	}

	/** The filters as a query, or null while no company is chosen. */
	private StatusQuery query() {
		Company chosen = companies.chosen().orElse(null);
		if (chosen == null) {
			return null;
		}
		int systemIndex = system.getSelectionIndex();
		int entityIndex = entity.getSelectionIndex();
		return new StatusQuery(chosen.id(), systemIndex > 0 ? systems.get(systemIndex - 1) : null,
				entityIndex > 0 ? entities.get(entityIndex - 1) : null,
				STATE_CHOICES.get(Math.max(0, state.getSelectionIndex())), search.getText(), order, ascending);
	}

	/** Counts the query's rows in the background, then lets the table ask for the ones it shows. */
	void refresh() {
		StatusQuery query = query();
		if (query == null) {
			return;
		}
		int current = ++generation;
		count.setText(Messages.Status_counting);
		background(Messages.Status_loadJob, () -> {
			long rows = store.syncStatus().count(query);
			ui.asyncExec(() -> {
				if (!table.isDisposed() && current == generation) {
					total = rows;
					showWindow(new StatusPages(store.syncStatus(), query, 0));
				}
			});
		});
	}

	private void refreshInPlace() {
		refreshInPlace(() -> {
		});
	}

	/**
	 * The same query again, for rows that a run or the operator's action changed, keeping the operator's
	 * place: the window, the rows scrolled to, and the selected records, selected by what they are, not by
	 * where they were (a skipped record may leave a "Needs care" list, and the row below it takes its place).
	 * The pages in view and those that hold the selection are read before the table changes, so nothing
	 * flickers to "Reading...". A superseded answer (the operator chose another filter) is dropped.
	 *
	 * @param answered runs on the UI thread once the answer is in, shown or dropped
	 * @return false if there was nothing to refresh, and {@code answered} will not run
	 */
	private boolean refreshInPlace(Runnable answered) {
		StatusPages shown = pages;
		if (shown == null) {
			return false;
		}
		int asked = generation;
		int top = table.getTopIndex();
		int inView = table.getClientArea().height / Math.max(1, table.getItemHeight()) + 1;
		Set<Integer> pagesToRead = new TreeSet<>();
		for (int page = top / StatusPages.PAGE_SIZE; page <= (top + inView) / StatusPages.PAGE_SIZE; page++) {
			pagesToRead.add(page);
		}
		for (int index : table.getSelectionIndices()) {
			if (viewer.getElementAt(index) instanceof SyncStatus) {
				pagesToRead.add(index / StatusPages.PAGE_SIZE);
			}
		}
		background(Messages.Status_loadJob, () -> {
			try {
				long rows = store.syncStatus().count(shown.query());
				StatusPages fresh = new StatusPages(store.syncStatus(), shown.query(), shown.first());
				long shownRows = Math.min(WINDOW, rows - shown.first());
				pagesToRead.stream().limit(PAGES_READ_AHEAD)
						.filter(page -> (long) page * StatusPages.PAGE_SIZE < shownRows)
						.forEach(page -> fresh.load(page, loaded -> {
						}));
				ui.asyncExec(() -> {
					if (!table.isDisposed() && asked == generation && pages == shown) {
						// The place as it is now: the operator may have scrolled or selected while the answer came.
						showInPlace(fresh, rows, table.getTopIndex(), selectedIds());
					}
				});
			} finally {
				ui.asyncExec(answered);
			}
		});
		return true;
	}

	/** The records of the rows selected, by their status row's id. */
	private Set<Long> selectedIds() {
		Set<Long> ids = new HashSet<>();
		for (int index : table.getSelectionIndices()) {
			if (viewer.getElementAt(index) instanceof SyncStatus row) {
				ids.add(row.id());
			}
		}
		return ids;
	}

	private void showInPlace(StatusPages fresh, long rows, int top, Set<Long> selectedIds) {
		total = rows;
		if (total <= fresh.first()) { // the window's rows are gone: back to the first
			showWindow(new StatusPages(store.syncStatus(), fresh.query(), 0));
			return;
		}
		pages = fresh;
		viewer.setItemCount((int) Math.min(WINDOW, total - fresh.first()));
		table.clearAll(); // the viewer asks for every row in view again, from the pages just read
		table.deselectAll();
		table.select(fresh.indicesOf(selectedIds));
		table.setTopIndex(Math.min(top, table.getItemCount() - 1));
		showCount(fresh);
	}

	/**
	 * Shows the window of rows that starts at {@code window.first()}. The table is emptied first: on GTK,
	 * shrinking a table of a million items one by one takes minutes, emptying it a second or two.
	 */
	private void showWindow(StatusPages window) {
		pages = window;
		table.removeAll();
		viewer.setInput(window);
		viewer.setItemCount((int) Math.min(WINDOW, total - window.first()));
		showCount(window);
	}

	/** The count line, the window's buttons, and the actions for the rows selected. */
	private void showCount(StatusPages window) {
		if (total == 0) {
			count.setText(Messages.Status_noRows);
		} else if (total <= WINDOW) {
			count.setText(MessageFormat.format(Messages.Status_rows, total));
		} else {
			count.setText(MessageFormat.format(Messages.Status_rowsWindow, total, window.first() + 1,
					window.first() + table.getItemCount()));
		}
		showWindowButtons(total > WINDOW);
		previousButton.setEnabled(window.first() > 0);
		nextButton.setEnabled(window.first() + WINDOW < total);
		updateActions();
	}

	/** The previous or the next window of rows, {@code direction} -1 or 1. */
	private void moveWindow(int direction) {
		StatusPages current = pages;
		if (current != null) {
			long first = Math.max(0, Math.min(current.first() + direction * (long) WINDOW, total - 1));
			showWindow(new StatusPages(store.syncStatus(), current.query(), first - first % WINDOW));
		}
	}

	private void showWindowButtons(boolean visible) {
		for (Button button : List.of(previousButton, nextButton)) {
			if (button.getVisible() != visible) {
				button.setVisible(visible);
				((GridData) button.getLayoutData()).exclude = !visible;
				button.getParent().layout(true);
			}
		}
	}

	private void showEmpty(String message) {
		table.removeAll();
		count.setText(message);
		showWindowButtons(false);
		updateActions();
	}

	private void sortBy(TableColumn column, Order chosen) {
		ascending = chosen != order || !ascending;
		order = chosen;
		table.setSortColumn(column);
		table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
		refresh();
	}

	private List<SyncStatus> selected() {
		List<SyncStatus> rows = new ArrayList<>();
		for (Object element : viewer.getStructuredSelection()) {
			if (element instanceof SyncStatus row) { // not a row still being read
				rows.add(row);
			}
		}
		return rows;
	}

	private void updateActions() {
		syncButton.setEnabled(canPerform(RowAction.SYNC));
		retryButton.setEnabled(canPerform(RowAction.RETRY));
		skipButton.setEnabled(canPerform(RowAction.SKIP));
		debugButton.setEnabled(canPerform(RowAction.DEBUG));
	}

	/** Whether {@code action} applies to the rows selected now: the Status Debugger takes one record. */
	public boolean canPerform(RowAction action) {
		if (sync == null || table == null || table.isDisposed()) {
			return false;
		}
		int selected = table.getSelectionCount();
		return action == RowAction.DEBUG ? selected == 1 : selected > 0;
	}

	public void perform(RowAction action) {
		switch (action) {
			case SYNC -> forceSync();
			case RETRY -> retry();
			case SKIP -> skip();
			case DEBUG -> openInDebugger();
		}
	}

	private void forceSync() {
		List<SyncStatus> rows = selected();
		if (rows.isEmpty() || sync == null) {
			return;
		}
		Job job = Job.create(MessageFormat.format(Messages.Status_syncJob, rows.size()), monitor -> {
			try {
				sync.records().force(rows, monitor);
				return Status.OK_STATUS;
			} catch (ConnectorException | StoreException e) {
				return Status.error(NLS.bind(Messages.Status_actionFailed, e.getMessage()), e);
			} finally {
				ui.asyncExec(this::refreshIfOpen);
			}
		});
		// After a run of the company that is going on, not beside it: it would only find its records held.
		job.setRule(new CompanyRule(rows.get(0).scope().companyId()));
		job.setUser(true);
		job.schedule();
	}

	private void retry() {
		List<SyncStatus> rows = selected();
		if (!rows.isEmpty() && sync != null) {
			background(Messages.Status_retryJob, () -> {
				sync.records().retry(rows);
				ui.asyncExec(this::refreshIfOpen);
			});
		}
	}

	private void skip() {
		List<SyncStatus> rows = selected();
		if (!rows.isEmpty() && sync != null) {
			background(Messages.Status_skipJob, () -> {
				sync.records().skip(rows);
				ui.asyncExec(this::refreshIfOpen);
			});
		}
	}

	private void openInDebugger() {
		List<SyncStatus> rows = selected();
		Company chosen = companies.chosen().orElse(null);
		if (rows.size() != 1 || chosen == null || sync == null) {
			return;
		}
		new StatusDebuggerDialog(table.getShell(), store, sync, ui, chosen, rows.get(0)).open();
		refreshIfOpen();
	}

	private void refreshIfOpen() {
		if (!table.isDisposed()) {
			refreshInPlace();
		}
	}

	/** Store work off the UI thread; a store that fails says so on the count line. */
	private void background(String name, Runnable work) {
		Job job = Job.create(name, monitor -> {
			try {
				work.run();
			} catch (StoreException e) {
				ui.asyncExec(() -> {
					if (!count.isDisposed()) {
						count.setText(NLS.bind(Messages.Status_loadFailed, e.getMessage()));
					}
				});
			}
			return (IStatus) Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}
}
