/**
 * What other bundles may know of the telemedicine department: its events and their payloads (billing charges a
 * consultation from {@link org.pavilion.telemedicine.api.ConsultationEnded}; notifications tell the patient the doctor
 * is ready from {@link org.pavilion.telemedicine.api.ConsultationStarted}).
 */
@Export
@Version("1.0.0")
package org.pavilion.telemedicine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
