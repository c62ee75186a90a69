package org.pavilion.core.internal.rest.resources;

import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.UserView;

/** User administration at /api/v1/platform/users, for administrators: accounts and the roles they hold. */
@Component(service = UserResource.class, property = Endpoints.REST_BASE + "=/platform/users")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPrivilege("platform.user.manage")
public class UserResource {

    private final AccountService accounts;

    @Activate
    public UserResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    public static final class NewUser {
        public String username;
        public String password;
        public Set<String> roles;
        public String patientId;
        /** Optional: the password is a temporary one the user must replace at the first sign-in. */
        public boolean passwordChangeRequired;
    }

    public static final class RolesChange {
        public Set<String> roles;
        public String patientId;
    }

    public static final class PasswordReset {
        public String password;
        /** Optional: a temporary password the user must replace at the next sign-in. */
        public boolean passwordChangeRequired;
    }

    @POST
    public Response create(NewUser user) {
        require(user);
        UserView created = accounts.create(user.username, user.password, user.roles, user.patientId,
                user.passwordChangeRequired);
        return Response.status(201).header("Location", "/api/v1/platform/users/" + created.username).entity(created).build();
    }

    @GET
    public Page<UserView> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return accounts.list(page, size);
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return accounts.get(username);
    }

    @PUT
    @Path("{username}/roles")
    public UserView changeRoles(@PathParam("username") String username, RolesChange change) {
        require(change);
        return accounts.changeRoles(username, change.roles, change.patientId);
    }

    /** Adds one role to the account's roles (the account's sessions end, as for any change of its roles). */
    @PUT
    @Path("{username}/roles/{role}")
    public UserView assignRole(@PathParam("username") String username, @PathParam("role") String role) {
        UserView user = accounts.get(username);
        Set<String> roles = new TreeSet<>(user.roles);
        roles.add(role);
        return accounts.changeRoles(username, roles, user.patientId);
    }

    @DELETE
    @Path("{username}/roles/{role}")
    public UserView unassignRole(@PathParam("username") String username, @PathParam("role") String role) {
        UserView user = accounts.get(username);
        Set<String> roles = new TreeSet<>(user.roles);
        if (!roles.remove(role)) {
            throw ProblemException.notFound("Role of user " + user.username, role);
        }
        return accounts.changeRoles(username, roles, user.patientId);
    }

    @POST
    @Path("{username}/disable")
    public UserView disable(@PathParam("username") String username) {
        return accounts.setEnabled(username, false);
    }

    @POST
    @Path("{username}/enable")
    public UserView enable(@PathParam("username") String username) {
        return accounts.setEnabled(username, true);
    }

    /** Lifts the account's locks after failed logins, for every client address; its sessions stay. */
    @POST
    @Path("{username}/unlock")
    public UserView unlock(@PathParam("username") String username) {
        return accounts.unlock(username);
    }

    @POST
    @Path("{username}/password")
    public UserView resetPassword(@PathParam("username") String username, PasswordReset reset) {
        require(reset);
        return accounts.resetPassword(username, reset.password, reset.passwordChangeRequired);
    }

    private static void require(Object body) {
        if (body == null) {
            throw ProblemException.validation("A JSON request body is required");
        }
    }
}
