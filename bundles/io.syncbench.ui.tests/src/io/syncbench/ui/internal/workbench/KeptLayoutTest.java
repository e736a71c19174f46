package io.syncbench.ui.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** A window layout kept by a SyncBench with another application model is set aside, once; this one's is kept. */
class KeptLayoutTest {

	private static final String SHIPPED = "a1".repeat(32);
	private static final String EARLIER = "b2".repeat(32);

	@TempDir
	Path workspace;

	private Path layout() {
		return workspace.resolve(KeptLayout.LAYOUT);
	}

	private void keptLayout(String content, String stamp) throws IOException {
		Files.createDirectories(layout().getParent());
		Files.writeString(layout(), content);
		if (stamp != null) {
			Files.writeString(layout().resolveSibling(KeptLayout.STAMP), stamp);
		}
	}

	@Test
	void aFirstStartHasNoLayoutToSetAsideAndStampsTheOneToCome() throws IOException {
		assertEquals(Optional.empty(), KeptLayout.setAsideIfMadeFromAnotherModel(workspace, SHIPPED));

		assertEquals(SHIPPED, Files.readString(layout().resolveSibling(KeptLayout.STAMP)));
	}

	@Test
	void aLayoutMadeFromThisModelIsKept() throws IOException {
		keptLayout("<layout the operator arranged/>", SHIPPED);

		assertEquals(Optional.empty(), KeptLayout.setAsideIfMadeFromAnotherModel(workspace, SHIPPED));

		assertEquals("<layout the operator arranged/>", Files.readString(layout()));
	}

	@Test
	void aLayoutFromASyncBenchThatDidNotStampItIsSetAsideWithNothingLost() throws IOException {
		keptLayout("<layout without the Window menu/>", null);

		Optional<Path> aside = KeptLayout.setAsideIfMadeFromAnotherModel(workspace, SHIPPED);

		assertFalse(Files.exists(layout()), "the workbench starts from the model as shipped");
		assertEquals("<layout without the Window menu/>", Files.readString(aside.orElseThrow()));
		assertEquals(SHIPPED, Files.readString(layout().resolveSibling(KeptLayout.STAMP)));
		// The layout this start keeps is this model's: the next start keeps it.
		keptLayout("<layout of this model/>", null);
		assertEquals(Optional.empty(), KeptLayout.setAsideIfMadeFromAnotherModel(workspace, SHIPPED));
	}

	@Test
	void aLayoutMadeFromAnotherModelIsSetAside() throws IOException {
		keptLayout("<earlier layout/>", EARLIER);

		assertTrue(KeptLayout.setAsideIfMadeFromAnotherModel(workspace, SHIPPED).isPresent());

		assertFalse(Files.exists(layout()));
		assertEquals(SHIPPED, Files.readString(layout().resolveSibling(KeptLayout.STAMP)));
	}

	@Test
	void theShippedModelsFingerprintIsItsContentsAndStable() throws IOException {
		var model = FrameworkUtil.getBundle(KeptLayout.class).getEntry("Application.e4xmi");

		String fingerprint = KeptLayout.fingerprint(model);

		assertEquals(64, fingerprint.length());
		assertEquals(fingerprint, KeptLayout.fingerprint(model));
		assertNotEquals(fingerprint, KeptLayout.fingerprint(FrameworkUtil.getBundle(KeptLayout.class).getEntry("plugin.xml")));
	}
}
