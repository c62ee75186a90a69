package org.pavilion.core.internal.rest.resources;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.security.PrivilegeView;
import org.pavilion.core.internal.security.RoleAdministration;
import org.pavilion.core.internal.security.totp.SecondFactors;
import org.pavilion.core.internal.security.RoleView;

/** Roles at /api/v1/platform/roles: administrator-defined sets of privileges. */
@Component(service = RoleResource.class, property = Endpoints.REST_BASE + "=/platform/roles")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPrivilege("platform.role.manage")
public class RoleResource {

    private final RoleAdministration roles;
    private final SecondFactors secondFactors;

    @Activate
    public RoleResource(@Reference RoleAdministration roles, @Reference SecondFactors secondFactors) {
        this.roles = roles;
        this.secondFactors = secondFactors;
    }

    /** Whether the role's holders must sign in with a second factor (TOTP). */
    public static final class SecondFactorRule {
        public String role;
        public Boolean requireSecondFactor;
    }

    /** A new role, or a rename and/or new description of one. */
    public static final class RoleChange {
        public String name;
        public String description;
    }

    @GET
    public List<RoleView> list() {
        return roles.roles();
    }

    @POST
    public Response create(RoleChange role) {
        if (role == null) {
            throw ProblemException.validation("A JSON body with the role's name is required");
        }
        RoleView created = roles.create(role.name, role.description);
        return Response.status(201).header("Location", "/api/v1/platform/roles/" + created.name).entity(created).build();
    }

    @GET
    @Path("{name}")
    public RoleView get(@PathParam("name") String name) {
        return roles.role(name);
    }

    @PUT
    @Path("{name}")
    public RoleView update(@PathParam("name") String name, RoleChange change) {
        if (change == null) {
            throw ProblemException.validation("A JSON body with a new name and/or description is required");
        }
        return roles.update(name, change.name, change.description);
    }

    @GET
    @Path("{name}/second-factor")
    public SecondFactorRule secondFactor(@PathParam("name") String name) {
        SecondFactorRule out = new SecondFactorRule();
        out.role = name;
        out.requireSecondFactor = secondFactors.roleRequires(name);
        return out;
    }

    /** {"requireSecondFactor":true}: holders without a second factor may then only enrol until they have one. */
    @PUT
    @Path("{name}/second-factor")
    public SecondFactorRule requireSecondFactor(@PathParam("name") String name, SecondFactorRule rule) {
        if (rule == null || rule.requireSecondFactor == null) {
            throw ProblemException.validation("A JSON body with requireSecondFactor true or false is required");
        }
        secondFactors.setRoleRequires(name, rule.requireSecondFactor);
        return secondFactor(name);
    }

    @PUT
    @Path("{name}/privileges/{privilege}")
    public RoleView grant(@PathParam("name") String name, @PathParam("privilege") String privilege) {
        return roles.grant(name, privilege);
    }

    @DELETE
    @Path("{name}/privileges/{privilege}")
    public RoleView revoke(@PathParam("name") String name, @PathParam("privilege") String privilege) {
        return roles.revoke(name, privilege);
    }

    /** GET /api/v1/platform/privileges: every privilege the platform knows, and whether its module is installed. */
    @Component(service = Privileges.class, property = Endpoints.REST_BASE + "=/platform/privileges")
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPrivilege("platform.role.manage")
    public static class Privileges {
        private final RoleAdministration roles;

        @Activate
        public Privileges(@Reference RoleAdministration roles) {
            this.roles = roles;
        }

        @GET
        public List<PrivilegeView> list() {
            return roles.privileges();
        }
    }
}
