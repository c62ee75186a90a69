package org.pavilion.hl7.internal;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HAPI parsing in the message's own version (pavilion-camel embeds the v2.3 to v2.8 structures). No HAPI
 * validation: the hub checks what it uses itself and answers AE naming the field, rather than refusing a whole
 * message for a field it ignores.
 */
public final class Hapi {

    private static final HapiContext CONTEXT = newContext();

    private Hapi() {
    }

    private static HapiContext newContext() {
        HapiContext c = new DefaultHapiContext();
        c.setValidationContext(ValidationContextFactory.noValidation());
        return c;
    }

    /**
     * Parses with HAPI's class loader as context loader: it finds the structures on pavilion-camel's class path.
     * One parse at a time: HAPI fills its structure-definition cache (a plain HashMap) on first use of a message
     * structure, and two connections parsing the first messages at once made it throw a NullPointerException
     * (seen in Hl7KillRecoveryIT on PostgreSQL: an ADT answered AE). A parse is a fraction of a millisecond next
     * to a message's commits.
     */
    public static Message parse(String normalised) throws HL7Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(HapiContext.class.getClassLoader());
        try {
            synchronized (CONTEXT) {
                PipeParser parser = CONTEXT.getPipeParser();
                return parser.parse(normalised);
            }
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
