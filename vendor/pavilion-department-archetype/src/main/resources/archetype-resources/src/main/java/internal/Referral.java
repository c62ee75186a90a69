package ${package}.internal;

import java.time.Instant;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A referral as REST (JSON) and SOAP (JAXB) show it. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Referral", namespace = ReferralSoap.NAMESPACE)
public class Referral {
    public String id;
    public String patientId;
    /** The name the EMR registered the patient under, when the department heard of it; null otherwise. */
    public String patientName;
    public String reason;
    public String referredBy;
    public String openedAt;
    public String recordedBy;

    static Referral of(ReferralEntity e, String patientName) {
        Referral r = new Referral();
        r.id = e.getId();
        r.patientId = e.getPatientId();
        r.patientName = patientName;
        r.reason = e.getReason();
        r.referredBy = e.getReferredBy();
        r.openedAt = Instant.ofEpochMilli(e.getOpenedMs()).toString();
        r.recordedBy = e.getRecordedBy();
        return r;
    }
}
