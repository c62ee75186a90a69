package org.pavilion.emr.internal.document;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.emr.internal.ClinicalAccess;

/**
 * REST at /api/v1/emr/documents: its own base, because the platform gives each base its own JAX-RS server
 * and /emr/records is another department's. Roles here are the outer fence; ClinicalAccess decides per
 * patient (a PATIENT reads only their own record) and audits refusals with the MRN.
 */
@Component(service = DocumentResource.class, property = Endpoints.REST_BASE + "=/emr/documents")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentService documents;

    @Activate
    public DocumentResource(@Reference DocumentService documents) {
        this.documents = documents;
    }

    /** The raw file is the body (streamed; never held in memory), typed by its own Content-Type. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresPrivilege("emr.document.attach")
    public Response attach(@QueryParam("mrn") String mrn, @QueryParam("title") String title,
            @QueryParam("category") String category, @QueryParam("encounterId") String encounterId,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength, @HeaderParam("Content-SHA256") String contentSha256,
            @HeaderParam("Digest") String digest, @HeaderParam("Repr-Digest") String reprDigest,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason, InputStream body) {
        DocumentService.Upload u = new DocumentService.Upload();
        u.mrn = mrn;
        u.title = title;
        u.category = category;
        u.encounterId = encounterId;
        u.contentType = contentType;
        u.contentLength = parseLength(contentLength);
        u.contentSha256 = contentSha256;
        u.digest = digest;
        u.reprDigest = reprDigest;
        u.breakGlassReason = breakGlassReason;
        Document d = documents.attach(u, body);
        return Response.status(201).header("Location", "/api/v1/emr/documents/" + d.id).entity(d).build();
    }

    @GET
    @RequiresPrivilege("emr.document.view")
    public Page<Document> list(@QueryParam("mrn") String mrn,
            @QueryParam("includeEnteredInError") @DefaultValue("false") boolean includeEnteredInError,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason) {
        return documents.list(mrn, includeEnteredInError, page, size, breakGlassReason);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("emr.document.view")
    public Document get(@PathParam("id") String id,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason) {
        return documents.get(id, breakGlassReason);
    }

    /**
     * The bytes, streamed from the store. ETag is the SHA-256 (content never changes under an id), so
     * If-None-Match answers 304 without sending the file again.
     */
    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @RequiresPrivilege("emr.document.view")
    public Response content(@PathParam("id") String id,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        DocumentService.Content c = documents.content(id, breakGlassReason);
        Document d = c.document;
        String etag = "\"" + d.sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified().header("ETag", etag).build();
        }
        StreamingOutput stream = out -> c.writer.write(out);
        return Response.ok(stream, d.contentType)
                .header("Content-Length", d.sizeBytes)
                .header("Content-Disposition", contentDisposition(d))
                .header("ETag", etag)
                .header("Digest", Sha256.digestHeader(d.sha256))
                .header("Repr-Digest", Sha256.reprDigestHeader(d.sha256))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** Soft delete: marks the document entered in error; nothing is erased. */
    @DELETE
    @Path("{id}")
    @RequiresPrivilege("emr.document.retract")
    public Document enterInError(@PathParam("id") String id, @QueryParam("reason") String reason,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason) {
        return documents.enterInError(id, reason, breakGlassReason);
    }

    /** attachment, with an ASCII fallback name and the real title as RFC 5987 filename*. */
    static String contentDisposition(Document d) {
        DocumentType type = DocumentType.ofMediaType(d.contentType);
        String name = d.title + (type == null ? "" : "." + type.extension);
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static long parseLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the container rejects a malformed Content-Length before we get here
        }
    }
}
