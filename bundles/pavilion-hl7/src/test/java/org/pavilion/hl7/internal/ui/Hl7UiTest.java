package org.pavilion.hl7.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The HL7 monitor's page list: routes, privileges the hub declares, modules that exist and define their element,
 * messages in English and French for every title, and none of the browser APIs the UI rules forbid.
 */
public class Hl7UiTest {

    private final Hl7Ui ui = new Hl7Ui();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivileges() {
        assertEquals("hl7", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/integration/hl7", "/integration/hl7-outbound"),
                ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("hl7.message.view", page("/integration/hl7").privilege());
        assertEquals("hl7-inbound", page("/integration/hl7").element());
        assertEquals("hl7.outbound.view", page("/integration/hl7-outbound").privilege());
        assertEquals("hl7-outbound", page("/integration/hl7-outbound").element());
        for (UiPage p : ui.pages()) {
            assertEquals("integration", p.navSection());
            assertFalse(p.portal());
        }
        assertTrue(ui.cards().isEmpty());
    }

    @Test
    public void passesTheSharedContributionChecks() throws IOException {
        // Privileges declared, modules define their elements, en/fr alike, no forbidden browser API in any script.
        checker.checkAll();
    }
}
