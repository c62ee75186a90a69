package org.pavilion.web.internal;

import java.util.regex.Pattern;

/**
 * Decides what a request path is, before anything is read: an HTML route (staff or portal), one of the shell's own
 * files, a library file, a contribution's file or messages, or nothing (404). Paths with an extension and paths under
 * {@code /ui} never fall back to HTML, so a missing script is a 404 rather than a page that fails to parse.
 */
public final class WebPaths {

    public enum Kind { STAFF_HTML, PORTAL_HTML, SHELL, LIB, CONTRIBUTION, MESSAGES, NOT_FOUND }

    /**
     * @param kind what to serve
     * @param owner the library name ({@code lit-html}) or contribution id, else null
     * @param path file path relative to the owner's folder, or the language for {@code MESSAGES}
     */
    public record Target(Kind kind, String owner, String path) {
        static final Target NOT_FOUND = new Target(Kind.NOT_FOUND, null, null);
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@~+][A-Za-z0-9._@~+-]*");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    /** The shell's files served at fixed addresses of the portal (the service worker's scope is /portal). */
    static final String PORTAL_MANIFEST = "portal/manifest.webmanifest";
    static final String PORTAL_WORKER = "portal/sw.js";

    private WebPaths() {
    }

    public static Target resolve(String path) {
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (!path.startsWith("/") || path.contains("//") || path.contains("\\") || path.indexOf('\0') >= 0) {
            return Target.NOT_FOUND;
        }
        if (path.equals("/portal/manifest.webmanifest")) {
            return new Target(Kind.SHELL, null, PORTAL_MANIFEST);
        }
        if (path.equals("/portal/sw.js")) {
            return new Target(Kind.SHELL, null, PORTAL_WORKER);
        }
        if (path.equals("/ui")) {
            return Target.NOT_FOUND;
        }
        if (path.startsWith("/ui/")) {
            return asset(path.substring(4));
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".") || !safe(path.substring(1), true)) {
            return Target.NOT_FOUND;
        }
        boolean portal = path.equals("/portal") || path.startsWith("/portal/");
        return new Target(portal ? Kind.PORTAL_HTML : Kind.STAFF_HTML, null, path);
    }

    private static Target asset(String rest) {
        if (rest.startsWith("shell/")) {
            String p = rest.substring(6);
            return safe(p, false) ? new Target(Kind.SHELL, null, p) : Target.NOT_FOUND;
        }
        if (rest.startsWith("lib/")) {
            int slash = rest.indexOf('/', 4);
            if (slash < 0) {
                return Target.NOT_FOUND;
            }
            String lib = rest.substring(4, slash);
            String p = rest.substring(slash + 1);
            return safe(lib, false) && safe(p, false) ? new Target(Kind.LIB, lib, p) : Target.NOT_FOUND;
        }
        if (rest.startsWith("c/")) {
            int slash = rest.indexOf('/', 2);
            if (slash < 0) {
                return Target.NOT_FOUND;
            }
            String id = rest.substring(2, slash);
            String p = rest.substring(slash + 1);
            if (!Contribution.validId(id) || !safe(p, false)) {
                return Target.NOT_FOUND;
            }
            if (p.startsWith("messages/") && p.endsWith(".json")) {
                String lang = p.substring(9, p.length() - 5);
                return LANG.matcher(lang).matches() ? new Target(Kind.MESSAGES, id, lang) : Target.NOT_FOUND;
            }
            return new Target(Kind.CONTRIBUTION, id, p);
        }
        return Target.NOT_FOUND;
    }

    /** Every segment a plain name: no "..", ".", empty segment or hidden file; a file unless {@code route}. */
    static boolean safe(String relative, boolean route) {
        if (relative.isEmpty()) {
            return route;
        }
        if (relative.endsWith("/")) {
            return route && safe(relative.substring(0, relative.length() - 1), true);
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return false;
            }
        }
        return true;
    }
}
