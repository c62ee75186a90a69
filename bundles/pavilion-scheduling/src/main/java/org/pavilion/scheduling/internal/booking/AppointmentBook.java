package org.pavilion.scheduling.internal.booking;

import java.util.Optional;

import javax.validation.constraints.AssertTrue;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The appointment lifecycle, shared by REST, SOAP, the HL7 handler, the waiting list and the no-show route. Each
 * operation is one transaction: the appointment row, its slot holds, its history and its event commit together; it
 * is audited with the patient. The caller is the thread's {@code CallerContext} caller: a patient's own account may
 * act on its own appointments only (403 otherwise), staff on any; none bound is the system.
 *
 * <p>Errors are {@link ProblemException}s: 400 bad input, 404 unknown appointment/doctor/service, 409 the time is
 * taken or the status does not allow it (a cancelled appointment cannot be checked in).
 */
public interface AppointmentBook {

    /** Who acted, kept on the appointment and its events. */
    enum Channel {
        DESK, PORTAL, HL7, SYSTEM
    }

    /**
     * A booking. {@code endsMs} is given only for an external system's time ({@code externalSystem} set: no
     * working-hours check); otherwise the service's slot length decides. {@code offerId}: booking a slot a
     * waiting-list offer holds for this patient (the offer's holds are released in the same transaction).
     */
    record BookingRequest(@NotBlank @Size(max = 64) String patientId, @NotBlank String doctorId,
            @NotBlank String serviceCode,
            @Pattern(regexp = "IN_PERSON|VIDEO", message = "is IN_PERSON or VIDEO") String visitType, long startsMs,
            Long endsMs, @Size(max = 500) String reason, Channel channel, String externalSystem, String externalId,
            String offerId) {

        /** Checked with the fields' constraints (DeclaredConstraints): an external system's time has an end and an id. */
        @AssertTrue(message = "an external system's booking gives its end (endsMs) and its id (externalId)")
        public boolean isExternalBookingComplete() {
            return externalSystem == null || endsMs != null && externalId != null && !externalId.isBlank();
        }

        /** A booking at the desk or in the portal. */
        public static BookingRequest of(String patientId, String doctorId, String serviceCode, String visitType,
                long startsMs, String reason, Channel channel) {
            return new BookingRequest(patientId, doctorId, serviceCode, visitType, startsMs, null, reason, channel,
                    null, null, null);
        }
    }

    /** Books; publishes AppointmentBooked. 409 when the time is taken (by anyone, at once or before). */
    Appointment book(BookingRequest request);

    /**
     * Moves an appointment to {@code startsMs} (with {@code doctorId}, null: the same doctor; {@code endsMs} only for
     * an external system's time). Old holds released and new ones taken in one transaction: on a clash nothing moves.
     * Publishes AppointmentRescheduled.
     */
    Appointment reschedule(String id, String doctorId, long startsMs, Long endsMs, Channel channel);

    /** Cancels (frees the slot); publishes AppointmentCancelled. Cancelled already: returned unchanged. */
    Appointment cancel(String id, String reason, Channel channel);

    /**
     * Checks the patient in: late when after the start plus the grace period; opens the EMR encounter when the EMR
     * is installed. Publishes PatientCheckedIn. Checked in already: returned unchanged.
     */
    Appointment checkIn(String id, Channel channel);

    /** A kiosk's check-in with the booking code, within the kiosk's window around the start. */
    Appointment checkInByCode(String bookingCode);

    /** The visit took place; publishes AppointmentCompleted. */
    Appointment complete(String id);

    /** The patient did not come; frees nothing in the past, publishes AppointmentNoShow. */
    Appointment markNoShow(String id, Channel channel);

    /** The appointment an external system knows by {@code externalId}. */
    Optional<Appointment> byExternalId(String externalSystem, String externalId);

    /** One appointment, if the caller may see it (403 otherwise). */
    Appointment get(String id);
}
