package org.pavilion.scheduling.internal.booking;

/**
 * Opens the EMR encounter of an appointment at check-in. Registered by {@link EmrEncounters} only while the EMR is
 * installed; {@link Appointments} works without it (no encounter then). Kept free of EMR types so the booking code
 * never loads an EMR class.
 */
public interface EncounterOpener {

    /** What the encounter is opened for: the appointment is the visit, its id the visit number. */
    record Visit(String mrn, String appointmentId, String visitType, String reason, String doctorId,
            String doctorName) {
    }

    /**
     * The encounter's id; the same appointment twice is the same encounter.
     *
     * @throws IllegalArgumentException when the EMR refuses (an MRN it does not hold)
     */
    String open(Visit visit);
}
