package org.pavilion.billing.internal.accounting;

import static org.pavilion.billing.internal.accounting.ClinicBooks.discounted;
import static org.pavilion.billing.internal.accounting.ClinicBooks.insured;
import static org.pavilion.billing.internal.accounting.ClinicBooks.item;

import java.time.LocalDate;

import org.pavilion.billing.internal.BillingDatabase;

/**
 * A small clinic's autumn, as the other parts leave it in the tables and the journal: two doctors (Dr Hartmann, GP;
 * Dr Okafor, cardiology), four patients (Alice and Chloe insured by Mutualia at 80 %, Bob and Dan not), a bed-day
 * ward, a lab and a pharmacy counter. November carries the month the finance office reports on; an August and an
 * October invoice are still unpaid, and one of November's is voided on 2 December.
 *
 * <pre>
 * inv1   3 Nov  Alice  consultation Hartmann 45.00, Hb 12.00 (80 % insured)    card 11.40 3 Nov, claim approved
 *                                                                             4 Nov, insurer pays 45.60 27 Nov
 * inv2   5 Nov  Bob    consultation Okafor 80.00, 20 paracetamol 3.00+0.17     cash 80.00 5 Nov,
 *                                                                             paracetamol credited 25 Nov
 * inv3  12 Nov  Chloe  consultation Okafor 80.00 - 10.00, ECG 35.00, 2 bed-days 300.00 (80 % insured, 324.00):
 *                      claim 13 Nov partly approved 300.00 on 20 Nov (24.00 moves to Chloe)
 * inv4  20 Nov  Dan    consultation Hartmann 45.00, 3 bandages 7.50+1.50 (20 %)
 * inv5  28 Nov  Bob    consultation Hartmann 45.00, voided 2 Dec
 * inv6  15 Oct  Dan    consultation Okafor 80.00, due 14 Nov, unpaid
 * INV-2026-000090 (BillingDatabase seed) 10 Aug  Bob  120.00, due 9 Sep, unpaid
 * claimDecember: Chloe's claim for inv7 (1 Dec, bed-day 150.00), still submitted
 * </pre>
 */
public final class NovemberAtTheClinic {

    public static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    public static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);

    public final String alice = "MRN-1001";
    public final String bob = "MRN-1002";
    public final String chloe = "MRN-1003";
    public final String dan = "MRN-1004";
    public final String alicePolicy;
    public final String chloePolicy;
    public final String inv1;
    public final String inv2;
    public final String inv3;
    public final String inv4;
    public final String inv5;
    public final String inv6;
    public final String august;
    public final String inv7;
    public final String creditNote;
    public final String claimAlice;
    public final String claimChloe;
    public final String claimDecember;

    public NovemberAtTheClinic(BillingDatabase db) {
        ClinicBooks books = new ClinicBooks(db);
        db.plan("MUTUALIA", null, "MUTUALIA-80", "0.80", "0", "CONSULTATION", "LAB_TEST", "PROCEDURE", "BED_DAY");
        alicePolicy = db.policy(alice, "MUTUALIA-80", "MU-55501");
        chloePolicy = db.policy(chloe, "MUTUALIA-80", "MU-55502");

        august = db.issuedInvoice(bob, "INV-2026-000090", "120.00", "0.00", null);
        books.postIssue(august, LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 9));

        inv6 = books.issue(dan, LocalDate.of(2026, 10, 15), null,
                item("CONS-CARDIO", "CONSULTATION", "dr.okafor", "1", "80.00", "0"));

        LocalDate nov3 = LocalDate.of(2026, 11, 3);
        inv1 = books.issue(alice, nov3, alicePolicy,
                insured(item("CONS-GP", "CONSULTATION", "dr.hartmann", "1", "45.00", "0"), "0.80"),
                insured(item("LAB-HB", "LAB_TEST", null, "1", "12.00", "0"), "0.80"));
        books.pay(inv1, "11.40", "CARD", nov3);
        claimAlice = books.claim(inv1, LocalDate.of(2026, 11, 4));
        books.adjudicate(claimAlice, "45.60", LocalDate.of(2026, 11, 4));

        LocalDate nov5 = LocalDate.of(2026, 11, 5);
        inv2 = books.issue(bob, nov5, null,
                item("CONS-CARDIO", "CONSULTATION", "dr.okafor", "1", "80.00", "0"),
                item("PH-PARA500", "MEDICINE", null, "20", "0.15", "0.0550"));
        books.pay(inv2, "80.00", "CASH", nov5);

        inv3 = books.issue(chloe, LocalDate.of(2026, 11, 12), chloePolicy,
                insured(discounted(item("CONS-CARDIO", "CONSULTATION", "dr.okafor", "1", "80.00", "0"), "10.00"),
                        "0.80"),
                insured(item("PROC-ECG", "PROCEDURE", null, "1", "35.00", "0"), "0.80"),
                insured(item("BED-DAY-GENERAL", "BED_DAY", null, "2", "150.00", "0"), "0.80"));
        claimChloe = books.claim(inv3, LocalDate.of(2026, 11, 13));
        books.adjudicate(claimChloe, "300.00", LocalDate.of(2026, 11, 20));

        inv4 = books.issue(dan, LocalDate.of(2026, 11, 20), null,
                item("CONS-GP", "CONSULTATION", "dr.hartmann", "1", "45.00", "0"),
                item("SUP-BANDAGE", "SUPPLY", null, "3", "2.50", "0.2000"));

        creditNote = books.creditNote(inv2, 2, LocalDate.of(2026, 11, 25));
        books.pay(inv1, "45.60", "INSURANCE", LocalDate.of(2026, 11, 27));

        inv5 = books.issue(bob, LocalDate.of(2026, 11, 28), null,
                item("CONS-GP", "CONSULTATION", "dr.hartmann", "1", "45.00", "0"));
        books.voidInvoice(inv5, LocalDate.of(2026, 12, 2));

        inv7 = books.issue(chloe, LocalDate.of(2026, 12, 1), chloePolicy,
                insured(item("BED-DAY-GENERAL", "BED_DAY", null, "1", "150.00", "0"), "0.80"));
        claimDecember = books.claim(inv7, LocalDate.of(2026, 12, 1));
    }
}
