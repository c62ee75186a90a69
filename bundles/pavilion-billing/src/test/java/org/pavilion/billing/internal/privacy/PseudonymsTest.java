package org.pavilion.billing.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;

/**
 * The pseudonym of an erased patient: the same on every node of the installation, even when two nodes erase at once
 * on a fresh database (both try to create the secret; one wins, both use it), and different per patient.
 */
public class PseudonymsTest {

    private BillingDatabase db;

    @Before
    public void open() throws Exception {
        db = new BillingDatabase();
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void twoNodesCreatingTheSecretAtOnceAgreeOnThePseudonym() throws Exception {
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                Pseudonyms node = new Pseudonyms(db.emf);
                answers.add(pool.submit(() -> {
                    start.await();
                    return node.of("MRN-0001");
                }));
            }
            start.countDown();
            Set<String> seen = answers.stream().map(f -> {
                try {
                    return f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(seen.toString(), 1, seen.size());
            String pseudonym = seen.iterator().next();
            assertTrue(pseudonym.matches("ERASED-[0-9a-f]{20}"));
            assertEquals("a node started later reads the same secret", pseudonym, new Pseudonyms(db.emf)
                    .of("MRN-0001"));
            assertNotEquals(pseudonym, new Pseudonyms(db.emf).of("MRN-0002"));
        } finally {
            pool.shutdownNow();
        }
        try (BillingDatabase other = new BillingDatabase()) {
            assertNotEquals("another installation, another secret", new Pseudonyms(db.emf).of("MRN-0001"),
                    new Pseudonyms(other.emf).of("MRN-0001"));
        }
    }
}
