package org.pavilion.billing.internal.fhir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimAnswer;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimRequest;
import org.pavilion.billing.internal.fhir.InsurerExchange.Eligibility;
import org.pavilion.billing.internal.fhir.InsurerExchange.EligibilityAnswer;
import org.pavilion.billing.internal.fhir.InsurerExchange.Insurer;
import org.pavilion.billing.internal.fhir.InsurerExchange.Item;
import org.pavilion.billing.internal.fhir.InsurerExchange.Outcome;
import org.pavilion.billing.internal.fhir.InsurerExchange.Unavailable;

import ca.uhn.fhir.parser.DataFormatException;

/**
 * Talks FHIR R4 JSON to an insurer's server over plain {@code java.net.http} (docs/billing-fhir.md): eligibility
 * ({@code CoverageEligibilityRequest/$submit}), claims ({@code Claim/$submit}) and their later answers
 * ({@code ClaimResponse?request=Claim/<id>}). Never called inside a database transaction: an insurer takes its time.
 */
@Component(service = FhirInsurerClient.class, configurationPid = BillingConfig.PID)
public class FhirInsurerClient {

    private final HttpClient http;
    private volatile Duration timeout;
    private volatile String hospitalName;

    @Activate
    public FhirInsurerClient(BillingConfig config) {
        this(Duration.ofSeconds(Math.max(1, config.insurerTimeoutSeconds())), config.hospitalName());
    }

    public FhirInsurerClient(Duration timeout, String hospitalName) {
        this.timeout = timeout;
        this.hospitalName = hospitalName;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Modified
    void modified(BillingConfig config) {
        this.timeout = Duration.ofSeconds(Math.max(1, config.insurerTimeoutSeconds()));
        this.hospitalName = config.hospitalName();
    }

    /** Is the member covered on {@code day}? ERROR when the insurer says so or cannot be asked. */
    public EligibilityAnswer checkEligibility(Insurer insurer, String memberId, LocalDate day) {
        CoverageEligibilityRequest request = new CoverageEligibilityRequest();
        request.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE);
        request.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.VALIDATION);
        request.setPatient(member(memberId));
        request.setServiced(new DateType(java.sql.Date.valueOf(day)));
        request.setCreated(new Date());
        request.setProvider(new Reference().setDisplay(hospitalName));
        request.setInsurer(payer(insurer));
        request.addInsurance().setFocal(true).setCoverage(member(memberId));
        IBaseResource answer;
        try {
            answer = post(insurer, "CoverageEligibilityRequest/$submit", request);
        } catch (Unavailable e) {
            return new EligibilityAnswer(Eligibility.ERROR, e.getMessage());
        }
        if (answer instanceof OperationOutcome oo) {
            return new EligibilityAnswer(Eligibility.ERROR, text(oo));
        }
        CoverageEligibilityResponse response = first(answer, CoverageEligibilityResponse.class);
        if (response == null) {
            return new EligibilityAnswer(Eligibility.ERROR, "the insurer answered no CoverageEligibilityResponse");
        }
        if (response.getOutcome() == Enumerations.RemittanceOutcome.ERROR || response.hasError()) {
            String errors = response.getError().stream().map(e -> e.getCode().getText() != null
                    ? e.getCode().getText() : e.getCode().getCodingFirstRep().getCode()).collect(Collectors.joining("; "));
            return new EligibilityAnswer(Eligibility.ERROR, firstOf(errors, response.getDisposition(), "error"));
        }
        boolean inforce = response.getInsurance().stream().anyMatch(i -> i.hasInforce() && i.getInforce());
        return new EligibilityAnswer(inforce ? Eligibility.ELIGIBLE : Eligibility.NOT_ELIGIBLE,
                firstOf(response.getDisposition(), inforce ? "in force" : "not in force"));
    }

    /** Sends the claim; the insurer adjudicates at once (COMPLETE), later (QUEUED) or refuses it (ERROR). */
    public ClaimAnswer submitClaim(Insurer insurer, ClaimRequest request) throws Unavailable {
        Claim claim = new Claim();
        claim.addIdentifier(new Identifier().setSystem(FhirR4.CLAIM_NUMBER_SYSTEM).setValue(request.claimNumber()));
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/claim-type", "institutional",
                        "Institutional")));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(member(request.memberId()));
        claim.setCreated(new Date());
        claim.setInsurer(payer(insurer));
        claim.setProvider(new Reference().setDisplay(hospitalName));
        claim.setPriority(new CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal",
                        "Normal")));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(member(request.memberId()));
        for (Item item : request.items()) {
            Claim.ItemComponent c = claim.addItem();
            c.setSequence(item.sequence());
            c.setProductOrService(new CodeableConcept().setText(item.description()).addCoding(
                    new org.hl7.fhir.r4.model.Coding(FhirR4.PRICE_CODE_SYSTEM, item.priceCode(), item.description())));
            if (item.serviceDate() != null) {
                c.setServiced(new DateType(java.sql.Date.valueOf(item.serviceDate())));
            }
            c.setQuantity(new Quantity().setValue(item.quantity()));
            c.setUnitPrice(money(item.unitPrice(), request.currency()));
            c.setNet(money(item.claimed(), request.currency()));
        }
        claim.setTotal(money(request.total(), request.currency()));
        IBaseResource answer = post(insurer, "Claim/$submit", claim);
        if (answer instanceof OperationOutcome oo) {
            return new ClaimAnswer(Outcome.ERROR, null, null, null, text(oo));
        }
        ClaimResponse response = first(answer, ClaimResponse.class);
        if (response == null) {
            throw new Unavailable("the insurer answered no ClaimResponse", null);
        }
        return read(response);
    }

    /** The insurer's ClaimResponse to our claim it knows as {@code insurerClaimId}; empty while it has none. */
    public Optional<ClaimAnswer> claimResponse(Insurer insurer, String insurerClaimId) throws Unavailable {
        String query = "ClaimResponse?request=" + URLEncoder.encode("Claim/" + insurerClaimId, StandardCharsets.UTF_8);
        IBaseResource answer = send(insurer, HttpRequest.newBuilder(uri(insurer, query)).GET());
        if (answer instanceof OperationOutcome oo) {
            return Optional.of(new ClaimAnswer(Outcome.ERROR, insurerClaimId, null, null, text(oo)));
        }
        ClaimResponse response = first(answer, ClaimResponse.class);
        return Optional.ofNullable(response).map(this::read);
    }

    private ClaimAnswer read(ClaimResponse r) {
        String claimId = r.getRequest().getReferenceElement().getIdPart();
        String responseId = r.getIdElement().getIdPart();
        ClaimResponse.RemittanceOutcome outcome = r.getOutcome();
        if (outcome == ClaimResponse.RemittanceOutcome.ERROR || outcome == null) {
            String errors = r.getError().stream().map(e -> e.getCode().getText() != null
                    ? e.getCode().getText() : e.getCode().getCodingFirstRep().getCode()).collect(Collectors.joining("; "));
            return new ClaimAnswer(Outcome.ERROR, claimId, responseId, null,
                    firstOf(errors, r.getDisposition(), "refused by the insurer"));
        }
        if (outcome == ClaimResponse.RemittanceOutcome.QUEUED) {
            return new ClaimAnswer(Outcome.QUEUED, claimId, responseId, null, r.getDisposition());
        }
        // complete (or partial: processed with some errors): what it pays
        BigDecimal approved = null;
        if (r.hasPayment() && r.getPayment().hasAmount()) {
            approved = r.getPayment().getAmount().getValue();
        } else {
            approved = r.getTotal().stream()
                    .filter(t -> t.getCategory().getCoding().stream().anyMatch(c -> "benefit".equals(c.getCode())))
                    .map(t -> t.getAmount().getValue()).findFirst().orElse(BigDecimal.ZERO);
        }
        return new ClaimAnswer(Outcome.COMPLETE, claimId, responseId, approved, r.getDisposition());
    }

    private IBaseResource post(Insurer insurer, String path, Resource body) throws Unavailable {
        String json = FhirR4.json().encodeResourceToString(body);
        return send(insurer, HttpRequest.newBuilder(uri(insurer, path))
                .header("Content-Type", FhirR4.MEDIA_TYPE + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private IBaseResource send(Insurer insurer, HttpRequest.Builder request) throws Unavailable {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Accept", FhirR4.MEDIA_TYPE).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("insurer " + insurer.code() + " did not answer: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for insurer " + insurer.code(), e);
        }
        if (response.statusCode() >= 500) {
            throw new Unavailable("insurer " + insurer.code() + " answered HTTP " + response.statusCode(), null);
        }
        try {
            IBaseResource parsed = FhirR4.json().parseResource(response.body());
            if (response.statusCode() >= 400 && !(parsed instanceof OperationOutcome)) {
                throw new Unavailable("insurer " + insurer.code() + " answered HTTP " + response.statusCode(), null);
            }
            return parsed;
        } catch (DataFormatException e) {
            throw new Unavailable("insurer " + insurer.code() + " answered HTTP " + response.statusCode()
                    + " without FHIR JSON", e);
        }
    }

    private static URI uri(Insurer insurer, String path) throws Unavailable {
        String base = insurer.fhirBaseUrl();
        if (base == null || base.isBlank()) {
            throw new Unavailable("insurer " + insurer.code() + " has no FHIR base URL", null);
        }
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    private static String describe(IOException e) {
        return e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static <T extends Resource> T first(IBaseResource answer, Class<T> type) {
        if (type.isInstance(answer)) {
            return type.cast(answer);
        }
        if (answer instanceof Bundle b) {
            return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                    .map(type::cast).findFirst().orElse(null);
        }
        return null;
    }

    private static Reference member(String memberId) {
        return new Reference().setIdentifier(new Identifier().setSystem(FhirR4.MEMBER_ID_SYSTEM).setValue(memberId));
    }

    private static Reference payer(Insurer insurer) {
        return new Reference().setIdentifier(new Identifier().setSystem(FhirR4.PAYER_ID_SYSTEM)
                .setValue(insurer.payerId() != null ? insurer.payerId() : insurer.code()));
    }

    private static Money money(BigDecimal amount, String currency) {
        Money m = new Money();
        m.setValue(amount);
        m.setCurrency(currency);
        return m;
    }

    private static String text(OperationOutcome oo) {
        return firstOf(oo.getIssue().stream().map(i -> i.hasDiagnostics() ? i.getDiagnostics() : i.getDetails().getText())
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("; ")), "refused by the insurer");
    }

    private static String firstOf(String... texts) {
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                return t.length() > 480 ? t.substring(0, 480) : t;
            }
        }
        return null;
    }
}
