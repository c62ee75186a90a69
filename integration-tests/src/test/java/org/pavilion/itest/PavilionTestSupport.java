package org.pavilion.itest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.Dependency;
import org.pavilion.testsupport.Http;

/**
 * Base class of our own Pax Exam tests: pavilion-test-support's {@link org.pavilion.testsupport.PavilionTestSupport}
 * (boot, sign in, REST, HL7, await) plus what only the hospital's own tests need: every department of pavilion-all
 * published before a test starts, the first sign-in's look at what the platform refuses until the generated password
 * is replaced, and pavilion-all split into one root requirement per department.
 */
public abstract class PavilionTestSupport extends org.pavilion.testsupport.PavilionTestSupport {

    /** One REST endpoint of each department pavilion-all boots; published means it asks for credentials. */
    protected static final List<String> DEPARTMENT_ENDPOINTS = List.of("/api/v1/platform/users",
            "/api/v1/platform/events/dead-letters", "/api/v1/example/visits", "/api/v1/example/ward-board",
            "/api/v1/emr/patients", "/api/v1/hl7/messages", "/api/v1/scheduling/appointments",
            "/api/v1/lab/orders?patientId=0000000000", "/api/v1/pharmacy/stores",
            "/api/v1/billing/tax-categories", "/api/v1/notifications/events", "/api/v1/telemedicine/consultations");

    static {
        // LoginSecurityIT reads these from whichever test made the first sign-in of the container.
        checkDuringFirstSignIn(new FirstSignInChecks() {
            @Override
            public Map<String, Http.Response> whileChangePending(Http admin) throws Exception {
                Map<String, Http.Response> seen = new LinkedHashMap<>();
                seen.put("patients", admin.get("/api/v1/emr/patients"));
                seen.put("soap", soapCall(admin.token(), "/api/soap/emr/ClinicalRecord",
                        "<r:openEncounter xmlns:r=\"urn:pavilion:emr:record:v1\"><mrn>0000000000</mrn></r:openEncounter>"));
                return seen;
            }

            @Override
            public Map<String, Http.Response> afterChange(Http admin) throws Exception {
                return Map.of("patients", admin.get("/api/v1/emr/patients"));
            }
        });
    }

    @Override
    protected List<String> publishedEndpoints() {
        return DEPARTMENT_ENDPOINTS;
    }

    /** What the first sign-in of admin in this container saw, before and after it replaced the initial password. */
    public record FirstAdminSignIn(String initialPassword, JsonNode login, Http.Response me,
            Http.Response patientsBefore, Http.Response soapBefore, Http.Response change, Http.Response patientsAfter) {
    }

    /** {@link #firstSignIn()} with the EMR's REST and SOAP answers it saw around the password change. */
    protected static FirstAdminSignIn firstAdminSignIn() throws Exception {
        FirstSignIn first = firstSignIn();
        return new FirstAdminSignIn(first.initialPassword(), first.login(), first.me(),
                first.whileChangePending().get("patients"), first.whileChangePending().get("soap"), first.change(),
                first.afterChange().get("patients"));
    }

    /** POSTs a SOAP 1.1 envelope around {@code body} to {@code path} with the bearer token. */
    private static Http.Response soapCall(String token, String path, String body) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    /** Each department of pavilion-all its own root requirement, so removing one removes only it. */
    protected void everyDepartmentItsOwnRootRequirement() throws Exception {
        for (Dependency d : features().getFeature("pavilion-all").getDependencies()) {
            withFeatures(f -> f.installFeature(d.getName(), NO_REFRESH));
        }
        if (features().isInstalled(features().getFeature("pavilion-all"))) {
            withFeatures(f -> f.uninstallFeature("pavilion-all", NO_REFRESH));
        }
    }
}
