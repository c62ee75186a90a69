package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;

/**
 * A patient's active allergies as the dispensing check needs them. While the EMR is installed
 * {@link EmrAllergySource} reads its PatientAllergies; without it there is no source and no check (the dispense says
 * so). Kept apart so the EMR's types load only in that one component.
 */
public interface AllergySource {

    /** One active allergy or intolerance; {@code code} and {@code codeSystem} null when recorded as free text. */
    record Allergy(String substance, String code, String codeSystem, String reaction, String severity) {
    }

    /** The patient's active allergies (empty when none); the read is audited by the EMR with the purpose given. */
    List<Allergy> active(String mrn);
}
