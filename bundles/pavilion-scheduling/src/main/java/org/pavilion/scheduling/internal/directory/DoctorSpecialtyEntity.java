package org.pavilion.scheduling.internal.directory;

import javax.persistence.*;

@Entity
@Table(name = "sched_doctor_specialty")
@IdClass(DoctorSpecialtyEntity.Key.class)
public class DoctorSpecialtyEntity {

    @Id
    @Column(name = "doctor_id")
    private String doctorId;

    @Id
    @Column(name = "specialty")
    private String specialty;

    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getSpecialty() { return specialty; }
    public void setSpecialty(String specialty) { this.specialty = specialty; }

    /** The composite primary key. */
    public static class Key implements java.io.Serializable {
        public String doctorId;
        public String specialty;

        public Key() {
        }

        public Key(String doctorId, String specialty) {
            this.doctorId = doctorId;
            this.specialty = specialty;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(doctorId, k.doctorId) && java.util.Objects.equals(specialty, k.specialty);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(doctorId, specialty);
        }
    }
}
