package org.pavilion.billing.internal.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ca.uhn.fhir.context.FhirContext;

/**
 * A local insurer speaking FHIR R4 JSON (HAPI's parser) on 127.0.0.1, standing in for a real one: it knows its
 * members, adjudicates claims by the rule it is given (approve all, approve a percent, deny with a reason, queue
 * until asked again) and can be down (503) or slow. Self-contained: a constructor and a few methods, no test
 * framework, so the integration tests can copy it.
 *
 * <pre>
 * POST /fhir/CoverageEligibilityRequest/$submit  → CoverageEligibilityResponse (insurance.inforce for a member)
 * POST /fhir/Claim/$submit                       → ClaimResponse (complete with payment, queued, or error)
 * GET  /fhir/ClaimResponse?request=Claim/{id}    → Bundle (searchset) of the claim's ClaimResponse
 * </pre>
 */
public final class TestInsurer implements AutoCloseable {

    private static volatile FhirContext fhir;

    private final HttpServer server;
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final List<Resource> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int approvePercent = 100;
    private volatile String denyReason;
    private volatile boolean queue;
    private volatile boolean down;
    private volatile Duration delay = Duration.ZERO;

    /** Starts at once on a free port of 127.0.0.1. */
    public TestInsurer() throws IOException {
        fhir(); // seconds on a busy machine: not inside the first request's time
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fhir/", this::handle);
        server.start();
    }

    /** The base URL to give the insurer in billing ({@code fhirBaseUrl}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    /** These member ids are covered (eligibility in force, claims accepted). */
    public TestInsurer members(String... memberIds) {
        members.addAll(List.of(memberIds));
        return this;
    }

    /** Pays what is claimed. */
    public TestInsurer approveAll() {
        return approvePercent(100);
    }

    /** Pays {@code percent} % of what is claimed (rounded half up to the cent). */
    public TestInsurer approvePercent(int percent) {
        this.approvePercent = percent;
        this.denyReason = null;
        return this;
    }

    /** Pays nothing, saying why. */
    public TestInsurer deny(String reason) {
        this.denyReason = reason;
        return this;
    }

    /** True: claims are answered "queued" (also when asked again) until set back to false. */
    public TestInsurer queue(boolean queue) {
        this.queue = queue;
        return this;
    }

    /** True: every request is answered 503. */
    public TestInsurer down(boolean down) {
        this.down = down;
        return this;
    }

    /** Waits this long before every answer. */
    public TestInsurer slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** What it was sent (CoverageEligibilityRequest and Claim resources), in order. */
    public List<Resource> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static FhirContext fhir() {
        if (fhir == null) {
            synchronized (TestInsurer.class) {
                if (fhir == null) {
                    fhir = FhirContext.forR4();
                }
            }
        }
        return fhir;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (down) {
                send(x, 503, outcome("insurer is down for maintenance"));
                return;
            }
            String path = x.getRequestURI().getPath().substring("/fhir/".length());
            if ("POST".equals(x.getRequestMethod()) && path.equals("CoverageEligibilityRequest/$submit")) {
                send(x, 200, eligibility((CoverageEligibilityRequest) read(x)));
            } else if ("POST".equals(x.getRequestMethod()) && path.equals("Claim/$submit")) {
                Claim claim = (Claim) read(x);
                String id = "c" + ids.incrementAndGet();
                claim.setId(id);
                claims.put(id, claim);
                send(x, 200, answer(id, claim));
            } else if ("GET".equals(x.getRequestMethod()) && path.equals("ClaimResponse")) {
                String query = x.getRequestURI().getRawQuery();
                String request = query == null ? "" : URLDecoder.decode(query.replaceFirst("^request=", ""),
                        StandardCharsets.UTF_8);
                String id = request.replaceFirst("^Claim/", "");
                Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
                Claim claim = claims.get(id);
                if (claim != null) {
                    b.addEntry().setResource(answer(id, claim));
                }
                b.setTotal(b.getEntry().size());
                send(x, 200, b);
            } else {
                send(x, 404, outcome("unknown: " + x.getRequestMethod() + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(x, 400, outcome("cannot read the request: " + e.getMessage()));
        }
    }

    private CoverageEligibilityResponse eligibility(CoverageEligibilityRequest request) {
        received.add(request);
        String member = request.getPatient().getIdentifier().getValue();
        CoverageEligibilityResponse r = new CoverageEligibilityResponse();
        r.setId("e" + ids.incrementAndGet());
        r.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        r.setOutcome(Enumerations.RemittanceOutcome.COMPLETE);
        r.setPatient(request.getPatient());
        r.setInsurer(request.getInsurer());
        boolean inforce = members.contains(member);
        r.addInsurance().setCoverage(request.getInsuranceFirstRep().getCoverage()).setInforce(inforce);
        r.setDisposition(inforce ? "member " + member + " covered" : "no policy in force for member " + member);
        return r;
    }

    private ClaimResponse answer(String id, Claim claim) {
        if (!received.contains(claim)) {
            received.add(claim);
        }
        ClaimResponse r = new ClaimResponse();
        r.setId("r" + id);
        r.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
        r.setUse(ClaimResponse.Use.CLAIM);
        r.setPatient(claim.getPatient());
        r.setInsurer(claim.getInsurer());
        r.setRequest(new Reference("Claim/" + id));
        String member = claim.getPatient().getIdentifier().getValue();
        if (!members.contains(member)) {
            r.setOutcome(ClaimResponse.RemittanceOutcome.ERROR);
            r.addError().setCode(new CodeableConcept().setText("member " + member + " unknown"));
            return r;
        }
        if (queue) {
            r.setOutcome(ClaimResponse.RemittanceOutcome.QUEUED);
            r.setDisposition("queued for manual review");
            return r;
        }
        Money total = claim.getTotal();
        BigDecimal paid = denyReason != null ? BigDecimal.ZERO
                : total.getValue().multiply(BigDecimal.valueOf(approvePercent)).divide(BigDecimal.valueOf(100), 2,
                        RoundingMode.HALF_UP);
        r.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
        r.setDisposition(denyReason != null ? denyReason : approvePercent == 100 ? "paid in full"
                : "paid " + approvePercent + " %");
        r.addTotal().setCategory(new CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/adjudication", "submitted",
                        null))).setAmount(total);
        r.addTotal().setCategory(new CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/adjudication", "benefit",
                        null))).setAmount(new Money().setValue(paid).setCurrency(total.getCurrency()));
        r.getPayment().setAmount(new Money().setValue(paid).setCurrency(total.getCurrency()));
        return r;
    }

    private static IBaseResource read(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            return fhir().newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static OperationOutcome outcome(String text) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(text);
        return oo;
    }

    private static void send(HttpExchange x, int status, IBaseResource body) throws IOException {
        byte[] bytes = fhir().newJsonParser().encodeResourceToString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/fhir+json; charset=UTF-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
