package io.syncbench.ui.internal.progress;

import java.time.Instant;

/**
 * One line of the Synchronization Progress view: something a run did or met.
 *
 * @param time    when
 * @param company the company
 * @param what    started, synchronized, failed, held back, a record failed...
 * @param details counts, the reason, the record and field
 * @param problem whether the line tells of a failure
 * @param runId   the run it tells of, whose record actions the run history keeps; null for none
 */
record ProgressLine(Instant time, String company, String what, String details, boolean problem, Long runId) {
}
