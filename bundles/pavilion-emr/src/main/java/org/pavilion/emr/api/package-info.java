/** What other bundles may know of the EMR: its event types and payloads, the optional lab-results SPI, and the
 * {@link org.pavilion.emr.api.PatientDirectory} for feeds that need synchronous answers (HL7 ADT), and (1.5) the
 * {@link org.pavilion.emr.api.PatientLookup} through which a department's code reads a patient's demographics, and
 * (1.6) {@link org.pavilion.emr.api.PatientAccess}: whether the current caller may see or act on a part of a patient's data.
 * 2.0: visits without a number, pre-admissions, class changes (EncounterClassChanged), identifier changes and coded
 * allergies; {@code PatientDirectory.Participant} and {@code registerOrUpdate(patient, participant)} left the API: the
 * message-and-patient single commit is the EMR's own ADT handler's, and departments get that guarantee through the
 * hub's handler API ({@code Completion.commit}).
 * 2.1: {@code PatientDirectory.openEncounterForPatient}: an encounter for a visit of a patient known by MRN.
 * 2.2: {@link org.pavilion.emr.api.PatientAllergies} (the pharmacy's allergy check) and
 * {@code PrescriptionIssued.drugCode} (prescribed from the pharmacy's catalogue).
 * 2.3: {@link org.pavilion.emr.api.PatientDocuments} (a department attaches a file to a patient's documents, linked to
 * an encounter) and {@code DocumentAttached.encounterId}. */
@Export
@Version("2.3.0")
package org.pavilion.emr.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
