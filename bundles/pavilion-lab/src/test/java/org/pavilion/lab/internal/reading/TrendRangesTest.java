package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.pavilion.lab.internal.reading.AnasWeek.ANA;
import static org.pavilion.lab.internal.reading.AnasWeek.BRUNO;
import static org.pavilion.lab.internal.reading.ResultShelf.as;
import static org.pavilion.lab.internal.reading.ResultShelf.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.lab.internal.result.Demographics;
import org.pavilion.lab.internal.result.PatientFacts;
import org.pavilion.core.api.security.Caller;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;

/**
 * Potassium has a range for everybody, one for adult women and one for children. Ana (a woman born 1990) sees the
 * women's range behind her trend, Bruno (a boy born 2015) the children's, and a patient whose sex is not recorded the
 * general one; without the EMR nobody's sex and age are known and the trend shows every range.
 */
public class TrendRangesTest {

    private static ResultShelf shelf;
    private final Caller house = staff("dr.house", "lab.result.view");
    private static final Map<String, PatientFacts> REGISTER = Map.of(
            ANA, new PatientFacts("F", LocalDate.of(1990, 5, 1)),
            BRUNO, new PatientFacts("M", LocalDate.of(2015, 3, 9)),
            "0000001111", new PatientFacts(null, LocalDate.of(1970, 1, 1)));

    @BeforeClass
    public static void openShelf() throws Exception {
        shelf = new ResultShelf();
        new AnasWeek(shelf);
        range("F", 18 * 365, null, "3.6", "4.9");
        range(null, null, 18 * 365 - 1, "3.4", "4.7");
    }

    @AfterClass
    public static void closeShelf() throws Exception {
        shelf.close();
    }

    private static void range(String sex, Integer minDays, Integer maxDays, String low, String high) {
        shelf.db.jpa.run(em -> {
            ReferenceRangeEntity r = new ReferenceRangeEntity();
            r.setId(UUID.randomUUID().toString());
            r.setTestCode("K");
            r.setSex(sex);
            r.setAgeMinDays(minDays);
            r.setAgeMaxDays(maxDays);
            r.setLow(new BigDecimal(low));
            r.setHigh(new BigDecimal(high));
            em.persist(r);
        });
    }

    private List<String> ranges(Demographics facts, String mrn) throws Exception {
        PatientResults results = new PatientResults(shelf.db.emf, shelf.audit, null, facts);
        return as(house, () -> results.trend(mrn, "K", null)).ranges.stream().map(r -> r.low + "-" + r.high)
                .toList();
    }

    @Test
    public void eachPatientSeesTheRangeForTheirSexAndAge() throws Exception {
        Demographics emr = mrn -> REGISTER.getOrDefault(mrn, PatientFacts.UNKNOWN);
        assertEquals(List.of("3.6-4.9"), ranges(emr, ANA));
        assertEquals(List.of("3.4-4.7"), ranges(emr, BRUNO));
        assertEquals(List.of("3.5-5.1"), ranges(emr, "0000001111"));
    }

    @Test
    public void withoutTheEmrEveryRangeIsShown() throws Exception {
        assertEquals(3, ranges(null, ANA).size());
        // With the EMR but nothing known of the patient: the range for anyone, as the flags use it.
        assertEquals(List.of("3.5-5.1"), ranges(mrn -> PatientFacts.UNKNOWN, ANA));
    }
}
