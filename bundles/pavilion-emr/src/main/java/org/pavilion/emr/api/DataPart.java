package org.pavilion.emr.api;

import java.util.Objects;
import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A part of a patient's data, named by the privileges that open it: {@code anyPatient} lets staff reach every
 * patient's, {@code ownPatient} lets a patient's own account reach its own. A clinical part is also closed by a
 * record's restriction (break-the-glass). A department names its own part with {@link #declaredBy}, using
 * privileges from its own privileges file.
 *
 * @param name          short name for the audit trail and messages, e.g. {@code demographics}
 * @param anyPatient    privilege to read any patient's part
 * @param anyPatientWrite privilege to change any patient's part
 * @param ownPatient    privilege of a patient account to read its own part, or null when patients may not
 * @param clinical      whether a restricted record closes it (break-the-glass)
 */
@ProviderType
public record DataPart(String name, String anyPatient, String anyPatientWrite, String ownPatient, boolean clinical) {

    private static final Pattern PRIVILEGE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+){2,}");

    /** Name, sex, birth date, contacts, insurance: what reception and billing work with. */
    public static final DataPart DEMOGRAPHICS = new DataPart("demographics", "emr.patient.view-any",
            "emr.patient.edit", "emr.patient.view", false);
    /** Encounters, problems, allergies, observations, notes, prescriptions. */
    public static final DataPart CLINICAL_RECORD = new DataPart("clinical-record", "emr.record.clinical.view",
            "emr.record.clinical.edit", "emr.record.view-own", true);
    /** Attached documents: scans, letters; as closed as the clinical record they belong to. */
    public static final DataPart DOCUMENTS = new DataPart("documents", "emr.record.clinical.view",
            "emr.record.clinical.edit", "emr.record.view-own", true);
    /** The whole record as a GDPR export (right of access). */
    public static final DataPart EXPORT = new DataPart("export", "emr.privacy.export-any",
            "emr.privacy.export-any", "emr.privacy.export", false);

    public DataPart {
        Objects.requireNonNull(name, "name");
        requirePrivilege(anyPatient);
        requirePrivilege(anyPatientWrite);
        if (ownPatient != null) {
            requirePrivilege(ownPatient);
        }
    }

    /**
     * A department's own part (e.g. the pharmacy's dispensing history): staff holding {@code anyPatient} read any
     * patient's, staff holding {@code anyPatientWrite} change it, a patient account holding {@code ownPatient}
     * (null: none) reads its own. Set {@code clinical} when a restricted record should close it too.
     */
    public static DataPart declaredBy(String name, String anyPatient, String anyPatientWrite, String ownPatient,
            boolean clinical) {
        return new DataPart(name, anyPatient, anyPatientWrite, ownPatient, clinical);
    }

    private static void requirePrivilege(String privilege) {
        if (privilege == null || !PRIVILEGE.matcher(privilege).matches()) {
            throw new IllegalArgumentException("'" + privilege + "' is not a privilege name (module.aggregate.action)");
        }
    }
}
