package org.pavilion.notifications.internal.recipients;

import java.util.Optional;

/** Finds whom to send to and how: patients through the EMR's PatientLookup, staff through their contact entries. */
public interface RecipientDirectory {

    /**
     * The patient with this MRN (following merges), with their addresses, language and opt-outs; empty when the EMR is
     * not installed or does not know the MRN. Reads the EMR as the system caller {@code notifications}, audited with
     * {@code purpose}.
     */
    Optional<Recipient> patient(String mrn, String purpose);

    /**
     * Whether patients can be looked up at all (the EMR is installed): tells "no patient directory" from "the EMR
     * does not know this patient", which {@link #patient}'s empty answer does not.
     */
    boolean patientDirectoryInstalled();

    /** The staff member's contact entry; empty when they have none. */
    Optional<Recipient> staff(String username);

    /** A fixed address of an ADDRESSES rule: an e-mail address if it holds {@code @}, else a phone number. */
    Recipient address(String address);
}
