package org.pavilion.scheduling.internal.schedule;

import java.time.ZoneId;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.pavilion.scheduling.internal.Times;

/**
 * A free slot as REST and SOAP answer it: instants plus the hospital's wall-clock start. Its XML type keeps the SOAP
 * service's name for it, {@code FreeSlot}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "FreeSlot", namespace = "urn:pavilion:scheduling")
public class SlotView {
    public String doctorId;
    public String doctorName;
    public String specialty;
    public String serviceCode;
    public String serviceName;
    public String visitType;
    public String location;
    public String start;
    public String end;
    public String localStart;

    public static SlotView of(SlotRules.Slot s, ZoneId zone) {
        SlotView v = new SlotView();
        v.doctorId = s.doctorId();
        v.doctorName = s.doctorName();
        v.specialty = s.specialty();
        v.serviceCode = s.serviceCode();
        v.serviceName = s.serviceName();
        v.visitType = s.visitType();
        v.location = s.location();
        v.start = Times.instant(s.startsMs());
        v.end = Times.instant(s.endsMs());
        v.localStart = Times.local(s.startsMs(), zone);
        return v;
    }
}
