package org.pavilion.hl7.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.privacy.PrivacySubject;

/** How the hub recognises a patient's message and blanks it, on texts as senders really store them. */
public class Hl7AnonymiserTest {

    private static final List<PrivacySubject.Identifier> HERS = List.of(new PrivacySubject.Identifier("ADT1", "77"),
            new PrivacySubject.Identifier("LAB", "P-77"));

    @Test
    public void anIdentifierWithoutAuthorityBelongsToTheSendingApplicationAsEmrAdtReadsIt() {
        assertTrue(Hl7Anonymiser.names("MSH|^~\\&|ADT1|H|||||ADT^A04|1|P|2.5\rPID|1||77||Doe^Jane\r", HERS));
        assertFalse("same value from another system", Hl7Anonymiser.names(
                "MSH|^~\\&|ADT2|H|||||ADT^A04|1|P|2.5\rPID|1||77||Doe^Jane\r", HERS));
    }

    @Test
    public void anyRepetitionAndSubComponentAuthorityCountsAndLfSeparatedTextWithNoiseIsRead() {
        String text = "\u000bnoise\nMSH|^~\\&|X|H|||||ADT^A08|1|P|2.5\nPID|1||Q-1^^^OTHER~P-77^^^LAB&1.2.3&ISO||Doe^Jane\n";
        assertTrue(Hl7Anonymiser.names(text, HERS));
        String blank = Hl7Anonymiser.anonymise(text, new PrivacySubject(List.of("0000004269"), HERS,
                List.of(new PrivacySubject.Name("Jane", "Doe")), List.of(), "FULL", Instant.now()));
        assertEquals("\u000bnoise\nMSH|^~\\&|X|H|||||ADT^A08|1|P|2.5\nPID|\n", blank);
    }

    @Test
    public void aNameInsideAnotherWordIsNotBlankedButTheWordItselfIs() {
        PrivacySubject ann = new PrivacySubject(List.of("0000004269"), HERS, List.of(new PrivacySubject.Name("Ann",
                "Lee")), List.of("1990-02-03"), "FULL", Instant.now());
        assertEquals("MSH|^~\\&|X|H\rNTE|1||Annex by ERASED ERASED, born ERASED\r",
                Hl7Anonymiser.anonymise("MSH|^~\\&|X|H\rNTE|1||Annex by Ann LEE, born 19900203\r", ann));
    }
}
