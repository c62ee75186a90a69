package org.pavilion.billing.internal.accounting;

/**
 * The chart of accounts billing posts to (codes as a hospital's accounting system imports them; docs/billing-api.md,
 * "Journal"). Revenue is split by department, so the export maps straight onto the hospital's cost centres.
 */
public enum Account {
    CASH("1000", "Cash in tills"),
    CARD("1010", "Card payments to settle"),
    BANK("1020", "Bank"),
    ONLINE("1030", "Online payments to settle"),
    RECEIVABLE_PATIENTS("1100", "Receivables from patients"),
    RECEIVABLE_INSURERS("1110", "Receivables from insurers"),
    TAX_PAYABLE("2100", "Tax payable"),
    REVENUE_CONSULTATIONS("4100", "Revenue: consultations"),
    REVENUE_LABORATORY("4200", "Revenue: laboratory"),
    REVENUE_PHARMACY("4300", "Revenue: pharmacy"),
    REVENUE_PROCEDURES("4400", "Revenue: procedures"),
    REVENUE_WARDS("4500", "Revenue: wards (bed-days)"),
    REVENUE_OTHER("4900", "Revenue: other"),
    DISCOUNTS("4950", "Discounts granted");

    public final String code;
    public final String title;

    Account(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The revenue account of a charge's department (CONSULTATIONS, LABORATORY, PHARMACY, PROCEDURES, WARDS, OTHER). */
    public static Account revenue(String department) {
        if (department == null) {
            return REVENUE_OTHER;
        }
        switch (department) {
            case "CONSULTATIONS": return REVENUE_CONSULTATIONS;
            case "LABORATORY": return REVENUE_LABORATORY;
            case "PHARMACY": return REVENUE_PHARMACY;
            case "PROCEDURES": return REVENUE_PROCEDURES;
            case "WARDS": return REVENUE_WARDS;
            default: return REVENUE_OTHER;
        }
    }

    /** The account of a code, or null. */
    public static Account ofCode(String code) {
        for (Account a : values()) {
            if (a.code.equals(code)) {
                return a;
            }
        }
        return null;
    }
}
