/** Retrying after a failure: {@link org.pavilion.core.api.retry.Backoff}, the one back-off rule of the platform. */
@Export
@Version("1.0.0")
package org.pavilion.core.api.retry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
