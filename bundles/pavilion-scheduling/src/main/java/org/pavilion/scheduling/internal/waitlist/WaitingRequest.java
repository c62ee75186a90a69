package org.pavilion.scheduling.internal.waitlist;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * A request to wait for a slot: {@code POST /waiting-list} (staff name the patient) or {@code POST /my/waiting-list}
 * (the caller's own record; patientId ignored). Days are ISO dates; {@code from} defaults to today. The fields' rules
 * are declared (DeclaredConstraints, every broken one in one 400); the days against today and the service, doctor
 * and visit type against the directory are checked after.
 */
public class WaitingRequest {

    /** The desk names the patient; the portal's is the signed-in patient's own. */
    public interface AtTheDesk {
    }

    @NotBlank(groups = AtTheDesk.class) @Size(max = 64, groups = AtTheDesk.class)
    public String patientId;
    @NotBlank @Size(max = 40)
    public String serviceCode;
    /** Null: any doctor of the service. */
    @Size(max = 36, message = "is no doctor's id")
    public String doctorId;
    /** IN_PERSON or VIDEO; default IN_PERSON. */
    @Pattern(regexp = "\\s*(IN_PERSON|VIDEO)?\\s*", message = "is IN_PERSON or VIDEO")
    public String visitType;
    public String from;
    public String to;
    @Size(max = 500)
    public String note;
}
