package org.pavilion.scheduling.internal.soap;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.SchedulingSchema;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.ActingAs;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.schedule.FreeSlots;

/**
 * SOAP at /api/soap/scheduling/Scheduling for integrators' legacy systems: free slots, booking, cancelling and
 * reading appointments. Bookings and cancellations go through the lifecycle ({@link AppointmentBook}, channel DESK,
 * the caller as actor), so holds, history, events and audit are the same as at the desk. A {@link ProblemException}
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
    private static final java.util.Set<String> DESK_BOOKING = java.util.Set.of("scheduling.appointment.book");
    static final int DEFAULT_LIMIT = 20;

    private final AppointmentBook book;
    private final FreeSlots freeSlots;
    private final AppointmentReader reader;
    private final AuditService audit;
    private final PatientGate withoutEmr;
    private volatile ZoneId zone;

    /** The EMR's answer while it is installed (EmrPatientGate); the department works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public SchedulingSoap(@Reference AppointmentBook book, @Reference FreeSlots freeSlots,
            @Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference SchedulingSchema schema, @Reference AuditService audit, SchedulingConfig config) {
        this(book, freeSlots, emf, audit, null, zoneOf(config));
    }

    SchedulingSoap(AppointmentBook book, FreeSlots freeSlots, EntityManagerFactory emf, AuditService audit,
            PatientGate gate, ZoneId zone) {
        this.book = book;
        this.freeSlots = freeSlots;
        this.reader = new AppointmentReader(emf);
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.zone = zone;
    }

    @Modified
    void modified(SchedulingConfig config) {
        zone = zoneOf(config);
    }

    private static ZoneId zoneOf(SchedulingConfig config) {
        return config.zone() == null || config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone());
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    @WebMethod
    @WebResult(name = "slot")
    @RequiresPrivilege(VIEW)
    public List<FreeSlot> findFreeSlots(@WebParam(name = "doctorId") String doctorId,
            @WebParam(name = "specialty") String specialty, @WebParam(name = "serviceCode") String serviceCode,
            @WebParam(name = "from") String from, @WebParam(name = "to") String to,
            @WebParam(name = "limit") Integer limit) throws SchedulingFault {
        return faults(() -> {
            int max = limit == null ? DEFAULT_LIMIT : limit;
            FreeSlots.Query query = new FreeSlots.Query(blankToNull(doctorId), blankToNull(specialty),
                    blankToNull(serviceCode), null, null, Times.day(from, "from", true), Times.day(to, "to", true), max);
            ZoneId z = zone;
            return freeSlots.find(query).stream().map(s -> FreeSlot.of(s, z)).toList();
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
        return faults(() -> ActingAs.run(DESK_BOOKING, "soap", () -> book.cancel(required(id, "id"), reason,
                AppointmentBook.Channel.DESK)));
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(VIEW)
    public Appointment getAppointment(@WebParam(name = "id") String id) throws SchedulingFault {
        return faults(() -> {
            AppointmentEntity e = reader.find(required(id, "id"))
                    .orElseThrow(() -> ProblemException.notFound("Appointment", id));
            PatientGate.Allowed allowed = gate().check(e.getPatientId(), VIEW, false, "READ");
            Appointment a = reader.show(e, zone);
            record(allowed, id, null);
            return a;
        });
    }

    @WebMethod
    @WebResult(name = "appointment")
    @RequiresPrivilege(VIEW)
    public List<Appointment> listPatientAppointments(@WebParam(name = "patientId") String patientId)
            throws SchedulingFault {
        return faults(() -> {
            PatientGate.Allowed allowed = gate().check(required(patientId, "patientId"), VIEW, false, "SEARCH");
            List<Appointment> list = reader.ofPatient(allowed.mrn(), zone);
            record(allowed, null, list.size() + " appointments");
            return list;
        });
    }

    /** The gate audits refusals; a read that was allowed is recorded here, with the patient. */
    private void record(PatientGate.Allowed allowed, String resourceId, String detail) {
        var event = allowed.audit();
        if (resourceId != null) {
            event.resourceId(resourceId);
        }
        if (detail != null) {
            event.detail(detail);
        }
        audit.record(event.build());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation(field + " is required");
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
