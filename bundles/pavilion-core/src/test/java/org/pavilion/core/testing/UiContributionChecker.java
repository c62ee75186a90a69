package org.pavilion.core.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The checks every module's web UI contribution passes, read from the module's own test class path: its pages'
 * privileges are declared, its page and card modules exist and define their element, its messages have the same keys
 * in English and French under its id, and its scripts use none of the browser APIs the UI rules forbid.
 */
public final class UiContributionChecker {

    private static final Set<String> FORBIDDEN = Set.of("innerHTML", "localStorage", "sessionStorage",
            "document.title", "eval(");

    private final UiContribution ui;

    public UiContributionChecker(UiContribution ui) {
        this.ui = ui;
    }

    /** A file under the contribution's resource root (e.g. {@code chart/chart.js}). */
    public String file(String path) throws IOException {
        return resource(ui.resourceRoot() + "/" + path);
    }

    /** Every page's privilege is in the module's {@code OSGI-INF/pavilion/privileges.properties}. */
    public void privilegesAreDeclared() throws IOException {
        Properties declared = new Properties();
        declared.load(new StringReader(resource("/OSGI-INF/pavilion/privileges.properties")));
        for (UiPage p : ui.pages()) {
            if (p.privilege() != null) {
                assertTrue(p.route() + " needs an undeclared " + p.privilege(), declared.containsKey(p.privilege()));
            }
        }
        for (UiCard c : ui.cards()) {
            if (c.privilege() != null) {
                assertTrue(c.element() + " needs an undeclared " + c.privilege(), declared.containsKey(c.privilege()));
            }
        }
    }

    /** Every page's and card's module exists and registers the element the contribution names. */
    public void modulesDefineTheirElements() throws IOException {
        Map<String, String> elements = new TreeMap<>();
        ui.pages().forEach(p -> elements.put(p.module() + " " + p.element(), p.module()));
        ui.cards().forEach(c -> elements.put(c.module() + " " + c.element(), c.module()));
        for (Map.Entry<String, String> e : elements.entrySet()) {
            String element = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            String js = file(e.getValue());
            assertTrue(e.getValue() + " defines " + element, js.contains("customElements.define('" + element + "'")
                    || js.contains("customElements.define(\"" + element + "\""));
        }
    }

    /**
     * The messages in one language: {@code i18n/<lang>.json} and every {@code i18n/<part>.<lang>.json}, merged as the
     * web shell merges them.
     */
    public Map<String, String> messages(String lang) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String name : i18nFiles()) {
            if (name.equals(lang + ".json") || name.endsWith("." + lang + ".json")) {
                all.putAll(new ObjectMapper().readValue(file("i18n/" + name),
                        new TypeReference<TreeMap<String, String>>() { }));
            }
        }
        assertFalse("no " + lang + " messages", all.isEmpty());
        return all;
    }

    /** English and French have the same keys, all under "<id>.", none blank, and every page and card title. */
    public void messagesAlikeInEnglishAndFrench() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> fr = messages("fr");
        assertEquals("the same keys in both languages", en.keySet(), fr.keySet());
        for (String key : en.keySet()) {
            assertTrue("key prefixed with the contribution id: " + key, key.startsWith(ui.id() + "."));
            assertFalse("empty English text for " + key, en.get(key).isBlank());
            assertFalse("empty French text for " + key, fr.get(key).isBlank());
        }
        ui.pages().forEach(p -> assertTrue("title " + p.titleKey(), en.containsKey(p.titleKey())));
        ui.cards().forEach(c -> assertTrue("title " + c.titleKey(), en.containsKey(c.titleKey())));
    }

    /** None of the files (paths under the resource root) uses innerHTML, web storage, document.title or eval. */
    public void noForbiddenBrowserApis(String... files) throws IOException {
        for (String f : files) {
            String js = file(f);
            for (String forbidden : FORBIDDEN) {
                assertFalse(f + " uses " + forbidden, js.contains(forbidden));
            }
        }
    }

    /** Every script under the resource root, as paths under it (e.g. {@code chart/tabs/notes.js}). */
    public String[] scripts() throws IOException {
        Path root = directory(ui.resourceRoot());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".js"))
                    .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/')).sorted()
                    .toArray(String[]::new);
        }
    }

    /**
     * Every string a script quotes that looks like one of the module's keys ({@code '<id>.something'}) is a message
     * key of the English file or a privilege the module declares: a renamed or misspelt key fails here, not on screen.
     */
    public void scriptsNameOnlyKnownKeys() throws IOException {
        Map<String, String> en = messages("en");
        Properties privileges = new Properties();
        privileges.load(new StringReader(resource("/OSGI-INF/pavilion/privileges.properties")));
        Pattern quoted = Pattern.compile("'(" + Pattern.quote(ui.id()) + "\\.[A-Za-z0-9_.\\-]+)'");
        for (String script : scripts()) {
            Matcher m = quoted.matcher(file(script));
            while (m.find()) {
                assertTrue(script + " names a missing key " + m.group(1),
                        en.containsKey(m.group(1)) || privileges.containsKey(m.group(1)));
            }
        }
    }

    /** Runs every check above, the forbidden-API one on every script of the contribution. */
    public void checkAll() throws IOException {
        privilegesAreDeclared();
        modulesDefineTheirElements();
        messagesAlikeInEnglishAndFrench();
        noForbiddenBrowserApis(scripts());
        scriptsNameOnlyKnownKeys();
    }

    private List<String> i18nFiles() {
        String[] names = directory(ui.resourceRoot() + "/i18n").toFile().list((d, n) -> n.endsWith(".json"));
        return names == null ? List.of() : new ArrayList<>(List.of(names));
    }

    private Path directory(String path) {
        URL dir = ui.getClass().getResource(path);
        assertNotNull("missing " + path, dir);
        try {
            // Tests run from the module's classes folder, so its resource folders are plain directories.
            return Path.of(dir.toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new AssertionError("cannot list " + dir, e);
        }
    }

    private String resource(String path) throws IOException {
        try (InputStream in = ui.getClass().getResourceAsStream(path)) {
            assertNotNull("missing " + path, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
