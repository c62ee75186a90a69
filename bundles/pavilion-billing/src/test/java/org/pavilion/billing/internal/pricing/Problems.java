package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.pavilion.core.api.rest.ProblemException;

/** The pricing tests' way to expect a refusal: its status and a part of what it says. */
final class Problems {

    private Problems() {
    }

    static ProblemException expect(int status, String part, Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            assertTrue("'" + part + "' in: " + e.detail(), e.detail().contains(part));
            return e;
        }
        fail("expected " + status + " (" + part + ")");
        return null;
    }

    static PriceDto price(String code, String name, String category, String unitPrice, String taxCategory,
            String validFrom, String validTo) {
        PriceDto p = new PriceDto();
        p.code = code;
        p.name = name;
        p.category = category;
        p.unitPrice = unitPrice;
        p.taxCategory = taxCategory;
        p.validFrom = validFrom;
        p.validTo = validTo;
        return p;
    }

    static PriceDto consultation(String code, String name, String doctorId, String specialty, String serviceCode,
            String unitPrice, String validFrom, String validTo) {
        PriceDto p = price(code, name, "CONSULTATION", unitPrice, "EXEMPT", validFrom, validTo);
        p.doctorId = doctorId;
        p.specialty = specialty;
        p.serviceCode = serviceCode;
        return p;
    }
}
