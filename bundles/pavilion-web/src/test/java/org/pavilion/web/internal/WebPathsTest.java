package org.pavilion.web.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.pavilion.web.internal.WebPaths.Kind;
import org.pavilion.web.internal.WebPaths.Target;

public class WebPathsTest {

    private static void is(String path, Kind kind, String owner, String rest) {
        assertEquals(path, new Target(kind, owner, rest), WebPaths.resolve(path));
    }

    private static void notFound(String path) {
        assertEquals(path, Kind.NOT_FOUND, WebPaths.resolve(path).kind());
    }

    @Test
    public void staffRoutesAreTheStaffShell() {
        is("/", Kind.STAFF_HTML, null, "/");
        is("/patients", Kind.STAFF_HTML, null, "/patients");
        is("/patients/register", Kind.STAFF_HTML, null, "/patients/register");
        is("/chart/", Kind.STAFF_HTML, null, "/chart/");
        is("", Kind.STAFF_HTML, null, "/");
    }

    @Test
    public void portalRoutesAreThePortal() {
        is("/portal", Kind.PORTAL_HTML, null, "/portal");
        is("/portal/record", Kind.PORTAL_HTML, null, "/portal/record");
        is("/portalx", Kind.STAFF_HTML, null, "/portalx");
    }

    @Test
    public void portalWorkerAndManifestComeFromTheShell() {
        is("/portal/sw.js", Kind.SHELL, null, "portal/sw.js");
        is("/portal/manifest.webmanifest", Kind.SHELL, null, "portal/manifest.webmanifest");
    }

    @Test
    public void pathsWithAnExtensionNeverFallBackToHtml() {
        notFound("/favicon.ico");
        notFound("/patients/list.json");
        notFound("/portal/app.js");
    }

    @Test
    public void assetsByOwner() {
        is("/ui/shell/app.js", Kind.SHELL, null, "app.js");
        is("/ui/shell/i18n/fr.json", Kind.SHELL, null, "i18n/fr.json");
        is("/ui/lib/lit-html/lit-html.js", Kind.LIB, "lit-html", "lit-html.js");
        is("/ui/lib/lit-html/directives/repeat.js", Kind.LIB, "lit-html", "directives/repeat.js");
        is("/ui/lib/uplot/uPlot.esm.js", Kind.LIB, "uplot", "uPlot.esm.js");
        is("/ui/c/emr/patients/search.js", Kind.CONTRIBUTION, "emr", "patients/search.js");
        is("/ui/c/acme-physio/i18n/en.json", Kind.CONTRIBUTION, "acme-physio", "i18n/en.json");
    }

    @Test
    public void mergedMessages() {
        is("/ui/c/emr/messages/fr.json", Kind.MESSAGES, "emr", "fr");
        is("/ui/c/emr/messages/pt-BR.json", Kind.MESSAGES, "emr", "pt-BR");
        notFound("/ui/c/emr/messages/x.json");
    }

    @Test
    public void unknownOrFolderPathsUnderUiAreNotFound() {
        notFound("/ui");
        notFound("/ui/");
        notFound("/ui/other/x.js");
        notFound("/ui/shell/");
        notFound("/ui/lib/lit-html");
        notFound("/ui/lib/lit-html/");
        notFound("/ui/c/emr");
        notFound("/ui/c/emr/");
        notFound("/ui/c/EMR/x.js");
        notFound("/ui/c/bad_id/x.js");
        notFound("/ui/unknown-page");
    }

    @Test
    public void traversalAndOddSegmentsAreRefused() {
        notFound("/ui/shell/../../OSGI-INF/x.xml");
        notFound("/ui/c/emr/../../etc/passwd");
        notFound("/ui/c/emr/./x.js");
        notFound("/ui/c/emr/a//b.js");
        notFound("/ui/c/emr/.hidden");
        notFound("/ui/lib/../shell/app.js");
        notFound("/ui/c/emr/a\\b.js");
        notFound("/../etc");
        notFound("//example.org");
        notFound("/patients/..");
        notFound("relative");
    }
}
