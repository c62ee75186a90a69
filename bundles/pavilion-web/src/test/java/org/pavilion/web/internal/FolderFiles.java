package org.pavilion.web.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test stand-in for a bundle's files: a folder on disk; {@link #touch()} plays a reinstall. */
final class FolderFiles implements BundleFiles {

    final Path root;
    private int revision;

    FolderFiles(Path root) {
        this.root = root;
    }

    static FolderFiles temp() {
        try {
            return new FolderFiles(Files.createTempDirectory("pavilion-web-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FolderFiles put(String path, String content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void touch() {
        revision++;
    }

    @Override
    public URL entry(String path) {
        Path p = root.resolve(path);
        try {
            return Files.isRegularFile(p) ? p.toUri().toURL() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> list(String folder) {
        Path p = root.resolve(folder);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String revision() {
        return root + ":" + revision;
    }
}
