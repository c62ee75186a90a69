package org.pavilion.core.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
