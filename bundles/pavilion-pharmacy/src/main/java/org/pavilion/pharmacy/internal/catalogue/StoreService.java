package org.pavilion.pharmacy.internal.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * The stores stock is kept in: the central store, the pharmacies that dispense, ward stores. Created or replaced
 * with the version read, audited (resource {@code ph-store}); never deleted (the ledger names them): a store is
 * closed by setting {@code active} false.
 */
@Component(service = StoreService.class)
public class StoreService {

    static final String AUDIT_TYPE = "ph-store";
    static final Set<String> KINDS = Set.of("CENTRAL", "WARD", "PHARMACY");

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public StoreService(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(new JpaTransactions(emf), audit);
    }

    /** For tests on PharmacyDatabase. */
    StoreService(JpaTransactions jpa, AuditService audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    /** Every store, active or not, by code. */
    public List<StoreDto> list() {
        return jpa.call(em -> em.createQuery("SELECT s FROM StoreEntity s ORDER BY s.code", StoreEntity.class)
                .getResultList().stream().map(StoreService::dto).toList());
    }

    /** One store; 404 when the code is unknown. */
    public StoreDto get(String code) {
        String c = code == null ? "" : Catalogue.normalise(code);
        StoreEntity s = jpa.call(em -> em.find(StoreEntity.class, c));
        if (s == null) {
            throw ProblemException.notFound("Store", c);
        }
        return dto(s);
    }

    /** Creates the store, or replaces it when {@code in.version} is the stored version (409 otherwise). */
    public StoreDto put(String code, StoreDto in) {
        StoreEntity checked = check(code, in);
        String c = checked.getCode();
        boolean[] created = {false};
        try {
            jpa.callAudited(audit, em -> {
                StoreEntity stored = em.find(StoreEntity.class, c);
                if (stored == null) {
                    em.persist(checked);
                    created[0] = true;
                } else {
                    if (in.version == null) {
                        throw ProblemException.conflict("Store " + c + " exists: send its version to replace it");
                    }
                    if (in.version != stored.getVersion()) {
                        throw PharmacyProblems.changedMeanwhile("Store " + c);
                    }
                    stored.setName(checked.getName());
                    stored.setKind(checked.getKind());
                    stored.setDispensing(checked.getDispensing());
                    stored.setActive(in.active == null ? stored.getActive() : in.active);
                    em.lock(stored, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                }
                em.flush();
                return null;
            }, none -> AuditEvent.of(created[0] ? "CREATE" : "UPDATE", AUDIT_TYPE).resourceId(c).build());
        } catch (PersistenceException e) {
            if (ItemService.isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Store " + c);
            }
            if (created[0] && jpa.call(em -> em.find(StoreEntity.class, c)) != null) {
                throw ProblemException.conflict("Store " + c + " was created by someone else meanwhile: reload it");
            }
            throw e;
        }
        return get(c);
    }

    private static StoreEntity check(String code, StoreDto in) {
        if (in == null) {
            throw ProblemException.validation("A store body is required");
        }
        List<String> errors = new ArrayList<>();
        String c = code == null ? "" : Catalogue.normalise(code);
        if (!ItemRules.CODE.matcher(c).matches()) {
            errors.add("code must be 1 to 40 capital letters, digits, - or _ (was '" + c + "')");
        }
        if (in.code != null && !in.code.isBlank() && !Catalogue.normalise(in.code).equals(c)) {
            errors.add("the body's code " + in.code.strip() + " is not the code of the address " + c);
        }
        String name = ItemRules.text(in.name);
        if (name == null || name.length() > 200) {
            errors.add("name is required, at most 200 characters");
        }
        String kind = ItemRules.upper(in.kind);
        if (kind == null || !KINDS.contains(kind)) {
            errors.add("kind must be CENTRAL, WARD or PHARMACY (was '" + (kind == null ? "" : kind) + "')");
        }
        if (!errors.isEmpty()) {
            throw PharmacyProblems.unprocessable(String.join("; ", errors));
        }
        StoreEntity s = new StoreEntity();
        s.setCode(c);
        s.setName(name);
        s.setKind(kind);
        s.setDispensing(in.dispensing != null && in.dispensing);
        s.setActive(in.active == null || in.active);
        return s;
    }

    static StoreDto dto(StoreEntity s) {
        StoreDto d = new StoreDto();
        d.code = s.getCode();
        d.name = s.getName();
        d.kind = s.getKind();
        d.dispensing = s.getDispensing();
        d.active = s.getActive();
        d.version = s.getVersion();
        return d;
    }
}
