package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;

/** Jobs of one company run one after the other; another company's run beside them. */
class CompanyRuleTest {

	@Test
	void aCompanysJobsWaitForEachOtherAndAnotherCompanysDoNot() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch firstStarted = new CountDownLatch(1);
		List<String> started = new CopyOnWriteArrayList<>();
		Job run = job("run of 1", started, () -> {
			firstStarted.countDown();
			await(release);
		}, new CompanyRule(1));
		Job forced = job("forced sync of 1", started, () -> {
		}, new CompanyRule(1));
		Job other = job("run of 2", started, () -> {
		}, new CompanyRule(2));

		run.schedule();
		assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
		forced.schedule();
		other.schedule();
		other.join();
		assertTrue(forced.getState() == Job.WAITING, "company 1's second job waits while its first runs");
		assertEquals(List.of("run of 1", "run of 2"), started);

		release.countDown();
		forced.join();
		assertEquals(List.of("run of 1", "run of 2", "forced sync of 1"), started);
	}

	private static Job job(String name, List<String> started, Runnable work, CompanyRule rule) {
		Job job = Job.create(name, monitor -> {
			started.add(name);
			work.run();
			return Status.OK_STATUS;
		});
		job.setRule(rule);
		return job;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
