package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.ws.rs.core.Response;

import org.junit.Test;
import org.pavilion.core.api.rest.ServiceUnavailableException;

/** A database that is down or too slow answers 503 problem+json with Retry-After; other failures stay 500. */
public class ProblemMappersUnavailableTest {

    private final ProblemMappers.Unexpected mapper = new ProblemMappers.Unexpected();

    /** As OpenJPA and a JPA transaction wrap a driver's exception. */
    private static RuntimeException wrapped(Throwable driver) {
        return new IllegalStateException("transaction failed",
                new RuntimeException("<openjpa-3.2.2-r422266:1 nonfatal store error>", driver));
    }

    @SuppressWarnings("unchecked")
    private static void assertUnavailable(String what, Response r) {
        assertEquals(what, 503, r.getStatus());
        assertEquals(what, "application/problem+json", r.getMediaType().toString());
        assertNotNull(what + ": Retry-After", r.getHeaderString("Retry-After"));
        assertTrue(what, Integer.parseInt(r.getHeaderString("Retry-After")) >= 1);
        Map<String, Object> body = (Map<String, Object>) r.getEntity();
        assertEquals(what, ServiceUnavailableException.TYPE, body.get("type"));
        assertFalse(what + ": no driver text leaks", String.valueOf(body).contains("Mrs Example"));
    }

    @Test
    public void everyUnavailableOrTooSlowSqlStateAnswers503WithRetryAfter() {
        for (String state : List.of("08001", "08003", "08006", "08S01", "53000", "53100", "53200", "53300",
                "57P01", "57P02", "57P03", "55P03", "57014", "40P01")) {
            SQLException e = new SQLException("ERROR: ... WHERE name = 'Mrs Example'", state);
            assertUnavailable(state, mapper.toResponse(wrapped(e)));
        }
    }

    @Test
    public void h2LockTimeoutAndConnectionErrorsAnswer503() {
        assertUnavailable("50200", mapper.toResponse(wrapped(new SQLException("Timeout trying to lock table", "HYT00", 50200))));
        for (int code : new int[] {40001, 90067, 90098, 90121}) {
            assertUnavailable("h2 " + code,
                    mapper.toResponse(wrapped(new SQLException("h2", String.valueOf(code), code))));
        }
    }

    @Test
    public void anExhaustedPoolAndJpaTimeoutsAnswer503() {
        SQLException pool = new SQLException("Cannot get a connection, general error",
                new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT5S"));
        assertUnavailable("pool", mapper.toResponse(wrapped(pool)));
        assertUnavailable("chained", mapper.toResponse(wrapped(chained())));
        assertUnavailable("jpa", mapper.toResponse(new javax.persistence.LockTimeoutException("lock")));
        assertUnavailable("jpa", mapper.toResponse(new javax.persistence.QueryTimeoutException("query")));
    }

    private static SQLException chained() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "24000");
        batch.setNextException(new SQLException("canceling statement due to statement timeout", "57014"));
        return batch;
    }

    @Test
    public void aFullCommitQueueAnswers503WithItsRetryAfterAlsoWhenWrapped() {
        ServiceUnavailableException full = new ServiceUnavailableException("full", 2);
        Response direct = new ProblemMappers.Problem().toResponse(full);
        assertUnavailable("direct", direct);
        assertEquals("2", direct.getHeaderString("Retry-After"));
        assertUnavailable("wrapped", mapper.toResponse(new IllegalStateException("hl7 store", full)));
    }

    @Test
    public void otherDatabaseErrorsStay500WithoutRetryAfter() {
        Response r = mapper.toResponse(wrapped(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertEquals(500, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
        assertNull(org.pavilion.core.api.persistence.DatabaseUnavailable.why(new SQLException("syntax", "42601")));
        assertNull(org.pavilion.core.api.persistence.DatabaseUnavailable.why(new NoSuchElementException("no value")));
    }
}
