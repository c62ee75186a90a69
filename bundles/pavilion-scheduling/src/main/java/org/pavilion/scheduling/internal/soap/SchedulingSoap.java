package org.pavilion.scheduling.internal.soap;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.Inputs;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.ActingAs;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentLists;
import org.pavilion.scheduling.internal.schedule.FreeSlots;
import org.pavilion.scheduling.internal.schedule.SlotView;

/**
 * SOAP at /api/soap/scheduling/Scheduling for integrators' legacy systems: free slots, booking, cancelling and
 * reading appointments, all through the booking part ({@link AppointmentBook}, {@link AppointmentLists}; channel
 * DESK, the caller as actor, with the desk's privileges the SOAP ones grant): holds, history, events, patient access
 * and audit are the same as at the desk. A {@link ProblemException}
 * becomes a {@link SchedulingFault} with the same type and status.
 */
@Component(service = SchedulingSoap.class, configurationPid = SchedulingConfig.PID,
        property = Endpoints.SOAP_ADDRESS + "=/scheduling/Scheduling")
@WebService(serviceName = "Scheduling", portName = "SchedulingPort", targetNamespace = SchedulingSoap.NAMESPACE)
public class SchedulingSoap {

    public static final String NAMESPACE = "urn:pavilion:scheduling:v1";

    static final String VIEW = "scheduling.soap.view";
    static final String BOOK = "scheduling.soap.book";
    /** What the desk holds for a booking or a cancellation, granted to an account that passed {@link #BOOK}. */
    private static final Set<String> DESK_BOOKING = Set.of("scheduling.appointment.book");
    /** What the desk holds to read appointments, granted to an account that passed {@link #VIEW}. */
    private static final Set<String> DESK_VIEW = Set.of("scheduling.appointment.view");
    static final int DEFAULT_LIMIT = 20;

    private final AppointmentBook book;
    private final AppointmentLists lists;
    private final FreeSlots freeSlots;
    private volatile ZoneId zone;

    @Activate
    public SchedulingSoap(@Reference AppointmentBook book, @Reference AppointmentLists lists,
            @Reference FreeSlots freeSlots, SchedulingConfig config) {
        this(book, lists, freeSlots, Times.zone(config.zone()));
    }

    SchedulingSoap(AppointmentBook book, AppointmentLists lists, FreeSlots freeSlots, ZoneId zone) {
        this.book = book;
        this.lists = lists;
        this.freeSlots = freeSlots;
        this.zone = zone;
    }

    @Modified
    void modified(SchedulingConfig config) {
        zone = Times.zone(config.zone());
    }

    @WebMethod
    @WebResult(name = "slot")
    @RequiresPrivilege(VIEW)
    public List<SlotView> findFreeSlots(@WebParam(name = "doctorId") String doctorId,
            @WebParam(name = "specialty") String specialty, @WebParam(name = "serviceCode") String serviceCode,
            @WebParam(name = "from") String from, @WebParam(name = "to") String to,
            @WebParam(name = "limit") Integer limit) throws SchedulingFault {
        return faults(() -> {
            int max = limit == null ? DEFAULT_LIMIT : limit;
            FreeSlots.Query query = new FreeSlots.Query(Inputs.blankToNull(doctorId), Inputs.blankToNull(specialty),
                    Inputs.blankToNull(serviceCode), null, null, Times.day(from, "from", true), Times.day(to, "to", true), max);
            ZoneId z = zone;
            return freeSlots.find(query).stream().map(s -> SlotView.of(s, z)).toList();
        });
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(BOOK)
    public Appointment bookAppointment(@WebParam(name = "patientId") String patientId,
            @WebParam(name = "doctorId") String doctorId, @WebParam(name = "serviceCode") String serviceCode,
            @WebParam(name = "visitType") String visitType, @WebParam(name = "start") String start,
            @WebParam(name = "reason") String reason) throws SchedulingFault {
        return faults(() -> ActingAs.run(DESK_BOOKING, "soap", () -> book.book(AppointmentBook.BookingRequest.of(
                patientId, doctorId, serviceCode, visitType, Times.parse(start, zone, "start"), reason,
                AppointmentBook.Channel.DESK))));
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(BOOK)
    public Appointment cancelAppointment(@WebParam(name = "id") String id, @WebParam(name = "reason") String reason)
            throws SchedulingFault {
        return faults(() -> ActingAs.run(DESK_BOOKING, "soap", () -> book.cancel(Inputs.required(id, "id"), reason,
                AppointmentBook.Channel.DESK)));
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(VIEW)
    public Appointment getAppointment(@WebParam(name = "id") String id) throws SchedulingFault {
        return faults(() -> ActingAs.run(DESK_VIEW, "soap", () -> book.get(Inputs.required(id, "id"))));
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(VIEW)
    public List<Appointment> listPatientAppointments(@WebParam(name = "patientId") String patientId)
            throws SchedulingFault {
        return faults(() -> ActingAs.run(DESK_VIEW, "soap", () -> lists.list(new AppointmentLists.Query(null,
                Inputs.required(patientId, "patientId"), null, null), 0, Page.MAX_SIZE).getItems()));
    }

    /** Runs one operation; a problem becomes the fault an integrator can switch on. */
    private static <T> T faults(Supplier<T> work) throws SchedulingFault {
        try {
            return work.get();
        } catch (ProblemException e) {
            throw SchedulingFault.of(e);
        }
    }
}
