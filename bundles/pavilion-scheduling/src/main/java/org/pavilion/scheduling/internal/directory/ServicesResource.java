package org.pavilion.scheduling.internal.directory;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/scheduling/services: the catalogue of what doctors are booked for. */
@Component(service = ServicesResource.class, property = Endpoints.REST_BASE + "=/scheduling/services")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {

    private final DirectoryService directory;

    @Activate
    public ServicesResource(@Reference DirectoryService directory) {
        this.directory = directory;
    }

    @GET
    @PublicEndpoint
    public List<DirectoryDtos.Service> list() {
        return directory.services();
    }

    @POST
    @RequiresPrivilege(DirectoryService.EDIT)
    public Response create(DirectoryDtos.Service in) {
        DirectoryDtos.Service s = directory.createService(in);
        return Response.status(201).header("Location", "/api/v1/scheduling/services/" + s.code).entity(s).build();
    }

    @PUT
    @Path("{code}")
    @RequiresPrivilege(DirectoryService.EDIT)
    public DirectoryDtos.Service update(@PathParam("code") String code, DirectoryDtos.Service in) {
        return directory.updateService(code, in);
    }
}
