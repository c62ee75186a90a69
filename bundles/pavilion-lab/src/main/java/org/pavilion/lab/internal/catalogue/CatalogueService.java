package org.pavilion.lab.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Browsing and editing the test catalogue. An edit replaces the whole entry (members, units, ranges) in one
 * transaction after the version check, is audited (resource {@code lab-test}) and drops {@link Catalogue}'s cache.
 * Nothing is ever deleted: orders and results keep naming their tests, so DELETE only deactivates.
 */
@Component(service = CatalogueService.class)
public class CatalogueService {

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final AuditService audit;

    @Activate
    public CatalogueService(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference AuditService audit) {
        this(new JpaTransactions(emf), catalogue, audit);
    }

    /** For tests on LabDatabase. */
    CatalogueService(JpaTransactions jpa, Catalogue catalogue, AuditService audit) {
        this.jpa = jpa;
        this.catalogue = catalogue;
        this.audit = audit;
    }

    /** Tests and panels by code; {@code q} matches code, name or LOINC; every filter may be null. */
    public Page<TestDto> list(String q, String kind, Boolean active, int page, int size) {
        Page.validate(page, size);
        String k = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(Locale.ROOT);
        if (k != null && !TestRules.KINDS.contains(k)) {
            throw ProblemException.validation("kind must be TEST or PANEL (was '" + kind.strip() + "')");
        }
        String text = q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "").replace("%", "").replace("_", "") + "%";
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (text != null) {
            where.append(" AND (LOWER(t.code) LIKE :q OR LOWER(t.name) LIKE :q OR t.loinc LIKE :q)");
        }
        if (k != null) {
            where.append(" AND t.kind = :kind");
        }
        if (active != null) {
            where.append(" AND t.active = :active");
        }
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(t) FROM LabTestEntity t" + where, Long.class);
            TypedQuery<String> codes = em.createQuery("SELECT t.code FROM LabTestEntity t" + where
                    + " ORDER BY t.code", String.class);
            for (TypedQuery<?> query : List.of(count, codes)) {
                if (text != null) {
                    query.setParameter("q", text);
                }
                if (k != null) {
                    query.setParameter("kind", k);
                }
                if (active != null) {
                    query.setParameter("active", active);
                }
            }
            List<TestDto> items = new ArrayList<>();
            for (String code : codes.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                Catalogue.load(em, code).ifPresent(e -> items.add(dto(e)));
            }
            return new Page<>(items, page, size, count.getSingleResult());
        });
    }

    /** One test or panel; 404 when the code is unknown. */
    public TestDto get(String code) {
        return catalogue.entry(code).map(CatalogueService::dto)
                .orElseThrow(() -> ProblemException.notFound("Test", code == null ? "" : code.strip()));
    }

    /**
     * Creates the entry, or replaces it when it exists and {@code in.version} is the stored version (409 otherwise,
     * and for two administrators creating one code at once). 422 names everything wrong with the body.
     */
    public TestDto put(String code, TestDto in) {
        TestRules.Definition d = jpa.call(em -> TestRules.check(code, in, c -> em.find(LabTestEntity.class, c)));
        String c = d.test().getCode();
        boolean[] created = {false};
        try {
            jpa.callAudited(audit, em -> {
                LabTestEntity stored = em.find(LabTestEntity.class, c);
                if (stored == null) {
                    em.persist(d.test());
                    created[0] = true;
                } else {
                    if (d.version() == null) {
                        throw ProblemException.conflict("Test " + c + " exists: send its version to replace it");
                    }
                    if (d.version() != stored.getVersion()) {
                        throw LabProblems.changedMeanwhile("Test " + c);
                    }
                    if (!stored.getKind().equals(d.test().getKind())) {
                        requireNotAMember(em, c, d.test().getKind());
                    }
                    copy(d.test(), stored);
                    // the version moves even when only members, units or ranges change: of two edits made from
                    // the same version, the second fails at flush instead of silently mixing with the first
                    em.lock(stored, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                    em.createQuery("DELETE FROM PanelMemberEntity m WHERE m.panelCode = :c").setParameter("c", c)
                            .executeUpdate();
                    em.createQuery("DELETE FROM TestUnitEntity u WHERE u.testCode = :c").setParameter("c", c)
                            .executeUpdate();
                    em.createQuery("DELETE FROM ReferenceRangeEntity r WHERE r.testCode = :c").setParameter("c", c)
                            .executeUpdate();
                }
                for (int i = 0; i < d.members().size(); i++) {
                    PanelMemberEntity m = new PanelMemberEntity();
                    m.setPanelCode(c);
                    m.setTestCode(d.members().get(i));
                    m.setPosition(i);
                    em.persist(m);
                }
                for (TestDto.UnitDto u : d.units()) {
                    TestUnitEntity e = new TestUnitEntity();
                    e.setTestCode(c);
                    e.setUnit(u.unit);
                    e.setFactor(new BigDecimal(u.factor));
                    em.persist(e);
                }
                for (ReferenceRangeEntity r : d.ranges()) {
                    r.setId(UUID.randomUUID().toString());
                    r.setTestCode(c);
                    em.persist(r);
                }
                em.flush();
                return null;
            }, none -> AuditEvent.of(created[0] ? "CREATE" : "UPDATE", "lab-test").resourceId(c).build());
        } catch (PersistenceException e) {
            if (isOptimistic(e)) {
                throw LabProblems.changedMeanwhile("Test " + c);
            }
            if (jpa.call(em -> em.find(LabTestEntity.class, c)) != null) {
                throw ProblemException.conflict("Test " + c + " was created by someone else meanwhile: reload it");
            }
            throw e;
        } finally {
            catalogue.invalidate();
        }
        return get(c);
    }

    /** Deactivates: no new orders of it; orders and results that name it keep it. Inactive already: unchanged. */
    public TestDto deactivate(String code) {
        String c = code == null ? "" : Catalogue.normalise(code);
        try {
            jpa.runAudited(audit, AuditEvent.of("DELETE", "lab-test").resourceId(c).detail("deactivated").build(), em -> {
                LabTestEntity t = em.find(LabTestEntity.class, c);
                if (t == null) {
                    throw ProblemException.notFound("Test", c);
                }
                t.setActive(false);
            });
        } catch (PersistenceException e) {
            if (isOptimistic(e)) {
                throw LabProblems.changedMeanwhile("Test " + c);
            }
            throw e;
        } finally {
            catalogue.invalidate();
        }
        return get(c);
    }

    /** The REST and SOAP shape of a catalogue entry. */
    public static TestDto dto(Catalogue.Entry e) {
        LabTestEntity t = e.test();
        TestDto d = new TestDto();
        d.code = t.getCode();
        d.name = t.getName();
        d.kind = t.getKind();
        d.loinc = t.getLoinc();
        d.specimenType = t.getSpecimenType();
        d.resultType = t.getResultType();
        d.unit = t.getUnit();
        d.decimals = t.getDecimals();
        d.codedValues = split(t.getCodedValues());
        d.abnormalValues = split(t.getAbnormalValues());
        d.turnaroundMinutes = t.getTurnaroundMinutes();
        d.priceReference = t.getPriceReference();
        d.active = t.isActive();
        d.version = t.getVersion();
        d.members = new ArrayList<>(e.members());
        for (Map.Entry<String, BigDecimal> u : e.units().entrySet()) {
            d.units.add(new TestDto.UnitDto(u.getKey(), plain(u.getValue())));
        }
        for (ReferenceRangeEntity r : e.ranges()) {
            TestDto.RangeDto rd = new TestDto.RangeDto();
            rd.sex = r.getSex();
            rd.ageMinDays = r.getAgeMinDays();
            rd.ageMaxDays = r.getAgeMaxDays();
            rd.low = plain(r.getLow());
            rd.high = plain(r.getHigh());
            rd.criticalLow = plain(r.getCriticalLow());
            rd.criticalHigh = plain(r.getCriticalHigh());
            d.ranges.add(rd);
        }
        return d;
    }

    /** A test that is a member of a panel cannot turn into a panel (panels contain tests only). */
    private static void requireNotAMember(EntityManager em, String code, String newKind) {
        if ("PANEL".equals(newKind)) {
            List<String> panels = em.createQuery("SELECT m.panelCode FROM PanelMemberEntity m WHERE m.testCode = :c",
                    String.class).setParameter("c", code).getResultList();
            if (!panels.isEmpty()) {
                throw LabProblems.unprocessable(code + " is a member of " + String.join(", ", panels)
                        + " and cannot become a panel");
            }
        }
    }

    private static void copy(LabTestEntity from, LabTestEntity to) {
        to.setName(from.getName());
        to.setKind(from.getKind());
        to.setLoinc(from.getLoinc());
        to.setSpecimenType(from.getSpecimenType());
        to.setResultType(from.getResultType());
        to.setUnit(from.getUnit());
        to.setDecimals(from.getDecimals());
        to.setCodedValues(from.getCodedValues());
        to.setAbnormalValues(from.getAbnormalValues());
        to.setTurnaroundMinutes(from.getTurnaroundMinutes());
        to.setPriceReference(from.getPriceReference());
        to.setActive(from.isActive());
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(joined.split("\\|")));
    }

    private static String plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static boolean isOptimistic(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
