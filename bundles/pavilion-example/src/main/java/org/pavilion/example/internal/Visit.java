package org.pavilion.example.internal;

import java.time.Instant;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A visit as REST (JSON) and SOAP (JAXB) show it. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Visit", namespace = VisitorLogSoap.NAMESPACE)
public class Visit {
    public String id;
    public String badge;
    public String visitorName;
    public String patientId;
    public String ward;
    public String checkedInAt;
    public String recordedBy;

    static Visit of(VisitEntity e) {
        Visit v = new Visit();
        v.id = e.getId();
        v.badge = e.getBadge();
        v.visitorName = e.getVisitorName();
        v.patientId = e.getPatientId();
        v.ward = e.getWard();
        v.checkedInAt = Instant.ofEpochMilli(e.getCheckedInMs()).toString();
        v.recordedBy = e.getRecordedBy();
        return v;
    }
}
