package org.pavilion.example.subscriber.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** GET /api/v1/example/ward-board?ward=: the visitors the board has heard of. */
@Component(service = WardBoardResource.class, property = Endpoints.REST_BASE + "=/example/ward-board")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPrivilege("example-ward-board.board.view")
public class WardBoardResource {

    private final WardBoard board;
    private final AuditService audit;

    @Activate
    public WardBoardResource(@Reference WardBoard board, @Reference AuditService audit) {
        this.board = board;
        this.audit = audit;
    }

    @GET
    public List<WardBoard.Entry> entries(@QueryParam("ward") String ward) {
        List<WardBoard.Entry> entries = board.entries(ward);
        // The board names patients, so reading it is audited like any patient data.
        audit.record(AuditEvent.of("SEARCH", "ward-board-entry").detail("ward=" + ward + ", " + entries.size() + " entries")
                .build());
        return entries;
    }
}
