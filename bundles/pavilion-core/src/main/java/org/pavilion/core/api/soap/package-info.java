/**
 * What the departments' SOAP faces share: the business fault that carries a REST problem's type, status and detail.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.pavilion.core.api.soap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
