package org.pavilion.web.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

public class ManifestResourceTest {

    private final UiContributions contributions = new UiContributions(bundle -> FolderFiles.temp());
    private final ManifestResource resource = new ManifestResource(contributions);

    public ManifestResourceTest() {
        contributions.add(1, new UiContribution() {
            @Override
            public String id() {
                return "example";
            }

            @Override
            public List<UiPage> pages() {
                return List.of(new UiPage("/visitors", "visitors.js", "example-visitor-log", "example.page.visitors",
                        "example.visit.view", "clinical", 50));
            }
        }, null);
    }

    @After
    public void clear() {
        CallerContext.clear();
    }

    @Test
    public void theCallerOfTheRequestDecides() {
        assertEquals(0, resource.manifest().pages().size());
        CallerContext.bind(TestCallers.with("platform.module.view"));
        assertEquals(0, resource.manifest().pages().size());
        CallerContext.bind(TestCallers.with("example.visit.view"));
        assertEquals("/ui/c/example/visitors.js", resource.manifest().pages().get(0).module());
    }

    @Test
    public void theJsonShapeTheShellReads() throws Exception {
        CallerContext.bind(TestCallers.with("example.visit.view"));
        Map<String, Object> json = new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(
                resource.manifest()), new TypeReference<Map<String, Object>>() { });
        assertEquals(List.of(Map.of("id", "example", "base", "/ui/c/example/", "languages", List.of())),
                json.get("contributions"));
        @SuppressWarnings("unchecked")
        Map<String, Object> page = ((List<Map<String, Object>>) json.get("pages")).get(0);
        assertEquals(Map.of("contribution", "example", "route", "/visitors", "module", "/ui/c/example/visitors.js",
                "element", "example-visitor-log", "titleKey", "example.page.visitors", "privilege",
                "example.visit.view", "navSection", "clinical", "order", 50, "portal", false), page);
        assertEquals(List.of(), json.get("cards"));
    }

    @Test
    public void shellMessagesExistInEnglishAndFrench() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> en = json.readValue(new java.io.File("src/main/resources/ui/shell/i18n/en.json"),
                new TypeReference<Map<String, String>>() { });
        Map<String, String> fr = json.readValue(new java.io.File("src/main/resources/ui/shell/i18n/fr.json"),
                new TypeReference<Map<String, String>>() { });
        assertEquals(en.keySet(), fr.keySet());
    }
}
