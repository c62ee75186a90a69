package org.pavilion.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP against the container under test (java.net.http), anonymous or with a bearer token.
 * Usable from the driver and from inside the container (this bundle imports Jackson from CXF's feature there).
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** No credentials, e.g. for /api/v1/platform/health or the login itself. */
    public static Http anonymous(String base) {
        return new Http(base, null);
    }

    /** POST /api/v1/auth/login and keep the bearer token; fails if the login is refused. */
    public static Http login(String base, String username, String password) throws IOException, InterruptedException {
        Response r = anonymous(base).post("/api/v1/auth/login",
                JSON.createObjectNode().put("username", username).put("password", password));
        if (r.status != 200) {
            throw new AssertionError("login of " + username + " refused: " + r);
        }
        return withToken(base, r.json().get("token").asText());
    }

    /**
     * The first administrator's password in tests once its first sign-in has replaced the generated one, as the
     * platform requires (the generated password's file is deleted then).
     */
    public static final String ADMIN_TEST_PASSWORD = "Admin-Test-Pass-1!";

    /**
     * The first administrator's first sign-in: with the generated {@code initialPassword}, then, when the answer
     * says {@code passwordChangeRequired}, the change to {@link #ADMIN_TEST_PASSWORD}; the session goes on.
     */
    public static Http firstAdminSignIn(String base, String initialPassword) throws IOException, InterruptedException {
        Http admin = login(base, "admin", initialPassword);
        Response me = admin.get("/api/v1/auth/session");
        if (me.status == 200 && me.json().path("passwordChangeRequired").asBoolean()) {
            Response changed = admin.post("/api/v1/auth/password", JSON.createObjectNode()
                    .put("currentPassword", initialPassword).put("newPassword", ADMIN_TEST_PASSWORD));
            if (changed.status != 204) {
                throw new AssertionError("admin's change of the initial password refused: " + changed);
            }
        }
        return admin;
    }

    public static Http withToken(String base, String token) {
        return new Http(base, token);
    }

    public String token() {
        return token;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A GET asking for {@code mediaType} (a PDF, a CSV) instead of JSON. */
    public Response getAccepting(String path, String mediaType) throws IOException, InterruptedException {
        return send(request(path).setHeader("Accept", mediaType).GET());
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpRequest request = b.build();
        HttpResponse<String> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the client's own exception may name no address (a failed connect surfaces as ClosedChannelException)
            throw new IOException(request.method() + " " + request.uri() + ": " + e, e);
        }
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Retry-After").orElse(null));
    }

    /**
     * POST /api/v1/auth/login on the platform's HTTP {@code port} over a socket bound to {@code fromAddress} (another
     * loopback address such as 127.0.0.3: the platform throttles and locks per client address); the HTTP status.
     */
    public static int loginStatusFrom(String fromAddress, int port, String username, String password) throws IOException {
        byte[] body = json().createObjectNode().put("username", username).put("password", password).toString()
                .getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.write(c);
            }
            return Integer.parseInt(line.toString(StandardCharsets.US_ASCII).split(" ")[1]); // HTTP/1.1 200 OK
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** Status, body and content type of one answer. */
    public static final class Response {
        public final int status;
        public final String body;
        public final String contentType;
        /** The Retry-After header of a 429 or 503, or null. */
        public final String retryAfter;

        public Response(int status, String body, String contentType) {
            this(status, body, contentType, null);
        }

        public Response(int status, String body, String contentType, String retryAfter) {
            this.status = status;
            this.body = body;
            this.contentType = contentType;
            this.retryAfter = retryAfter;
        }

        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
