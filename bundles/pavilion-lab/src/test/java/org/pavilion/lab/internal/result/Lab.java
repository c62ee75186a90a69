package org.pavilion.lab.internal.result;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.RecordingEvents;

/** The laboratory of the tests: its database, bus, trail, clock and technicians, and the results service on them. */
final class Lab implements AutoCloseable {

    static final Caller ANNA = tech("tech.anna");
    static final Caller BEN = tech("tech.ben");

    final LabDatabase db;
    final RecordingEvents events = new RecordingEvents();
    final RecordingAudit audit = new RecordingAudit();
    /** 2026-12-04 09:30 UTC, moved by hand. */
    final AtomicLong now = new AtomicLong(1_796_376_600_000L);
    final Results results;

    Lab(boolean releaseOnVerify) throws Exception {
        db = new LabDatabase();
        db.starterTests();
        results = new Results(db.emf, audit, events, new Results.Settings(releaseOnVerify, 30), now::get);
    }

    static Caller tech(String name) {
        return Caller.inContainer(name, Set.of(Results.ENTER, Results.VERIFY), "10.0.0.9");
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    /** The problem {@code work} throws as {@code caller}; fails when it succeeds. */
    static ProblemException refused(Caller caller, Callable<?> work) throws Exception {
        try {
            Object done = as(caller, work);
            throw new AssertionError("expected a problem, got " + done);
        } catch (ProblemException p) {
            return p;
        }
    }

    <T> T row(Class<T> type, Object id) {
        return db.jpa.call(em -> em.find(type, id));
    }

    long count(String jpql, Object... params) {
        return db.jpa.call(em -> {
            var q = em.createQuery(jpql, Long.class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getSingleResult();
        });
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
