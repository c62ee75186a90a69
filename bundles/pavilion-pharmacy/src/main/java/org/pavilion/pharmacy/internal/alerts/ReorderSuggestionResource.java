package org.pavilion.pharmacy.internal.alerts;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** {@code /api/v1/pharmacy/reorder-suggestions?store=}: what to order for a store, most urgent first. */
@Component(service = ReorderSuggestionResource.class, property = Endpoints.REST_BASE + "=/pharmacy/reorder-suggestions")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReorderSuggestionResource {

    private final ReorderSuggestions suggestions;

    @Activate
    public ReorderSuggestionResource(@Reference ReorderSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    @GET
    @RequiresPrivilege(AlertList.PRIVILEGE)
    public List<ReorderSuggestions.Suggestion> list(@QueryParam("store") String store) {
        if (store == null || store.isBlank()) {
            throw ProblemException.validation("store is required: /reorder-suggestions?store=MAIN");
        }
        return suggestions.forStore(store.strip());
    }
}
