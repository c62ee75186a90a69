package org.pavilion.emr.internal.record;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A clinical note (table emr_clinical_note). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_clinical_note")
public class ClinicalNoteEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    @Column(name = "kind", nullable = false, length = 20)
    private String kind;

    @Column(name = "note_text", nullable = false, length = 20000)
    private String noteText;

    @Column(name = "author", nullable = false, length = 64)
    private String author;

    @Column(name = "written_ms", nullable = false)
    private long writtenMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getNoteText() { return noteText; }
    public void setNoteText(String noteText) { this.noteText = noteText; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public long getWrittenMs() { return writtenMs; }
    public void setWrittenMs(long writtenMs) { this.writtenMs = writtenMs; }
}
