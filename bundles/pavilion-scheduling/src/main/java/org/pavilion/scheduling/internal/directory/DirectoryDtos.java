package org.pavilion.scheduling.internal.directory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.pavilion.scheduling.internal.schedule.SlotView;

/** What the directory endpoints read and answer (JSON). */
public final class DirectoryDtos {

    private DirectoryDtos() {
    }

    /** A service of the catalogue; {@code active} absent on input: true. */
    public static class Service {
        public String code;
        public String name;
        public String specialty;
        public Integer slotMinutes;
        public List<String> visitTypes = new ArrayList<>();
        public Boolean active;
    }

    /** A service as a doctor offers it: slotMinutes is the doctor's own length when set. */
    public static class OfferedService {
        public String code;
        public String name;
        public Integer slotMinutes;
        public List<String> visitTypes;

        public OfferedService() {
        }

        public OfferedService(String code, Integer slotMinutes) {
            this.code = code;
            this.slotMinutes = slotMinutes;
        }
    }

    /** A doctor's profile as staff (or the doctor) write it; lists replace what was there. */
    public static class DoctorInput {
        public String displayName;
        public String title;
        public String username;
        public String biography;
        public List<String> education = new ArrayList<>();
        public List<String> achievements = new ArrayList<>();
        public List<String> specialties = new ArrayList<>();
        public List<String> languages = new ArrayList<>();
        public List<OfferedService> services = new ArrayList<>();
        public Boolean active;
    }

    /** A price; exact decimal amount, ISO 4217 currency. */
    public static class Fee {
        public BigDecimal amount;
        public String currency;

        public Fee() {
        }

        public Fee(BigDecimal amount, String currency) {
            this.amount = amount;
            this.currency = currency;
        }
    }

    /** A doctor as the public directory lists them. */
    public static class DoctorSummary {
        public String id;
        public String displayName;
        public String title;
        public List<String> specialties;
        public List<String> languages;
        public List<OfferedService> services;
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public Double averageRating;
        public int ratingCount;
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public String photoUrl;
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public Fee consultationFee;
        public List<SlotView> nextFreeSlots = new ArrayList<>();
    }

    /** One doctor's whole public profile. */
    public static class DoctorProfile extends DoctorSummary {
        public String biography;
        public List<String> education;
        public List<String> achievements;
        public boolean active;
    }

    /** A stored photo. */
    public record Photo(String contentType, byte[] content, long updatedMs) {
    }
}
