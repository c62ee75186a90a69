package ${package}.internal;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * A referral as a clinician (REST) or a referring system (SOAP) sends it. Its rules are declared on its fields; the
 * platform's DeclaredConstraints checks them (ReferralService) and answers every broken one at once.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NewReferral", namespace = ReferralSoap.NAMESPACE)
public class NewReferral {
    @NotBlank(message = "is required (the patient's MRN)")
    @Size(max = 64)
    public String patientId;
    @NotBlank
    @Size(max = 500)
    public String reason;
    @NotBlank
    @Size(max = 200)
    public String referredBy;
}
