/** Who is calling: roles and the caller of the current request. */
@Export
@Version("1.1.0")
package org.pavilion.core.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
