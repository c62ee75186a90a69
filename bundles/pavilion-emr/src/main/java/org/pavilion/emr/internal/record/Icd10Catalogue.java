package org.pavilion.emr.internal.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICD-10 code list diagnoses are validated against, loaded once into memory and swapped whole when the
 * configuration changes. Without configuration it is the ICD-10-CM starter list bundled at
 * {@link #BUNDLED} (CMS/NCHS ICD-10-CM titles, public domain, see the README); a hospital may point
 * {@code path} at its own file, e.g. its licensed WHO ICD-10. A file that cannot be read leaves the list in
 * use unchanged and is reported in the log and in {@link #loadError()}, rather than leaving doctors unable to
 * record any diagnosis.
 */
@Component(service = Icd10Catalogue.class, configurationPid = Icd10Catalogue.PID)
@Designate(ocd = Icd10Config.class)
public class Icd10Catalogue {

    public static final String PID = "org.pavilion.emr.icd10";
    static final String BUNDLED = "icd10/icd10cm-starter.txt.gz";
    private static final Logger LOG = LoggerFactory.getLogger(Icd10Catalogue.class);

    private volatile Icd10CodeList codes;
    private volatile String codeSystem;
    private volatile String loadError;

    @Activate
    public Icd10Catalogue(Icd10Config config) throws IOException {
        this.codes = bundled();
        apply(config);
    }

    @Modified
    void modified(Icd10Config config) {
        apply(config);
    }

    private void apply(Icd10Config config) {
        String path = config.path() == null ? "" : config.path().strip();
        codeSystem = config.codeSystem() == null || config.codeSystem().isBlank() ? "ICD-10-CM" : config.codeSystem().strip();
        try {
            Icd10CodeList next = path.isEmpty() ? bundled() : fromFile(Path.of(path));
            codes = next;
            loadError = null;
            LOG.info("ICD-10 code list: {} codes from {}", next.size(), next.source());
        } catch (IOException | RuntimeException e) {
            loadError = "Could not load the ICD-10 code list " + path + ": " + e.getMessage();
            LOG.error("{}; still using {} ({} codes)", loadError, codes.source(), codes.size());
        }
    }

    static Icd10CodeList bundled() throws IOException {
        try (InputStream in = Icd10Catalogue.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("bundled resource " + BUNDLED + " is missing");
            }
            return Icd10CodeList.parse(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8),
                    "bundled ICD-10-CM starter list");
        }
    }

    static Icd10CodeList fromFile(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return Icd10CodeList.parse(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        }
    }

    public Icd10CodeList codes() {
        return codes;
    }

    public String codeSystem() {
        return codeSystem;
    }

    /** Why the configured file is not in use, or null. */
    public String loadError() {
        return loadError;
    }
}
