package org.pavilion.openapi.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pavilion.core.api.rest.RestDirectory;
import org.pavilion.core.api.rest.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI document of what the platform publishes now, kept as rendered JSON and YAML until the platform's
 * {@link RestDirectory} reports another generation (a department's resources appeared or went away); the next request
 * after such a change builds it again. One build at a time: concurrent readers wait for it rather than repeat it.
 * A first build runs on activation, on the component's own thread, so the first reader does not pay for loading
 * swagger-core and its model introspection (25 s on a loaded 2-core machine, against a few for a rebuild).
 */
@Component(service = OpenApiDocument.class)
public class OpenApiDocument {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);

    /** A rendered document and the generation of the directory it describes. */
    public record Rendered(long generation, byte[] json, byte[] yaml, String jsonEtag, String yamlEtag) {
    }

    /**
     * Looked up per request through a tracker, not a DS reference: the core's RestPublisher, while it activates,
     * publishes the resources it finds, ours among them, and those need this component; any reference to the
     * publisher's RestDirectory closes that circle in SCR's eyes (an ERROR at every boot, then a late bind).
     */
    private ServiceTracker<RestDirectory, RestDirectory> directories;
    /** Where the directory comes from: the tracker in the container, whatever a test hands in. */
    private volatile Supplier<RestDirectory> source = () -> null;

    private String version;
    private Rendered cached;
    /** The directory {@link #cached} came from: another instance starts its generations again. */
    private RestDirectory cachedFrom;
    private ExecutorService warmUp;

    public OpenApiDocument() {
    }

    OpenApiDocument(Supplier<RestDirectory> source, String version) {
        this.source = source;
        this.version = version;
    }

    OpenApiDocument(RestDirectory directory, String version) {
        this(() -> directory, version);
    }

    private RestDirectory directory() {
        return source.get();
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        directories = new ServiceTracker<>(context, RestDirectory.class, null);
        directories.open();
        source = directories::getService;
        warmUp = Executors.newSingleThreadExecutor(r -> new Thread(r, "pavilion-openapi-warm-up"));
        warmUp.execute(() -> {
            try {
                if (directory() != null) {
                    current();
                }
            } catch (RuntimeException e) {
                LOG.warn("First build of the OpenAPI document failed; the first request tries again", e);
            }
        });
    }

    @Deactivate
    void deactivate() {
        warmUp.shutdownNow();
        directories.close();
    }

    /** The document of what is published now; 503 while the platform's REST publisher is not there. */
    public synchronized Rendered current() {
        RestDirectory now = directory();
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
