package io.syncbench.ui.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/**
 * Drives real SWT widgets from a test thread, the way an operator would: finds widgets by id, label,
 * text, tooltip or type; clicks, types, selects; waits for conditions; takes screenshots.
 * <p>
 * Every widget access runs on the UI thread. Clicks are posted asynchronously, so a click that opens a
 * modal dialog returns at once and the test can go on to drive that dialog.
 */
public final class UiDriver {

	/** The widget data key under which SyncBench widgets carry their ids. */
	public static final String ID_KEY = "io.syncbench.widgetId"; //$NON-NLS-1$

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

	private final Display display;

	public UiDriver(Display display) {
		this.display = Objects.requireNonNull(display);
	}

	/** A driver for the running workbench's display. */
	public static UiDriver forWorkbench() {
		return new UiDriver(runningDisplay().orElseThrow(
				() -> new IllegalStateException("No SWT display is running; run the test in the UI harness.")));
	}

	/** The display of whichever thread runs the SWT event loop. */
	public static Optional<Display> runningDisplay() {
		return Thread.getAllStackTraces().keySet().stream().map(Display::findDisplay)
				.filter(d -> d != null && !d.isDisposed()).findFirst();
	}

	public Display display() {
		return display;
	}

	// ---- running on the UI thread ---------------------------------------------------------------

	/** Runs {@code query} on the UI thread and returns its result; rethrows what it throws. */
	public <T> T onUi(Supplier<T> query) {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		display.syncExec(() -> {
			try {
				result.set(query.get());
			} catch (RuntimeException e) {
				failure.set(e);
			}
		});
		if (failure.get() != null) {
			throw failure.get();
		}
		return result.get();
	}

	public void onUi(Runnable action) {
		onUi(() -> {
			action.run();
			return null;
		});
	}

	// ---- waiting ----------------------------------------------------------------------------------

	/** Waits until {@code condition}, evaluated on the UI thread, holds; fails naming {@code what}. */
	public void waitUntil(String what, Supplier<Boolean> condition) {
		waitUntil(what, condition, DEFAULT_TIMEOUT);
	}

	public void waitUntil(String what, Supplier<Boolean> condition, Duration timeout) {
		waitFor(what, () -> Boolean.TRUE.equals(condition.get()) ? Optional.of(Boolean.TRUE) : Optional.empty(),
				timeout);
	}

	/** Waits until {@code probe}, evaluated on the UI thread, finds something, and returns it. */
	public <T> T waitFor(String what, Supplier<Optional<T>> probe, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			Optional<T> found = onUi(probe);
			if (found.isPresent()) {
				return found.get();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
			}
			sleep(50);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting", e);
		}
	}

	// ---- shells -----------------------------------------------------------------------------------

	/** Waits for a visible shell with this title and returns it. */
	public Shell shell(String title) {
		return waitFor("a window titled '" + title + "'", () -> Arrays.stream(display.getShells())
				.filter(s -> !s.isDisposed() && s.isVisible() && title.equals(s.getText())).findFirst(),
				DEFAULT_TIMEOUT);
	}

	public void waitUntilClosed(Shell shell) {
		waitUntil("the window '" + title(shell) + "' to close", shell::isDisposed);
	}

	private String title(Shell shell) {
		return onUi(() -> shell.isDisposed() ? "(closed)" : shell.getText());
	}

	// ---- finding widgets ---------------------------------------------------------------------------

	/** Waits for a widget of {@code type} under {@code root} that matches {@code filter}. */
	public <W extends Widget> W find(Composite root, Class<W> type, Predicate<W> filter, String what) {
		return waitFor(what, () -> findNow(root, type, filter), DEFAULT_TIMEOUT);
	}

	/** A widget of {@code type} under {@code root} that matches {@code filter} now; call it on the UI thread. */
	public static <W extends Widget> Optional<W> findNow(Composite root, Class<W> type, Predicate<W> filter) {
		return descendants(root).stream().filter(type::isInstance).map(type::cast)
				.filter(w -> !w.isDisposed() && filter.test(w)).findFirst();
	}

	/** The widget that carries {@code id} under {@link #ID_KEY}. */
	public <W extends Widget> W byId(Composite root, Class<W> type, String id) {
		return find(root, type, w -> id.equals(w.getData(ID_KEY)), type.getSimpleName() + " with id '" + id + "'");
	}

	/** A button (push, check or radio) by its text, ignoring mnemonics. */
	public Button button(Composite root, String text) {
		return find(root, Button.class, b -> text.equals(plain(b.getText())), "a button '" + text + "'");
	}

	public Control byTooltip(Composite root, String tooltip) {
		return find(root, Control.class, c -> tooltip.equals(c.getToolTipText()), "a control with tooltip '" + tooltip + "'");
	}

	/** The text field that follows the label {@code labelText} in its parent. */
	public Text textWithLabel(Composite root, String labelText) {
		return waitFor("a text field labelled '" + labelText + "'", () -> descendants(root).stream()
				.filter(w -> w instanceof Label l && labelText.equals(plain(l.getText()))).map(Label.class::cast)
				.map(this::nextText).flatMap(Optional::stream).findFirst(), DEFAULT_TIMEOUT);
	}

	private Optional<Text> nextText(Label label) {
		Control[] siblings = label.getParent().getChildren();
		int index = Arrays.asList(siblings).indexOf(label);
		return Arrays.stream(siblings).skip(index + 1L).filter(Text.class::isInstance).map(Text.class::cast).findFirst();
	}

	private static List<Widget> descendants(Composite root) {
		List<Widget> found = new ArrayList<>();
		collect(root, found);
		return found;
	}

	private static void collect(Control control, List<Widget> found) {
		found.add(control);
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				collect(child, found);
			}
		}
	}

	/** Label text without mnemonic ampersands and accelerator text. */
	public static String plain(String text) {
		String withoutAccelerator = text.contains("\t") ? text.substring(0, text.indexOf('\t')) : text;
		return withoutAccelerator.replace("&&", "\u0000").replace("&", "").replace("\u0000", "&");
	}

	// ---- acting ------------------------------------------------------------------------------------

	/** Clicks a push button or toggles a check box; returns before any dialog it opens is closed. */
	public void click(Button button) {
		onUi(() -> {
			if (!button.isEnabled()) {
				throw new AssertionError("Button '" + plain(button.getText()) + "' is disabled");
			}
		});
		display.asyncExec(() -> {
			if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE)) != 0) {
				button.setSelection(!button.getSelection());
			} else if ((button.getStyle() & SWT.RADIO) != 0) { // as a click does: the group's other radios go off
				for (Control sibling : button.getParent().getChildren()) {
					if (sibling instanceof Button other && other != button && (other.getStyle() & SWT.RADIO) != 0) {
						other.setSelection(false);
					}
				}
				button.setSelection(true);
			}
			button.setFocus();
			button.notifyListeners(SWT.Selection, new Event());
		});
	}

	/** Chooses a menu bar entry by its path of labels, for example {@code "File", "New Company..."}. */
	public void menu(Shell shell, String... path) {
		MenuItem item = onUi(() -> {
			Menu menu = shell.getMenuBar();
			MenuItem current = null;
			for (String label : path) {
				if (menu == null) {
					throw new AssertionError("No menu under '" + current.getText() + "'");
				}
				menu.notifyListeners(SWT.Show, new Event()); // e4 fills menus on show
				current = Arrays.stream(menu.getItems()).filter(i -> label.equals(plain(i.getText()))).findFirst()
						.orElseThrow(() -> new AssertionError("No menu item '" + label + "' in " + Arrays.toString(path)));
				menu = current.getMenu();
			}
			if (!current.isEnabled()) {
				throw new AssertionError("Menu item " + Arrays.toString(path) + " is disabled");
			}
			return current;
		});
		display.asyncExec(() -> item.notifyListeners(SWT.Selection, new Event()));
	}

	/**
	 * Chooses an item of the control's context menu by its label, as a right-click on the control would:
	 * the control takes the focus and its menu is filled (e4 fills menus as they show).
	 */
	public void contextMenu(Control control, String label) {
		MenuItem item = onUi(() -> Arrays.stream(shownContextMenu(control).getItems())
				.filter(i -> label.equals(plain(i.getText()))).findFirst()
				.orElseThrow(() -> new AssertionError("No item '" + label + "' in the context menu of " + control)));
		if (!onUi(item::isEnabled)) {
			throw new AssertionError("The context menu item '" + label + "' is disabled");
		}
		display.asyncExec(() -> item.notifyListeners(SWT.Selection, new Event()));
	}

	/** The context menu's items as the operator sees them: "Retry", or "Retry (disabled)"; separators left out. */
	public List<String> contextMenuItems(Control control) {
		return onUi(() -> Arrays.stream(shownContextMenu(control).getItems()).filter(i -> (i.getStyle() & SWT.SEPARATOR) == 0)
				.map(i -> plain(i.getText()) + (i.isEnabled() ? "" : " (disabled)")).toList());
	}

	private static Menu shownContextMenu(Control control) {
		control.setFocus();
		Menu menu = control.getMenu();
		if (menu == null) {
			throw new AssertionError("No context menu on " + control);
		}
		menu.notifyListeners(SWT.Show, new Event());
		return menu;
	}

	/**
	 * Whether the screen shows {@code colour} (each channel within 40) anywhere in {@code area}, given in
	 * the control's coordinates: an icon that is set but drawn in no space is not on the screen.
	 */
	public boolean shows(Control control, Rectangle area, RGB colour) {
		return onUi(() -> {
			display.update();
			Point origin = control.toDisplay(area.x, area.y);
			Image image = new Image(display, Math.max(1, area.width), Math.max(1, area.height));
			GC gc = new GC(display);
			try {
				gc.copyArea(image, origin.x, origin.y);
				ImageData data = image.getImageData();
				for (int x = 0; x < data.width; x++) {
					for (int y = 0; y < data.height; y++) {
						RGB seen = data.palette.getRGB(data.getPixel(x, y));
						if (Math.abs(seen.red - colour.red) <= 40 && Math.abs(seen.green - colour.green) <= 40
								&& Math.abs(seen.blue - colour.blue) <= 40) {
							return true;
						}
					}
				}
				return false;
			} finally {
				gc.dispose();
				image.dispose();
			}
		});
	}

	/** Selects a part's tab in {@code window} (a view of the workbench, such as "Background Jobs") as a click on it does. */
	public void showTab(Shell window, String title) {
		onUi(() -> {
			CTabItem tab = findNow(window, CTabFolder.class, folder -> tab(folder, title).isPresent())
					.flatMap(folder -> tab(folder, title)).orElseThrow(() -> new AssertionError("no tab " + title));
			tab.getParent().setSelection(tab);
			Event selected = new Event();
			selected.item = tab;
			tab.getParent().notifyListeners(SWT.Selection, selected);
		});
	}

	private static Optional<CTabItem> tab(CTabFolder folder, String title) {
		return Arrays.stream(folder.getItems()).filter(item -> item.getText().equals(title)).findFirst();
	}

	/** Chooses the item with this text in a combo, as the operator's choice would, firing its listeners. */
	public void choose(Combo combo, String item) {
		onUi(() -> {
			int index = Arrays.asList(combo.getItems()).indexOf(item);
			if (index < 0) {
				throw new AssertionError("No item '" + item + "' in " + Arrays.toString(combo.getItems()));
			}
			combo.select(index);
			combo.notifyListeners(SWT.Selection, new Event());
		});
	}

	/** Replaces the field's text as typing would, firing the modify listeners. */
	public void type(Text field, String text) {
		onUi(() -> {
			field.setFocus();
			field.setText(text);
		});
	}

	public boolean isEnabled(Control control) {
		return onUi(control::isEnabled);
	}

	public String text(Widget widget) {
		return onUi(() -> switch (widget) {
			case Label label -> label.getText();
			case CLabel label -> label.getText();
			case Text text -> text.getText();
			case Button button -> plain(button.getText());
			case Shell shell -> shell.getText();
			default -> throw new IllegalArgumentException("No text on " + widget);
		});
	}

	// ---- tables ------------------------------------------------------------------------------------

	/** The table's rows as lists of cell texts. */
	public List<List<String>> rows(Table table) {
		return onUi(() -> {
			List<List<String>> rows = new ArrayList<>();
			for (TableItem item : table.getItems()) {
				List<String> cells = new ArrayList<>();
				for (int column = 0; column < Math.max(1, table.getColumnCount()); column++) {
					cells.add(item.getText(column));
				}
				rows.add(cells);
			}
			return rows;
		});
	}

	/** The texts of one column, top to bottom. */
	public List<String> column(Table table, int column) {
		return rows(table).stream().map(row -> row.get(column)).toList();
	}

	/** Selects the first row whose first cell is {@code firstCell}, as a click on it would. */
	/**
	 * Opens the row at {@code index} as a double-click does: selects it, then sends the default selection;
	 * returns before any dialog it opens is closed.
	 */
	public void openRow(Table table, int index) {
		onUi(() -> {
			table.setSelection(index);
			Event event = new Event();
			event.item = table.getItem(index);
			table.notifyListeners(SWT.Selection, event);
		});
		display.asyncExec(() -> {
			Event event = new Event();
			event.item = table.getItem(index);
			table.notifyListeners(SWT.DefaultSelection, event);
		});
	}

	public void selectRow(Table table, String firstCell) {
		onUi(() -> {
			TableItem[] items = table.getItems();
			for (int index = 0; index < items.length; index++) {
				if (firstCell.equals(items[index].getText(0))) {
					table.setSelection(index);
					Event event = new Event();
					event.item = items[index];
					table.notifyListeners(SWT.Selection, event);
					return;
				}
			}
			throw new AssertionError("No row '" + firstCell + "' in the table");
		});
	}

	public List<String> selectedRows(Table table) {
		return onUi(() -> Arrays.stream(table.getSelection()).map(item -> item.getText(0)).toList());
	}

	// ---- screenshots -------------------------------------------------------------------------------

	/** Saves a PNG of the shell as it is on screen and returns its path. */
	public Path screenshot(Shell shell, String name) {
		settle();
		return onUi(() -> Screenshots.of(shell, name));
	}

	/** Saves a PNG of the whole screen. */
	public Path screenshot(String name) {
		settle();
		return onUi(() -> Screenshots.ofDisplay(display, name));
	}

	/**
	 * Lets GTK paint what the test just changed: the X server shows a change only after the event loop
	 * has handled the paint events it caused.
	 */
	private void settle() {
		for (int round = 0; round < 3; round++) {
			onUi(() -> {
				while (display.readAndDispatch()) {
					// handle all pending events
				}
				display.update();
			});
			sleep(100);
		}
	}
}
