package org.pavilion.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiPage;

/**
 * What the shell shows a caller: the installed contributions, and the pages and cards whose privilege the caller
 * holds (none for an anonymous caller). Sorted so the navigation is stable: pages by section, order, route; cards by
 * order. A route two contributions claim goes to the first by id, the other is left out.
 */
public record UiManifest(List<ContributionView> contributions, List<PageView> pages, List<CardView> cards) {

    public record ContributionView(String id, String base, List<String> languages) {
    }

    public record PageView(String contribution, String route, String module, String element, String titleKey,
            String privilege, String navSection, int order, boolean portal) {
    }

    public record CardView(String contribution, String module, String element, String titleKey, String privilege,
            int order) {
    }

    public static UiManifest build(List<Contribution> installed, Caller caller) {
        List<ContributionView> cs = new ArrayList<>();
        List<PageView> pages = new ArrayList<>();
        List<CardView> cards = new ArrayList<>();
        // Who owns a route does not depend on who asks: the first contribution by id, whether or not this caller sees it.
        Map<String, String> owners = new HashMap<>();
        installed.forEach(c -> c.pages().forEach(p -> owners.putIfAbsent(p.route(), c.id())));
        for (Contribution c : installed) {
            cs.add(new ContributionView(c.id(), c.base(), Messages.languages(c.files(), c.path("i18n"))));
            if (caller == null) {
                continue;
            }
            for (UiPage p : c.pages()) {
                String module = module(c, p.module());
                if (module != null && allowed(caller, p.privilege()) && c.id().equals(owners.get(p.route()))) {
                    pages.add(new PageView(c.id(), p.route(), module, p.element(), p.titleKey(), p.privilege(),
                            p.navSection(), p.order(), p.portal()));
                }
            }
            for (UiCard card : c.cards()) {
                String module = module(c, card.module());
                if (module != null && allowed(caller, card.privilege())) {
                    cards.add(new CardView(c.id(), module, card.element(), card.titleKey(), card.privilege(),
                            card.order()));
                }
            }
        }
        pages.sort(Comparator.comparing((PageView p) -> p.navSection() == null ? "~" : p.navSection())
                .thenComparingInt(PageView::order).thenComparing(PageView::route));
        cards.sort(Comparator.comparingInt(CardView::order).thenComparing(CardView::contribution)
                .thenComparing(CardView::element));
        return new UiManifest(List.copyOf(cs), List.copyOf(pages), List.copyOf(cards));
    }

    private static boolean allowed(Caller caller, String privilege) {
        return privilege == null || caller.hasPrivilege(privilege);
    }

    /** Absolute URL of a module below the contribution's base, or null when it tries to leave it. */
    static String module(Contribution c, String module) {
        String m = module.startsWith("./") ? module.substring(2) : module;
        while (m.startsWith("/")) {
            m = m.substring(1);
        }
        return WebPaths.safe(m, false) ? c.base() + m : null;
    }
}
