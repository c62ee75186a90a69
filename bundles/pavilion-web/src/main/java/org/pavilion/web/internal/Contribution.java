package org.pavilion.web.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * A registered {@link UiContribution} with the files of the bundle that registered it. The id, root and lists are
 * read once: a contribution that changes them re-registers (DS does so when its bundle restarts).
 */
public record Contribution(String id, String root, List<UiPage> pages, List<UiCard> cards, BundleFiles files) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Whether {@code id} is usable in {@code /ui/c/<id>/}: lower-case letters, digits and single '-'. */
    public static boolean validId(String id) {
        return id != null && id.length() <= 64 && ID.matcher(id).matches();
    }

    public static Contribution of(UiContribution ui, BundleFiles files) {
        return new Contribution(ui.id(), normaliseRoot(ui.resourceRoot()), List.copyOf(ui.pages()),
                List.copyOf(ui.cards()), files);
    }

    /** "/ui", "ui/", "/" -> "ui", "ui", "" (bundle entry paths have no leading '/'). */
    static String normaliseRoot(String root) {
        String r = root == null ? "ui" : root.trim();
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** Bundle path of a file below the resource root ({@code rest} already checked by {@link WebPaths}). */
    public String path(String rest) {
        return root.isEmpty() ? rest : root + "/" + rest;
    }

    /** Public URL of the resource-root folder. */
    public String base() {
        return "/ui/c/" + id + "/";
    }
}
