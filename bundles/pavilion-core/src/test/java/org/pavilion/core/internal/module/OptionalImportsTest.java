package org.pavilion.core.internal.module;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.internal.module.OptionalImports.Export;
import org.pavilion.core.internal.module.OptionalImports.Import;

/**
 * The lab, pharmacy and billing use the EMR's api when it is there. Switched on in any order, each must come to use
 * the EMR now serving: the one installed before it resolved without it, the one still wired to a copy uninstalled
 * without a refresh. The one already using it is left alone, and a pairing the resolver refused once is not retried.
 */
public class OptionalImportsTest {

    private static final long EMR = 40, LAB = 41, PHARMACY = 42, BILLING = 43, OLD_EMR = 12;
    private static final String EMR_API = "org.pavilion.emr.api";
    private static final String LAB_API = "org.pavilion.lab.api";

    private final Set<String> tried = new HashSet<>();

    private static Import wiredNow(long importer, String pkg) {
        return new Import(importer, pkg, true, true, e -> true);
    }

    private static Import unwired(long importer, String pkg) {
        return new Import(importer, pkg, false, false, e -> true);
    }

    private static Import wiredToRemovedCopy(long importer, String pkg) {
        return new Import(importer, pkg, true, false, e -> e.bundleId() != OLD_EMR);
    }

    @Test
    public void theEmrSwitchedOnReachesTheLabInstalledBeforeItAndThePharmacyStillWiredToTheOldCopy() {
        Map<Long, String> refresh = OptionalImports.toRefresh(
                List.of(unwired(LAB, EMR_API), wiredToRemovedCopy(PHARMACY, EMR_API), wiredNow(BILLING, EMR_API)),
                List.of(new Export(EMR, EMR_API, null)), tried);
        assertEquals(Set.of(LAB, PHARMACY), refresh.keySet());
        assertEquals("org.pavilion.emr.api is exported by bundle 40", refresh.get(LAB));
        assertTrue(refresh.get(PHARMACY), refresh.get(PHARMACY).contains("wired to a removed copy"));
    }

    @Test
    public void withoutTheEmrNothingIsRefreshed() {
        assertTrue(OptionalImports.toRefresh(List.of(unwired(LAB, EMR_API), unwired(BILLING, LAB_API)),
                List.of(), tried).isEmpty());
    }

    @Test
    public void anExportOutsideTheImportsRangeOrOfAnotherPackageIsNoReason() {
        Import wantsNewer = new Import(LAB, EMR_API, false, false, e -> false);
        assertTrue(OptionalImports.toRefresh(List.of(wantsNewer, unwired(BILLING, LAB_API)),
                List.of(new Export(EMR, EMR_API, null)), tried).isEmpty());
    }

    @Test
    public void aBundleIsNotRefreshedForItsOwnExport() {
        assertTrue(OptionalImports.toRefresh(List.of(unwired(LAB, LAB_API)), List.of(new Export(LAB, LAB_API, null)),
                tried).isEmpty());
    }

    @Test
    public void aPairingTheResolverStillLeftUnwiredIsNotTriedAgainUntilAnotherCopyComes() {
        List<Import> imports = List.of(unwired(LAB, EMR_API));
        assertEquals(Set.of(LAB), OptionalImports.toRefresh(imports, List.of(new Export(EMR, EMR_API, null)), tried)
                .keySet());
        // The refresh did not wire it (a uses conflict, say): the lab's restart must not start another refresh.
        assertTrue(OptionalImports.toRefresh(imports, List.of(new Export(EMR, EMR_API, null)), tried).isEmpty());
        // The EMR reinstalled is another bundle: worth one more try.
        assertEquals(Set.of(LAB), OptionalImports.toRefresh(imports, List.of(new Export(EMR + 10, EMR_API, null)),
                tried).keySet());
    }
}
