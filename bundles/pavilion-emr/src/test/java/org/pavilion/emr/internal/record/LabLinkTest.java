package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.pavilion.emr.api.LabResult;
import org.pavilion.emr.api.LabResultsSource;

/** The optional, dynamic wiring of a laboratory's results into the record view. */
public class LabLinkTest {

    /** A fake laboratory: results per MRN, and which MRNs it was asked about. */
    static final class FakeLab implements LabResultsSource {
        final List<String> asked = new ArrayList<>();

        @Override
        public List<LabResult> recentResults(String mrn, int max) {
            asked.add(mrn + "/" + max);
            List<LabResult> out = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                out.add(new LabResult("4548-4", "HbA1c", String.valueOf(7.0 + i / 10.0), "%", "H", "2024-05-0" + (1 + i % 9) + "T08:00:00Z"));
            }
            return out;
        }
    }

    @Test
    public void withoutALaboratoryTheViewHasNoResults() {
        assertNull(new LabLink().recent("0000004269", 20));
    }

    @Test
    public void aBoundLaboratoryIsAskedForThePatientAndCappedAtMax() {
        LabLink link = new LabLink();
        FakeLab lab = new FakeLab();
        link.bind(lab);
        List<LabResult> results = link.recent("0000004269", 20);
        assertEquals(20, results.size());
        assertEquals("HbA1c", results.get(0).name);
        assertEquals(List.of("0000004269/20"), lab.asked);
    }

    @Test
    public void unbindingTheLaboratoryTakesItsResultsAwayButAStaleUnbindDoesNot() {
        LabLink link = new LabLink();
        FakeLab first = new FakeLab();
        FakeLab second = new FakeLab();
        link.bind(first);
        link.bind(second); // greedy rebind to a better-ranked service
        link.unbind(first); // the old one's unbind arrives afterwards
        assertEquals(20, link.recent("0000004269", 20).size());
        assertEquals(1, second.asked.size());
        link.unbind(second);
        assertNull(link.recent("0000004269", 20));
    }

    @Test
    public void aFailingLaboratoryIsShownAsUnavailable() {
        LabLink link = new LabLink();
        link.bind((mrn, max) -> {
            throw new IllegalStateException("lab database down");
        });
        assertNull(link.recent("0000004269", 20));
        link.bind((mrn, max) -> null);
        assertEquals(List.of(), link.recent("0000004269", 20));
    }
}
