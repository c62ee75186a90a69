package org.pavilion.emr.internal.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DefaultValue;
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

/**
 * REST at /api/v1/emr/icd10: code search for the diagnosis picker. No patient data, so nothing is audited.
 */
@Component(service = Icd10Resource.class, property = Endpoints.REST_BASE + "=/emr/icd10")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class Icd10Resource {

    static final int MAX_LIMIT = 100;

    private final Icd10Catalogue catalogue;

    @Activate
    public Icd10Resource(@Reference Icd10Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** {@code ?q=diab} or {@code ?q=E11}: codes by code prefix or title words; {@code limit} 1–100 (20). */
    @GET
    @RequiresPrivilege("emr.icd10.search")
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (q == null || q.isBlank()) {
            throw ProblemException.validation("q is required: the start of a code (E11) or of words of its title (diab)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.validation("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Icd10CodeList codes = catalogue.codes();
        List<Map<String, String>> items = new ArrayList<>();
        codes.search(q, limit).forEach(e -> items.add(Map.of("code", e.getKey(), "title", e.getValue())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codeSystem", catalogue.codeSystem());
        out.put("source", codes.source());
        out.put("items", items);
        return out;
    }
}
