package org.pavilion.emr.internal.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Content as files named by document id in one directory. A staged upload (in {@link #stagingDir()}, on the same
 * file system) is already fsync'd; it is moved into place atomically and the directory is fsync'd, so a file
 * under its final name is always complete. The metadata row is committed only after that; if the commit fails
 * the caller {@link #discard}s the file.
 */
public final class FileContentStore {

    private final Path directory;

    public FileContentStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** Where uploads are staged: inside the store, so the final move is a rename on one file system. */
    public Path stagingDir() {
        return directory.resolve(".staging");
    }

    /** Moves the staged file to its final name {@code id}; after this, the staged file is gone. */
    public void commit(StagedUpload staged, String id) throws IOException {
        Path target = fileOf(id);
        Files.createDirectories(directory);
        try {
            Files.move(staged.file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The document directory " + directory + " and its .staging folder must be on one "
                    + "file system for atomic moves", e);
        }
        syncDirectory();
    }

    /** Removes a committed file whose metadata row could not be stored. */
    public void discard(String id) throws IOException {
        Files.deleteIfExists(fileOf(id));
    }

    public InputStream open(String id) throws IOException {
        return Files.newInputStream(fileOf(id));
    }

    public boolean exists(String id) {
        return Files.isRegularFile(fileOf(id));
    }

    private Path fileOf(String id) {
        // Ids are UUIDs we generated; parsing refuses anything that could walk out of the directory.
        return directory.resolve(UUID.fromString(id).toString());
    }

    /** Makes the rename durable (POSIX); some platforms cannot open a directory, where this is a no-op. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // e.g. Windows: directory entries are durable with the file there.
        }
    }
}
