package org.pavilion.notifications.internal.intake;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pavilion.notifications.internal.recipients.Recipient;
import org.pavilion.notifications.internal.recipients.RecipientDirectory;

/** The recipients helper's directory, reduced to maps (empty patients while "the EMR is absent"). */
public class FakeDirectory implements RecipientDirectory {

    public final Map<String, Recipient> patients = new HashMap<>();
    public final Map<String, Recipient> staff = new HashMap<>();
    public boolean emrInstalled = true;
    public int patientReads;

    public void patient(String mrn, String name, String email, String phone, String... optedOut) {
        patients.put(mrn, new Recipient(Recipient.PATIENT, mrn, mrn, name, email, phone, "en", Set.of(optedOut),
                false));
    }

    public void staff(String username, String email, String phone) {
        staff.put(username, new Recipient(Recipient.STAFF, username, null, username, email, phone, "en", Set.of(),
                false));
    }

    @Override
    public Optional<Recipient> patient(String mrn, String purpose) {
        patientReads++;
        return emrInstalled ? Optional.ofNullable(patients.get(mrn)) : Optional.empty();
    }

    @Override
    public Optional<Recipient> staff(String username) {
        return Optional.ofNullable(staff.get(username));
    }

    @Override
    public Recipient address(String address) {
        boolean email = address.contains("@");
        return new Recipient(Recipient.ADDRESS, address, null, null, email ? address : null, email ? null : address,
                null, Set.of(), false);
    }

    @Override
    public boolean patientDirectoryInstalled() {
        return emrInstalled;
    }
}
