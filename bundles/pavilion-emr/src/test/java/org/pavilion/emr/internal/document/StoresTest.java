package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Staging, the FILE store in a temporary folder and the DATABASE store on an in-memory H2, without a container. */
public class StoresTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy("%PDF-1.4\n".getBytes(), 0, b, 0, 9);
        return b;
    }

    private static long filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    public void stagingChecksTypeSizeAndDigestAndLeavesNothingOnFailure() throws IOException {
        Path staging = tmp.getRoot().toPath().resolve("staging");
        byte[] content = pdf(300_000);
        try (StagedUpload s = StagedUpload.receive(new ByteArrayInputStream(content), 300_000, staging, DocumentType.PDF)) {
            assertEquals(DocumentType.PDF, s.type);
            assertEquals(300_000, s.size);
            assertEquals(Sha256.hex(Sha256.newDigest().digest(content)), s.sha256Hex());
            assertArrayEquals(content, Files.readAllBytes(s.file));
        }
        assertEquals("closing deletes the staged file", 0, filesIn(staging));

        try {
            StagedUpload.receive(new ByteArrayInputStream(content), 299_999, staging, DocumentType.PDF);
            fail("over the limit");
        } catch (SizeLimitedInputStream.TooLargeException expected) {
            assertEquals(0, filesIn(staging));
        }
        try {
            StagedUpload.receive(new ByteArrayInputStream(content), 300_000, staging, DocumentType.PNG);
            fail("declared PNG, is PDF");
        } catch (StagedUpload.WrongTypeException expected) {
            assertEquals(0, filesIn(staging));
        }
        try {
            StagedUpload.receive(new ByteArrayInputStream("MZ\u0090\u0000 not a pdf".getBytes()), 300_000, staging,
                    DocumentType.PDF);
            fail("an executable declared as PDF");
        } catch (StagedUpload.WrongTypeException expected) {
            assertEquals(0, filesIn(staging));
        }
    }

    @Test
    public void fileStoreWritesAtomicallyReadsBackAndAFailedUploadLeavesNoFile() throws IOException {
        FileContentStore store = new FileContentStore(tmp.getRoot().toPath().resolve("documents"));
        byte[] content = pdf(1_000_000);
        String id = UUID.randomUUID().toString();
        try (StagedUpload s = StagedUpload.receive(new ByteArrayInputStream(content), 2_000_000, store.stagingDir(),
                DocumentType.PDF)) {
            store.commit(s, id);
            assertFalse("moved, not copied", Files.exists(s.file));
        }
        assertTrue(store.exists(id));
        try (InputStream in = store.open(id)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(1, filesIn(store.directory()));

        // The connection drops half-way: no staged file and no document file remain.
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(pdf(500_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by peer");
            }
        });
        try {
            StagedUpload.receive(broken, 2_000_000, store.stagingDir(), DocumentType.PDF);
            fail("the read failure must surface");
        } catch (IOException expected) {
            assertEquals("connection reset by peer", expected.getMessage());
        }
        assertEquals("only the first document", 1, filesIn(store.directory()));

        // The metadata commit failed after the move: discard removes the file.
        store.discard(id);
        assertFalse(store.exists(id));
        assertEquals(0, filesIn(store.directory()));
    }

    @Test
    public void fileStoreRefusesIdsThatAreNotUuids() throws IOException {
        FileContentStore store = new FileContentStore(tmp.getRoot().toPath());
        try {
            store.open("../../etc/passwd");
            fail("path traversal");
        } catch (IllegalArgumentException expected) {
            // only UUIDs name files
        }
    }

    @Test
    public void databaseStoreWritesChunksAndReadsThemBackOneByOne() throws Exception {
        int chunk = 64 * 1024;
        DatabaseContentStore store = new DatabaseContentStore(chunk);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:chunks" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                // Same shape as the change log's H2 table.
                s.execute("CREATE TABLE emr_document_chunk (document_id varchar(36) NOT NULL, seq_no int NOT NULL, "
                        + "data varbinary(262144) NOT NULL, PRIMARY KEY (document_id, seq_no))");
            }
            for (int size : new int[] {1, chunk - 1, chunk, chunk + 1, 3 * chunk + 17}) {
                byte[] content = pdf(Math.max(size, 9));
                Path staged = tmp.newFile().toPath();
                Files.write(staged, content);
                String id = UUID.randomUUID().toString();
                int n = store.write(c, id, staged);
                assertEquals("chunks for " + content.length, (content.length + chunk - 1) / chunk, n);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] part;
                int seq = 0;
                while ((part = store.readChunk(c, id, seq++)) != null) {
                    assertTrue(part.length <= chunk);
                    out.write(part);
                }
                assertArrayEquals(content, out.toByteArray());
            }
            assertNull(store.readChunk(c, UUID.randomUUID().toString(), 0));
        }
    }

    @Test
    public void databaseStoreWritesNothingWhenItsTransactionRollsBack() throws Exception {
        DatabaseContentStore store = new DatabaseContentStore(1024);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rb" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE emr_document_chunk (document_id varchar(36) NOT NULL, seq_no int NOT NULL, "
                        + "data varbinary(262144) NOT NULL, PRIMARY KEY (document_id, seq_no))");
            }
            c.setAutoCommit(false);
            Path staged = tmp.newFile().toPath();
            Files.write(staged, pdf(10_000));
            store.write(c, UUID.randomUUID().toString(), staged);
            c.rollback();
            assertEquals(0, count(c));
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM emr_document_chunk")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
