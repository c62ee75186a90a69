package org.pavilion.example.internal;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * A check-in request, from the front desk (REST) or a legacy gate system (SOAP). Its rules are declared here and
 * checked by the platform's DeclaredConstraints (VisitService), which lists every broken one in one answer; the
 * OpenAPI description shows them too.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "CheckIn", namespace = VisitorLogSoap.NAMESPACE)
public class CheckIn {
    /** Stored trimmed: spaces around the badge number are forgiven. */
    @NotNull
    @Pattern(regexp = "\\s*[A-Z0-9-]{1,32}\\s*", message = "must be 1 to 32 of A-Z, 0-9 or '-'")
    public String badge;
    @NotBlank
    @Size(max = 200)
    public String visitorName;
    @NotBlank
    @Size(max = 64)
    public String patientId;
    @NotBlank
    @Size(max = 64)
    public String ward;
}
