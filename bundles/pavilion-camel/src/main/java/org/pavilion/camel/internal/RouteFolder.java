package org.pavilion.camel.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrators' route files: each *.yaml, *.yml or *.xml in the folder is loaded; a changed file has its
 * routes replaced; a deleted file has its routes removed. One {@link #scan()} brings the context in line
 * with the folder; the runtime calls it on a schedule. A file naming a component no bundle provides yet (a
 * department's {@code pavilion-hl7:} or {@code pavilion-event:} while that department is still starting, or before
 * it is installed) waits: it is tried again on every scan and its routes start when the component comes.
 */
public final class RouteFolder {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFolder.class);
    static final String OWNER_PREFIX = "file:";

    private final CamelContext camel;
    private final RouteRegistry registry;
    private final Path folder;
    /** File name -> digest of the content last seen (loaded or failed). */
    private final Map<String, String> seen = new HashMap<>();
    /** Files that failed only for a component not there yet: tried again on every scan. */
    private final Set<String> waiting = new HashSet<>();

    public RouteFolder(CamelContext camel, RouteRegistry registry, Path folder) {
        this.camel = camel;
        this.registry = registry;
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public synchronized void scan() {
        Set<String> present = new HashSet<>();
        for (Path file : routeFiles()) {
            String name = file.getFileName().toString();
            present.add(name);
            String digest;
            try {
                digest = digest(file);
            } catch (IOException e) {
                continue; // being written or removed right now: next scan
            }
            boolean changed = !digest.equals(seen.get(name));
            if (!changed && !waiting.contains(name)) {
                continue;
            }
            seen.put(name, digest);
            registry.remove(OWNER_PREFIX + name);
            load(file, name, changed);
        }
        for (String gone : new ArrayList<>(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                waiting.remove(gone);
                registry.remove(OWNER_PREFIX + gone);
                LOG.info("Route file {} deleted", gone);
            }
        }
    }

    /** Removes every route that came from a file, e.g. when the runtime stops. */
    public synchronized void unloadAll() {
        for (String name : new ArrayList<>(seen.keySet())) {
            registry.remove(OWNER_PREFIX + name);
        }
        seen.clear();
        waiting.clear();
    }

    private void load(Path file, String name, boolean changed) {
        try {
            Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
            // Camel picks the DSL by extension and knows only "yaml"; *.yml is the same DSL.
            String dsl = name.toLowerCase(Locale.ROOT).endsWith(".xml") ? "xml" : "yaml";
            RoutesBuilderLoader loader = PluginHelper.getRoutesLoader(camel).getRoutesLoader(dsl);
            if (loader == null) {
                throw new IllegalStateException("no " + dsl + " DSL loader in this runtime");
            }
            registry.add(OWNER_PREFIX + name, List.of(loader.loadRoutesBuilder(resource)));
            if (waiting.remove(name)) {
                LOG.info("Route file {} loaded: the component it waited for is there", file);
            }
        } catch (Exception e) {
            String missing = missingEndpoint(e);
            if (missing != null) {
                if (waiting.add(name) || changed) {
                    LOG.warn("Route file {} waits for {}: no bundle provides its component yet (a department still "
                            + "starting or not installed); its routes start when it comes", file, missing);
                }
                return;
            }
            waiting.remove(name);
            // The routes of a broken file stay out until the file is fixed; the rest keep running.
            LOG.error("Route file {} could not be loaded and none of its routes run: {}", file, rootMessage(e));
        }
    }

    /** The endpoint URI when loading failed only because no component serves its scheme, else null. */
    private static String missingEndpoint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoSuchEndpointException) {
                return ((NoSuchEndpointException) t).getUri();
            }
        }
        return null;
    }

    private List<Path> routeFiles() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".xml"))) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list route folder {}: {}", folder, e.getMessage());
        }
        files.sort(null);
        return files;
    }

    private static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
