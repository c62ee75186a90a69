package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * Billing runs in a hospital without scheduling (its api is imported optionally): of the price list's classes only the
 * estimator, a component of its own, names a scheduling type, so nothing else ever loads one.
 */
public class OptionalSchedulingTest {

    @Test
    public void onlyTheEstimatorNamesSchedulingTypes() throws IOException {
        Path pricing = Path.of("target/classes/org/pavilion/billing/internal/pricing");
        try (Stream<Path> classes = Files.list(pricing)) {
            List<String> naming = classes.filter(c -> c.toString().endsWith(".class")).filter(c -> {
                try {
                    return new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1)
                            .contains("org/pavilion/scheduling/");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(c -> c.getFileName().toString()).sorted().toList();
            assertEquals(List.of("BillingVisitEstimator.class"), naming);
        }
    }
}
