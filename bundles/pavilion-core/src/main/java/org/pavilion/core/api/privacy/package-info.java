/**
 * Privacy participants: how a department's rows take part in a patient's merge, GDPR export and erasure, which
 * the EMR orchestrates. In the core so that low-level bundles (the event store, the HL7 hub) take part without
 * depending on the EMR.
 */
@Export
@Version("1.0.0")
package org.pavilion.core.api.privacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
