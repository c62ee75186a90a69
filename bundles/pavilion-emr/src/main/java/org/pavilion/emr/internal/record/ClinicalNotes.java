package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.limit;
import static org.pavilion.emr.internal.record.EntryChecks.name;
import static org.pavilion.emr.internal.record.EntryChecks.stripped;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.emr.api.NoteAdded;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's clinical notes (progress, admission, discharge, ...), written once and never changed. */
@Component(service = ClinicalNotes.class)
public class ClinicalNotes {

    private final RecordWork work;
    private final DeclaredConstraints constraints;

    @Activate
    public ClinicalNotes(@Reference RecordWork work, @Reference DeclaredConstraints constraints) {
        this.work = work;
        this.constraints = constraints;
    }

    public Clinical.Note writeNote(String mrn, Clinical.NoteInput in, String breakGlass) {
        Grant g = work.write(mrn, "clinical-note", breakGlass);
        return work.audited(g, "CREATE", n -> n.id, () -> {
            constraints.check(in); // what NoteInput declares, every broken field in one 400
            Clinical.NoteInput i = in;
            String kind = name(i.kind, "PROGRESS");
            String text = stripped(i.text);
            long now = System.currentTimeMillis();
            return em -> {
                ClinicalNoteEntity n = new ClinicalNoteEntity();
                n.setId(UUID.randomUUID().toString());
                n.setMrn(g.mrn);
                n.setEncounterId(EncounterService.openEncounterOf(em, g.mrn, i.encounterId));
                n.setKind(kind);
                n.setNoteText(text);
                n.setAuthor(PatientService.actor());
                n.setWrittenMs(now);
                em.persist(n);
                NoteAdded ev = new NoteAdded();
                ev.mrn = n.getMrn();
                ev.noteId = n.getId();
                ev.encounterId = n.getEncounterId();
                ev.kind = kind;
                ev.author = n.getAuthor();
                ev.writtenAt = iso(now);
                work.publish(em, NoteAdded.TYPE, ev.mrn, ev);
                return RecordMapper.note(n);
            };
        });
    }

    public List<Clinical.Note> notes(String mrn, int max, String breakGlass) {
        Grant g = work.read(mrn, "clinical-note", breakGlass);
        int limit = limit(max);
        return work.auditedList(g, "clinical-note", () -> work.inTransaction(em -> em.createQuery(
                "SELECT n FROM ClinicalNoteEntity n WHERE n.mrn = :mrn ORDER BY n.writtenMs DESC, n.id",
                ClinicalNoteEntity.class).setParameter("mrn", g.mrn).setMaxResults(limit).getResultList().stream()
                .map(RecordMapper::note).toList()));
    }
}
