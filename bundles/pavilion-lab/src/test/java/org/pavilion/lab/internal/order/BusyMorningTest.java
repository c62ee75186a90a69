package org.pavilion.lab.internal.order;

import static org.junit.Assert.assertEquals;
import static org.pavilion.lab.internal.order.Ward.NURSE;
import static org.pavilion.lab.internal.order.Ward.NURSE_2;
import static org.pavilion.lab.internal.order.Ward.TECH;
import static org.pavilion.lab.internal.order.Ward.as;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.order.OrderViews.OrderDto;

/**
 * Several people at once: eight doctors ordering in the first minutes of a year (its counter row does not exist yet)
 * get eight different consecutive numbers; two nurses scanning the same tube, one wins and the other is told 409;
 * a technician starting a test twice changes it once.
 */
public class BusyMorningTest extends WardDay {

    @Test
    public void doctorsOrderingAtOnceGetConsecutiveNumbersInANewYear() throws Exception {
        int doctors = 8;
        List<OrderDto> placed = race(doctors, i -> ward.place("MRN-NEWYEAR-" + i, "ROUTINE", "TSH", "CRP"));
        Set<Long> numbers = new TreeSet<>();
        Set<String> specimens = new TreeSet<>();
        for (OrderDto o : placed) {
            numbers.add(Long.parseLong(o.orderNumber.substring(o.orderNumber.lastIndexOf('-') + 1)));
            o.specimens.forEach(s -> specimens.add(s.id));
        }
        assertEquals(doctors, numbers.size());
        long first = numbers.iterator().next();
        assertEquals(first + doctors - 1, (long) ((TreeSet<Long>) numbers).last());
        assertEquals(doctors, specimens.size());
        long rows = ward.db.jpa.call(em -> (Number) em.createNativeQuery("SELECT COUNT(*) FROM lab_order_number")
                .getSingleResult()).longValue();
        assertEquals(1, rows);
    }

    @Test
    public void twoNursesCollectingOneTubeOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            OrderDto o = ward.place("MRN-TWICE-" + round, "STAT", "K");
            String tube = o.specimens.get(0).id;
            List<Object> outcomes = attempts(List.of(() -> as(NURSE, () -> ward.specimens.collect(tube)),
                    () -> as(NURSE_2, () -> ward.specimens.collect(tube))));
            long won = outcomes.stream().filter(x -> x instanceof OrderViews.SpecimenDto).count();
            List<Integer> refused = outcomes.stream().filter(x -> x instanceof ProblemException)
                    .map(x -> ((ProblemException) x).status()).toList();
            assertEquals(outcomes.toString(), 1, won);
            assertEquals(List.of(409), refused);
            long collectedRows = ward.db.jpa.call(em -> em.createQuery("SELECT COUNT(h) FROM OrderHistoryEntity h "
                    + "WHERE h.targetId = :s AND h.status = 'COLLECTED'", Long.class).setParameter("s", tube)
                    .getSingleResult());
            assertEquals(1, collectedRows);
        }
    }

    @Test
    public void aTestIsStartedOnceAndOnlyWhenReceived() throws Exception {
        OrderDto o = ward.place("MRN-START", "ROUTINE", "K");
        String item = o.items.get(0).id;
        OrderingDayTest.expect(409, "must be received", () -> as(TECH, () -> ward.worklist.start(item)));
        as(NURSE, () -> ward.specimens.collect(o.specimens.get(0).id));
        as(TECH, () -> ward.specimens.receive(o.specimens.get(0).id));
        assertEquals("IN_PROGRESS", as(TECH, () -> ward.worklist.start(item)).status);
        assertEquals("IN_PROGRESS", as(TECH, () -> ward.worklist.start(item)).status);
        long rows = ward.db.jpa.call(em -> em.createQuery("SELECT COUNT(h) FROM OrderHistoryEntity h "
                + "WHERE h.targetId = :i AND h.status = 'IN_PROGRESS'", Long.class).setParameter("i", item)
                .getSingleResult());
        assertEquals(1, rows);
        OrderingDayTest.expect(404, "Item", () -> as(TECH, () -> ward.worklist.start("no-such-item")));
    }

    interface Indexed<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> race(int n, Indexed<T> work) throws Exception {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(() -> work.call(k));
        }
        List<T> out = new ArrayList<>();
        for (Object o : attempts(tasks)) {
            if (o instanceof Exception e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T t = (T) o;
            out.add(t);
        }
        return out;
    }

    /** Runs the tasks at the same moment; each one's answer or exception. */
    private static List<Object> attempts(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return t.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

}
