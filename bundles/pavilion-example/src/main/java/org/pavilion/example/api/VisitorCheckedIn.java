package org.pavilion.example.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a visitor checked in to see a patient. Published as event type {@link #TYPE}. */
@ProviderType
public class VisitorCheckedIn {

    public static final String TYPE = "VisitorCheckedIn";

    public String visitId;
    public String badge;
    public String visitorName;
    public String patientId;
    public String ward;
    /** ISO-8601 instant. */
    public String checkedInAt;
}
