package org.pavilion.core.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

/**
 * Refuses a JSON request body larger than {@link HttpPolicy#maxJsonBodyBytes()} with 413 before anything parses it:
 * at once by Content-Length, else (chunked) by reading at most one byte more than the cap. The accepted body is
 * handed on from memory, so the cap also bounds what one request can hold. Other media types (document uploads)
 * keep their own limits.
 */
@Priority(Priorities.AUTHENTICATION + 100) // after authentication: anonymous callers are turned away unread
public class JsonBodyLimit implements ContainerRequestFilter {

    private final HttpPolicy policy;

    public JsonBodyLimit(HttpPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!isJson(request.getMediaType())) {
            return;
        }
        long cap = policy.maxJsonBodyBytes();
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared.trim(), cap)) {
            request.abortWith(tooLarge(cap));
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 16));
        if (body.length > cap) {
            request.abortWith(tooLarge(cap));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** JSON or a +json type; also no type at all, which a JSON reader may still be asked to read. */
    static boolean isJson(MediaType type) {
        if (type == null) {
            return true;
        }
        String sub = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
        return sub.equals("json") || sub.endsWith("+json");
    }

    private static boolean exceeds(String contentLength, long cap) {
        try {
            return Long.parseLong(contentLength) > cap;
        } catch (NumberFormatException e) {
            return contentLength.chars().allMatch(Character::isDigit); // too many digits for a long
        }
    }

    private static javax.ws.rs.core.Response tooLarge(long cap) {
        return Problems.response(413, "payload-too-large", "Payload too large",
                "A JSON request body may have at most " + cap + " bytes");
    }
}
