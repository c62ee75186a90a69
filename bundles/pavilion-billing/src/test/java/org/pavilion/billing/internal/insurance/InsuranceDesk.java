package org.pavilion.billing.internal.insurance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.fhir.FhirInsurerClient;
import org.pavilion.billing.internal.fhir.TestInsurer;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;

/**
 * The billing office's insurance desk on the real change log: the catalogue, policies and claims services, a local
 * FHIR insurer ({@link TestInsurer}) and the real FHIR client talking to it, a clock on 7 December 2026.
 */
final class InsuranceDesk implements AutoCloseable {

    static final Caller CLERK = Caller.inContainer("b.meyer",
            Set.of(InsurerResource.MANAGE, ClaimResource.MANAGE), "10.0.0.21");
    static final Caller SECOND_CLERK = Caller.inContainer("j.owusu",
            Set.of(InsurerResource.MANAGE, ClaimResource.MANAGE), "10.0.0.22");
    static final long NOW = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();

    final BillingDatabase db;
    final RecordingAudit audit = new RecordingAudit();
    final RecordingEvents events = new RecordingEvents();
    final TestInsurer insurer;
    final FhirInsurerClient client;
    final InsurerCatalogue catalogue;
    final PolicyService policies;
    final ClaimService claims;
    final CoverageService coverage = new CoverageService();
    private final AtomicInteger invoiceNumbers = new AtomicInteger();

    InsuranceDesk() throws Exception {
        this(Duration.ofSeconds(3));
    }

    InsuranceDesk(Duration insurerTimeout) throws Exception {
        db = new BillingDatabase();
        insurer = new TestInsurer();
        client = new FhirInsurerClient(insurerTimeout, "Pavilion Hospital");
        catalogue = new InsurerCatalogue(db.emf, audit, BillingDatabase.EUR, TestConstraints.platform());
        policies = new PolicyService(db.emf, audit, client, null, ZoneOffset.UTC, () -> NOW,
                TestConstraints.platform());
        claims = new ClaimService(db.emf, audit, events, client, null, ZoneOffset.UTC, () -> NOW,
                TestConstraints.platform());
    }

    /** POST /claims's body. */
    static ClaimResource.NewClaim newClaim(String invoiceId) {
        ClaimResource.NewClaim in = new ClaimResource.NewClaim();
        in.invoiceId = invoiceId;
        return in;
    }

    /** Insurer {@code code} whose FHIR server is the local test insurer. */
    InsurerDto insurer(String code) throws Exception {
        InsurerDto in = new InsurerDto();
        in.name = code + " Krankenkasse";
        in.fhirBaseUrl = insurer.baseUrl();
        in.payerId = "PAYER-" + code;
        return as(CLERK, () -> catalogue.putInsurer(code, in));
    }

    static PlanDto.Rule rule(String category, String percent, String copay, String annualLimit) {
        PlanDto.Rule r = new PlanDto.Rule();
        r.category = category;
        r.coveredPercent = percent;
        r.copay = copay;
        r.annualLimit = annualLimit;
        return r;
    }

    PlanDto plan(String code, String insurerCode, PlanDto.Rule... rules) throws Exception {
        PlanDto in = new PlanDto();
        in.name = code;
        in.insurerCode = insurerCode;
        in.rules = List.of(rules);
        return as(CLERK, () -> catalogue.putPlan(code, in));
    }

    PolicyDto policy(String mrn, String planCode, String memberId, String from) throws Exception {
        PolicyDto in = new PolicyDto();
        in.planCode = planCode;
        in.memberId = memberId;
        in.validFrom = from;
        return as(CLERK, () -> policies.create(mrn, in));
    }

    /** An issued one-line invoice (consultation) of {@code gross} with {@code insuranceShare} on the policy. */
    String issuedInvoice(String mrn, String gross, String insuranceShare, String policyId) {
        return db.issuedInvoice(mrn, String.format("INV-2026-%06d", invoiceNumbers.incrementAndGet()), gross,
                insuranceShare, policyId);
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    @Override
    public void close() throws Exception {
        insurer.close();
        db.close();
    }
}
