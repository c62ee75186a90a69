package org.pavilion.scheduling.internal.directory;

import javax.persistence.*;

/** A service a doctor offers; slotMinutes null: the service's default. */
@Entity
@Table(name = "sched_doctor_service")
@IdClass(DoctorServiceEntity.Key.class)
public class DoctorServiceEntity {

    @Id
    @Column(name = "doctor_id")
    private String doctorId;

    @Id
    @Column(name = "service_code")
    private String serviceCode;

    @Column(name = "slot_minutes")
    private Integer slotMinutes;

    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getServiceCode() { return serviceCode; }
    public void setServiceCode(String serviceCode) { this.serviceCode = serviceCode; }
    public Integer getSlotMinutes() { return slotMinutes; }
    public void setSlotMinutes(Integer slotMinutes) { this.slotMinutes = slotMinutes; }

    /** The composite primary key. */
    public static class Key implements java.io.Serializable {
        public String doctorId;
        public String serviceCode;

        public Key() {
        }

        public Key(String doctorId, String serviceCode) {
            this.doctorId = doctorId;
            this.serviceCode = serviceCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(doctorId, k.doctorId) && java.util.Objects.equals(serviceCode, k.serviceCode);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(doctorId, serviceCode);
        }
    }
}
