package org.pavilion.lab.internal.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.internal.LabConfig;

/**
 * A feed's ORU^R01 from {@link LabResultReleased} while {@code lisSendResults} is on (else nothing): one
 * ORDER_OBSERVATION per released result, ORC RE and OBR naming our order number (placer, OBR-2) and the order item
 * (filler, OBR-3), the test with its LOINC, and one OBX with the value (NM when it is a number, else ST), unit,
 * reference range, flag and status F (final) or C (a correction replacing an earlier result). Keyed by the patient,
 * like the order messages.
 */
@Component(service = OutboundBuilder.class, configurationPid = LabConfig.PID)
public class LabResultBuilder implements OutboundBuilder {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientNames names;

    private volatile boolean send;

    @Activate
    public LabResultBuilder(LabConfig config) {
        this(null, config.lisSendResults());
    }

    LabResultBuilder(PatientNames names, boolean send) {
        this.names = names;
        this.send = send;
    }

    @Modified
    void modified(LabConfig config) {
        send = config.lisSendResults();
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(LabResultReleased.TYPE);
    }

    @Override
    public String department() {
        return "laboratory";
    }

    @Override
    public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext context) {
        if (!LabResultReleased.TYPE.equals(eventType)) {
            throw new OutboundBuildException("no ORU^R01 for event " + eventType, null);
        }
        if (!send) {
            return Optional.empty();
        }
        LabPayload p = LabPayload.of(eventType, payloadJson);
        String orderNumber = p.required("orderNumber");
        String patientId = p.required("patientId");
        p.required("resultId");
        String itemId = p.required("itemId");
        String value = p.required("value");
        String status = p.text("status");
        String resultStatus = "CORRECTED".equals(status) || p.text("correctsResultId") != null ? "C" : "F";
        String released = Hl7Times.format(p.instant("releasedAt"), context.zone());
        String app = context.sendingApplication();
        String[] test = LabSegments.test(p.required("testCode"), p.text("testName"), p.text("loinc"));

        List<Hl7Segment> segments = new ArrayList<>(6);
        segments.add(LabSegments.header("ORU", "R01", "ORU_R01", context));
        segments.add(LabSegments.patient(patientId, context, names, "HL7 lab result"));
        segments.add(LabSegments.visit(p.text("encounterId")));
        segments.add(new Hl7Segment("ORC").set(1, "RE").set(2, orderNumber, app).set(3, itemId, app)
                .set(12, p.text("orderingDoctor")));
        segments.add(new Hl7Segment("OBR").set(1, "1").set(2, orderNumber, app).set(3, itemId, app).set(4, test)
                .set(16, p.text("orderingDoctor")).set(22, released).set(25, resultStatus));
        segments.add(new Hl7Segment("OBX")
                .set(1, "1")
                .set(2, NUMBER.matcher(value).matches() ? "NM" : "ST")
                .set(3, test)
                .set(5, value)
                .set(6, p.text("unit"))
                .set(7, p.text("referenceRange"))
                .set(8, p.text("flag"))
                .set(11, resultStatus)
                .set(16, p.text("verifiedBy")));
        return Optional.of(new OutboundMessage("ORU^R01", LabSegments.text(segments), patientId, null));
    }
}
