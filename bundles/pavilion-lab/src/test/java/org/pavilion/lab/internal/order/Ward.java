package org.pavilion.lab.internal.order;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.RecordingEvents;
import org.pavilion.lab.internal.catalogue.Catalogue;

/**
 * A ward and its lab on a fresh database with the real change log (starter catalogue included): the services of
 * orders, specimens and the worklist wired by hand, a clock the test moves, the bus and the audit trail recorded,
 * and the people of the day as callers.
 */
final class Ward implements AutoCloseable {

    final LabDatabase db;
    final Catalogue catalogue;
    final AtomicLong now = new AtomicLong(1_796_374_800_000L); // 2026-12-04T09:00:00Z
    final RecordingEvents events = new RecordingEvents();
    final List<RecordingEvents.Published> published = events.published;
    final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    final LabOrders orders;
    final Specimens specimens;
    final Worklist worklist;

    static final Caller HOUSE = staff("dr.house", LabOrders.PLACE, LabOrders.VIEW, LabOrders.CANCEL);
    static final Caller NURSE = staff("nurse.joy", Specimens.COLLECT, LabOrders.VIEW);
    static final Caller NURSE_2 = staff("nurse.ratched", Specimens.COLLECT, LabOrders.VIEW);
    static final Caller TECH = staff("tech.curie", Specimens.RECEIVE, Specimens.COLLECT, LabOrders.VIEW);

    Ward() throws Exception {
        db = new LabDatabase();
        catalogue = Catalogue.of(db.jpa);
        AuditService audit = e -> audited.add(e);
        orders = new LabOrders(db.jpa, catalogue, audit, events, null, now::get, TestConstraints.platform());
        specimens = new Specimens(db.jpa, catalogue, audit, events, null, now::get);
        worklist = new Worklist(db.jpa, catalogue, audit, null, now::get);
    }

    /** An order placed by Dr House for {@code mrn}. */
    OrderViews.OrderDto place(String mrn, String priority, String... tests) throws Exception {
        OrderBodies.Placement p = new OrderBodies.Placement();
        p.patientId = mrn;
        p.encounterId = "ENC-" + mrn;
        p.priority = priority;
        p.tests = List.of(tests);
        return as(HOUSE, () -> orders.place(p));
    }

    void minutesPass(long minutes) {
        now.addAndGet(minutes * 60_000);
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    static Caller staff(String username, String... privileges) {
        return caller(username, Set.of(privileges), null);
    }

    static Caller caller(String username, Set<String> privileges, String mrn) {
        return new Caller() {
            @Override public String username() { return username; }
            @Override public Set<String> roles() { return Set.of(); }
            @Override public Set<String> privileges() { return privileges; }
            @Override public Optional<String> patientId() { return Optional.ofNullable(mrn); }
            @Override public String clientAddress() { return "10.0.0.7"; }
        };
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
