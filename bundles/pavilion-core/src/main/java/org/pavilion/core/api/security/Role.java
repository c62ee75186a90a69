package org.pavilion.core.api.security;

/** The roles of Pavilion's users; a user holds one or more. */
public enum Role {
    ADMIN, RECEPTIONIST, DOCTOR, NURSE, LAB_TECHNICIAN, PHARMACIST, BILLING, PATIENT, INTEGRATION;

    /** Roles allowed to read a patient's clinical record. */
    public boolean isClinician() {
        return this == DOCTOR || this == NURSE;
    }
}
