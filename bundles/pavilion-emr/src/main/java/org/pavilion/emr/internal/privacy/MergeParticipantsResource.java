package org.pavilion.emr.internal.privacy;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/emr/merges/{duplicateMrn}/participants: which departments a merge reached, and re-running the
 * ones it did not (failed, or installed since). A merge is named by its duplicate, whose tombstone it left.
 */
@Component(service = MergeParticipantsResource.class, property = Endpoints.REST_BASE + "=/emr/merges")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MergeParticipantsResource {

    static final String PRIVILEGE = "emr.privacy.participant-retry";

    private final MergeParticipantRetry retry;

    @Activate
    public MergeParticipantsResource(@Reference MergeParticipantRetry retry) {
        this.retry = retry;
    }

    /** Each participant's last outcome of the merge (DONE, FAILED) or NOT_RUN, and whether it is installed now. */
    @GET
    @Path("{duplicateMrn}/participants")
    @RequiresPrivilege(PRIVILEGE)
    public MergeParticipantRetry.MergeParticipants participants(@PathParam("duplicateMrn") String duplicateMrn) {
        return retry.status(duplicateMrn);
    }

    /** Runs every participant that FAILED the merge or never ran it; none to run answers with an empty "ran". */
    @POST
    @Path("{duplicateMrn}/participants/retry")
    @RequiresPrivilege(PRIVILEGE)
    public MergeParticipantRetry.MergeParticipants retryFailed(@PathParam("duplicateMrn") String duplicateMrn) {
        return retry.retry(duplicateMrn, null);
    }

    /** Runs one participant's part of the merge again, whatever its last outcome (re-pointing twice is a no-op). */
    @POST
    @Path("{duplicateMrn}/participants/{participant}/retry")
    @RequiresPrivilege(PRIVILEGE)
    public MergeParticipantRetry.MergeParticipants retryOne(@PathParam("duplicateMrn") String duplicateMrn,
            @PathParam("participant") String participant) {
        return retry.retry(duplicateMrn, participant);
    }
}
