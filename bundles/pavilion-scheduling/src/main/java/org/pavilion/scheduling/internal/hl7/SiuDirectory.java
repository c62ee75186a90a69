package org.pavilion.scheduling.internal.hl7;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * What an SIU names, in the department's terms: a doctor by our id or by the doctor's username (what a scheduling
 * system knows as its provider id), a service by its code with the visit types it offers. Read-only.
 */
@Component(service = SiuDirectory.class)
public class SiuDirectory {

    /** A doctor an AIP/AIG names. */
    public record Doctor(String id, String displayName) {
    }

    /** A service an AIS names: its slot length (the default duration) and visit types (IN_PERSON, VIDEO). */
    public record Service(String code, String name, int slotMinutes, Set<String> visitTypes) {
    }

    private final JpaTransactions jpa;

    @Activate
    public SiuDirectory(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /** The doctor whose id is {@code reference}, else whose username it is. */
    public Optional<Doctor> doctor(String reference) {
        return jpa.call(em -> {
            DoctorEntity d = em.find(DoctorEntity.class, reference);
            if (d == null) {
                List<DoctorEntity> byUsername = em.createQuery(
                        "SELECT d FROM DoctorEntity d WHERE d.username = :username", DoctorEntity.class)
                        .setParameter("username", reference).getResultList();
                d = byUsername.isEmpty() ? null : byUsername.get(0);
            }
            return Optional.ofNullable(d).map(e -> new Doctor(e.getId(), e.getDisplayName()));
        });
    }

    /** The service with this code. */
    public Optional<Service> service(String code) {
        return jpa.call(em -> Optional.ofNullable(em.find(ServiceEntity.class, code)).map(s -> new Service(
                s.getCode(), s.getName(), s.getSlotMinutes(), visitTypes(s.getVisitTypes()))));
    }

    static Set<String> visitTypes(String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(t -> t.strip().toUpperCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
