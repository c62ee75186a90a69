package org.pavilion.example.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A check-in request, from the front desk (REST) or a legacy gate system (SOAP). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "CheckIn", namespace = VisitorLogSoap.NAMESPACE)
public class CheckIn {
    public String badge;
    public String visitorName;
    public String patientId;
    public String ward;
}
