package org.pavilion.example.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The page's files are where the contribution says, and every message exists in English and French. */
public class ExampleUiTest {

    private final ExampleUi ui = new ExampleUi();

    private static Map<String, String> messages(String lang) throws IOException {
        try (InputStream in = ExampleUiTest.class.getResourceAsStream("/ui/i18n/" + lang + ".json")) {
            assertNotNull(lang, in);
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() { });
        }
    }

    @Test
    public void thePageModuleIsInTheResourceRoot() {
        UiPage page = ui.pages().get(0);
        assertEquals("example", ui.id());
        assertEquals("/visitors", page.route());
        assertEquals("example.visit.view", page.privilege());
        assertNotNull(getClass().getResource(ui.resourceRoot() + "/" + page.module()));
    }

    @Test
    public void messagesInBothLanguagesWithTheContributionPrefix() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> fr = messages("fr");
        assertEquals(en.keySet(), fr.keySet());
        assertTrue(en.containsKey(ui.pages().get(0).titleKey()));
        assertTrue(en.keySet().stream().allMatch(k -> k.startsWith("example.")));
    }
}
