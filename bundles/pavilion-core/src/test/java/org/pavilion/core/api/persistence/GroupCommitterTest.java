package org.pavilion.core.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** Group commit against a "database" that keeps what a group committed, with a short flush per commit. */
public class GroupCommitterTest {

    private final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger groupsRun = new AtomicInteger();

    /** Commits the group unless one of its works is "bad": then nothing of it is kept. */
    private List<String> commit(List<String> works) throws Exception {
        groupsRun.incrementAndGet();
        Thread.sleep(2); // the disk's flush: works arriving meanwhile join the next group
        if (works.stream().anyMatch(w -> w.startsWith("bad"))) {
            throw new SQLException("duplicate key for " + works.stream().filter(w -> w.startsWith("bad")).toList());
        }
        committed.addAll(works);
        List<String> receipts = new ArrayList<>();
        works.forEach(w -> receipts.add("receipt of " + w));
        return receipts;
    }

    private void feeds(GroupCommitter<String, String> committer, int feeds, int works, List<String> failures)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(feeds);
        List<Future<?>> done = new ArrayList<>();
        for (int f = 0; f < feeds; f++) {
            int feed = f;
            done.add(pool.submit(() -> {
                for (int i = 0; i < works; i++) {
                    String work = (feed == 0 && i % 10 == 0 ? "bad-" : "ok-") + feed + "/" + i;
                    try {
                        assertEquals("receipt of " + work, committer.submit(work));
                        assertTrue("returned only after its commit", committed.contains(work));
                    } catch (SQLException e) {
                        failures.add(work);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    @Test
    public void concurrentWritersShareCommitsEachGetsItsOwnResultAndABadWorkFailsOnlyItsWriter() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, this::commit)) {
            feeds(committer, 8, 50, failures);
            assertEquals(400 - 5, committed.size());
            assertEquals("every good work once", 395, committed.stream().distinct().count());
            assertFalse(committed.stream().anyMatch(w -> w.startsWith("bad")));
            assertEquals(List.of("bad-0/0", "bad-0/10", "bad-0/20", "bad-0/30", "bad-0/40"),
                    failures.stream().sorted().toList());
            assertEquals(395, committer.works());
            assertTrue("works shared commits: " + committer.commits(), committer.commits() < 395);
        }
    }

    @Test
    public void aGroupThatCommittedWithoutAllItsResultsIsNeverRunAgain() throws Exception {
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, works -> {
            groupsRun.incrementAndGet();
            committed.addAll(works);
            return List.of();
        })) {
            IllegalStateException bug = assertThrows(IllegalStateException.class, () -> committer.submit("admit"));
            assertTrue(bug.getMessage(), bug.getMessage().contains("0 results for 1 works"));
            assertEquals("applied once, not retried", List.of("admit"), committed);
            assertEquals(1, groupsRun.get());
        }
    }

    @Test
    public void aClosedCommitterTakesNothing() throws Exception {
        GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, this::commit);
        committer.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> committer.submit("late"));
        assertTrue(closed.getMessage(), closed.getMessage().contains("test-commit is closed"));
        assertTrue(committed.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new GroupCommitter<String, String>("x", 0, this::commit));
    }

    @Test
    public void aBurstIsCutIntoGroupsOfTheLimitAndALoneWorkDoesNotWaitForCompany() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 4, works -> {
            sizes.add(works.size());
            flushing.countDown();
            diskBack.await(); // the first group's flush holds while the burst queues up behind it
            return commit(works);
        })) {
            ExecutorService ward = Executors.newFixedThreadPool(11);
            List<Future<String>> answers = new ArrayList<>();
            answers.add(ward.submit(() -> committer.submit("ok-first")));
            assertTrue(flushing.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 10; i++) {
                String work = "ok-admission-" + i;
                answers.add(ward.submit(() -> committer.submit(work)));
            }
            while (committer.queued() < 10) {
                Thread.sleep(1);
            }
            diskBack.countDown();
            for (Future<String> a : answers) {
                assertTrue(a.get(5, TimeUnit.SECONDS).startsWith("receipt of ok-"));
            }
            ward.shutdown();
            assertEquals("the lone first work went alone, the burst in groups of at most 4",
                    List.of(1, 4, 4, 2), sizes);
            assertEquals(11, committed.size());
        }
    }

    @Test
    public void closingCommitsWhatTheWardHandedInAndRefusesWhatComesAfter() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, works -> {
            flushing.countDown();
            diskBack.await();
            return commit(works);
        });
        ExecutorService ward = Executors.newFixedThreadPool(6);
        List<Future<String>> answers = new ArrayList<>();
        answers.add(ward.submit(() -> committer.submit("ok-discharge-1")));
        assertTrue(flushing.await(5, TimeUnit.SECONDS));
        for (int i = 2; i <= 5; i++) {
            String work = (i == 3 ? "bad-discharge-" : "ok-discharge-") + i;
            answers.add(ward.submit(() -> committer.submit(work)));
        }
        while (committer.queued() < 4) {
            Thread.sleep(1);
        }
        Future<?> closing = ward.submit(committer::close);
        Thread.sleep(50); // close() is under way: it has stopped taking work but waits for the drain
        assertFalse("close waits for the drain", closing.isDone());
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> committer.submit("ok-late"));
        assertTrue(late.getMessage(), late.getMessage().contains("test-commit is closed"));
        diskBack.countDown();
        closing.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < answers.size(); i++) {
            if (i == 2) {
                Exception e = assertThrows(Exception.class, () -> answers.get(2).get());
                assertTrue("the bad one fails alone: " + e, e.getCause() instanceof SQLException);
            } else {
                assertTrue(answers.get(i).isDone());
                assertEquals("receipt of ok-discharge-" + (i + 1), answers.get(i).get());
            }
        }
        assertEquals("everything handed in before close committed, once",
                List.of("ok-discharge-1", "ok-discharge-2", "ok-discharge-4", "ok-discharge-5"),
                committed.stream().sorted().toList());
        ward.shutdown();
    }

    @Test
    public void anInterruptedCallerStillWaitsForTheCommitThatHoldsItsWork() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, works -> {
            flushing.countDown();
            diskBack.await();
            return commit(works);
        })) {
            String[] answer = new String[1];
            boolean[] stillInterrupted = new boolean[1];
            Thread sender = new Thread(() -> {
                try {
                    answer[0] = committer.submit("ok-a04");
                    stillInterrupted[0] = Thread.currentThread().isInterrupted();
                } catch (Exception e) {
                    answer[0] = e.toString();
                }
            });
            sender.start();
            assertTrue(flushing.await(5, TimeUnit.SECONDS));
            sender.interrupt();
            Thread.sleep(20);
            assertTrue("no answer before the commit", sender.isAlive());
            diskBack.countDown();
            sender.join(5000);
            assertEquals("receipt of ok-a04", answer[0]);
            assertTrue("the interrupt is kept for the caller", stillInterrupted[0]);
        }
    }

    @Test
    public void aFullQueueRefusesAtOnceWithA503AndTakesWorkAgainOnceItDrains() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch inGroup = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 1, 2, works -> {
            inGroup.countDown();
            hung.await(); // a database that stopped answering
            return commit(works);
        })) {
            assertEquals(2, committer.capacity());
            Future<String> first = callers.submit(() -> committer.submit("first")); // taken, hangs in its group
            assertTrue(inGroup.await(5, TimeUnit.SECONDS));
            Future<String> second = callers.submit(() -> committer.submit("second"));
            Future<String> third = callers.submit(() -> committer.submit("third"));
            long deadline = System.currentTimeMillis() + 5000;
            while (committer.queued() < 2 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(2, committer.queued());

            long start = System.nanoTime();
            org.pavilion.core.api.rest.ServiceUnavailableException refused = assertThrows(
                    org.pavilion.core.api.rest.ServiceUnavailableException.class, () -> committer.submit("fourth"));
            assertTrue("refused at once", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            assertEquals(503, refused.status());
            assertEquals(GroupCommitter.RETRY_AFTER_SECONDS, refused.retryAfterSeconds());
            assertFalse(committed.contains("fourth"));

            hung.countDown();
            assertEquals("receipt of first", first.get(5, TimeUnit.SECONDS));
            assertEquals("receipt of second", second.get(5, TimeUnit.SECONDS));
            assertEquals("receipt of third", third.get(5, TimeUnit.SECONDS));
            assertEquals("receipt of fifth", committer.submit("fifth"));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    public void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GroupCommitter<String, String>("x", 1, 0, this::commit));
    }

    @Test
    public void aGroupFailingForAnUnavailableDatabaseFailsEveryCallerAtOnceWithoutRetryingOneByOne() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger lockWaits = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (GroupCommitter<String, String> committer = new GroupCommitter<>("test-commit", 64, works -> {
            if (works.contains("first")) {
                first.countDown();
                release.await(); // the others queue meanwhile and then form one group
                return commit(works);
            }
            lockWaits.incrementAndGet();
            throw new SQLException("canceling statement due to lock timeout", "55P03");
        })) {
            Future<String> one = callers.submit(() -> committer.submit("first"));
            assertTrue(first.await(5, TimeUnit.SECONDS));
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String w = "w" + i;
                rest.add(callers.submit(() -> committer.submit(w)));
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (committer.queued() < 3 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertEquals("receipt of first", one.get(5, TimeUnit.SECONDS));
            for (Future<String> f : rest) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(5, TimeUnit.SECONDS));
                assertEquals("55P03", ((SQLException) e.getCause()).getSQLState());
            }
            assertEquals("one lock wait for the group, none per work", 1, lockWaits.get());
        } finally {
            callers.shutdownNow();
        }
    }
}
