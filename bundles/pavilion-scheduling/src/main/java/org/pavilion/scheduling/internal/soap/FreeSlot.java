package org.pavilion.scheduling.internal.soap;

import java.time.ZoneId;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.schedule.SlotRules;

/** A free slot as the SOAP service shows it: instants, and the wall-clock start in the hospital's zone. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "FreeSlot", namespace = "urn:pavilion:scheduling")
public class FreeSlot {
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

    static FreeSlot of(SlotRules.Slot s, ZoneId zone) {
        FreeSlot f = new FreeSlot();
        f.doctorId = s.doctorId();
        f.doctorName = s.doctorName();
        f.specialty = s.specialty();
        f.serviceCode = s.serviceCode();
        f.serviceName = s.serviceName();
        f.visitType = s.visitType();
        f.location = s.location();
        f.start = Times.instant(s.startsMs());
        f.end = Times.instant(s.endsMs());
        f.localStart = Times.local(s.startsMs(), zone);
        return f;
    }
}
