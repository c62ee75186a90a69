package org.pavilion.emr.internal.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.RollbackException;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.DocumentAttached;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.record.EncounterEntity;
import org.pavilion.events.api.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents and images attached to a patient's record: receive (checked and staged on disk), store (database
 * chunks or files, by configuration), list, stream out, mark entered in error. Every access goes through
 * {@link ClinicalAccess} as the {@link DataPart#DOCUMENTS} part and is audited; an attachment publishes {@link DocumentAttached} in its transaction.
 */
@Component(service = DocumentService.class, configurationPid = DocumentsConfig.PID)
@Designate(ocd = DocumentsConfig.class)
public class DocumentService {

    static final String RESOURCE = "document";
    /** The part of the patient's data documents are: its own privileges and audit name (docs/patient-access.md). */
    static final DataPart PART = DataPart.DOCUMENTS;
    public static final String STORE_DATABASE = "DATABASE";
    public static final String STORE_FILE = "FILE";
    static final int MAX_TITLE = 200;
    /** DocumentCategory's names, as an annotation needs them (a test keeps them in step with the enum). */
    static final String CATEGORY_NAMES = "LAB_REPORT, IMAGE, DICOM, SCANNED_FORM, LETTER, OTHER";
    static final String CATEGORIES = "\\s*(LAB_REPORT|IMAGE|DICOM|SCANNED_FORM|LETTER|OTHER)?\\s*";
    static final int MAX_REASON = 500;

    private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final ClinicalAccess access;
    private final DeclaredConstraints constraints;
    private final DatabaseContentStore chunks = new DatabaseContentStore();
    private volatile Settings settings;

    @Activate
    public DocumentService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events,
            @Reference ClinicalAccess access, DocumentsConfig config, @Reference DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.access = access;
        this.settings = Settings.of(config);
        removeAbandonedStagingFiles(settings.files.stagingDir());
    }

    @Modified
    void modified(DocumentsConfig config) {
        this.settings = Settings.of(config);
        LOG.info("EMR documents: new uploads go to the {} store, at most {} bytes, directory {}", settings.store,
                settings.maxBytes, settings.files.directory());
    }

    /**
     * What the client sent along with the content. The title's and category's rules are declared (DeclaredConstraints,
     * both reported in one 400); the patient, encounter and break-the-glass reason are checked against the record.
     */
    public static final class Upload {
        public String mrn;
        /** The patient's encounter the document belongs to (e.g. a video consultation's); null for none. */
        public String encounterId;
        @NotBlank @Size(max = MAX_TITLE)
        @Pattern(regexp = "\\s*\\P{Cc}*\\s*", message = "must not contain control characters")
        public String title;
        /** One of {@link DocumentCategory}'s names, in any case. */
        @NotBlank @Pattern(regexp = CATEGORIES, flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "is one of " + CATEGORY_NAMES)
        public String category;
        public String contentType;
        /** -1 when the request had no Content-Length (chunked). */
        public long contentLength = -1;
        public String contentSha256;
        public String digest;
        public String reprDigest;
        public String breakGlassReason;
    }

    /**
     * Attaches the content streamed from {@code body}. Nothing is stored unless every check passed: 415 for a
     * type that is not ours or not the declared one, 413 over the size limit, 400 for a digest mismatch.
     */
    public Document attach(Upload u, InputStream body) {
        constraints.check(u);
        String title = u.title.strip();
        DocumentCategory category = DocumentCategory.valueOf(u.category.strip().toUpperCase(Locale.ROOT));
        ClinicalAccess.Grant grant = access.write(u.mrn, PART, RESOURCE, u.breakGlassReason);
        String encounterId = encounterOf(grant, u.encounterId);
        Settings s = settings;
        DocumentType declared = DocumentType.ofMediaType(u.contentType);
        if (declared == null) {
            throw refused(grant, 415, "unsupported-media-type", "Unsupported media type", "Send the raw file as the "
                    + "request body with its own Content-Type, one of " + acceptedTypes() + "; was "
                    + (u.contentType == null ? "none" : u.contentType) + " (multipart/form-data is not accepted)");
        }
        if (u.contentLength > s.maxBytes) {
            throw tooLarge(grant, s.maxBytes);
        }
        byte[] expected;
        try {
            expected = Sha256.expected(u.contentSha256, u.digest, u.reprDigest);
        } catch (IllegalArgumentException e) {
            throw refused(grant, 400, "validation", "Invalid request", e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        String actor = PatientService.actor();
        try (StagedUpload staged = receive(grant, body, s, declared)) {
            if (expected != null && !MessageDigest.isEqual(expected, staged.sha256)) {
                throw refused(grant, 400, "digest-mismatch", "Digest mismatch", "The content's SHA-256 is "
                        + staged.sha256Hex() + ", not the one the request announced: it was damaged on the way");
            }
            DocumentEntity e = new DocumentEntity();
            e.setId(id);
            e.setMrn(grant.mrn);
            e.setEncounterId(encounterId);
            e.setTitle(title);
            e.setCategory(category.name());
            e.setContentType(staged.type.mediaType);
            e.setSizeBytes(staged.size);
            e.setSha256(staged.sha256Hex());
            e.setStoreKind(s.store);
            e.setStatus(DocumentEntity.CURRENT);
            e.setCreatedMs(System.currentTimeMillis());
            e.setCreatedBy(actor);
            AuditEvent record = grant.audit("CREATE").resourceId(id).build();
            return STORE_FILE.equals(s.store) ? attachAsFile(e, staged, s.files, record)
                    : attachInDatabase(e, staged, record);
        } catch (IOException e) {
            audit.record(grant.audit("CREATE").resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("storing failed: " + e.getMessage()).build());
            throw new UncheckedIOException("Could not store document " + id, e);
        }
    }

    /** The named encounter if it is one of the patient's (the survivor's, after merges); 400 otherwise. */
    private String encounterOf(ClinicalAccess.Grant grant, String encounterId) {
        if (encounterId == null || encounterId.isBlank()) {
            return null;
        }
        String id = encounterId.strip();
        EncounterEntity encounter = jpa.call(em -> em.find(EncounterEntity.class, id));
        if (encounter == null || !grant.mrn.equals(encounter.getMrn())) {
            throw refused(grant, 400, "validation", "Invalid request", "encounter " + id
                    + " is not an encounter of this patient");
        }
        return id;
    }

    private StagedUpload receive(ClinicalAccess.Grant grant, InputStream body, Settings s, DocumentType declared)
            throws IOException {
        try {
            return StagedUpload.receive(body, s.maxBytes, s.files.stagingDir(), declared);
        } catch (SizeLimitedInputStream.TooLargeException e) {
            throw tooLarge(grant, s.maxBytes);
        } catch (StagedUpload.WrongTypeException e) {
            throw refused(grant, 415, "unsupported-media-type", "Unsupported media type", e.getMessage()
                    + ". Accepted: " + acceptedTypes());
        }
    }

    /** The row, its chunks, its event and its audit record in one transaction. */
    private Document attachInDatabase(DocumentEntity e, StagedUpload staged, AuditEvent record) {
        return jpa.callAudited(audit, em -> {
            em.persist(e);
            em.flush(); // the chunks' foreign key needs the row
            try (Connection c = connection(em)) {
                chunks.write(c, e.getId(), staged.file);
            } catch (IOException | SQLException ex) {
                throw new IllegalStateException("Could not write the chunks of document " + e.getId(), ex);
            }
            events.publish(em, DocumentAttached.TYPE, Mrn.subjectKey(e.getMrn()), attached(e));
            return Done.of(Document.of(e), record);
        });
    }

    /**
     * The file is complete and in place before the row (with its event and audit record) commits; if the commit
     * fails, the file goes.
     */
    private Document attachAsFile(DocumentEntity e, StagedUpload staged, FileContentStore files, AuditEvent record)
            throws IOException {
        files.commit(staged, e.getId());
        try {
            return jpa.callAudited(audit, em -> {
                em.persist(e);
                events.publish(em, DocumentAttached.TYPE, Mrn.subjectKey(e.getMrn()), attached(e));
                return Done.of(Document.of(e), record);
            });
        } catch (RuntimeException | Error failed) {
            try {
                files.discard(e.getId());
            } catch (IOException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    /** Paged metadata of a patient's documents, newest first; entered-in-error ones only when asked. */
    public Page<Document> list(String mrn, boolean includeEnteredInError, int page, int size, String breakGlassReason) {
        Page.validate(page, size);
        ClinicalAccess.Grant grant = access.read(mrn, PART, RESOURCE, breakGlassReason);
        String where = "d.mrn = :mrn" + (includeEnteredInError ? "" : " AND d.status = '" + DocumentEntity.CURRENT + "'");
        Page<Document> result = jpa.call(em -> {
            List<Document> items = em.createQuery("SELECT d FROM DocumentEntity d WHERE " + where
                    + " ORDER BY d.createdMs DESC, d.id", DocumentEntity.class).setParameter("mrn", grant.mrn)
                    .setFirstResult(page * size).setMaxResults(size).getResultList().stream().map(Document::of)
                    .collect(Collectors.toList());
            return Page.of(items, page, size, () -> em.createQuery("SELECT COUNT(d) FROM DocumentEntity d WHERE "
                    + where, Long.class).setParameter("mrn", grant.mrn).getSingleResult());
        });
        audit.record(grant.audit("SEARCH").detail(joinDetail(grant, result.getItems().size() + " documents listed"))
                .build());
        return result;
    }

    public Document get(String id, String breakGlassReason) {
        Access a = readAccess(id, breakGlassReason, "READ");
        audit.record(a.grant.audit("READ").resourceId(id).build());
        return a.document;
    }

    /** The content to stream out; audited as a download once access is granted. */
    public Content content(String id, String breakGlassReason) {
        Access a = readAccess(id, breakGlassReason, "DOWNLOAD");
        if (DocumentEntity.ENTERED_IN_ERROR.equals(a.document.status)) {
            audit.record(a.grant.audit("DOWNLOAD").resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail(joinDetail(a.grant, "entered in error")).build());
            throw new ProblemException(410, "entered-in-error", "Document entered in error", "Document " + id
                    + " was marked entered in error; its content is kept for retention but no longer served");
        }
        audit.record(a.grant.audit("DOWNLOAD").resourceId(id).build());
        return new Content(a.document, out -> writeContent(a.document, out));
    }

    /** Soft delete: the document stays (and its content is kept for retention) with status ENTERED_IN_ERROR. */
    public Document enterInError(String id, String reason, String breakGlassReason) {
        String why = reason == null ? null : reason.strip();
        if (why != null && (why.length() > MAX_REASON || why.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.validation("reason: at most " + MAX_REASON + " characters, no control characters");
        }
        String key = checkedId(id);
        String mrn = jpa.call(em -> {
            DocumentEntity e = em.find(DocumentEntity.class, key);
            return e == null ? null : e.getMrn();
        });
        if (mrn == null) {
            audit.record(AuditEvent.of("DELETE", RESOURCE).resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("no such document").build());
            throw ProblemException.notFound("Document", id);
        }
        ClinicalAccess.Grant grant = access.write(mrn, PART, RESOURCE, breakGlassReason);
        String actor = PatientService.actor();
        Document d;
        AuditEvent record = grant.audit("DELETE").resourceId(id)
                .detail(joinDetail(grant, "marked entered in error" + (why == null || why.isEmpty() ? "" : ": " + why)))
                .build();
        try {
            d = jpa.callAudited(audit, em -> {
                DocumentEntity e = em.find(DocumentEntity.class, key);
                if (!DocumentEntity.ENTERED_IN_ERROR.equals(e.getStatus())) {
                    e.setStatus(DocumentEntity.ENTERED_IN_ERROR);
                    e.setStatusMs(System.currentTimeMillis());
                    e.setStatusBy(actor);
                    e.setStatusReason(why == null || why.isEmpty() ? null : why);
                }
                return Done.of(Document.of(e), record);
            });
        } catch (OptimisticLockException | RollbackException concurrent) {
            // Two clinicians marking the same document at once: the first wins, the second is told.
            throw ProblemException.conflict("Document " + id + " was changed at the same moment; read it again");
        }
        return d;
    }

    /**
     * For a GDPR export (access already checked by the caller): every document of these MRNs as a ZIP entry
     * {@code documents/<id>.<extension>}, streamed from its store and checked like a download.
     */
    public void exportContents(List<String> mrns, java.util.zip.ZipOutputStream zip) throws IOException {
        List<Document> docs = jpa.call(em -> em.createQuery(
                "SELECT d FROM DocumentEntity d WHERE d.mrn IN :mrns ORDER BY d.createdMs", DocumentEntity.class)
                .setParameter("mrns", mrns).getResultList().stream().map(Document::of).toList());
        for (Document d : docs) {
            zip.putNextEntry(new java.util.zip.ZipEntry("documents/" + d.id + extension(d.contentType)));
            writeContent(d, zip);
            zip.closeEntry();
        }
    }

    /**
     * For a full GDPR erasure, inside its transaction {@code em}: deletes the database-stored content of these
     * MRNs' documents and returns the ids of file-stored ones, whose files {@link #deleteFiles} removes once the
     * transaction has committed (a rollback leaves rows and files as they were).
     */
    public List<String> eraseContents(EntityManager em, List<String> mrns) {
        List<String> files = em.createQuery("SELECT d.id FROM DocumentEntity d WHERE d.mrn IN :mrns AND d.storeKind = :file",
                String.class).setParameter("mrns", mrns).setParameter("file", STORE_FILE).getResultList();
        List<String> ids = em.createQuery("SELECT d.id FROM DocumentEntity d WHERE d.mrn IN :mrns", String.class)
                .setParameter("mrns", mrns).getResultList();
        try (Connection c = connection(em); java.sql.PreparedStatement del = c.prepareStatement(
                "DELETE FROM emr_document_chunk WHERE document_id = ?")) {
            for (String id : ids) {
                del.setString(1, id);
                del.addBatch();
            }
            del.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not erase document content", e);
        }
        return files;
    }

    /** Removes erased documents' files; a file that cannot be removed is logged for the operator. */
    public void deleteFiles(List<String> ids) {
        for (String id : ids) {
            try {
                settings.files.discard(id);
            } catch (IOException e) {
                LOG.error("Erased document {} still has its file in {}: remove it by hand", id, settings.files.directory(), e);
            }
        }
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/tiff" -> ".tif";
            case "application/dicom" -> ".dcm";
            default -> "";
        };
    }

    /** Streams the stored bytes, checking length and SHA-256 on the way: damaged content never ends cleanly. */
    private void writeContent(Document d, OutputStream out) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long written = 0;
        if (STORE_FILE.equals(d.store)) {
            try (InputStream in = settings.files.open(d.id)) {
                byte[] buffer = new byte[StagedUpload.BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    written += n;
                }
            }
        } else {
            // One short transaction per chunk: no connection held while a slow client reads.
            for (int seq = 0;; seq++) {
                int chunkNo = seq;
                byte[] chunk = jpa.call(em -> {
                    try (Connection c = connection(em)) {
                        return chunks.readChunk(c, d.id, chunkNo);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not read chunk " + chunkNo + " of document " + d.id, e);
                    }
                });
                if (chunk == null) {
                    break;
                }
                digest.update(chunk);
                out.write(chunk);
                written += chunk.length;
            }
        }
        if (written != d.sizeBytes || !Sha256.hex(digest.digest()).equals(d.sha256)) {
            LOG.error("Document {} is damaged in the {} store: {} bytes read of {}, or its SHA-256 differs", d.id,
                    d.store, written, d.sizeBytes);
            throw new IOException("Document " + d.id + " is damaged in its store");
        }
        out.flush();
    }

    private Access readAccess(String id, String breakGlassReason, String action) {
        DocumentEntity e = jpa.call(em -> em.find(DocumentEntity.class, checkedId(id)));
        if (e == null) {
            audit.record(AuditEvent.of(action, RESOURCE).resourceId(id).outcome(AuditOutcome.FAILED)
                    .detail("no such document").build());
            throw ProblemException.notFound("Document", id);
        }
        return new Access(access.read(e.getMrn(), PART, RESOURCE, breakGlassReason), Document.of(e));
    }

    private static String checkedId(String id) {
        String canonical;
        try {
            canonical = UUID.fromString(id).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            canonical = null;
        }
        // UUID.fromString also takes short forms such as 1-2-3-4-5; ids are only ever the canonical form.
        if (canonical == null || !canonical.equalsIgnoreCase(id)) {
            throw ProblemException.validation("'" + id + "' is not a document id (a UUID)");
        }
        return canonical;
    }

    private static Connection connection(EntityManager em) {
        // OpenJPA hands out the transaction's own connection (openjpa.ConnectionRetainMode=transaction); closing
        // our handle only releases the reference, the transaction keeps the connection until it ends.
        return em.unwrap(Connection.class);
    }

    private ProblemException tooLarge(ClinicalAccess.Grant grant, long max) {
        return refused(grant, 413, "payload-too-large", "Document too large",
                "A document may have at most " + max + " bytes");
    }

    private ProblemException refused(ClinicalAccess.Grant grant, int status, String type, String title, String why) {
        audit.record(grant.audit("CREATE").outcome(AuditOutcome.FAILED).detail(joinDetail(grant, why)).build());
        return new ProblemException(status, type, title, why);
    }

    /** Keeps the break-the-glass reason Grant.audit put in the detail, adding ours. */
    private static String joinDetail(ClinicalAccess.Grant grant, String detail) {
        return grant.emergency ? "break-the-glass: " + grant.breakGlassReason + "; " + detail : detail;
    }

    private static String acceptedTypes() {
        return List.of(DocumentType.values()).stream().map(t -> t.mediaType).collect(Collectors.joining(", "));
    }

    private static DocumentAttached attached(DocumentEntity e) {
        DocumentAttached a = new DocumentAttached();
        a.documentId = e.getId();
        a.mrn = e.getMrn();
        a.encounterId = e.getEncounterId();
        a.title = e.getTitle();
        a.category = e.getCategory();
        a.contentType = e.getContentType();
        a.sizeBytes = e.getSizeBytes();
        a.sha256 = e.getSha256();
        a.attachedAt = Instant.ofEpochMilli(e.getCreatedMs()).toString();
        a.attachedBy = e.getCreatedBy();
        return a;
    }

    /** Uploads interrupted by a crash leave .part files behind; nothing refers to them. */
    private static void removeAbandonedStagingFiles(Path staging) {
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(staging, "upload-*.part")) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not clean the document staging folder {}", staging, e);
        }
    }

    /** A document's metadata and a writer of its bytes. */
    public static final class Content {
        public final Document document;
        public final ContentWriter writer;

        Content(Document document, ContentWriter writer) {
            this.document = document;
            this.writer = writer;
        }
    }

    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    private record Access(ClinicalAccess.Grant grant, Document document) {
    }

    private record Settings(String store, long maxBytes, FileContentStore files) {
        static Settings of(DocumentsConfig c) {
            String store = c.store() == null ? STORE_DATABASE : c.store().strip().toUpperCase(Locale.ROOT);
            if (!store.equals(STORE_DATABASE) && !store.equals(STORE_FILE)) {
                LOG.error("{}: store must be DATABASE or FILE, not '{}'; using DATABASE", DocumentsConfig.PID, store);
                store = STORE_DATABASE;
            }
            long max = c.maxSizeBytes() > 0 ? c.maxSizeBytes() : 50L * 1024 * 1024;
            String dir = c.directory() == null ? "" : c.directory().strip();
            Path directory = dir.isEmpty() || dir.contains("${")
                    ? Paths.get(System.getProperty("karaf.data", "data"), "pavilion", "documents")
                    : Paths.get(dir);
            return new Settings(store, max, new FileContentStore(directory));
        }
    }
}
