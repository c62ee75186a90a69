package org.pavilion.emr.internal.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * An upload received into a temporary file, checked while it streamed in: its type by magic bytes (before the
 * rest is read), its size against the limit, its SHA-256. Staging first keeps memory bounded whatever the size,
 * keeps slow uploads out of database transactions, and means nothing reaches a store until every check passed.
 * Close it to delete the temporary file (a no-op once a store moved it away).
 */
public final class StagedUpload implements AutoCloseable {

    static final int BUFFER = 64 * 1024;

    public final Path file;
    public final DocumentType type;
    public final long size;
    public final byte[] sha256;

    private StagedUpload(Path file, DocumentType type, long size, byte[] sha256) {
        this.file = file;
        this.type = type;
        this.size = size;
        this.sha256 = sha256;
    }

    public String sha256Hex() {
        return Sha256.hex(sha256);
    }

    /**
     * Streams {@code body} into a new file of {@code stagingDir}, fsync'd. On any failure the file is deleted.
     *
     * @param declared the type the client's Content-Type names (null when it names none of ours)
     * @throws WrongTypeException  when the bytes are none of our types or not the declared one
     * @throws SizeLimitedInputStream.TooLargeException when more than {@code maxBytes} arrive
     */
    public static StagedUpload receive(InputStream body, long maxBytes, Path stagingDir, DocumentType declared)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        SizeLimitedInputStream in = new SizeLimitedInputStream(body, maxBytes);
        byte[] head = in.readNBytes(DocumentType.HEAD_BYTES);
        DocumentType sniffed = DocumentType.sniff(head, head.length);
        if (sniffed == null) {
            throw new WrongTypeException("The content is not a PDF, JPEG, PNG, DICOM Part 10 or TIFF file");
        }
        if (sniffed != declared) {
            throw new WrongTypeException("The content is " + sniffed.mediaType + " but was declared as "
                    + (declared == null ? "something else" : declared.mediaType));
        }
        Files.createDirectories(stagingDir);
        Path file = Files.createTempFile(stagingDir, "upload-", ".part");
        boolean done = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            digest.update(head);
            writeFully(out, ByteBuffer.wrap(head));
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                writeFully(out, ByteBuffer.wrap(buffer, 0, n));
            }
            out.force(true); // on disk before anyone is told it is stored
            done = true;
            return new StagedUpload(file, sniffed, in.count(), digest.digest());
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The bytes are not an accepted type, or not the declared one. */
    public static final class WrongTypeException extends IOException {
        private static final long serialVersionUID = 1L;

        public WrongTypeException(String message) {
            super(message);
        }
    }
}
