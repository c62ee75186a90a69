package org.pavilion.openapi.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.pavilion.core.api.rest.RestDirectory;
import org.pavilion.core.api.rest.RestDirectory.PublishedResource;
import org.pavilion.core.api.rest.ServiceUnavailableException;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;

public class OpenApiBuilderTest {

    /** A ward's bed, as a department's DTO. */
    public static class Bed {
        public String id;
        public String ward;
        public boolean occupied;
    }

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPrivilege("ward.bed.view")
    public static class BedResource {
        @GET
        public List<Bed> list(@QueryParam("page") int page, @QueryParam("size") int size) {
            return List.of();
        }

        @GET
        @Path("{id}")
        public Bed get(@PathParam("id") String id) {
            return new Bed();
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @RequiresPrivilege("ward.bed.assign")
        public Bed assign(Bed bed) {
            return bed;
        }
    }

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class VisitingHoursResource {
        @GET
        @PublicEndpoint
        public String hours() {
            return "10-20";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<PublishedResource> twoDepartments() {
        return List.of(new PublishedResource("/api/v1/ward/beds", BedResource.class, "ward", 7),
                new PublishedResource("/api/v1/visits/hours", VisitingHoursResource.class, "visits", 8));
    }

    private static JsonNode document(List<PublishedResource> resources) throws Exception {
        return JSON.readTree(io.swagger.v3.core.util.Json.pretty()
                .writeValueAsString(OpenApiBuilder.build(resources, "1.0.0")));
    }

    @Test
    public void everyOperationIsListedAtItsPublishedAddress() throws Exception {
        JsonNode paths = document(twoDepartments()).path("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("/api/v1/visits/hours", "/api/v1/ward/beds", "/api/v1/ward/beds/{id}"), names);
        assertTrue(paths.path("/api/v1/ward/beds").has("get"));
        assertTrue(paths.path("/api/v1/ward/beds").has("post"));
        assertEquals("id", paths.path("/api/v1/ward/beds/{id}").path("get").path("parameters").path(0).path("name")
                .asText());
        assertEquals("path", paths.path("/api/v1/ward/beds/{id}").path("get").path("parameters").path(0).path("in")
                .asText());
    }

    @Test
    public void operationsCarryTheirDepartmentAndPrivilege() throws Exception {
        JsonNode doc = document(twoDepartments());
        JsonNode list = doc.path("paths").path("/api/v1/ward/beds").path("get");
        JsonNode assign = doc.path("paths").path("/api/v1/ward/beds").path("post");
        assertEquals("ward", list.path("tags").path(0).asText());
        assertEquals("ward.bed.view", list.path(PavilionReader.PRIVILEGE_EXTENSION).asText());
        assertEquals("ward.bed.assign", assign.path(PavilionReader.PRIVILEGE_EXTENSION).asText());
        assertTrue(assign.path("description").asText().contains("`ward.bed.assign`"));
        assertEquals("#/components/responses/Forbidden", assign.path("responses").path("403").path("$ref").asText());
        assertEquals("#/components/responses/Unauthorized", list.path("responses").path("401").path("$ref").asText());
        // The request body's DTO is described as a schema.
        assertTrue(doc.path("components").path("schemas").path("Bed").path("properties").has("occupied"));
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        assertEquals(List.of("visits", "ward"), tags);
    }

    @Test
    public void publicOperationsNeedNoCredentialsAndTheRestNeedsOneOfThree() throws Exception {
        JsonNode doc = document(twoDepartments());
        JsonNode hours = doc.path("paths").path("/api/v1/visits/hours").path("get");
        assertTrue(hours.has("security"));
        assertEquals(0, hours.path("security").size());
        assertFalse(hours.has(PavilionReader.PRIVILEGE_EXTENSION));
        assertFalse(hours.path("responses").has("401"));
        assertEquals(3, doc.path("security").size());
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals("bearer", schemes.path("bearer").path("scheme").asText());
        assertEquals("cookie", schemes.path("session").path("in").asText());
        assertEquals("pavilion_session", schemes.path("session").path("name").asText());
        assertTrue(doc.path("components").path("responses").path("Problem").path("content")
                .has(OpenApiBuilder.PROBLEM_JSON));
    }

    /** An in-memory directory whose content the test changes, as departments come and go. */
    private static final class ChangingDirectory implements RestDirectory {
        final AtomicLong generation = new AtomicLong();
        volatile List<PublishedResource> resources = twoDepartments();

        void set(List<PublishedResource> now) {
            resources = now;
            generation.incrementAndGet();
        }

        @Override
        public Snapshot current() {
            return new Snapshot(generation.get(), resources);
        }
    }

    @Test
    public void theDocumentIsKeptUntilTheDirectoryChangesAndThenRebuilt() throws Exception {
        ChangingDirectory directory = new ChangingDirectory();
        OpenApiDocument document = new OpenApiDocument(directory, "1.0.0");
        OpenApiDocument.Rendered first = document.current();
        assertSame(first, document.current());
        assertTrue(new String(first.json(), StandardCharsets.UTF_8).contains("/api/v1/visits/hours"));
        assertTrue(new String(first.yaml(), StandardCharsets.UTF_8).contains("/api/v1/visits/hours:"));

        directory.set(List.of(twoDepartments().get(0)));
        OpenApiDocument.Rendered second = document.current();
        assertNotSame(first, second);
        String json = new String(second.json(), StandardCharsets.UTF_8);
        assertFalse(json.contains("/api/v1/visits/hours"));
        assertTrue(json.contains("/api/v1/ward/beds"));
        assertFalse(first.jsonEtag().equals(second.jsonEtag()));

        directory.set(twoDepartments());
        assertArrayEquals(first.json(), document.current().json());
    }

    @Test
    public void anotherDirectoryInstanceIsReadAgainAndNoneAnswers503() throws Exception {
        java.util.concurrent.atomic.AtomicReference<org.pavilion.core.api.rest.RestDirectory> published =
                new java.util.concurrent.atomic.AtomicReference<>(new ChangingDirectory());
        OpenApiDocument document = new OpenApiDocument(published::get, "1.0.0");
        assertTrue(new String(document.current().json(), StandardCharsets.UTF_8).contains("/api/v1/visits/hours"));
        // The core restarted: its new publisher counts generations from 0 again, with other resources.
        ChangingDirectory after = new ChangingDirectory();
        after.resources = List.of(twoDepartments().get(0));
        published.set(after);
        assertFalse(new String(document.current().json(), StandardCharsets.UTF_8).contains("/api/v1/visits/hours"));
        published.set(null);
        try {
            document.current();
            org.junit.Assert.fail("no directory, no document");
        } catch (ServiceUnavailableException expected) {
            assertEquals(503, expected.status());
        }
    }

    @Test
    public void theSwaggerUiServletServesOnlyItsListedFiles() {
        SwaggerUiServlet servlet = new SwaggerUiServlet(p -> null, "META-INF/resources/webjars/swagger-ui/9.9.9/", "1");
        assertEquals("swagger-ui/index.html", servlet.entryFor("/"));
        assertEquals("swagger-ui/pavilion-api-docs.js", servlet.entryFor("/pavilion-api-docs.js"));
        assertEquals("META-INF/resources/webjars/swagger-ui/9.9.9/swagger-ui-bundle.js",
                servlet.entryFor("/swagger-ui-bundle.js"));
        assertNull(servlet.entryFor("/../OSGI-INF/pavilion/privileges.properties"));
        assertNull(servlet.entryFor("/swagger-initializer.js"));
        assertNull(servlet.entryFor("/META-INF/MANIFEST.MF"));
    }
}
