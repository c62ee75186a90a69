package org.pavilion.billing.internal.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What billing sends an insurer and reads back, without FHIR types (the FHIR mapping is {@link FhirInsurerClient}'s). */
public final class InsurerExchange {

    private InsurerExchange() {
    }

    /** Where the insurer's FHIR server is and who it is. */
    public record Insurer(String code, String fhirBaseUrl, String payerId) {
    }

    public enum Eligibility {
        ELIGIBLE, NOT_ELIGIBLE, ERROR
    }

    /** The answer to an eligibility check: ERROR also when the insurer did not answer ({@code detail} says why). */
    public record EligibilityAnswer(Eligibility eligibility, String detail) {
    }

    /** One line claimed: the price code, the quantity and unit price, and the amount asked of the insurer. */
    public record Item(int sequence, String priceCode, String description, LocalDate serviceDate, BigDecimal quantity,
            BigDecimal unitPrice, BigDecimal claimed) {
    }

    /** A claim as sent: our number, the member, the currency, the total asked (the items' sum). */
    public record ClaimRequest(String claimNumber, String invoiceNumber, String memberId, String currency,
            BigDecimal total, List<Item> items) {
    }

    /** How far the insurer got. */
    public enum Outcome {
        /** Adjudicated: {@code approved} is what it pays. */
        COMPLETE,
        /** Received, to be adjudicated later: ask again. */
        QUEUED,
        /** Refused as a claim (malformed, unknown member...): {@code reason} says why. */
        ERROR
    }

    /**
     * The insurer's ClaimResponse: its id of our Claim (asked for on refresh), its response id, the amount approved
     * (complete), the disposition or error text.
     */
    public record ClaimAnswer(Outcome outcome, String insurerClaimId, String responseId, BigDecimal approved,
            String reason) {
    }

    /** The insurer could not be reached or did not answer in time (or answered 5xx): nothing was decided. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
