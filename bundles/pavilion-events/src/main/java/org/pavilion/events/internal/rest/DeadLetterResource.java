package org.pavilion.events.internal.rest;

import java.time.Clock;
import java.util.List;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.events.internal.DeadLetter;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.osgi.EventBus;

/**
 * {@code /api/v1/platform/events}: dead letters for administrators. Event payloads carry patient data,
 * so every read and replay is audited.
 */
@Component(service = DeadLetterResource.class, property = Endpoints.REST_BASE + "=/platform/events")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPrivilege("events.dead-letter.view")
public class DeadLetterResource {

    static final String AUDIT_TYPE = "event-dead-letter";

    private final EventStore store;
    private final AuditService audit;
    private final Clock clock;

    @Activate
    public DeadLetterResource(@Reference EventBus bus, @Reference AuditService audit) {
        this(bus.store(), audit, Clock.systemUTC());
    }

    DeadLetterResource(EventStore store, AuditService audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @Path("dead-letters")
    public Page<DeadLetter> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("" + Page.DEFAULT_SIZE) int size) {
        Page.validate(page, size);
        Page<DeadLetter> result = Page.of(store.parked((long) page * size, size), page, size, store::countParked);
        audit.record(AuditEvent.of("SEARCH", AUDIT_TYPE).detail("page " + page + ", size " + size).build());
        return result;
    }

    @GET
    @Path("dead-letters/{id}")
    public DeadLetter get(@PathParam("id") String id) {
        DeadLetter letter = store.delivery(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        audit.record(AuditEvent.of("READ", AUDIT_TYPE).resourceId(id).build());
        return letter;
    }

    /** The change and its audit record commit together. */
    private EventStore.Commit committingWith(AuditEvent record) {
        return c -> audit.recordAllCommittingWith(c, List.of(record), () -> {
            c.commit();
            return null;
        });
    }

    /** Back to PENDING with attempts reset; the relay delivers it on its next poll. */
    @POST
    @Path("dead-letters/{id}/replay")
    @RequiresPrivilege("events.dead-letter.replay")
    public DeadLetter replay(@PathParam("id") String id) {
        AuditEvent record = AuditEvent.of("REPLAY", AUDIT_TYPE).resourceId(id).build();
        switch (store.replay(id, clock.millis(), committingWith(record))) {
            case NOT_FOUND:
                throw ProblemException.notFound("Dead letter", id);
            case NOT_PARKED:
                throw ProblemException.conflict("Delivery " + id + " is not parked");
            default:
                return store.delivery(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        }
    }

    /** Gives up on a dead letter: never delivered, and the later events of its subject key it held back go out. */
    @POST
    @Path("dead-letters/{id}/discard")
    @RequiresPrivilege("events.dead-letter.discard")
    public DeadLetter discard(@PathParam("id") String id) {
        AuditEvent record = AuditEvent.of("DISCARD", AUDIT_TYPE).resourceId(id).build();
        switch (store.discard(id, clock.millis(), committingWith(record))) {
            case NOT_FOUND:
                throw ProblemException.notFound("Dead letter", id);
            case NOT_PARKED:
                throw ProblemException.conflict("Delivery " + id + " is not parked");
            default:
                return store.delivery(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        }
    }
}
