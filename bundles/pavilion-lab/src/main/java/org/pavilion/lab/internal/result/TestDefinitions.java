package org.pavilion.lab.internal.result;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;
import org.pavilion.lab.internal.catalogue.TestUnitEntity;

/**
 * The catalogue as results need it: a test with its accepted units and ranges. Every catalogue read of this package
 * is here, in small JPA queries, so that it can be swapped for the catalogue service when both are merged.
 */
final class TestDefinitions {

    /** A test's rules for a result: its type, unit, the further units (unit → factor), values and ranges. */
    record Definition(LabTestEntity test, Map<String, BigDecimal> units, List<ReferenceRangeEntity> ranges) {

        String code() {
            return test.getCode();
        }

        String resultType() {
            return test.getResultType();
        }

        List<String> codedValues() {
            return split(test.getCodedValues());
        }

        List<String> abnormalValues() {
            return split(test.getAbnormalValues());
        }

        private static List<String> split(String piped) {
            return piped == null || piped.isBlank() ? List.of()
                    : Arrays.stream(piped.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    private TestDefinitions() {
    }

    /** The test with this catalogue code, if there is one. */
    static Optional<Definition> byCode(EntityManager em, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        LabTestEntity t = em.find(LabTestEntity.class, code.strip());
        return t == null ? Optional.empty() : Optional.of(complete(em, t));
    }

    /** The tests with this LOINC code (usually one). */
    static List<Definition> byLoinc(EntityManager em, String loinc) {
        return em.createQuery("SELECT t FROM LabTestEntity t WHERE t.loinc = :l", LabTestEntity.class)
                .setParameter("l", loinc.strip()).getResultList().stream().map(t -> complete(em, t)).toList();
    }

    private static Definition complete(EntityManager em, LabTestEntity t) {
        Map<String, BigDecimal> units = em.createQuery(
                "SELECT u FROM TestUnitEntity u WHERE u.testCode = :c", TestUnitEntity.class)
                .setParameter("c", t.getCode()).getResultList().stream()
                .collect(Collectors.toMap(TestUnitEntity::getUnit, TestUnitEntity::getFactor, (a, b) -> a));
        List<ReferenceRangeEntity> ranges = em.createQuery(
                "SELECT r FROM ReferenceRangeEntity r WHERE r.testCode = :c", ReferenceRangeEntity.class)
                .setParameter("c", t.getCode()).getResultList();
        return new Definition(t, units, ranges);
    }
}
