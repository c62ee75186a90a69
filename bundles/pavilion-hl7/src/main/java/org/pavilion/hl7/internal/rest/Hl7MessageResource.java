package org.pavilion.hl7.internal.rest;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
import org.pavilion.hl7.internal.MessagePatient;
import org.pavilion.hl7.internal.MessageStore;
import org.pavilion.hl7.internal.StoredMessage;

/**
 * REST at /api/v1/hl7/messages for integrators: the inbound message store, filtered and paged; one message with
 * its raw text and ACK; editing the raw text of a PARKED or REJECTED message; replaying it. Messages carry
 * patient data: every response with raw text is audited with the message's patient ({@link MessagePatient}), and
 * an edit or a replay commits with its audit record, so no change is left unaudited by a crash. Editing and
 * replaying need {@code hl7.message.replay}, which reading ({@code hl7.message.view}) does not give.
 */
@Component(service = Hl7MessageResource.class, property = Endpoints.REST_BASE + "=/hl7/messages")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Hl7MessageResource {

    static final String RESOURCE = "hl7-message";
    /** Audit action of every response carrying a stored message's raw text. */
    static final String READ_ACTION = "HL7_MESSAGE_READ";
    /** A control id an integrator gives a parked message for its replay: what MSH-10 takes in every version. */
    private static final Pattern CONTROL_ID = Pattern.compile("[A-Za-z0-9._-]{1,20}");
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

    /**
     * Body of POST /{id}/replay (optional). {@code controlId}: MSH-10 is set to it before the replay (a message
     * parked because its control id was reused needs it, or {@code confirmReusedControlId}); it must be one the
     * sender has not used. {@code confirmReusedControlId}: the integrator checked that the message is a different
     * message under a reused control id and applies it as it is.
     */
    public static class Replay {
        public String controlId;
        public boolean confirmReusedControlId;
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
        return Page.of(store.list(status, sender, type, controlId, page * size, size), page, size,
                () -> store.count(status, sender, type, controlId));
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("hl7.message.view")
    public StoredMessage get(@PathParam("id") String id) {
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            audit.record(AuditEvent.of(READ_ACTION, RESOURCE).resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("no such message").build());
            throw ProblemException.notFound("HL7 message", id);
        }
        audit.record(audited(AuditEvent.of(READ_ACTION, RESOURCE), m, "raw text, edit history and ACK").build());
        return m;
    }

    @PUT
    @Path("{id}/raw")
    @RequiresPrivilege("hl7.message.replay")
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
        String before = m.rawText;
        m.rawText = normalised; // the record names the patient of the text as edited
        AuditEvent edited = audited(AuditEvent.of("UPDATE", RESOURCE), m, "raw text edited").build();
        m.rawText = before;
        if (!hub.store().editRaw(id, normalised, caller(), System.currentTimeMillis(), withAudit(edited))) {
            audit.record(audited(AuditEvent.of("UPDATE", RESOURCE), m, "not editable in status " + m.status)
                    .outcome(AuditOutcome.FAILED).build());
            throw ProblemException.conflict("Message " + id + " is " + m.status
                    + ": only PARKED or REJECTED messages can be edited");
        }
        return hub.store().find(id);
    }

    @POST
    @Path("{id}/replay")
    @RequiresPrivilege("hl7.message.replay")
    public StoredMessage replay(@PathParam("id") String id, Replay body) {
        Replay options = body == null ? new Replay() : body;
        StoredMessage m = requireExisting(id);
        String newControlId = options.controlId == null || options.controlId.isBlank() ? null
                : options.controlId.strip();
        if (newControlId != null) {
            giveControlId(m, newControlId);
        } else if (m.controlIdReused && !options.confirmReusedControlId) {
            audit.record(audited(AuditEvent.of("REPLAY", RESOURCE), m, "refused: " + MessageStore.CONTROL_ID_REUSED)
                    .outcome(AuditOutcome.FAILED).build());
            throw ProblemException.conflict("Message " + id + " was parked because its control id " + m.controlId
                    + " was reused with different content: replay it with a new controlId, or with "
                    + "confirmReusedControlId true to apply it as it is");
        }
        String detail = newControlId != null ? "replayed under control id " + newControlId
                : m.controlIdReused ? "replayed as is, reused control id confirmed" : "replayed";
        AuditEvent replayed = audited(AuditEvent.of("REPLAY", RESOURCE), m, detail).build();
        if (!hub.processor().replay(id, withAudit(replayed))) {
            audit.record(audited(AuditEvent.of("REPLAY", RESOURCE), m, "not replayable in status " + m.status)
                    .outcome(AuditOutcome.FAILED).build());
            throw ProblemException.conflict("Message " + id + " is " + m.status
                    + ": only PARKED or REJECTED messages can be replayed");
        }
        return hub.store().find(id);
    }

    /** Sets MSH-10 of a parked message to {@code controlId} (an edit, audited with it); 409 if already used. */
    private void giveControlId(StoredMessage m, String controlId) {
        if (!CONTROL_ID.matcher(controlId).matches()) {
            throw ProblemException.validation("controlId must be 1 to 20 letters, digits, '.', '_' or '-'");
        }
        if (hub.store().controlIdInUse(m.sender, controlId)) {
            throw ProblemException.conflict("Control id " + controlId + " is already used by sender " + m.sender);
        }
        String text = Hl7Text.withControlId(Hl7Text.normalise(m.rawText), controlId);
        AuditEvent edited = audited(AuditEvent.of("UPDATE", RESOURCE), m, "control id set to " + controlId
                + " for a replay").build();
        if (!hub.store().editRaw(m.id, text, caller(), System.currentTimeMillis(), withAudit(edited))) {
            throw ProblemException.conflict("Message " + m.id + " is " + m.status
                    + ": only PARKED or REJECTED messages can be replayed");
        }
    }

    /** The message's id, its patient and what was done. */
    private static AuditEvent.Builder audited(AuditEvent.Builder b, StoredMessage m, String detail) {
        MessagePatient patient = MessagePatient.of(m);
        return b.resourceId(m.id).patientId(patient == null ? null : patient.id())
                .detail(m.messageType + " " + m.controlId + ": " + detail
                        + (patient == null || patient.resolved() ? "" : " (patient as identified in PID-3)"));
    }

    /** Commits the store's change with {@code record} in the same transaction. */
    private MessageStore.Committer withAudit(AuditEvent record) {
        return c -> audit.recordAllCommittingWith(c, List.of(record), () -> {
            c.commit();
            return null;
        });
    }

    private static String caller() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    private StoredMessage requireExisting(String id) {
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            throw ProblemException.notFound("HL7 message", id);
        }
        return m;
    }
}
