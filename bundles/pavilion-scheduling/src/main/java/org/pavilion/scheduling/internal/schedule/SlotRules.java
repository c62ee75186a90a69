package org.pavilion.scheduling.internal.schedule;

import java.time.ZoneId;

import org.pavilion.core.api.rest.ProblemException;

/**
 * Where and how long a doctor can be booked, as the schedules say (working hours, breaks, leave, exceptions, the
 * service's slot length). Booked times are not its business: {@code SlotHolds} decides those in the database.
 */
public interface SlotRules {

    /** One bookable time of a doctor's service, with the names an appointment shows. */
    record Slot(String doctorId, String doctorName, String specialty, String serviceCode, String serviceName,
            String visitType, String location, long startsMs, long endsMs) {
    }

    /**
     * The slot of the doctor's service starting at {@code startsMs}: within working hours at a location, outside
     * breaks, leave and closing exceptions (or inside an opening exception), on the service's slot grid (slots start
     * at the start of the working hours, one slot length after another), not in the past and not further ahead
     * than configured.
     *
     * @param visitType IN_PERSON or VIDEO; null: the service's first
     * @throws ProblemException 404 for an unknown (or inactive) doctor or service; 400 naming the reason otherwise
     *                          (in the past, outside working hours, in a break, on leave, not a slot start, service
     *                          not offered by this doctor, visit type not offered)
     */
    Slot slotAt(String doctorId, String serviceCode, String visitType, long startsMs);

    /**
     * A time an external scheduling system decided (HL7 SIU): the doctor and service must exist, the time is taken as
     * given, past or not, in hours or not.
     *
     * @throws ProblemException 404 for an unknown doctor or service, 400 for an empty time
     */
    Slot externalSlot(String doctorId, String serviceCode, String visitType, long startsMs, long endsMs);

    /** The hospital's zone, in which working hours are read. */
    ZoneId zone();
}
