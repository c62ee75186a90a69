/**
 * Who is calling and what they may do: the caller of the current request with its privileges, and the annotations
 * that name the privilege a REST method or SOAP operation needs.
 */
@Export
@Version("2.2.0")
package org.pavilion.core.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
