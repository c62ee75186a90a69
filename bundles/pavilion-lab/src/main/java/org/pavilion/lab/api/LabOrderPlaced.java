package org.pavilion.lab.api;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A doctor ordered tests for a patient. Event type {@link #TYPE}. */
@ProviderType
public class LabOrderPlaced extends LabOrderEvent {

    public static final String TYPE = "LabOrderPlaced";

    public String clinicalNote;
    public String placedAt;
    /** One entry per test ordered (a panel's members are listed, each with the panel's code). */
    public List<OrderedTest> tests = new ArrayList<>();

    /** A test of the order. */
    @ProviderType
    public static class OrderedTest {
        public String itemId;
        public String testCode;
        public String testName;
        public String loinc;
        /** The panel it was ordered as part of, or null. */
        public String panelCode;
        public String specimenId;
        public String specimenType;
    }
}
