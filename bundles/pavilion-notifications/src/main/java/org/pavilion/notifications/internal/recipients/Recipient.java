package org.pavilion.notifications.internal.recipients;

import java.util.Set;

import org.pavilion.notifications.api.NotificationChannel.AddressKind;

/**
 * Someone a rule notifies, as the directory found them now.
 *
 * @param kind      PATIENT, STAFF or ADDRESS
 * @param ref       the survivor's MRN, the username, or the address itself
 * @param patientId the MRN for a patient, else null
 * @param name      how a message greets them (given name for a patient, the username for staff); may be null
 * @param email     null when none
 * @param phone     the number an SMS goes to (the first registered phone), null when none
 * @param language  preferred language (BCP 47) or null
 * @param optedOut  the channels the patient opted out of ({@code EMAIL}, {@code SMS}, ...)
 * @param erased    erased under GDPR: nothing is sent
 */
public record Recipient(String kind, String ref, String patientId, String name, String email, String phone,
        String language, Set<String> optedOut, boolean erased) {

    public static final String PATIENT = "PATIENT", STAFF = "STAFF", ADDRESS = "ADDRESS";

    public Recipient {
        optedOut = optedOut == null ? Set.of() : Set.copyOf(optedOut);
    }

    /** The address for a channel of this kind, or null. */
    public String address(AddressKind kind) {
        return kind == AddressKind.EMAIL ? email : phone;
    }
}
