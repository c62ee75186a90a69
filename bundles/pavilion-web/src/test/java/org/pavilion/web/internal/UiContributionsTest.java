package org.pavilion.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

public class UiContributionsTest {

    private final FolderFiles files = FolderFiles.temp();
    private final UiContributions contributions = new UiContributions(bundle -> files);

    private static UiContribution ui(String id, String route) {
        return new UiContribution() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<UiPage> pages() {
                return List.of(new UiPage(route, "x.js", "x-page", "x.title", null, "clinical", 1));
            }
        };
    }

    @Test
    public void tracksRegistrationsAndRemovals() {
        contributions.add(1, ui("emr", "/patients"), null);
        contributions.add(2, ui("example", "/visitors"), null);
        assertEquals(List.of("emr", "example"), contributions.all().stream().map(Contribution::id).toList());
        assertEquals("ui", contributions.get("emr").orElseThrow().root());
        contributions.remove(1);
        assertTrue(contributions.get("emr").isEmpty());
        assertEquals(1, contributions.all().size());
    }

    @Test
    public void invalidIdsAreSkipped() {
        contributions.add(1, ui("EMR", "/a"), null);
        contributions.add(2, ui("a/b", "/b"), null);
        contributions.add(3, ui("", "/c"), null);
        contributions.add(4, ui("-x", "/d"), null);
        contributions.add(5, ui(null, "/e"), null);
        assertEquals(List.of(), contributions.all());
    }

    @Test
    public void aDuplicateIdIsSkippedUntilTheFirstGoesAway() {
        contributions.add(1, ui("emr", "/first"), null);
        contributions.add(2, ui("emr", "/second"), null);
        assertEquals("/first", contributions.get("emr").orElseThrow().pages().get(0).route());
        contributions.remove(1);
        assertEquals("/second", contributions.get("emr").orElseThrow().pages().get(0).route());
    }

    @Test
    public void aContributionThatFailsToDescribeItselfIsSkipped() {
        contributions.add(1, new UiContribution() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public List<UiPage> pages() {
                throw new IllegalStateException("boom");
            }
        }, null);
        assertEquals(List.of(), contributions.all());
    }

    @Test
    public void resourceRootsAreNormalised() {
        assertEquals("ui", Contribution.normaliseRoot("/ui/"));
        assertEquals("web/pages", Contribution.normaliseRoot("web/pages"));
        assertEquals("", Contribution.normaliseRoot("/"));
        assertEquals("ui", Contribution.normaliseRoot(null));
    }
}
