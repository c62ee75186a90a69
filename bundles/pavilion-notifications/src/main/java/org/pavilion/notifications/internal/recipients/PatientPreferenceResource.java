package org.pavilion.notifications.internal.recipients;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/patients/{mrn}/preferences: a patient's opt-outs, recorded at the desk. */
@Component(service = PatientPreferenceResource.class,
        property = Endpoints.REST_BASE + "=" + PatientPreferenceResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientPreferenceResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/patients";

    private final Preferences preferences;

    @Activate
    public PatientPreferenceResource(@Reference Preferences preferences) {
        this.preferences = preferences;
    }

    @GET
    @Path("{mrn}/preferences")
    @RequiresPrivilege(Preferences.MANAGE)
    public PreferenceBodies.View get(@PathParam("mrn") String mrn) {
        return preferences.read(mrn);
    }

    @PUT
    @Path("{mrn}/preferences")
    @RequiresPrivilege(Preferences.MANAGE)
    public PreferenceBodies.View put(@PathParam("mrn") String mrn, PreferenceBodies.Update body) {
        return preferences.update(mrn, body);
    }
}
