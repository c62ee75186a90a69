/**
 * What a department implements to take HL7 v2 messages from the hub ({@link org.pavilion.hl7.api.Hl7Handler}) and
 * to contribute messages to the hub's outbound feeds ({@link org.pavilion.hl7.api.OutboundBuilder}). A bundle of
 * its own so that a department depends on these few types, never on the hub and its listeners; no HAPI type and no
 * hub internal appears in a signature.
 */
@Export
@Version("1.1.0")
package org.pavilion.hl7.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
