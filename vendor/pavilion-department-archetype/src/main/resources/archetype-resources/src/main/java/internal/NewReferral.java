package ${package}.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A referral as a clinician (REST) or a referring system (SOAP) sends it. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NewReferral", namespace = ReferralSoap.NAMESPACE)
public class NewReferral {
    public String patientId;
    public String reason;
    public String referredBy;
}
