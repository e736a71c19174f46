package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.syncbench.engine.testsupport.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.syncbench.engine.HoldBack.Reason;

/**
 * The scheduler on the real Eclipse Jobs API. Waits are bounded generously and assert counts, never
 * durations, so a slow machine makes the test slower, not red.
 */
class SyncSchedulerTest {

	private static final Duration NEVER = Duration.ofHours(1);

	private final AtomicInteger runs = new AtomicInteger();
	/** Runs started: counted when the scheduler makes the run's Job, before it is scheduled. */
	private final AtomicInteger runsStarted = new AtomicInteger();
	private final List<HoldBack> holdBacks = new CopyOnWriteArrayList<>();
	private CountDownLatch release = new CountDownLatch(0);
	private SyncScheduler scheduler;

	@AfterEach
	void stop() {
		scheduler.stop();
		release.countDown();
	}

	private SyncScheduler scheduler(Schedule schedule, RunCondition... conditions) {
		scheduler = new SyncScheduler("Acme Ltd", schedule, List.of(conditions), () -> {
			runsStarted.incrementAndGet();
			return Job.create("run", monitor -> {
				runs.incrementAndGet();
				try {
					release.await(30, TimeUnit.SECONDS); // a run that lasts until the test releases it
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return Status.OK_STATUS;
			});
		}, Clock.systemUTC(), new SyncEvents(null, "Acme Ltd"));
		scheduler.addListener(new SchedulerListener() {
			@Override
			public void heldBack(HoldBack reason) {
				holdBacks.add(reason);
			}
		});
		return scheduler;
	}

	@Test
	void aTickCheckingTheConditionsWhenTheSchedulerStopsStartsNoRunAfterTheStop() throws InterruptedException {
		CountDownLatch checking = new CountDownLatch(1);
		CountDownLatch storeAnswers = new CountDownLatch(1);
		scheduler(new Schedule(false, NEVER, true, false, Duration.ZERO), () -> {
			checking.countDown();
			try { // the store's hold-back query takes its time
				storeAnswers.await(30, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return Optional.empty();
		}).start();
		assertTrue(checking.await(30, TimeUnit.SECONDS), "the start tick checks the conditions");

		Thread stopper = new Thread(scheduler::stop);
		stopper.start();
		waitUntil("the stop waits for the tick, or is done", () -> stopper.getState() == Thread.State.BLOCKED || !stopper.isAlive());
		storeAnswers.countDown();
		stopper.join(30_000);
		// A service joins the runs' family now: what started before this point is waited for.
		int startedBeforeTheStopReturned = runsStarted.get();
		Thread.sleep(500); // time for a tick that outlived the stop to start a run
		assertEquals(startedBeforeTheStopReturned, runsStarted.get(), "no run starts after stop() returned");
	}

	@Test
	void automaticRunsFollowTheInterval() throws InterruptedException {
		scheduler(new Schedule(true, Duration.ofMillis(100), false, false, Duration.ZERO)).start();

		waitUntil("three runs", () -> runs.get() >= 3);
	}

	@Test
	void aRunOnStartComesAtOnceAndNothingMoreWithoutInterval() throws InterruptedException {
		scheduler(new Schedule(false, NEVER, true, false, Duration.ZERO)).start();

		waitUntil("the start run", () -> runs.get() == 1);
		Thread.sleep(500);
		assertEquals(1, runs.get());
	}

	@Test
	void workLeftToAnotherProcessIsTriedAgainSoonNotAtTheNextInterval() throws InterruptedException {
		scheduler(new Schedule(true, NEVER, true, false, Duration.ZERO)).start();
		waitUntil("the start run", () -> runs.get() == 1);

		scheduler.runAgainIn(Duration.ofMillis(200)); // the run found a link another service still worked on
		waitUntil("a run soon after, though the interval is an hour", () -> runs.get() == 2);
	}

	@Test
	void aManualOnlyCompanyIsNotRunAgainByItself() throws InterruptedException {
		scheduler(new Schedule(false, NEVER, true, false, Duration.ZERO)).start();
		waitUntil("the start run", () -> runs.get() == 1);

		scheduler.runAgainIn(Duration.ofMillis(100));
		Thread.sleep(600);
		assertEquals(1, runs.get(), "runs only when the operator asks");
	}

	@Test
	void aBurstOfChangesMakesOneRun() throws InterruptedException {
		scheduler(new Schedule(false, NEVER, false, true, Duration.ZERO)).start();

		for (int i = 0; i < 50; i++) {
			scheduler.changeSignalled();
		}
		waitUntil("the change run", () -> runs.get() >= 1);
		Thread.sleep(Schedule.CHANGE_DELAY.toMillis() + 500);

		assertEquals(1, runs.get());
	}

	@Test
	void aChangeDuringARunStartsOneMoreRunAfterIt() throws InterruptedException {
		release = new CountDownLatch(1);
		scheduler(new Schedule(false, NEVER, true, true, Duration.ZERO)).start();
		waitUntil("the start run", () -> runs.get() == 1);

		scheduler.changeSignalled();
		scheduler.changeSignalled();
		Thread.sleep(Schedule.CHANGE_DELAY.toMillis() + 300);
		assertEquals(1, runs.get(), "one run at a time");

		release.countDown();
		waitUntil("the follow-up run", () -> runs.get() == 2);
	}

	@Test
	void conditionsHoldAutomaticRunsBackAndSayWhy() throws InterruptedException {
		AtomicReference<HoldBack> credentials = new AtomicReference<>(new HoldBack(Reason.CREDENTIALS_REJECTED,
				"Held back: the web store's key was rejected. Fix it in Properties > Web store."));
		scheduler(new Schedule(true, Duration.ofMillis(100), true, false, Duration.ZERO),
				() -> Optional.ofNullable(credentials.get())).start();

		waitUntil("two hold-backs", () -> holdBacks.size() >= 2);
		assertEquals(0, runs.get());
		assertEquals(Reason.CREDENTIALS_REJECTED, holdBacks.get(0).reason());

		credentials.set(null);
		waitUntil("a run once the key is fixed", () -> runs.get() >= 1);
	}

	@Test
	void aCompanyNotSetUpStartsSoonAfterItIsNotAtTheNextIntervalAndIsToldOnce() throws InterruptedException {
		AtomicReference<HoldBack> notSetUp = new AtomicReference<>(new HoldBack(Reason.NOT_SET_UP,
				"Held back: no connected system takes an entity yet."));
		scheduler(new Schedule(true, NEVER, true, false, Duration.ZERO), () -> Optional.ofNullable(notSetUp.get()))
				.start();
		waitUntil("the hold-back on start", () -> holdBacks.size() == 1);

		Thread.sleep(SyncScheduler.SETUP_RECHECK.toMillis() * 2 + 500); // checked again twice meanwhile
		assertEquals(1, holdBacks.size(), "the same hold-back is told once: " + holdBacks);
		notSetUp.set(null); // the operator adds the web store and saves
		waitUntil("a run within the recheck, though the interval is an hour", () -> runs.get() == 1);
		assertEquals(1, holdBacks.size());
	}

	@Test
	void pausingHoldsBackAutomaticRunsButNotManualOnes() throws InterruptedException {
		scheduler(new Schedule(true, Duration.ofMillis(100), false, false, Duration.ZERO));
		scheduler.pause();
		scheduler.start();

		waitUntil("a hold-back", () -> !holdBacks.isEmpty());
		assertEquals(Reason.PAUSED, holdBacks.get(0).reason());
		assertEquals(0, runs.get());

		assertTrue(scheduler.runNow().isPresent());
		waitUntil("the manual run", () -> runs.get() == 1);
	}

	@Test
	void aRunTooSoonAfterTheLastIsHeldBack() throws InterruptedException {
		scheduler(new Schedule(true, Duration.ofMillis(100), false, false, Duration.ofMinutes(5)));
		scheduler.start();
		scheduler.runNow();
		waitUntil("the manual run", () -> runs.get() == 1);

		waitUntil("a hold-back", () -> !holdBacks.isEmpty());
		assertEquals(Reason.TOO_SOON, holdBacks.get(0).reason());
		assertEquals("Held back: the last run ended less than 5 minutes ago.", holdBacks.get(0).message());
		assertEquals(1, runs.get());
	}
}
