package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.junit.Test;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

public class JsonBodyLimitTest {

    private final JsonBodyLimit limit = new JsonBodyLimit(new HttpPolicy(ProxyTrust.none(), 100, 0));

    /** A request context holding just what the filter reads; records the abort and the replaced stream. */
    private static final class Request {
        final Map<String, Object> state = new HashMap<>();
        final ContainerRequestContext context;

        Request(String type, String contentLength, byte[] body) {
            state.put("stream", new ByteArrayInputStream(body));
            context = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                        case "getMediaType":
                            return type == null ? null : MediaType.valueOf(type);
                        case "getHeaderString":
                            return "Content-Length".equalsIgnoreCase((String) args[0]) ? contentLength : null;
                        case "hasEntity":
                            return body.length > 0;
                        case "getEntityStream":
                            return state.get("stream");
                        case "setEntityStream":
                            state.put("stream", args[0]);
                            return null;
                        case "abortWith":
                            state.put("abort", args[0]);
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        Response aborted() {
            return (Response) state.get("abort");
        }

        byte[] remaining() throws Exception {
            return ((InputStream) state.get("stream")).readAllBytes();
        }
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    public void aDeclaredLengthOverTheCapIsRefusedUnread() throws Exception {
        Request r = new Request("application/json", "101", bytes(101));
        limit.filter(r.context);
        assertEquals(413, r.aborted().getStatus());
        assertEquals(101, r.remaining().length); // not a byte read
    }

    @Test
    public void aHugeDeclaredLengthIsRefused() throws Exception {
        Request r = new Request("application/json", "99999999999999999999999", bytes(1));
        limit.filter(r.context);
        assertEquals(413, r.aborted().getStatus());
    }

    @Test
    public void aChunkedBodyOverTheCapIsRefused() throws Exception {
        Request r = new Request("application/merge-patch+json; charset=UTF-8", null, bytes(5000));
        limit.filter(r.context);
        assertEquals(413, r.aborted().getStatus());
        assertEquals(Problems.PROBLEM_JSON_TYPE, r.aborted().getMediaType());
    }

    @Test
    public void aBodyUpToTheCapPassesWhole() throws Exception {
        Request r = new Request("application/json", null, bytes(100));
        limit.filter(r.context);
        assertNull(r.aborted());
        assertArrayEquals(bytes(100), r.remaining());
    }

    @Test
    public void uploadsAreNotJsonAndKeepTheirOwnLimits() throws Exception {
        Request r = new Request("application/octet-stream", "5000", bytes(5000));
        limit.filter(r.context);
        assertNull(r.aborted());
        Request multipart = new Request("multipart/form-data; boundary=x", null, bytes(5000));
        limit.filter(multipart.context);
        assertNull(multipart.aborted());
    }

    @Test
    public void theParserRefusesDeepNestingAndHugeNumbers() {
        String deep = "[".repeat(JsonProviderFactory.MAX_NESTING_DEPTH + 1) + "]".repeat(
                JsonProviderFactory.MAX_NESTING_DEPTH + 1);
        assertThrows(StreamConstraintsException.class,
                () -> JsonProviderFactory.objectMapper().readValue(deep, JsonNode.class));
        String number = "{\"n\":" + "9".repeat(JsonProviderFactory.MAX_NUMBER_LENGTH + 1) + "}";
        assertThrows(StreamConstraintsException.class,
                () -> JsonProviderFactory.objectMapper().readValue(number, JsonNode.class));
    }
}
