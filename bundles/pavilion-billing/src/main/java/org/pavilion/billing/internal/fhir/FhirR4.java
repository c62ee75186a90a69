package org.pavilion.billing.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The bundle's one HAPI FHIR R4 context: building it scans every R4 structure (about a second), so it is made once,
 * on first use, and kept. Parsers are cheap and not thread-safe: a new one per message.
 */
public final class FhirR4 {

    /** The identifier systems of what we send (docs/billing-fhir.md). */
    public static final String CLAIM_NUMBER_SYSTEM = "urn:pavilion:billing:claim-number";
    public static final String PRICE_CODE_SYSTEM = "urn:pavilion:billing:price-code";
    public static final String MEMBER_ID_SYSTEM = "urn:pavilion:billing:member-id";
    public static final String PAYER_ID_SYSTEM = "urn:pavilion:billing:payer-id";
    public static final String MEDIA_TYPE = "application/fhir+json";

    private FhirR4() {
    }

    private static final class Holder {
        static final FhirContext CONTEXT = create();

        private static FhirContext create() {
            // HAPI finds its structure classes through the context class loader: ours inside Karaf (embedded HAPI).
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(FhirR4.class.getClassLoader());
            try {
                FhirContext ctx = FhirContext.forR4();
                ctx.getResourceDefinition("Claim"); // scans now, not in the first exchange's timeout
                return ctx;
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }

    public static FhirContext context() {
        return Holder.CONTEXT;
    }

    /** A JSON parser that keeps going past elements it does not know (an insurer's extensions). */
    public static IParser json() {
        return context().newJsonParser();
    }
}
