package org.pavilion.scheduling.internal.directory;

import javax.persistence.*;

@Entity
@Table(name = "sched_doctor_language")
@IdClass(DoctorLanguageEntity.Key.class)
public class DoctorLanguageEntity {

    @Id
    @Column(name = "doctor_id")
    private String doctorId;

    @Id
    @Column(name = "language")
    private String language;

    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }

    /** The composite primary key. */
    public static class Key implements java.io.Serializable {
        public String doctorId;
        public String language;

        public Key() {
        }

        public Key(String doctorId, String language) {
            this.doctorId = doctorId;
            this.language = language;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(doctorId, k.doctorId) && java.util.Objects.equals(language, k.language);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(doctorId, language);
        }
    }
}
