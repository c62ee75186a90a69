package org.pavilion.hl7.internal.rest;

import java.util.List;
import java.util.Set;

import javax.ws.rs.Consumes;
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
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.outbound.OutboundMessage;
import org.pavilion.hl7.internal.outbound.OutboundStore;
import org.pavilion.hl7.internal.outbound.QueueSummary;

/**
 * REST at /api/v1/hl7/outbound for integrators: the outbound feeds' queue, filtered by feed and status and paged;
 * each feed's queue in counts; one message with its text and ACK; a FAILED (or back-off waiting) message put back in the queue. Messages carry
 * patient data, so reading one and retrying are audited.
 */
@Component(service = Hl7OutboundResource.class, property = Endpoints.REST_BASE + "=/hl7/outbound")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Hl7OutboundResource {

    static final String RESOURCE = "hl7-outbound";
    private static final Set<String> STATUSES = Set.of(OutboundStore.PENDING, OutboundStore.SENT, OutboundStore.FAILED);

    private final Hl7Hub hub;
    private final AuditService audit;

    @Activate
    public Hl7OutboundResource(@Reference Hl7Hub hub, @Reference AuditService audit) {
        this.hub = hub;
        this.audit = audit;
    }

    @GET
    @RequiresPrivilege("hl7.outbound.view")
    public Page<OutboundMessage> list(@QueryParam("feed") String feed, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Page.validate(page, size);
        if (status != null && !status.isBlank() && !STATUSES.contains(status.strip())) {
            throw ProblemException.validation("status must be one of " + STATUSES + ", was '" + status + "'");
        }
        OutboundStore store = hub.outbound();
        return Page.of(store.list(feed, status, page * size, size), page, size, () -> store.count(feed, status));
    }

    /** Each feed's queue: counts per status, the oldest waiting event, the last delivery; no patient data. */
    @GET
    @Path("queues")
    @RequiresPrivilege("hl7.outbound.view")
    public List<QueueSummary> queues() {
        return hub.outbound().queues();
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("hl7.outbound.view")
    public OutboundMessage get(@PathParam("id") String id) {
        OutboundMessage m = requireExisting(id);
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(id).patientId(m.patientKey)
                .detail(m.feed + " " + m.messageType + " " + m.controlId).build());
        return m;
    }

    @POST
    @Path("{id}/retry")
    @RequiresPrivilege("hl7.outbound.retry")
    public OutboundMessage retry(@PathParam("id") String id) {
        OutboundMessage m = requireExisting(id);
        if (!hub.outbound().retry(m.id, System.currentTimeMillis())) {
            String why = m.messageText == null ? "has no message (its event could not be built)" : "is " + m.status;
            audit.record(AuditEvent.of("RETRY", RESOURCE).resourceId(id).patientId(m.patientKey)
                    .outcome(AuditOutcome.FAILED).detail("not retryable: " + why).build());
            throw ProblemException.conflict("Outbound message " + id + " " + why
                    + ": only FAILED or PENDING messages with a message text are retried");
        }
        audit.record(AuditEvent.of("RETRY", RESOURCE).resourceId(id).patientId(m.patientKey).detail(m.feed + " "
                + m.messageType + " " + m.controlId + " was " + m.status + " after " + m.attempts + " attempts").build());
        return hub.outbound().find(m.id);
    }

    private OutboundMessage requireExisting(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Outbound HL7 message", id);
        }
        OutboundMessage m = hub.outbound().find(n);
        if (m == null) {
            throw ProblemException.notFound("Outbound HL7 message", id);
        }
        return m;
    }
}
