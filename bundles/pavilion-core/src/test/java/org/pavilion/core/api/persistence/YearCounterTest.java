package org.pavilion.core.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.internal.CoreTestDatabase;

/**
 * A ward's discharge letters numbered per year from the ward's own counter table: the first letter of a year creates
 * its row, a letter whose transaction fails gives its number back, and a busy morning of letters written at once gets
 * every number once, without gaps.
 */
public class YearCounterTest {

    private CoreTestDatabase db;
    private JpaTransactions jpa;
    private final YearCounter letters = new YearCounter("ward_letter_number", "letter_year");

    @Before
    public void open() throws Exception {
        db = new CoreTestDatabase(false);
        db.execute("CREATE TABLE ward_letter_number (letter_year INT PRIMARY KEY, last_number BIGINT NOT NULL)");
        jpa = new JpaTransactions(db.emf);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    /** The callers' loop: take a number in the transaction; a year without a row gets one, then the work runs again. */
    private <R> R write(int year, Function<Long, R> work) {
        while (true) {
            try {
                return jpa.call((EntityManager em) -> work.apply(letters.next(em, year)));
            } catch (YearCounter.YearMissing missing) {
                assertEquals(year, missing.year);
                letters.ensureYear(jpa, missing.year);
            }
        }
    }

    @Test
    public void lettersAreNumberedPerYearAndAFailedLetterGivesItsNumberBack() {
        assertThrows(YearCounter.YearMissing.class, () -> jpa.call(em -> letters.next(em, 2026)));
        assertEquals(Long.valueOf(1), write(2026, n -> n));
        assertEquals(Long.valueOf(2), write(2026, n -> n));
        assertThrows(IllegalStateException.class, () -> write(2026, n -> {
            throw new IllegalStateException("printer jammed after number " + n);
        }));
        assertEquals(Long.valueOf(3), write(2026, n -> n));
        assertEquals(Long.valueOf(1), write(2027, n -> n));
        letters.ensureYear(jpa, 2027);
        assertEquals(Long.valueOf(2), write(2027, n -> n));
    }

    @Test
    public void aBusyMorningGetsEveryNumberOnce() throws Exception {
        int writers = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(write(2026, n -> n));
                }
                return mine;
            }));
        }
        start.countDown();
        TreeSet<Long> numbers = new TreeSet<>();
        for (Future<List<Long>> f : done) {
            numbers.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(writers * each, numbers.size());
        assertEquals(Long.valueOf(1), numbers.first());
        assertEquals(Long.valueOf(writers * each), numbers.last());
    }

    @Test
    public void onlyPlainNamesMakeACounter() {
        assertThrows(IllegalArgumentException.class, () -> new YearCounter("letters; DROP TABLE x", "letter_year"));
        assertThrows(IllegalArgumentException.class, () -> new YearCounter("ward_letter_number", "Year"));
    }
}
