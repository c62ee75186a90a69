package org.pavilion.billing.internal.insurance;

/** An insurer as REST reads and writes it (docs/billing-api.md, "Insurance and claims"). */
public class InsurerDto {
    public String code;
    public String name;
    /** The insurer's FHIR R4 server; null: no eligibility checks or claims (paper). */
    public String fhirBaseUrl;
    /** How the insurer names itself in FHIR ({@code Claim.insurer.identifier}); the code when null. */
    public String payerId;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
