package org.pavilion.emr.internal;

import java.io.InputStream;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/emr/patient-import: bulk import of patients (NDJSON) for hospitals migrating from a legacy
 * system. A base of its own, as bases cannot nest under /emr/patients.
 */
@Component(service = PatientImportResource.class, property = Endpoints.REST_BASE + "=/emr/patient-import")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PatientImportResource {

    private final PatientImporter importer;

    @Activate
    public PatientImportResource(@Reference PatientImporter importer) {
        this.importer = importer;
    }

    /** Streams the body line by line; answers when the last batch is committed. */
    @POST
    @Consumes({"application/x-ndjson", "application/ndjson", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RequiresPrivilege("emr.patient.import")
    public ImportReport importPatients(InputStream body,
            @QueryParam("batchSize") @DefaultValue("" + PatientImporter.DEFAULT_BATCH) int batchSize,
            @QueryParam("publishEvents") @DefaultValue("true") boolean publishEvents) {
        return importer.importNdjson(body, batchSize, publishEvents);
    }
}
