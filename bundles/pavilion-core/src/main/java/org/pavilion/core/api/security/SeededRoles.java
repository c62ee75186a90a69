package org.pavilion.core.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Names of the nine roles the platform seeds at installation, for a module's privilege file (the default grants of
 * a new privilege) and for tests. An administrator decides what each role grants and may rename it, so code never
 * authorises with these names: it asks {@link Caller#hasPrivilege}.
 */
@ProviderType
public final class SeededRoles {

    public static final String ADMIN = "ADMIN";
    public static final String RECEPTIONIST = "RECEPTIONIST";
    public static final String DOCTOR = "DOCTOR";
    public static final String NURSE = "NURSE";
    public static final String LAB_TECHNICIAN = "LAB_TECHNICIAN";
    public static final String PHARMACIST = "PHARMACIST";
    public static final String BILLING = "BILLING";
    /** A patient's own account, linked to one patient record. */
    public static final String PATIENT = "PATIENT";
    public static final String INTEGRATION = "INTEGRATION";

    private SeededRoles() {
    }
}
