package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP30;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MONDAY;
import static org.pavilion.scheduling.internal.booking.BookingDesk.PEDRO;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;
import static org.pavilion.scheduling.internal.booking.BookingDesk.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * A doctor's time is never given twice (H2; PostgreSQL with -Dpavilion.test.postgres): a taken slot is a 409, a
 * 30-minute consultation overlapping a 20-minute one collides, and sixteen desks pressing "book" (or "move here")
 * for the same slot at the same moment end with exactly one appointment there and fifteen clear 409s.
 */
public class NoDoubleBookingTest {

    private static final int DESKS = 16;

    private BookingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new BookingDesk();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aTakenSlotIs409AndLeavesNothingBehind() throws Exception {
        Appointment first = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:00")));
        ProblemException clash = conflict(() -> as(reception(), () -> desk.appointments.book(desk.desk(PEDRO,
                desk.hartmann, GP20, "09:00"))));
        assertEquals("The doctor is already booked at that time", clash.detail());
        assertEquals(Collections.nCopies(4, first.id), desk.holders(desk.hartmann));
        assertEquals(1, desk.lists.list(new AppointmentLists.Query(desk.hartmann, null, MONDAY, null), 0, 20)
                .getTotal());
        assertEquals("another doctor at the same time is free", 200, status(() -> as(reception(),
                () -> desk.appointments.book(desk.desk(PEDRO, desk.okafor, GP20, "09:00")))));
    }

    @Test
    public void consultationsOfDifferentLengthsThatOverlapCollide() throws Exception {
        // 09:20-09:40 (20 minutes) against 09:30-10:00 (30 minutes): they share 09:30-09:40.
        Appointment short20 = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:20")));
        conflict(() -> as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP30,
                "09:30"))));
        // Back to back is fine: 09:40-10:00 after it, and a 30-minute one from 10:00.
        as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP20, "09:40")));
        Appointment long30 = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP30,
                "10:00")));
        // Moving the short one into the long one's half hour collides and leaves it where it was.
        conflict(() -> as(reception(), () -> desk.appointments.reschedule(short20.id, null,
                BookingDesk.at(MONDAY, "10:20"), null, Channel.DESK)));
        assertEquals("2026-12-07T09:20", as(reception(), () -> desk.appointments.get(short20.id)).localStart);
        assertEquals(4, desk.holders(desk.hartmann).stream().filter(short20.id::equals).count());
        assertEquals(6, desk.holders(desk.hartmann).stream().filter(long30.id::equals).count());
    }

    @Test
    public void sixteenDesksBookTheSameSlotAtOnceAndExactlyOneGetsIt() throws Exception {
        List<Callable<Appointment>> desks = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            String patient = String.format("00000050%02d", i);
            desks.add(() -> as(reception(), () -> desk.appointments.book(desk.desk(patient, desk.hartmann, GP20,
                    "14:00"))));
        }
        Map<Integer, List<Object>> outcomes = race(desks);
        assertEquals(outcomes.toString(), 1, outcomes.getOrDefault(200, List.of()).size());
        assertEquals(outcomes.toString(), DESKS - 1, outcomes.getOrDefault(409, List.of()).size());
        Appointment winner = (Appointment) outcomes.get(200).get(0);
        assertEquals("one set of holds: the winner's", Collections.nCopies(4, winner.id),
                desk.holders(desk.hartmann));
        assertEquals(1, desk.lists.list(new AppointmentLists.Query(desk.hartmann, null, MONDAY, null), 0, 20)
                .getTotal());
        assertEquals(1, desk.events.types().size());
    }

    /**
     * A Monday morning rush: sixteen desks book eight slots at once, two desks per slot. Bookings made at the same
     * moment commit together; a clash refuses only its own booking, and the group's other bookings stand.
     */
    @Test
    public void sixteenDesksBookEightSlotsTwoPerSlotAndEachSlotIsGivenOnce() throws Exception {
        String[] times = {"09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20"};
        List<Callable<Appointment>> desks = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            String patient = String.format("00000050%02d", i);
            String time = times[i % times.length];
            desks.add(() -> as(reception(), () -> desk.appointments.book(desk.desk(patient, desk.hartmann, GP20,
                    time))));
        }
        Map<Integer, List<Object>> outcomes = race(desks);
        List<Object> booked = outcomes.getOrDefault(200, List.of());
        assertEquals(outcomes.toString(), times.length, booked.size());
        assertEquals(outcomes.toString(), DESKS - times.length, outcomes.getOrDefault(409, List.of()).size());
        assertEquals("every slot once", List.of(times), booked.stream()
                .map(a -> ((Appointment) a).localStart.substring(11)).sorted().collect(Collectors.toList()));
        assertEquals("four holds per booking, none left by the refused", times.length * 4,
                desk.holders(desk.hartmann).size());
        assertEquals(times.length, desk.events.types().size());
    }

    @Test
    public void sixteenDesksMoveTwoAppointmentsIntoOneSlotAndOneWins() throws Exception {
        Appointment maria = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:00")));
        Appointment pedro = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP20,
                "11:00")));
        long target = BookingDesk.at(MONDAY, "15:00");
        List<Callable<Appointment>> desks = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            String id = i % 2 == 0 ? maria.id : pedro.id;
            desks.add(() -> as(reception(), () -> desk.appointments.reschedule(id, null, target, null,
                    Channel.DESK)));
        }
        Map<Integer, List<Object>> outcomes = race(desks);
        List<Object> moved = outcomes.getOrDefault(200, List.of());
        assertTrue(outcomes.toString(), !moved.isEmpty());
        assertEquals("every move that succeeded moved the same appointment", 1,
                moved.stream().map(a -> ((Appointment) a).id).distinct().count());
        assertEquals(outcomes.toString(), DESKS, moved.size() + outcomes.getOrDefault(409, List.of()).size());
        String winner = ((Appointment) moved.get(0)).id;
        String loser = winner.equals(maria.id) ? pedro.id : maria.id;
        Appointment stayed = as(reception(), () -> desk.appointments.get(loser));
        assertEquals("the loser did not move", loser.equals(maria.id) ? "2026-12-07T09:00" : "2026-12-07T11:00",
                stayed.localStart);
        assertEquals("2026-12-07T15:00", as(reception(), () -> desk.appointments.get(winner)).localStart);
        List<String> holders = desk.holders(desk.hartmann);
        assertEquals(holders.toString(), 8, holders.size());
        assertEquals(4, holders.stream().filter(winner::equals).count());
        assertEquals(4, holders.stream().filter(loser::equals).count());
    }

    /** Runs every call at once (released together); outcomes by status: 200 with the result, else the problems. */
    private static <T> Map<Integer, List<Object>> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return call.call();
                    } catch (ProblemException e) {
                        return e;
                    }
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            Function<Object, Integer> status = r -> r instanceof ProblemException p ? p.status() : 200;
            return results.stream().collect(Collectors.groupingBy(status));
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProblemException conflict(Callable<?> work) throws Exception {
        try {
            work.call();
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), 409, e.status());
            return e;
        }
        throw new AssertionError("expected 409");
    }
}
