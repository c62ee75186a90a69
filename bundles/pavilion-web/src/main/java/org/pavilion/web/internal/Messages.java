package org.pavilion.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A contribution's messages: {@code i18n/<lang>.json} and every {@code i18n/<part>.<lang>.json}, flat maps merged in
 * name order, over the English ones so a missing translation shows English rather than a key.
 */
public final class Messages {

    public static final String FALLBACK = "en";
    private static final Pattern FILE = Pattern.compile("(?:[A-Za-z0-9_-]+\\.)?([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    private Messages() {
    }

    /** The languages the folder has messages for, sorted. */
    public static List<String> languages(BundleFiles files, String folder) {
        TreeSet<String> langs = new TreeSet<>();
        for (String name : files.list(folder)) {
            Matcher m = FILE.matcher(name);
            if (m.matches()) {
                langs.add(m.group(1));
            }
        }
        return new ArrayList<>(langs);
    }

    /** The merged messages of {@code lang} (English underneath), keys sorted. */
    public static Map<String, String> merged(BundleFiles files, String folder, String lang) {
        Map<String, String> out = new TreeMap<>();
        List<String> names = new ArrayList<>(files.list(folder));
        names.sort(null);
        putAll(out, files, folder, names, FALLBACK);
        if (!FALLBACK.equals(lang)) {
            putAll(out, files, folder, names, lang);
        }
        return out;
    }

    public static byte[] mergedJson(BundleFiles files, String folder, String lang) {
        try {
            return JSON.writeValueAsBytes(merged(files, folder, lang));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putAll(Map<String, String> out, BundleFiles files, String folder, List<String> names,
            String lang) {
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        // <lang>.json first, then the parts, so a part may refine the main file.
        List<String> ordered = new ArrayList<>();
        for (String name : names) {
            Matcher m = FILE.matcher(name);
            if (m.matches() && m.group(1).equals(lang)) {
                if (name.equals(lang + ".json")) {
                    ordered.add(0, name);
                } else {
                    ordered.add(name);
                }
            }
        }
        for (String name : ordered) {
            URL url = files.entry(prefix + name);
            if (url == null) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                Map<String, Object> map = JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
                map.forEach((k, v) -> {
                    if (v instanceof String s) {
                        out.put(k, s);
                    }
                });
            } catch (IOException e) {
                // A broken file must not take the others down: its keys show untranslated.
                LOG.warn("Unreadable messages file {}: {}",
                        prefix + name, e.getMessage());
            }
        }
    }
}
