package org.pavilion.pharmacy.internal.purchasing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Supplier;

/** The suppliers purchase orders go to. Writes are audited (resource {@code ph-supplier}). */
@Component(service = Suppliers.class)
public class Suppliers {

    static final String RESOURCE = "ph-supplier";

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public Suppliers(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(new JpaTransactions(emf), audit);
    }

    Suppliers(JpaTransactions jpa, AuditService audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    /** Suppliers by name; {@code active} null for all. */
    public Page<Supplier> list(Boolean active, int page, int size) {
        Page.validate(page, size);
        String where = active == null ? "" : " WHERE s.active = :a";
        return jpa.call(em -> {
            var count = em.createQuery("SELECT COUNT(s) FROM SupplierEntity s" + where, Long.class);
            var rows = em.createQuery("SELECT s FROM SupplierEntity s" + where + " ORDER BY s.name, s.id",
                    SupplierEntity.class);
            if (active != null) {
                count.setParameter("a", active);
                rows.setParameter("a", active);
            }
            List<Supplier> items = new ArrayList<>();
            rows.setFirstResult(page * size).setMaxResults(size).getResultList().forEach(s -> items.add(view(s)));
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    public Supplier get(String id) {
        return view(jpa.call(em -> find(em, id)));
    }

    /** A new supplier (its id is generated), active unless the body says otherwise. */
    public Supplier create(Supplier in) {
        SupplierEntity s = new SupplierEntity();
        s.setId(UUID.randomUUID().toString());
        copy(in, s);
        jpa.runAudited(audit, AuditEvent.of("CREATE", RESOURCE).resourceId(s.getId()).detail(s.getName()).build(),
                em -> em.persist(s));
        return get(s.getId());
    }

    /** Replaces name, contact details and active; the body's {@code version} must be the stored one (409). */
    public Supplier replace(String id, Supplier in) {
        if (in == null || in.version == null) {
            throw ProblemException.validation("version is required to replace a supplier");
        }
        try {
            jpa.runAudited(audit, AuditEvent.of("UPDATE", RESOURCE).resourceId(id).build(), em -> {
                SupplierEntity s = find(em, id);
                if (s.getVersion() != in.version) {
                    throw PharmacyProblems.changedMeanwhile("Supplier " + id);
                }
                copy(in, s);
                em.flush();
            });
        } catch (PersistenceException e) {
            if (Requests.isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Supplier " + id);
            }
            throw e;
        }
        return get(id);
    }

    static SupplierEntity find(javax.persistence.EntityManager em, String id) {
        SupplierEntity s = id == null ? null : em.find(SupplierEntity.class, id);
        if (s == null) {
            throw ProblemException.notFound("Supplier", id);
        }
        return s;
    }

    private static void copy(Supplier in, SupplierEntity s) {
        if (in == null) {
            throw ProblemException.validation("A supplier body is required");
        }
        String name = Requests.text("name", in.name, 200);
        if (name == null) {
            throw ProblemException.validation("name is required");
        }
        s.setName(name);
        s.setEmail(Requests.text("email", in.email, 200));
        s.setPhone(Requests.text("phone", in.phone, 40));
        s.setAddress(Requests.text("address", in.address, 500));
        s.setActive(in.active == null || in.active);
    }

    static Supplier view(SupplierEntity s) {
        Supplier d = new Supplier();
        d.id = s.getId();
        d.name = s.getName();
        d.email = s.getEmail();
        d.phone = s.getPhone();
        d.address = s.getAddress();
        d.active = s.getActive();
        d.version = s.getVersion();
        return d;
    }
}
