package org.pavilion.hl7.internal.rest;

import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.Hl7Text;
import org.pavilion.hl7.internal.MessageStore;
import org.pavilion.hl7.internal.StoredMessage;

/**
 * REST at /api/v1/hl7/messages for integrators: the inbound message store, filtered and paged; one message with
 * its raw text and ACK; editing the raw text of a PARKED or REJECTED message; replaying it. Messages carry
 * patient data, so reading one, editing and replaying are audited.
 */
@Component(service = Hl7MessageResource.class, property = Endpoints.REST_BASE + "=/hl7/messages")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Hl7MessageResource {

    static final String RESOURCE = "hl7-message";
    static final int MAX_EDIT_CHARS = 4 * 1024 * 1024;
    private static final Set<String> STATUSES = Set.of(MessageStore.RECEIVED, MessageStore.PROCESSED,
            MessageStore.REJECTED, MessageStore.PARKED);

    private final Hl7Hub hub;
    private final AuditService audit;

    @Activate
    public Hl7MessageResource(@Reference Hl7Hub hub, @Reference AuditService audit) {
        this.hub = hub;
        this.audit = audit;
    }

    /** Body of PUT /{id}/raw. */
    public static class RawText {
        public String rawText;
    }

    @GET
    @RequiresPrivilege("hl7.message.view")
    public Page<StoredMessage> list(@QueryParam("status") String status, @QueryParam("sender") String sender,
            @QueryParam("type") String type, @QueryParam("controlId") String controlId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Page.validate(page, size);
        if (status != null && !status.isBlank() && !STATUSES.contains(status.strip())) {
            throw ProblemException.validation("status must be one of " + STATUSES + ", was '" + status + "'");
        }
        MessageStore store = hub.store();
        return new Page<>(store.list(status, sender, type, controlId, page * size, size), page, size,
                store.count(status, sender, type, controlId));
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("hl7.message.view")
    public StoredMessage get(@PathParam("id") String id) {
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            throw ProblemException.notFound("HL7 message", id);
        }
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(id).detail(m.messageType + " " + m.controlId).build());
        return m;
    }

    @PUT
    @Path("{id}/raw")
    @RequiresPrivilege("hl7.message.repair")
    public StoredMessage edit(@PathParam("id") String id, RawText body) {
        String text = body == null ? null : body.rawText;
        if (text == null || text.isBlank()) {
            throw ProblemException.validation("rawText is required: the corrected HL7 message");
        }
        if (text.length() > MAX_EDIT_CHARS) {
            throw ProblemException.validation("rawText is longer than " + MAX_EDIT_CHARS + " characters");
        }
        String normalised = Hl7Text.normalise(text);
        try {
            Hl7Text.header(normalised);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("rawText is not an HL7 v2 message: " + e.getMessage());
        }
        StoredMessage m = requireExisting(id);
        String by = CallerContext.current().map(Caller::username).orElse("system");
        if (!hub.store().editRaw(id, normalised, by, System.currentTimeMillis())) {
            audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("not editable in status " + m.status).build());
            throw ProblemException.conflict("Message " + id + " is " + m.status
                    + ": only PARKED or REJECTED messages can be edited");
        }
        audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(id).detail("raw text edited").build());
        return hub.store().find(id);
    }

    @POST
    @Path("{id}/replay")
    @RequiresPrivilege("hl7.message.repair")
    public StoredMessage replay(@PathParam("id") String id) {
        StoredMessage m = requireExisting(id);
        if (!hub.processor().replay(id)) {
            audit.record(AuditEvent.of("REPLAY", RESOURCE).resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("not replayable in status " + m.status).build());
            throw ProblemException.conflict("Message " + id + " is " + m.status
                    + ": only PARKED or REJECTED messages can be replayed");
        }
        StoredMessage after = hub.store().find(id);
        audit.record(AuditEvent.of("REPLAY", RESOURCE).resourceId(id).detail("now " + after.status + " "
                + after.ackCode).build());
        return after;
    }

    private StoredMessage requireExisting(String id) {
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            throw ProblemException.notFound("HL7 message", id);
        }
        return m;
    }
}
