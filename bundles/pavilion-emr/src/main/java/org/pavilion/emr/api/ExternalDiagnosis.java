package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A diagnosis a feed sends for a visit (HL7 DG1): an ICD-10 code and the sender's description of it.
 *
 * @since 1.6
 */
@ProviderType
public class ExternalDiagnosis {
    public String code;
    public String description;
}
