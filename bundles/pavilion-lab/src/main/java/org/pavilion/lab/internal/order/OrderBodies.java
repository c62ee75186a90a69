package org.pavilion.lab.internal.order;

import java.util.ArrayList;
import java.util.List;

/** The JSON bodies of the order and specimen endpoints. */
public final class OrderBodies {

    private OrderBodies() {
    }

    /** POST /orders. */
    public static class Placement {
        public String patientId;
        public String encounterId;
        /** ROUTINE (when absent), URGENT or STAT. */
        public String priority;
        public String clinicalNote;
        /** Test or panel codes; a panel orders its members, a code given twice is ordered once. */
        public List<String> tests = new ArrayList<>();
    }

    /** POST /orders/{id}/cancel and POST /specimens/{id}/reject. */
    public static class Reason {
        public String reason;
    }
}
