package org.pavilion.example.internal.ui;

import static org.junit.Assert.assertEquals;

import java.io.IOException;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/** The page's files are where the contribution says, and every message exists in English and French. */
public class ExampleUiTest {

    private final ExampleUi ui = new ExampleUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    @Test
    public void thePageModuleIsInTheResourceRoot() throws IOException {
        UiPage page = ui.pages().get(0);
        assertEquals("example", ui.id());
        assertEquals("/visitors", page.route());
        assertEquals("example.visit.view", page.privilege());
        checker.privilegesAreDeclared();
        checker.modulesDefineTheirElements();
    }

    @Test
    public void messagesInBothLanguagesWithTheContributionPrefix() throws IOException {
        checker.messagesAlikeInEnglishAndFrench();
        checker.noForbiddenBrowserApis("visitors.js");
    }
}
