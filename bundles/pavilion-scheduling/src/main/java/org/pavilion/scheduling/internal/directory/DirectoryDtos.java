package org.pavilion.scheduling.internal.directory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotEmpty;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.pavilion.scheduling.internal.FitsColumn;
import org.pavilion.scheduling.internal.schedule.SlotView;

/**
 * What the directory endpoints read and answer (JSON). The bodies' own rules are declared (DeclaredConstraints: every
 * broken field in one 400); DirectoryService checks what needs the database after (a known service, a free username).
 */
public final class DirectoryDtos {

    static final String REQUIRED = "is required";
    static final String TOO_LONG = "is longer than {max} characters";
    static final String VISIT_TYPE = "must be IN_PERSON or VIDEO";
    static final String CODE = "must be 1 to 40 letters, digits, '-' or '_'";

    private DirectoryDtos() {
    }

    /** A service of the catalogue; {@code active} absent on input: true. */
    public static class Service {

        /** A new service names its code; a changed one may leave it out (the path names it). */
        public interface New {
        }

        @NotNull(groups = New.class, message = CODE)
        @Pattern(groups = New.class, regexp = "\\s*[A-Za-z0-9][A-Za-z0-9_-]{0,39}\\s*", message = CODE)
        public String code;
        @NotBlank(message = REQUIRED) @Size(max = 200, message = TOO_LONG)
        public String name;
        @Size(max = 100, message = TOO_LONG)
        public String specialty;
        @NotNull(message = REQUIRED) @SlotLength
        public Integer slotMinutes;
        @NotEmpty(message = "is required: IN_PERSON and/or VIDEO")
        public List<@NotNull(message = VISIT_TYPE)
                @Pattern(regexp = "(?i)\\s*(IN_PERSON|VIDEO)\\s*", message = VISIT_TYPE) String> visitTypes =
                new ArrayList<>();
        public Boolean active;
    }

    /** A service as a doctor offers it: slotMinutes is the doctor's own length when set. */
    public static class OfferedService {
        @NotBlank(message = REQUIRED)
        public String code;
        public String name;
        @SlotLength
        public Integer slotMinutes;
        public List<String> visitTypes;

        public OfferedService() {
        }

        public OfferedService(String code, Integer slotMinutes) {
            this.code = code;
            this.slotMinutes = slotMinutes;
        }
    }

    /** A doctor's profile as staff (or the doctor) write it; lists replace what was there, blank entries dropped. */
    public static class DoctorInput {
        @NotBlank(message = REQUIRED) @Size(max = 200, message = TOO_LONG)
        public String displayName;
        @Size(max = 100, message = TOO_LONG)
        public String title;
        @Size(max = 64, message = TOO_LONG)
        public String username;
        @Size(max = 4000, message = TOO_LONG)
        public String biography;
        @FitsColumn(chars = 4000, as = FitsColumn.Stored.JSON)
        public List<String> education = new ArrayList<>();
        @FitsColumn(chars = 4000, as = FitsColumn.Stored.JSON)
        public List<String> achievements = new ArrayList<>();
        public List<@Size(max = 100, message = TOO_LONG) String> specialties = new ArrayList<>();
        public List<@LanguageTag String> languages = new ArrayList<>();
        public List<@NotNull(message = "needs a code") @Valid OfferedService> services = new ArrayList<>();
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
