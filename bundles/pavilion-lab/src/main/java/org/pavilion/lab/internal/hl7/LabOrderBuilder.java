package org.pavilion.lab.internal.hl7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.hl7.api.Hl7Segment;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;
import org.pavilion.lab.api.LabOrderPlaced;
import org.pavilion.lab.internal.LabConfig;

/**
 * A feed's order message to an external LIS from {@link LabOrderPlaced}, as {@code lisOrderMessage} says: ORM^O01
 * (the classic general order) or OML^O21 (the laboratory order of v2.5, with TQ1 and the specimen in SPM); NONE
 * builds nothing. One ORC/OBR per ordered test (a panel's members each with their own), all with our order number as
 * placer order number (ORC-2, OBR-2) and placer group number (ORC-4): the LIS answers with ORU^R01 naming it in
 * OBR-2, which is how {@link OruHandler} finds the order again. Messages are keyed by the patient, so a patient's
 * orders follow the ADT that registered them and precede their results.
 */
@Component(service = OutboundBuilder.class, configurationPid = LabConfig.PID)
public class LabOrderBuilder implements OutboundBuilder {

    /** What {@code lisOrderMessage} may say. */
    enum Kind { NONE, ORM_O01, OML_O21 }

    /** PID names while the EMR is installed; without it PID carries PID-3 only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientNames names;

    private volatile String kind;

    @Activate
    public LabOrderBuilder(LabConfig config) {
        this(null, config.lisOrderMessage());
    }

    LabOrderBuilder(PatientNames names, String kind) {
        this.names = names;
        this.kind = kind;
    }

    @Modified
    void modified(LabConfig config) {
        kind = config.lisOrderMessage();
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(LabOrderPlaced.TYPE);
    }

    @Override
    public String department() {
        return "laboratory";
    }

    @Override
    public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext context) {
        if (!LabOrderPlaced.TYPE.equals(eventType)) {
            throw new OutboundBuildException("no order message for event " + eventType, null);
        }
        Kind k = kind();
        if (k == Kind.NONE) {
            return Optional.empty();
        }
        boolean oml = k == Kind.OML_O21;
        LabPayload p = LabPayload.of(eventType, payloadJson);
        String orderNumber = p.required("orderNumber");
        String patientId = p.required("patientId");
        String priority = LabSegments.PRIORITY.get(p.text("priority"));
        String doctor = p.text("orderingDoctor");
        Instant placed = p.instant("placedAt");
        String placedTs = Hl7Times.format(placed, context.zone());
        JsonNode tests = p.node.get("tests");
        if (tests == null || !tests.isArray() || tests.isEmpty()) {
            throw new OutboundBuildException("LabOrderPlaced of order " + orderNumber + " lists no tests", null);
        }
        String app = context.sendingApplication();

        List<Hl7Segment> segments = new ArrayList<>(4 + tests.size() * 4);
        segments.add(oml ? LabSegments.header("OML", "O21", "OML_O21", context)
                : LabSegments.header("ORM", "O01", "ORM_O01", context));
        segments.add(LabSegments.patient(patientId, context, names, "HL7 lab order"));
        segments.add(LabSegments.visit(p.text("encounterId")));
        int n = 0;
        for (JsonNode t : tests) {
            n++;
            String code = p.required(t, "testCode");
            String specimenId = LabPayload.text(t, "specimenId");
            String specimenType = LabPayload.text(t, "specimenType");
            segments.add(new Hl7Segment("ORC")
                    .set(1, "NW")
                    .set(2, orderNumber, app)
                    .set(4, orderNumber, app)
                    .set(7, oml ? new String[0] : new String[] {null, null, null, null, null, priority})
                    .set(9, placedTs)
                    .set(12, doctor));
            if (oml) {
                segments.add(new Hl7Segment("TQ1").set(1, "1").set(7, placedTs).set(9, priority));
            }
            Hl7Segment obr = new Hl7Segment("OBR")
                    .set(1, Integer.toString(n))
                    .set(2, orderNumber, app)
                    .set(4, LabSegments.test(code, LabPayload.text(t, "testName"), LabPayload.text(t, "loinc")))
                    .set(13, p.text("clinicalNote"))
                    .set(16, doctor);
            if (!oml) {
                // ORM has no SPM: the specimen type in OBR-15 (SPS), the tube's id in OBR-20 (placer field 1).
                obr.set(15, specimenType).set(20, specimenId).set(27, null, null, null, null, null, priority);
            }
            segments.add(obr);
            if (oml && specimenId != null) {
                segments.add(new Hl7Segment("SPM").set(1, "1").set(2, specimenId).set(4, specimenType));
            }
        }
        return Optional.of(new OutboundMessage(oml ? "OML^O21" : "ORM^O01", LabSegments.text(segments), patientId,
                null));
    }

    private Kind kind() {
        String k = kind == null ? "NONE" : kind.strip().toUpperCase(Locale.ROOT);
        try {
            return Kind.valueOf(k.isEmpty() ? "NONE" : k);
        } catch (IllegalArgumentException e) {
            throw new OutboundBuildException("lisOrderMessage " + kind + " in etc/" + LabConfig.PID + ".cfg is none of"
                    + " NONE, ORM_O01, OML_O21", e);
        }
    }
}
