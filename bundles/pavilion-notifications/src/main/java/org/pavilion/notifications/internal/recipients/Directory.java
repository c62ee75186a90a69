package org.pavilion.notifications.internal.recipients;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * The department's {@link RecipientDirectory}: patients through the EMR (an optional, dynamic reference: without the
 * EMR {@link #patient} is empty, and the EMR installed later is picked up), their opt-outs from {@code nt_preference};
 * staff from {@code nt_staff_contact}.
 */
@Component(service = {RecipientDirectory.class, Directory.class})
public class Directory implements RecipientDirectory {

    private final JpaTransactions jpa;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmrPatients emr;

    @Activate
    public Directory(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /** A directory over {@code emr} (null: the EMR is not installed), for tests. */
    public static Directory of(EntityManagerFactory emf, EmrPatients emr) {
        Directory d = new Directory(emf);
        d.emr = emr;
        return d;
    }

    /** Whether the EMR is installed: then a patient must exist in it. */
    @Override
    public boolean patientDirectoryInstalled() {
        return emr != null;
    }

    @Override
    public Optional<Recipient> patient(String mrn, String purpose) {
        EmrPatients source = emr;
        if (source == null || mrn == null || mrn.isBlank()) {
            return Optional.empty();
        }
        Optional<Recipient> found;
        try {
            found = source.byMrn(mrn, purpose);
        } catch (IllegalArgumentException notAnMrn) {
            // An identifier the EMR cannot read as an MRN names nobody it knows.
            return Optional.empty();
        }
        return found.map(r -> {
            Set<String> mrns = new LinkedHashSet<>();
            mrns.add(r.ref());
            mrns.add(mrn);
            Set<String> optedOut = jpa.call(em -> PreferenceRows.optedOut(em, mrns));
            return new Recipient(r.kind(), r.ref(), r.patientId(), r.name(), r.email(), r.phone(), r.language(),
                    optedOut, r.erased());
        });
    }

    @Override
    public Optional<Recipient> staff(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(jpa.call(em -> em.find(StaffContactEntity.class, username)))
                .map(c -> new Recipient(Recipient.STAFF, c.getUsername(), null, c.getUsername(), c.getEmail(),
                        c.getPhone(), c.getLanguage(), Set.of(), false));
    }

    @Override
    public Recipient address(String address) {
        String a = address == null ? null : address.trim();
        boolean email = a != null && a.contains("@");
        return new Recipient(Recipient.ADDRESS, a, null, null, email ? a : null, email ? null : a, null, Set.of(),
                false);
    }
}
