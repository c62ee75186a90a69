package org.pavilion.hl7.internal.route;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pavilion.hl7.internal.Hapi;
import org.pavilion.hl7.internal.Hl7Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;

/**
 * Field mapping for integrators' routes, as bean {@code hl7Fields}: text in, text out, fields named by HAPI Terser
 * paths in the message's own version ({@code MSH-4}, {@code PID-8}, {@code PID-3-4}, {@code PID-3(1)-1}). A path
 * without a leading slash finds the first such segment anywhere ({@code /.PID-8}). A message HAPI cannot parse is
 * returned unchanged, so the hub still stores it and answers it as a listener would.
 *
 * <pre>
 * - bean: { ref: hl7Fields, method: "set(${body}, 'MSH-4', 'NORTHCLINIC')" }
 * - bean: { ref: hl7Fields, method: "map(${body}, 'PID-8', '1=M,2=F,0=U,9=U')" }
 * </pre>
 */
@Component(service = Hl7Fields.class, property = "camel.name=" + Hl7Fields.NAME)
public class Hl7Fields {

    public static final String NAME = "hl7Fields";
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Fields.class);

    @FunctionalInterface
    private interface Edit {
        void apply(Terser terser) throws HL7Exception;
    }

    /** Sets the field at {@code path} to {@code value}. */
    public String set(String message, String path, String value) {
        return edit(message, t -> t.set(terserPath(path), value));
    }

    /** Copies the value at {@code from} to {@code to} (empty stays empty). */
    public String copy(String message, String from, String to) {
        return edit(message, t -> t.set(terserPath(to), t.get(terserPath(from))));
    }

    /**
     * Replaces the value at {@code path} by its mapping in {@code pairs} ({@code from=to} separated by commas, e.g.
     * {@code 1=M,2=F}); values without a mapping are left as they are.
     */
    public String map(String message, String path, String pairs) {
        Map<String, String> mapping = pairs(pairs);
        return edit(message, t -> {
            String p = terserPath(path);
            String v = t.get(p);
            if (v != null && mapping.containsKey(v)) {
                t.set(p, mapping.get(v));
            }
        });
    }

    static Map<String, String> pairs(String pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("mapping '" + pair.strip() + "' is not from=to (in '" + pairs + "')");
            }
            m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return m;
    }

    static String terserPath(String path) {
        String p = path.strip();
        return p.startsWith("/") ? p : "/." + p;
    }

    private String edit(String message, Edit edit) {
        Message parsed;
        try {
            parsed = Hapi.parse(Hl7Text.normalise(message));
        } catch (HL7Exception | RuntimeException unparsable) {
            LOG.debug("Field mapping skipped, HAPI cannot parse the message: {}", unparsable.getMessage());
            return message;
        }
        try {
            edit.apply(new Terser(parsed));
            return parsed.encode();
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("HL7 field mapping failed: " + e.getMessage(), e);
        }
    }
}
