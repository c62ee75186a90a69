package org.pavilion.web.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class MessagesTest {

    private final FolderFiles files = FolderFiles.temp()
            .put("ui/i18n/en.json", "{\"emr.a\": \"A\", \"emr.b\": \"B\", \"emr.c\": \"C\"}")
            .put("ui/i18n/chart.en.json", "{\"emr.chart\": \"Chart\"}")
            .put("ui/i18n/fr.json", "{\"emr.a\": \"A fr\"}")
            .put("ui/i18n/chart.fr.json", "{\"emr.chart\": \"Dossier\", \"emr.b\": \"B fr\"}")
            .put("ui/i18n/readme.txt", "not messages")
            .put("ui/i18n/broken.de.json", "{not json");

    @Test
    public void englishIsTheMainFileAndItsParts() {
        assertEquals(Map.of("emr.a", "A", "emr.b", "B", "emr.c", "C", "emr.chart", "Chart"),
                Messages.merged(files, "ui/i18n", "en"));
    }

    @Test
    public void aLanguageIsMergedOverEnglish() {
        assertEquals(Map.of("emr.a", "A fr", "emr.b", "B fr", "emr.c", "C", "emr.chart", "Dossier"),
                Messages.merged(files, "ui/i18n", "fr"));
    }

    @Test
    public void anUnknownLanguageIsEnglish() {
        assertEquals(Messages.merged(files, "ui/i18n", "en"), Messages.merged(files, "ui/i18n", "es"));
    }

    @Test
    public void aBrokenFileLeavesTheOthers() {
        assertEquals(Messages.merged(files, "ui/i18n", "en"), Messages.merged(files, "ui/i18n", "de"));
    }

    @Test
    public void languagesFoundFromFileNames() {
        assertEquals(List.of("de", "en", "fr"), Messages.languages(files, "ui/i18n"));
        assertEquals(List.of(), Messages.languages(files, "ui/none"));
    }

    @Test
    public void mergedJsonIsSortedFlatJson() {
        assertEquals("{\"emr.a\":\"A fr\",\"emr.b\":\"B fr\",\"emr.c\":\"C\",\"emr.chart\":\"Dossier\"}",
                new String(Messages.mergedJson(files, "ui/i18n", "fr"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
