/** The audit trail every department writes for each read and write of patient data. */
@Export
@Version("1.2.0")
package org.pavilion.core.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
