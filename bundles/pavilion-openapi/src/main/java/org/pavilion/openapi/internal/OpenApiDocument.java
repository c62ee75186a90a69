package org.pavilion.openapi.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.rest.RestDirectory;
import org.pavilion.core.api.rest.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI document of what the platform publishes now, kept as rendered JSON and YAML until the platform's
 * {@link RestDirectory} reports another generation (a department's resources appeared or went away); the next request
 * after such a change builds it again. One build at a time: concurrent readers wait for it rather than repeat it.
 * The first request builds it (a few seconds: swagger-core loads its model introspection once).
 */
@Component(service = OpenApiDocument.class)
public class OpenApiDocument {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);

    /** A rendered document and the generation of the directory it describes. */
    public record Rendered(long generation, byte[] json, byte[] yaml, String jsonEtag, String yamlEtag) {
    }

    /**
     * In the container the directory is looked up at each request, never held by a DS reference or a tracker opened
     * on activation: the core's RestPublisher, while it activates, gets our resources, those need this component, and
     * a lookup of the publisher from inside that chain is a circle SCR refuses (an ERROR, and a tracker that then
     * never sees the service). By the time a request comes, the publisher is up.
     */
    private volatile BundleContext context;
    /** Tests hand in where the directory comes from; null in the container. */
    private final Supplier<RestDirectory> fixed;

    private String version;
    private Rendered cached;
    /** The directory {@link #cached} came from: another instance starts its generations again. */
    private RestDirectory cachedFrom;

    public OpenApiDocument() {
        this.fixed = null;
    }

    OpenApiDocument(Supplier<RestDirectory> source, String version) {
        this.fixed = source;
        this.version = version;
    }

    OpenApiDocument(RestDirectory directory, String version) {
        this(() -> directory, version);
    }

    @Activate
    void activate(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
        this.context = context;
    }

    /** The document of what is published now; 503 while the platform's REST publisher is not there. */
    public synchronized Rendered current() {
        if (fixed != null) {
            return currentOf(fixed.get());
        }
        ServiceReference<RestDirectory> ref = context.getServiceReference(RestDirectory.class);
        RestDirectory now = ref == null ? null : context.getService(ref);
        try {
            return currentOf(now);
        } finally {
            if (now != null) {
                context.ungetService(ref);
            }
        }
    }

    private Rendered currentOf(RestDirectory now) {
        if (now == null) {
            throw new ServiceUnavailableException("The platform's REST publisher is not running");
        }
        RestDirectory.Snapshot snapshot = now.current();
        if (cached == null || cachedFrom != now || cached.generation() != snapshot.generation()) {
            long started = System.nanoTime();
            cached = render(snapshot);
            cachedFrom = now;
            LOG.info("OpenAPI document of {} resources built in {} ms", snapshot.resources().size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return cached;
    }

    private Rendered render(RestDirectory.Snapshot snapshot) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // swagger-core looks up its model converters and extensions through the context class loader.
        thread.setContextClassLoader(OpenApiDocument.class.getClassLoader());
        try {
            OpenAPI api = OpenApiBuilder.build(snapshot.resources(), version);
            byte[] json = Json.pretty().writeValueAsString(api).getBytes(StandardCharsets.UTF_8);
            byte[] yaml = Yaml.pretty().writeValueAsString(api).getBytes(StandardCharsets.UTF_8);
            return new Rendered(snapshot.generation(), json, yaml, etag(json), etag(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the OpenAPI document", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String etag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
