package org.pavilion.scheduling.internal.booking;

import java.util.List;

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
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/** REST at /api/v1/scheduling/appointments: the desk's bookings, day lists and the visit's steps. */
@Component(service = AppointmentResource.class, property = Endpoints.REST_BASE + "=/scheduling/appointments")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    private final Appointments appointments;
    private final AppointmentLists lists;

    @Activate
    public AppointmentResource(@Reference Appointments appointments, @Reference AppointmentLists lists) {
        this.appointments = appointments;
        this.lists = lists;
    }

    @POST
    @RequiresPrivilege(Gates.BOOK)
    public Response book(Bodies.Booking in) {
        if (in == null) {
            throw ProblemException.validation("A booking body is required");
        }
        Appointment a = appointments.book(BookingRequest.of(in.patientId, in.doctorId, in.serviceCode, in.visitType,
                Times.parse(in.start, appointments.zone(), "start"), in.reason, Channel.DESK));
        return Response.status(201).header("Location", "/api/v1/scheduling/appointments/" + a.id).entity(a).build();
    }

    /** The day view (doctorId + day), a patient's appointments (patientId), the check-in list (day + status). */
    @GET
    @RequiresPrivilege(Gates.VIEW)
    public Page<Appointment> list(@QueryParam("doctorId") String doctorId, @QueryParam("patientId") String patientId,
            @QueryParam("day") String day, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return lists.list(new AppointmentLists.Query(doctorId, patientId, AppointmentLists.day(day), status), page,
                size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(Gates.VIEW)
    public Appointment get(@PathParam("id") String id) {
        return appointments.get(id);
    }

    @GET
    @Path("{id}/history")
    @RequiresPrivilege(Gates.VIEW)
    public List<AppointmentLists.HistoryEntry> history(@PathParam("id") String id) {
        return lists.history(id);
    }

    @POST
    @Path("{id}/reschedule")
    @RequiresPrivilege(Gates.BOOK)
    public Appointment reschedule(@PathParam("id") String id, Bodies.Reschedule in) {
        return appointments.reschedule(id, in, Channel.DESK);
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(Gates.BOOK)
    public Appointment cancel(@PathParam("id") String id, Bodies.Cancel in) {
        return appointments.cancel(id, in == null ? null : in.reason, Channel.DESK);
    }

    @POST
    @Path("{id}/check-in")
    @RequiresPrivilege(Gates.CHECK_IN)
    public Appointment checkIn(@PathParam("id") String id) {
        return appointments.checkIn(id, Channel.DESK);
    }

    @POST
    @Path("{id}/complete")
    @RequiresPrivilege(Gates.COMPLETE)
    public Appointment complete(@PathParam("id") String id) {
        return appointments.complete(id);
    }

    @POST
    @Path("{id}/no-show")
    @RequiresPrivilege(Gates.CHECK_IN)
    public Appointment noShow(@PathParam("id") String id) {
        return appointments.markNoShow(id, Channel.DESK);
    }
}
