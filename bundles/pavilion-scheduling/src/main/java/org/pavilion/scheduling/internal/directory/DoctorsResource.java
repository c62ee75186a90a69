package org.pavilion.scheduling.internal.directory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorInput;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorProfile;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorSummary;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.Photo;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Change;
import org.pavilion.scheduling.internal.schedule.ScheduleService;

/**
 * REST at /api/v1/scheduling/doctors: the public directory, profile editing, and each doctor's schedule (one class
 * owns the whole path, as CXF picks one root class per base and does not backtrack).
 */
@Component(service = DoctorsResource.class, property = Endpoints.REST_BASE + "=/scheduling/doctors")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DoctorsResource {

    private static final String BASE = "/api/v1/scheduling/doctors/";

    private final DirectoryService directory;
    private final ScheduleService schedules;

    @Activate
    public DoctorsResource(@Reference DirectoryService directory, @Reference ScheduleService schedules) {
        this.directory = directory;
        this.schedules = schedules;
    }

    @GET
    @PublicEndpoint
    public Page<DoctorSummary> list(@QueryParam("specialty") String specialty, @QueryParam("service") String service,
            @QueryParam("language") String language, @QueryParam("name") String name,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return directory.doctors(specialty, service, language, name, page, size);
    }

    @POST
    @RequiresPrivilege(DirectoryService.EDIT)
    public Response create(DoctorInput in) {
        DoctorProfile p = directory.createDoctor(in);
        return Response.status(201).header("Location", BASE + p.id).entity(p).build();
    }

    @GET
    @Path("{id}")
    @PublicEndpoint
    public DoctorProfile get(@PathParam("id") String id) {
        return directory.doctor(id);
    }

    /**
     * Public at the door because it takes one of two privileges (edit any, or edit-own for the caller's own
     * profile): DirectoryService answers 401 without a caller and 403 without either.
     */
    @PUT
    @Path("{id}")
    @PublicEndpoint
    public DoctorProfile update(@PathParam("id") String id, DoctorInput in) {
        return directory.updateDoctor(id, in);
    }

    @GET
    @Path("{id}/photo")
    @PublicEndpoint
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public Response photo(@PathParam("id") String id) {
        Photo p = directory.photo(id);
        return Response.ok(p.content(), p.contentType()).header("Cache-Control", "public, max-age=300").build();
    }

    /** As {@link #update}: the service decides between the two privileges. */
    @PUT
    @Path("{id}/photo")
    @PublicEndpoint
    @Consumes({"image/png", "image/jpeg"})
    public Response putPhoto(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) throws IOException {
        byte[] content = body.readNBytes(DoctorPhotos.MAX_BYTES + 1);
        directory.putPhoto(id, contentType, content);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/schedule")
    @RequiresPrivilege("scheduling.schedule.view")
    public ScheduleDtos.Schedule schedule(@PathParam("id") String id) {
        return schedules.schedule(id);
    }

    @GET
    @Path("{id}/conflicts")
    @RequiresPrivilege("scheduling.schedule.view")
    public List<ScheduleDtos.Conflict> conflicts(@PathParam("id") String id) {
        return schedules.conflicts(id);
    }

    @POST
    @Path("{id}/working-hours")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Response addHours(@PathParam("id") String id, ScheduleDtos.WorkingHours in) {
        return created(schedules.addHours(id, in));
    }

    @PUT
    @Path("{id}/working-hours/{hoursId}")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Change updateHours(@PathParam("id") String id, @PathParam("hoursId") String hoursId,
            ScheduleDtos.WorkingHours in) {
        return schedules.updateHours(id, hoursId, in);
    }

    @DELETE
    @Path("{id}/working-hours/{hoursId}")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Change deleteHours(@PathParam("id") String id, @PathParam("hoursId") String hoursId) {
        return schedules.deleteHours(id, hoursId);
    }

    @POST
    @Path("{id}/leave")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Response addLeave(@PathParam("id") String id, ScheduleDtos.Leave in) {
        return created(schedules.addLeave(id, in));
    }

    @DELETE
    @Path("{id}/leave/{leaveId}")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Change deleteLeave(@PathParam("id") String id, @PathParam("leaveId") String leaveId) {
        return schedules.deleteLeave(id, leaveId);
    }

    @POST
    @Path("{id}/exceptions")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Response addException(@PathParam("id") String id, ScheduleDtos.DayException in) {
        return created(schedules.addException(id, in));
    }

    @DELETE
    @Path("{id}/exceptions/{exceptionId}")
    @RequiresPrivilege("scheduling.schedule.edit")
    public Change deleteException(@PathParam("id") String id, @PathParam("exceptionId") String exceptionId) {
        return schedules.deleteException(id, exceptionId);
    }

    private static Response created(Change change) {
        return Response.status(201).entity(change).build();
    }
}
