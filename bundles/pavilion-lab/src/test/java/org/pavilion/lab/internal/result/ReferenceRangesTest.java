package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.Test;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;

/** The most specific range, without a database. */
public class ReferenceRangesTest {

    private static final long NOW = LocalDate.of(2026, 12, 4).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    private static ReferenceRangeEntity range(String id, String sex, Integer min, Integer max) {
        ReferenceRangeEntity r = new ReferenceRangeEntity();
        r.setId(id);
        r.setSex(sex);
        r.setAgeMinDays(min);
        r.setAgeMaxDays(max);
        r.setLow(BigDecimal.ONE);
        return r;
    }

    private final List<ReferenceRangeEntity> ranges = List.of(range("any", null, null, null),
            range("child", null, 0, 6570), range("woman", "F", 6570, null), range("girl", "F", 365, 6570));

    private String pick(String sex, LocalDate born) {
        return ReferenceRanges.mostSpecific(ranges, new PatientFacts(sex, born), NOW).map(ReferenceRangeEntity::getId)
                .orElse(null);
    }

    @Test
    public void sexBeatsAnySexAndTheNarrowerAgeBandWins() {
        assertEquals("girl", pick("F", LocalDate.of(2020, 1, 1)));
        assertEquals("child", pick("M", LocalDate.of(2020, 1, 1)));
        assertEquals("woman", pick("F", LocalDate.of(1970, 1, 1)));
        assertEquals("any", pick("M", LocalDate.of(1970, 1, 1)));
        assertEquals("the upper age limit is exclusive", "woman", pick("F", LocalDate.of(2026, 12, 4).minusDays(6570)));
        assertEquals("unknown age: no age band fits", "any", pick("F", null));
        assertEquals("any", pick(null, LocalDate.of(1970, 1, 1)));
        assertFalse(ReferenceRanges.mostSpecific(List.of(range("woman", "F", null, null)), PatientFacts.UNKNOWN, NOW)
                .isPresent());
    }

    @Test
    public void aRangeReadsAsItsLimits() {
        ReferenceRangeEntity r = range("x", null, null, null);
        r.setLow(new BigDecimal("3.500000"));
        r.setHigh(new BigDecimal("5.100000"));
        assertEquals("3.5-5.1", ReferenceRanges.text(r));
        r.setHigh(null);
        assertEquals(">3.5", ReferenceRanges.text(r));
    }
}
