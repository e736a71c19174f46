package io.syncbench.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time spent so far: the whole machine's where the system tells it (Linux's {@code /proc/stat},
 * which counts every process, a PostgreSQL server's too), else this JVM's. Measured on a machine that
 * runs nothing else, the machine's figure is what a run costs, wherever its work is done.
 */
final class CpuClock {

	private static final Path STAT = Path.of("/proc/stat");

	/** Linux counts {@code /proc/stat} in ticks of USER_HZ, which is 100 a second on every platform it runs. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	static final boolean MACHINE = Files.isReadable(STAT);

	private CpuClock() {
	}

	/** What {@link #now()} counts, for a table's header. */
	static String counted() {
		return MACHINE ? "machine CPU" : "JVM CPU";
	}

	static Duration now() {
		return MACHINE ? machine()
				: ProcessHandle.current().info().totalCpuDuration().orElseThrow(
						() -> new IllegalStateException("this system tells neither the machine's nor a process's CPU time"));
	}

	/** user, nice, system, irq, softirq and steal time of all cores: all but idle and waiting for I/O. */
	private static Duration machine() {
		try {
			String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+");
			long busy = 0;
			for (int column : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(cpu[column]);
			}
			return Duration.ofNanos(busy * NANOS_PER_TICK);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
