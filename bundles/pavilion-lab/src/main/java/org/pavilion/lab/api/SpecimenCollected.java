package org.pavilion.lab.api;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A specimen was taken from the patient. Event type {@link #TYPE}. */
@ProviderType
public class SpecimenCollected extends LabOrderEvent {

    public static final String TYPE = "SpecimenCollected";

    /** The specimen's id, the one its barcode carries. */
    public String specimenId;
    public String specimenType;
    public String collectedAt;
    public String collectedBy;
    /** The tests this specimen is for (test codes). */
    public List<String> testCodes = new ArrayList<>();
}
