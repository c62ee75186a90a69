package org.pavilion.emr.internal.document;

import java.io.InputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientDocuments;

/** The exported {@link PatientDocuments}: the REST upload's service, with its checks, events and audit. */
@Component(service = PatientDocuments.class)
public class PatientDocumentsService implements PatientDocuments {

    private final DocumentService documents;

    @Activate
    public PatientDocumentsService(@Reference DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public String attach(NewDocument document, InputStream content) {
        DocumentService.Upload u = new DocumentService.Upload();
        u.mrn = document.mrn;
        u.encounterId = document.encounterId;
        u.title = document.title;
        u.category = document.category;
        u.contentType = document.contentType;
        u.contentLength = document.contentLength;
        return documents.attach(u, content).id;
    }
}
