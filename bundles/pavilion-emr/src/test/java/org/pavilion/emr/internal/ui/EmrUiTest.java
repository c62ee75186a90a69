package org.pavilion.emr.internal.ui;

import static org.junit.Assert.assertEquals;

import java.io.IOException;

import org.junit.Test;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The EMR's pages and portal card: privileges the EMR declares, modules that exist and define their element, messages
 * (chart, patients, portal files merged) alike in English and French, no forbidden browser API in any script.
 */
public class EmrUiTest {

    private final EmrUi ui = new EmrUi();

    @Test
    public void theContributionPassesTheSharedChecks() throws IOException {
        assertEquals("emr", ui.id());
        new UiContributionChecker(ui).checkAll();
    }
}
