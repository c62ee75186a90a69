package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotEmpty;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Past;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.validation.groups.Default;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.junit.Test;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.Violations;
import org.pavilion.core.api.soap.ProblemFault;

/**
 * A ward clerk's admission form, checked against what its fields declare: every wrong field comes back in one
 * problem, with the names the client sent.
 */
public class DeclaredConstraintsTest {

    private final DeclaredConstraints constraints = new BeanValidationConstraints();

    /** Only checked when the clerk sends the admission to the ward. */
    interface ToWard {
    }

    static class Address {
        @NotBlank
        public String line1;
        @NotBlank
        @Pattern(regexp = "[A-Z0-9 ]{3,10}", message = "is not a postcode")
        public String postcode;
    }

    static class Allergy {
        @NotBlank
        @Size(max = 8)
        public String code;
    }

    static class Admission {
        @NotBlank(message = "is required (the patient's MRN)")
        public String patientId;
        @Size(max = 20)
        public String familyName;
        @Past
        public LocalDate dateOfBirth;
        @NotNull
        @Valid
        public Address address;
        @Valid
        public List<Allergy> allergies;
        /** Sent as {@code referring_gp}: the name a legacy form posts. */
        @JsonProperty("referring_gp")
        @Size(max = 5)
        public String referringGp;
        @NotEmpty(groups = ToWard.class)
        public String ward;
    }

    private static Admission goodAdmission() {
        Admission a = new Admission();
        a.patientId = "MRN-000123";
        a.familyName = "Okafor";
        a.dateOfBirth = LocalDate.of(1961, 4, 2);
        a.address = new Address();
        a.address.line1 = "12 Mill Lane";
        a.address.postcode = "LS1 4AB";
        Allergy penicillin = new Allergy();
        penicillin.code = "PEN";
        a.allergies = List.of(penicillin);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> violations(ProblemException e) {
        return (List<Map<String, String>>) e.extensions().get(DeclaredConstraints.VIOLATIONS);
    }

    private ProblemException refused(Object body, Class<?>... groups) {
        try {
            constraints.check(body, groups);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            return e;
        }
        fail("the body should have been refused");
        return null;
    }

    @Test
    public void aCompleteAdmissionPasses() {
        constraints.check(goodAdmission());
    }

    @Test
    public void everyWrongFieldIsListedAtOnceOrderedByFieldWithNestedPaths() {
        Admission a = goodAdmission();
        a.patientId = " ";
        a.familyName = "Okafor-Whitfield-Montgomery";
        a.dateOfBirth = LocalDate.now().plusDays(3);
        a.address.line1 = "";
        a.address.postcode = "not a code";
        Allergy latex = new Allergy();
        latex.code = "LATEX-NATURAL";
        a.allergies = List.of(a.allergies.get(0), latex);

        ProblemException e = refused(a);

        assertEquals(List.of(
                Map.of("field", "address.line1", "message", "must not be blank"),
                Map.of("field", "address.postcode", "message", "is not a postcode"),
                Map.of("field", "allergies[1].code", "message", "size must be between 0 and 8"),
                Map.of("field", "dateOfBirth", "message", "must be a past date"),
                Map.of("field", "familyName", "message", "size must be between 0 and 20"),
                Map.of("field", "patientId", "message", "is required (the patient's MRN)")), violations(e));
        assertEquals("6 invalid fields: address.line1 must not be blank; address.postcode is not a postcode; "
                + "allergies[1].code size must be between 0 and 8; dateOfBirth must be a past date; "
                + "familyName size must be between 0 and 20; patientId is required (the patient's MRN)", e.detail());
    }

    @Test
    public void aMissingNestedObjectAndARenamedFieldUseTheNamesTheClientSent() {
        Admission a = goodAdmission();
        a.address = null;
        a.referringGp = "Dr Adeyemi-Hughes";

        assertEquals(List.of(Map.of("field", "address", "message", "must not be null"),
                Map.of("field", "referring_gp", "message", "size must be between 0 and 5")), violations(refused(a)));
    }

    @Test
    public void aMissingBodyIsOneViolationOnBody() {
        ProblemException e = refused(null);
        assertEquals(List.of(Map.of("field", "body", "message", "a request body is required")), violations(e));
        assertEquals("1 invalid field: body a request body is required", e.detail());
    }

    @Test
    public void groupsChooseWhichConstraintsApply() {
        Admission a = goodAdmission();
        constraints.check(a);
        constraints.check(a, Default.class);
        assertEquals(List.of(Map.of("field", "ward", "message", "must not be empty")),
                violations(refused(a, ToWard.class)));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theRestFaceAnswersProblemJsonWithTheViolations() {
        Admission a = goodAdmission();
        a.patientId = null;
        Response r = new ProblemMappers.Problem().toResponse(refused(a));

        assertEquals(400, r.getStatus());
        assertEquals("application/problem+json", r.getMediaType().toString());
        Map<String, Object> body = (Map<String, Object>) r.getEntity();
        assertEquals("urn:pavilion:problem:validation", body.get("type"));
        assertEquals(List.of(Map.of("field", "patientId", "message", "is required (the patient's MRN)")),
                body.get("violations"));
    }

    @Test
    public void theSoapFaultDetailNamesEveryField() {
        Admission a = goodAdmission();
        a.patientId = null;
        a.address.postcode = null;
        ProblemException e = refused(a);
        ProblemFault fault = new ProblemFault(e.detail(), e.type(), e.status()) {
            private static final long serialVersionUID = 1L;
        };
        assertTrue(fault.getDetail(), fault.getDetail().contains("address.postcode must not be blank"));
        assertTrue(fault.getDetail(), fault.getDetail().contains("patientId is required"));
        assertEquals("urn:pavilion:problem:validation", fault.getProblemType());
    }

    @Test
    public void aDepartmentsOwnRulesAreAnsweredInTheSameProblemOrderedWithTheDeclaredOnes() {
        Admission a = goodAdmission();
        a.patientId = null;
        Violations found = new Violations();
        try {
            constraints.check(a);
            fail("a missing MRN is refused");
        } catch (ProblemException declared) {
            found.addAll(declared);
        }
        // The ward's own rule, which no annotation can say: discharge after admission.
        found.add("dischargeDate", "must not be before the admission date");
        try {
            found.refuseAny();
            fail("two violations are refused");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(DeclaredConstraints.PROBLEM_TYPE, e.type());
            assertEquals(List.of(Map.of("field", "dischargeDate", "message", "must not be before the admission date"),
                    Map.of("field", "patientId", "message", "is required (the patient's MRN)")), violations(e));
            assertTrue(e.detail(), e.detail().startsWith("2 invalid fields: dischargeDate"));
        }
        new Violations().refuseAny(); // nothing found, nothing refused
    }

    @Test
    public void aProblemThatIsNotAValidationRefusalIsNotSwallowed() {
        ProblemException conflict = new ProblemException(409, "urn:pavilion:problem:conflict", "Conflict", "taken",
                Map.of());
        try {
            new Violations().addAll(conflict);
            fail("rethrown");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
    }
}
