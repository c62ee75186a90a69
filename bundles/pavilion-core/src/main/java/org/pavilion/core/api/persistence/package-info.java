/** Local JPA transactions on a department's persistence unit. */
@Export
@Version("1.0.0")
package org.pavilion.core.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
