/**
 * Privacy participants: how a department's rows take part in a patient's merge, GDPR export and erasure, which
 * the EMR orchestrates. In the core so that low-level bundles (the event store, the HL7 hub) take part without
 * depending on the EMR. 1.1 adds {@link org.pavilion.core.api.privacy.TextScan}, the search and erasure
 * transaction of participants whose rows have no patient column.
 */
@Export
@Version("1.1.0")
package org.pavilion.core.api.privacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
