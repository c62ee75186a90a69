package org.pavilion.web.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * Read access to the files of one bundle (or, in tests, of a folder on the class path): the shell reads its own
 * assets and the contributions' files through this, so path checks and caching are tested without a framework.
 */
public interface BundleFiles {

    /** The file at {@code path} (no leading '/'), or null. Folders are not files. */
    URL entry(String path);

    /** Names of the files directly in {@code folder} (no leading '/', trailing '/' optional). */
    List<String> list(String folder);

    /** Changes whenever the files may have changed (bundle reinstalled or updated): part of cache keys. */
    String revision();

    static BundleFiles of(Bundle bundle) {
        return new BundleFiles() {
            @Override
            public URL entry(String path) {
                if (path.isEmpty() || path.endsWith("/")) {
                    return null;
                }
                return bundle.getEntry(path);
            }

            @Override
            public List<String> list(String folder) {
                List<String> names = new ArrayList<>();
                Enumeration<String> paths = bundle.getEntryPaths(folder.endsWith("/") ? folder : folder + "/");
                while (paths != null && paths.hasMoreElements()) {
                    String p = paths.nextElement();
                    if (!p.endsWith("/")) {
                        names.add(p.substring(p.lastIndexOf('/') + 1));
                    }
                }
                return names;
            }

            @Override
            public String revision() {
                return bundle.getBundleId() + ":" + bundle.getLastModified();
            }
        };
    }
}
