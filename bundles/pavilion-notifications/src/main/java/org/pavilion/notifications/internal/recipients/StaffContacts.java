package org.pavilion.notifications.internal.recipients;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.Problems;

/**
 * How to reach staff members ({@code nt_staff_contact}; the platform's users carry no address): kept by an
 * administrator for anyone, or by each member for themselves. Checked by {@link ContactRules}; every read and change
 * audited ({@value #RESOURCE}, the username).
 */
@Component(service = StaffContacts.class)
public class StaffContacts {

    public static final String MANAGE = "notifications.contacts.manage";
    public static final String OWN = "notifications.contacts.own";
    static final String RESOURCE = "notification-contact";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final NotificationClock clock;

    @Activate
    public StaffContacts(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference NotificationClock clock) {
        this.emf = emf;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every contact entry by username, optionally those whose username starts with {@code prefix}. */
    public Page<StaffContactBodies.Contact> list(String prefix, int page, int size) {
        Page.validate(page, size);
        String like = (prefix == null ? "" : prefix.trim().replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_")) + "%";
        return AuditedTransaction.run(emf, audit, em -> {
            List<StaffContactBodies.Contact> items = em.createQuery("SELECT c FROM StaffContactEntity c"
                    + " WHERE c.username LIKE :u ESCAPE '\\' ORDER BY c.username", StaffContactEntity.class)
                    .setParameter("u", like).setFirstResult(page * size).setMaxResults(size).getResultList()
                    .stream().map(StaffContacts::view).toList();
            Page<StaffContactBodies.Contact> found = Page.of(items, page, size, () -> em.createQuery(
                    "SELECT COUNT(c) FROM StaffContactEntity c WHERE c.username LIKE :u ESCAPE '\\'", Long.class)
                    .setParameter("u", like).getSingleResult());
            return AuditedTransaction.Done.of(found,
                    AuditEvent.of("SEARCH", RESOURCE).detail("page " + page + ", " + items.size() + " entries").build());
        });
    }

    /** The entry of {@code username}; 404 when there is none. */
    public StaffContactBodies.Contact get(String username) {
        StaffContactBodies.Contact found = read(username);
        if (found == null) {
            throw ProblemException.notFound("Staff contact", username);
        }
        return found;
    }

    /** The signed-in staff member's own entry; an empty one (their username only) while they have none. */
    public StaffContactBodies.Contact own() {
        String me = me();
        StaffContactBodies.Contact found = read(me);
        if (found == null) {
            found = new StaffContactBodies.Contact();
            found.username = me;
        }
        return found;
    }

    /** Creates or replaces the entry of {@code username}. */
    public StaffContactBodies.Contact put(String username, StaffContactBodies.Update body) {
        ContactRules.Checked c;
        try {
            c = ContactRules.check(username, body);
        } catch (ProblemException invalid) {
            audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(username).outcome(AuditOutcome.FAILED)
                    .detail(invalid.detail()).build());
            throw invalid;
        }
        String by = CallerContext.current().map(Caller::username).orElse(EmrPatientLookup.SYSTEM_NAME);
        long now = clock.millis();
        try {
            return AuditedTransaction.run(emf, audit, em -> {
                StaffContactEntity e = em.find(StaffContactEntity.class, username);
                String action = e == null ? "CREATE" : "UPDATE";
                if (e == null) {
                    e = new StaffContactEntity();
                    e.setUsername(username);
                    em.persist(e);
                }
                e.setEmail(c.email());
                e.setPhone(c.phone());
                e.setLanguage(c.language());
                e.setUpdatedMs(now);
                e.setUpdatedBy(by);
                em.flush();
                return AuditedTransaction.Done.of(view(e), AuditEvent.of(action, RESOURCE).resourceId(username)
                        .detail(fields(c)).build());
            });
        } catch (PersistenceException e) {
            if (Problems.collided(e)) {
                throw ProblemException.conflict("The contact of " + username + " was changed by someone else meanwhile:"
                        + " reload it");
            }
            throw e;
        }
    }

    /** Sets the signed-in staff member's own entry. */
    public StaffContactBodies.Contact putOwn(StaffContactBodies.Update body) {
        return put(me(), body);
    }

    /** Removes the entry of {@code username}; 404 when there is none. */
    public void delete(String username) {
        boolean removed = AuditedTransaction.run(emf, audit, em -> {
            StaffContactEntity e = em.find(StaffContactEntity.class, username);
            if (e == null) {
                return new AuditedTransaction.Done<>(false, List.of());
            }
            em.remove(e);
            return AuditedTransaction.Done.of(true, AuditEvent.of("DELETE", RESOURCE).resourceId(username).build());
        });
        if (!removed) {
            throw ProblemException.notFound("Staff contact", username);
        }
    }

    private StaffContactBodies.Contact read(String username) {
        return AuditedTransaction.run(emf, audit, em -> {
            StaffContactEntity e = username == null ? null : em.find(StaffContactEntity.class, username);
            return AuditedTransaction.Done.of(e == null ? null : view(e), AuditEvent.of("READ", RESOURCE)
                    .resourceId(username).outcome(e == null ? AuditOutcome.FAILED : AuditOutcome.SUCCESS)
                    .detail(e == null ? "no contact entry" : null).build());
        });
    }

    private static String me() {
        return CallerContext.require().username();
    }

    /** Which fields are set, not their values: the trail needs no copy of the address. */
    private static String fields(ContactRules.Checked c) {
        return "email " + (c.email() == null ? "none" : "set") + ", phone " + (c.phone() == null ? "none" : "set")
                + ", language " + (c.language() == null ? "none" : c.language());
    }

    static StaffContactBodies.Contact view(StaffContactEntity e) {
        StaffContactBodies.Contact c = new StaffContactBodies.Contact();
        c.username = e.getUsername();
        c.email = e.getEmail();
        c.phone = e.getPhone();
        c.language = e.getLanguage();
        c.updatedAt = Instant.ofEpochMilli(e.getUpdatedMs()).toString();
        c.updatedBy = e.getUpdatedBy();
        return c;
    }
}
