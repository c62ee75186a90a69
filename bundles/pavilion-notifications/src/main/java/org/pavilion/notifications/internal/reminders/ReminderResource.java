package org.pavilion.notifications.internal.reminders;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/reminders: an appointment's reminders (rule, when, status), for the desk. */
@Component(service = ReminderResource.class, property = Endpoints.REST_BASE + "=/notifications/reminders")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    public static final String VIEW = "notifications.deliveries.view";

    private final Reminders reminders;
    private final AuditService audit;

    @Activate
    public ReminderResource(@Reference Reminders reminders, @Reference AuditService audit) {
        this.reminders = reminders;
        this.audit = audit;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public List<ReminderDto> list(@QueryParam("appointmentId") String appointmentId) {
        if (appointmentId == null || appointmentId.isBlank()) {
            throw ProblemException.validation("appointmentId is required");
        }
        List<ReminderEntity> rows = reminders.forAppointment(appointmentId.trim());
        // Reminders reveal a patient's appointment: the read is audited with the patient's MRN.
        rows.stream().map(ReminderEntity::getPatientId).filter(p -> p != null).distinct()
                .forEach(mrn -> audit.record(AuditEvent.of("READ", "notification-reminder")
                        .resourceId(appointmentId.trim()).patientId(mrn).build()));
        return rows.stream().map(ReminderDto::of).toList();
    }
}
