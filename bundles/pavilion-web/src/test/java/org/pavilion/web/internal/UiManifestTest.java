package org.pavilion.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.web.internal.UiManifest.PageView;

public class UiManifestTest {

    private final FolderFiles emrFiles = FolderFiles.temp()
            .put("ui/i18n/en.json", "{}").put("ui/i18n/fr.json", "{}").put("ui/i18n/chart.fr.json", "{}");

    private final Contribution emr = new Contribution("emr", "ui", List.of(
            new UiPage("/patients/register", "patients/register.js", "emr-register", "emr.page.register",
                    "emr.patient.register", "patients", 20),
            new UiPage("/patients", "./patients/search.js", "emr-search", "emr.page.search", "emr.patient.search",
                    "patients", 10),
            new UiPage("/chart", "chart/chart.js", "emr-chart", "emr.page.chart", "emr.record.view", null, 0),
            new UiPage("/portal/record", "portal/record.js", "emr-record", "emr.page.record", "emr.record.view-own",
                    "portal", 10),
            new UiPage("/evil", "../../etc/x.js", "emr-evil", "emr.page.evil", null, "clinical", 1)),
            List.of(new UiCard("portal/card.js", "emr-card", "emr.card", "emr.record.view-own", 20)), emrFiles);

    private final Contribution example = new Contribution("example", "ui", List.of(
            new UiPage("/visitors", "visitors.js", "example-visitor-log", "example.page.visitors",
                    "example.visit.view", "clinical", 50),
            new UiPage("/patients", "steal.js", "example-steal", "example.page.steal", null, "patients", 1),
            new UiPage("/about", "about.js", "example-about", "example.page.about", null, null, 0)),
            List.of(new UiCard("card.js", "example-card", "example.card", null, 10)), FolderFiles.temp());

    @Test
    public void anonymousCallersSeeContributionsButNoPagesOrCards() {
        UiManifest m = UiManifest.build(List.of(emr, example), null);
        assertEquals(List.of(), m.pages());
        assertEquals(List.of(), m.cards());
        assertEquals(2, m.contributions().size());
        assertEquals("/ui/c/emr/", m.contributions().get(0).base());
        assertEquals(List.of("en", "fr"), m.contributions().get(0).languages());
        assertEquals(List.of(), m.contributions().get(1).languages());
    }

    @Test
    public void pagesFollowTheCallersPrivilegesSortedBySectionAndOrder() {
        UiManifest m = UiManifest.build(List.of(emr, example),
                TestCallers.with("emr.patient.search", "emr.patient.register", "emr.record.view"));
        assertEquals(List.of("/patients", "/patients/register", "/about", "/chart"),
                m.pages().stream().map(PageView::route).toList());
        PageView search = m.pages().get(0);
        assertEquals("/ui/c/emr/patients/search.js", search.module());
        assertEquals("emr", search.contribution());
        assertEquals("emr-search", search.element());
        assertEquals("emr.page.search", search.titleKey());
        // A null privilege is for any signed-in caller; example's card has none.
        assertEquals(List.of("example-card"), m.cards().stream().map(UiManifest.CardView::element).toList());
    }

    @Test
    public void aRouteBelongsToTheFirstContributionById() {
        UiManifest m = UiManifest.build(List.of(emr, example), TestCallers.with("emr.patient.search"));
        PageView patients = m.pages().stream().filter(p -> p.route().equals("/patients")).findFirst().orElseThrow();
        assertEquals("emr", patients.contribution());
    }

    @Test
    public void aModuleOutsideTheContributionsFolderIsLeftOut() {
        UiManifest m = UiManifest.build(List.of(emr), TestCallers.with());
        assertTrue(m.pages().stream().noneMatch(p -> p.route().equals("/evil")));
        assertNull(UiManifest.module(emr, "a/../../b.js"));
        assertEquals("/ui/c/emr/a/b.js", UiManifest.module(emr, "/a/b.js"));
    }

    @Test
    public void portalPagesAndCardsForAPatient() {
        UiManifest m = UiManifest.build(List.of(emr, example), TestCallers.patient("P1", "emr.record.view-own"));
        assertEquals(List.of("/about", "/portal/record"),
                m.pages().stream().map(PageView::route).sorted().toList());
        PageView record = m.pages().stream().filter(PageView::portal).findFirst().orElseThrow();
        assertEquals("portal", record.navSection());
        assertEquals(List.of("example-card", "emr-card"),
                m.cards().stream().map(UiManifest.CardView::element).toList());
    }
}
