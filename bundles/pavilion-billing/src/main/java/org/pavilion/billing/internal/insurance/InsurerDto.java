package org.pavilion.billing.internal.insurance;

import javax.validation.constraints.NotBlank;

/**
 * An insurer as REST reads and writes it (docs/billing-api.md, "Insurance and claims"). A PUT's field rules are
 * declared (DeclaredConstraints, every broken one in one 400 with the address's code); the version is checked after.
 */
public class InsurerDto {
    /** The address's; may be left out of a PUT's body. */
    public String code;
    @NotBlank
    public String name;
    /** The insurer's FHIR R4 server; null: no eligibility checks or claims (paper). */
    @HttpUrl
    public String fhirBaseUrl;
    /** How the insurer names itself in FHIR ({@code Claim.insurer.identifier}); the code when null. */
    public String payerId;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
