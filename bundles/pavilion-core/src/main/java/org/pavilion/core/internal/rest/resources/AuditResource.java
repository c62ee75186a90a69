package org.pavilion.core.internal.rest.resources;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.audit.AuditQuery;
import org.pavilion.core.internal.audit.AuditRecordView;
import org.pavilion.core.internal.audit.AuditTrail;
import org.pavilion.core.internal.audit.ChainVerification;

/** The audit trail at /api/v1/platform/audit: search and chain verification, for administrators. */
@Component(service = AuditResource.class, property = Endpoints.REST_BASE + "=/platform/audit")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPrivilege("platform.audit.view")
public class AuditResource {

    private final AuditTrail trail;

    @Activate
    public AuditResource(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public Page<AuditRecordView> search(@QueryParam("actor") String actor, @QueryParam("patientId") String patientId,
            @QueryParam("action") String action, @QueryParam("resourceType") String resourceType,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("emergency") Boolean emergency,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        AuditQuery q = new AuditQuery();
        q.actor = actor;
        q.patientId = patientId;
        q.action = action;
        q.resourceType = resourceType;
        if (outcome != null && !outcome.isBlank()) {
            try {
                q.outcome = AuditOutcome.valueOf(outcome.trim().toUpperCase(java.util.Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("outcome must be SUCCESS, DENIED or FAILED");
            }
        }
        q.fromMs = instant("from", from);
        q.toMs = instant("to", to);
        q.emergency = emergency;
        return trail.search(q, page, size);
    }

    @GET
    @Path("verify")
    public ChainVerification verify() {
        return trail.verify();
    }

    private static Long instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(name + " must be an ISO-8601 instant such as 2026-11-25T08:00:00Z");
        }
    }
}
