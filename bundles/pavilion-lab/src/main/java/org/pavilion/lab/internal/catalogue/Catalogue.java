package org.pavilion.lab.internal.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * The catalogue as the rest of the department reads it (ordering, flagging, HL7): a test by code or LOINC, a
 * panel's members, accepted units, reference ranges. Read on every result, edited a few times a year, so entries are
 * cached per code and the whole cache is dropped after each committed edit ({@link #invalidate}). The entities
 * handed out are detached copies shared by all readers: read them, never change them.
 */
@Component(service = Catalogue.class)
public class Catalogue {

    /** One code's catalogue entry, loaded together. */
    public record Entry(LabTestEntity test, List<String> members, Map<String, BigDecimal> units,
            List<ReferenceRangeEntity> ranges) {
    }

    private final JpaTransactions jpa;
    private final Map<String, Optional<Entry>> byCode = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> codeByLoinc = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a load that started before it is not cached. */
    private long generation;

    @Activate
    public Catalogue(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf) {
        this(new JpaTransactions(emf));
    }

    /** For tests (of any part of the department) on LabDatabase. */
    public static Catalogue of(JpaTransactions jpa) {
        return new Catalogue(jpa);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private Catalogue(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    /** A test or panel, active or not. */
    public Optional<LabTestEntity> test(String code) {
        return entry(code).map(Entry::test);
    }

    /** The test (not a panel) a LOINC code names; an active one before an inactive one. */
    public Optional<LabTestEntity> byLoinc(String loinc) {
        if (loinc == null || loinc.isBlank()) {
            return Optional.empty();
        }
        String key = loinc.strip();
        Optional<String> code = codeByLoinc.get(key);
        if (code == null) {
            long seen = generation();
            code = jpa.call(em -> em.createQuery("SELECT t.code FROM LabTestEntity t WHERE t.loinc = :loinc "
                    + "AND t.kind = 'TEST' ORDER BY t.active DESC, t.code", String.class).setParameter("loinc", key)
                    .setMaxResults(1).getResultList().stream().findFirst());
            if (code.isPresent()) {
                cache(codeByLoinc, key, code, seen);
            }
        }
        return code.flatMap(this::test);
    }

    /** A panel's member codes in their order; empty for a test or an unknown code. */
    public List<String> members(String panel) {
        return entry(panel).map(Entry::members).orElse(List.of());
    }

    /** The further units a test accepts, each with its factor to the test's own unit (not included). */
    public Map<String, BigDecimal> units(String code) {
        return entry(code).map(Entry::units).orElse(Map.of());
    }

    /** The test's reference and critical ranges, every sex and age band. */
    public List<ReferenceRangeEntity> ranges(String code) {
        return entry(code).map(Entry::ranges).orElse(List.of());
    }

    /** Everything about one code, from the cache or loaded in one transaction. */
    public Optional<Entry> entry(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String key = normalise(code);
        Optional<Entry> cached = byCode.get(key);
        if (cached != null) {
            return cached;
        }
        long seen = generation();
        Optional<Entry> loaded = jpa.call(em -> load(em, key));
        if (loaded.isPresent()) {
            // unknown codes are not remembered: a code created by other means than an edit here is seen at once
            cache(byCode, key, loaded, seen);
        }
        return loaded;
    }

    /** Drops every cached entry; called after a catalogue edit commits. */
    public synchronized void invalidate() {
        generation++;
        byCode.clear();
        codeByLoinc.clear();
    }

    /** Codes are kept in upper case; lookups forgive case and surrounding blanks. */
    public static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    static Optional<Entry> load(EntityManager em, String code) {
        LabTestEntity test = em.find(LabTestEntity.class, code);
        if (test == null) {
            return Optional.empty();
        }
        List<String> members = em.createQuery("SELECT m.testCode FROM PanelMemberEntity m WHERE m.panelCode = :c "
                + "ORDER BY m.position", String.class).setParameter("c", code).getResultList();
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        em.createQuery("SELECT u FROM TestUnitEntity u WHERE u.testCode = :c ORDER BY u.unit", TestUnitEntity.class)
                .setParameter("c", code).getResultList().forEach(u -> units.put(u.getUnit(), u.getFactor()));
        List<ReferenceRangeEntity> ranges = em.createQuery("SELECT r FROM ReferenceRangeEntity r "
                + "WHERE r.testCode = :c ORDER BY r.sex, r.ageMinDays, r.id", ReferenceRangeEntity.class)
                .setParameter("c", code).getResultList();
        return Optional.of(new Entry(test, List.copyOf(members), java.util.Collections.unmodifiableMap(units), List.copyOf(ranges)));
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized <V> void cache(Map<String, V> map, String key, V value, long seen) {
        if (generation == seen) {
            map.put(key, value);
        }
    }
}
