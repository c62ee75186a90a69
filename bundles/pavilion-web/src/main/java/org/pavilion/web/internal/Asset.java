package org.pavilion.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A file's bytes with its content type, a strong ETag of its content, and its gzip form computed once. */
public final class Asset {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"));

    /** Below this, gzip's header costs more than it saves. */
    private static final int GZIP_MIN = 512;

    private final byte[] bytes;
    private final String contentType;
    private final String etag;
    private volatile byte[] gzipped;

    public Asset(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
        this.etag = digest(bytes);
    }

    public static String typeOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return "text/plain; charset=utf-8"; // LICENSE and the like
        }
        return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    public byte[] bytes() {
        return bytes;
    }

    public String contentType() {
        return contentType;
    }

    /** Quoted strong ETag of the identity encoding. */
    public String etag() {
        return "\"" + etag + "\"";
    }

    /** Quoted ETag of the gzip encoding (a different representation, so a different tag). */
    public String gzipEtag() {
        return "\"" + etag + "-gz\"";
    }

    public boolean compressible() {
        return bytes.length >= GZIP_MIN && (contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("svg"));
    }

    public byte[] gzipped() {
        byte[] g = gzipped;
        if (g == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            g = out.toByteArray();
            gzipped = g;
        }
        return g;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
