package org.pavilion.scheduling.internal.booking;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

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
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * REST at /api/v1/scheduling/my/appointments: the portal, where the patient is always the caller's own record (a
 * caller without one gets 403); the lifecycle's gate still checks each appointment is theirs.
 */
@Component(service = MyAppointmentResource.class, property = Endpoints.REST_BASE + "=/scheduling/my/appointments")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MyAppointmentResource {

    private final Appointments appointments;
    private final AppointmentLists lists;
    private final AuditService audit;

    @Activate
    public MyAppointmentResource(@Reference Appointments appointments, @Reference AppointmentLists lists,
            @Reference AuditService audit) {
        this.appointments = appointments;
        this.lists = lists;
        this.audit = audit;
    }

    private String own() {
        return CallerContext.current().flatMap(Caller::patientId).orElseThrow(() -> {
            String reason = "only a patient's own account has appointments of its own";
            audit.record(AuditEvent.of("READ", "appointment").outcome(AuditOutcome.DENIED).detail(reason).build());
            return ProblemException.forbidden(reason);
        });
    }

    @GET
    @RequiresPrivilege(PatientGate.OWN)
    public Page<Appointment> list(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return lists.list(new AppointmentLists.Query(null, own(), null, status), page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(PatientGate.OWN)
    public Appointment get(@PathParam("id") String id) {
        own();
        return appointments.get(id);
    }

    /** The booking code as a QR code for the kiosk's scanner (SVG), while the appointment can still be checked in. */
    @GET
    @Path("{id}/qr")
    @Produces("image/svg+xml")
    @RequiresPrivilege(PatientGate.OWN)
    public Response qr(@PathParam("id") String id) {
        own();
        Appointment a = appointments.get(id);
        if (!"BOOKED".equals(a.status)) {
            throw ProblemException.conflict("The appointment is " + a.status + ": there is nothing to check in");
        }
        return Response.ok(BookingQrCode.svg(a.bookingCode), "image/svg+xml").header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @RequiresPrivilege(PatientGate.OWN)
    public Response book(Bodies.Booking in) {
        String patientId = own();
        if (in == null) {
            throw ProblemException.validation("A booking body is required");
        }
        Appointment a = appointments.book(BookingRequest.of(patientId, in.doctorId, in.serviceCode, in.visitType,
                Times.parse(in.start, appointments.zone(), "start"), in.reason, Channel.PORTAL));
        return Response.status(201).header("Location", "/api/v1/scheduling/my/appointments/" + a.id).entity(a)
                .build();
    }

    @POST
    @Path("{id}/reschedule")
    @RequiresPrivilege(PatientGate.OWN)
    public Appointment reschedule(@PathParam("id") String id, Bodies.Reschedule in) {
        own();
        return appointments.reschedule(id, in, Channel.PORTAL);
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(PatientGate.OWN)
    public Appointment cancel(@PathParam("id") String id, Bodies.Cancel in) {
        own();
        return appointments.cancel(id, in == null ? null : in.reason, Channel.PORTAL);
    }
}
