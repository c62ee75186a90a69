package org.pavilion.lab.internal.order;

import java.util.ArrayList;
import java.util.List;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/** The JSON bodies of the order and specimen endpoints. */
public final class OrderBodies {

    private OrderBodies() {
    }

    /**
     * POST /orders. Its field rules are declared (DeclaredConstraints, every broken one in one 400); the priority and
     * the codes are checked against the catalogue (422).
     */
    public static class Placement {
        @NotBlank
        public String patientId;
        @Size(max = 64)
        public String encounterId;
        /** ROUTINE (when absent), URGENT or STAT. */
        public String priority;
        @Size(max = 2000)
        public String clinicalNote;
        /** Test or panel codes; a panel orders its members, a code given twice is ordered once. */
        public List<String> tests = new ArrayList<>();
    }

    /** POST /orders/{id}/cancel and POST /specimens/{id}/reject. */
    public static class Reason {
        public String reason;
    }
}
