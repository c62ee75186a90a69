package org.pavilion.billing.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.CoverageRuleEntity;
import org.pavilion.billing.internal.insurance.InsurerEntity;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.billing.internal.pricing.PriceEntity;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with billing's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through the OpenJPA unit {@code billing-test}. The seeding helpers write rows directly, so each part's tests start
 * from prices, charges, issued invoices or policies without the other parts' services. Currency EUR.
 */
public final class BillingDatabase implements AutoCloseable {

    public static final String EUR = "EUR";

    public final EntityManagerFactory emf;
    /** Plain JDBC on the same database. */
    public final ChangeLogDatabase database;
    public final JpaTransactions jpa;

    public BillingDatabase() throws Exception {
        database = new ChangeLogDatabase("billing", "db/billing-changelog.xml");
        emf = Persistence.createEntityManagerFactory("billing-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        jpa = new JpaTransactions(emf);
    }

    /** A price of {@code code} valid from 2000-01-01, open-ended; its id. */
    public String price(String code, String name, String category, String unitPrice, String taxCategory) {
        String id = UUID.randomUUID().toString();
        jpa.run(em -> {
            PriceEntity p = new PriceEntity();
            p.setId(id);
            p.setCode(code);
            p.setName(name);
            p.setCategory(category);
            p.setUnitPrice(new BigDecimal(unitPrice));
            p.setTaxCategory(taxCategory);
            p.setValidFrom("2000-01-01");
            p.setActive(true);
            em.persist(p);
        });
        return id;
    }

    /** An OPEN charge of the patient (source MANUAL, a fresh source id); its id. */
    public String charge(String patientId, String encounterId, String priceCode, String category, String quantity,
            String unitPrice, String taxRate, String serviceDate) {
        String id = UUID.randomUUID().toString();
        jpa.run(em -> {
            ChargeEntity c = new ChargeEntity();
            c.setId(id);
            c.setPatientId(patientId);
            c.setEncounterId(encounterId);
            c.setSourceType("MANUAL");
            c.setSourceId(id);
            c.setPriceCode(priceCode);
            c.setDescription(priceCode);
            c.setCategory(category);
            c.setDepartment(org.pavilion.billing.internal.pricing.PriceList.departmentOf(category));
            c.setQuantity(new BigDecimal(quantity));
            c.setUnitPrice(new BigDecimal(unitPrice));
            c.setTaxCategory("TEST");
            c.setTaxRate(new BigDecimal(taxRate));
            c.setServiceDate(serviceDate);
            c.setPostedMs(System.currentTimeMillis());
            c.setPostedBy("seed");
            c.setStatus("OPEN");
            em.persist(c);
        });
        return id;
    }

    /**
     * An ISSUED invoice of one line (quantity 1 at {@code gross}, no tax) numbered {@code number}, with
     * {@code insuranceShare} of it on {@code policyId} (may be null); its id. Nothing is posted to the journal.
     */
    public String issuedInvoice(String patientId, String number, String gross, String insuranceShare,
            String policyId) {
        String id = UUID.randomUUID().toString();
        BigDecimal g = new BigDecimal(gross);
        BigDecimal ins = new BigDecimal(insuranceShare);
        jpa.run(em -> {
            InvoiceEntity i = new InvoiceEntity();
            i.setId(id);
            i.setNumber(number);
            i.setKind("INVOICE");
            i.setPatientId(patientId);
            i.setStatus(InvoiceBalances.ISSUED);
            i.setCurrency(EUR);
            i.setNetTotal(g);
            i.setDiscountTotal(BigDecimal.ZERO.setScale(2));
            i.setTaxTotal(BigDecimal.ZERO.setScale(2));
            i.setGrossTotal(g);
            i.setInsuranceShare(ins);
            i.setPatientShare(g.subtract(ins));
            i.setPaidByPatient(BigDecimal.ZERO.setScale(2));
            i.setPaidByInsurance(BigDecimal.ZERO.setScale(2));
            i.setPolicyId(policyId);
            i.setDueDate("2026-12-31");
            i.setCreatedMs(System.currentTimeMillis());
            i.setCreatedBy("seed");
            i.setIssuedMs(System.currentTimeMillis());
            i.setIssuedBy("seed");
            em.persist(i);
            LineAmounts a = LineAmounts.of(BigDecimal.ONE, g, BigDecimal.ZERO, BigDecimal.ZERO, EUR);
            InvoiceLineEntity l = new InvoiceLineEntity();
            l.setId(UUID.randomUUID().toString());
            l.setInvoiceId(id);
            l.setLineNo(1);
            l.setPriceCode("CONS-GP");
            l.setDescription("Consultation");
            l.setCategory("CONSULTATION");
            l.setDepartment("CONSULTATIONS");
            l.setServiceDate("2026-12-07");
            l.setQuantity(BigDecimal.ONE.setScale(3));
            l.setUnitPrice(g.setScale(4));
            l.setNet(a.net());
            l.setDiscount(a.discount());
            l.setTaxRate(BigDecimal.ZERO.setScale(4));
            l.setTax(a.tax());
            l.setGross(a.gross());
            l.setInsuranceShare(ins);
            l.setPatientShare(g.subtract(ins));
            em.persist(l);
        });
        return id;
    }

    /**
     * Insurer {@code insurerCode} (FHIR base URL may be null) with plan {@code planCode} covering {@code percent}
     * (a fraction) of every category after a co-pay, no annual limit; unless they exist.
     */
    public void plan(String insurerCode, String fhirBaseUrl, String planCode, String percent, String copay,
            String... categories) {
        jpa.run(em -> {
            if (em.find(InsurerEntity.class, insurerCode) == null) {
                InsurerEntity i = new InsurerEntity();
                i.setCode(insurerCode);
                i.setName(insurerCode + " health insurance");
                i.setFhirBaseUrl(fhirBaseUrl);
                i.setPayerId(insurerCode);
                i.setActive(true);
                em.persist(i);
            }
            if (em.find(PlanEntity.class, planCode) == null) {
                PlanEntity p = new PlanEntity();
                p.setCode(planCode);
                p.setInsurerCode(insurerCode);
                p.setName(planCode);
                p.setActive(true);
                em.persist(p);
            }
            for (String category : categories) {
                CoverageRuleEntity r = new CoverageRuleEntity();
                r.setPlanCode(planCode);
                r.setCategory(category);
                r.setCoveredPercent(new BigDecimal(percent));
                r.setCopay(new BigDecimal(copay));
                em.merge(r);
            }
        });
    }

    /** An ACTIVE policy of the patient on the plan, valid from 2000-01-01; its id. */
    public String policy(String patientId, String planCode, String memberId) {
        String id = UUID.randomUUID().toString();
        jpa.run(em -> {
            PolicyEntity p = new PolicyEntity();
            p.setId(id);
            p.setPatientId(patientId);
            p.setPlanCode(planCode);
            p.setMemberId(memberId);
            p.setValidFrom("2000-01-01");
            p.setStatus("ACTIVE");
            em.persist(p);
        });
        return id;
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
