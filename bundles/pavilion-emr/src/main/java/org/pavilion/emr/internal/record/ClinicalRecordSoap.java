package org.pavilion.emr.internal.record;

import java.util.function.Supplier;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * SOAP at /api/soap/emr/ClinicalRecord: the registration → encounter → diagnosis → prescription path for
 * systems that speak SOAP. Same service, access rules and audit as REST; the break-the-glass reason is a
 * parameter. A ProblemException becomes a ClinicalRecordFault carrying the REST problem type.
 */
@Component(service = ClinicalRecordSoap.class, property = Endpoints.SOAP_ADDRESS + "=/emr/ClinicalRecord")
@WebService(serviceName = "ClinicalRecord", portName = "ClinicalRecordPort", targetNamespace = ClinicalRecordSoap.NAMESPACE)
public class ClinicalRecordSoap {

    public static final String NAMESPACE = "urn:pavilion:emr:record:v1";

    private final EncounterService encounters;
    private final ProblemList problems;
    private final PrescriptionService prescriptions;
    private final RecordView view;

    @Activate
    public ClinicalRecordSoap(@Reference EncounterService encounters, @Reference ProblemList problems,
            @Reference PrescriptionService prescriptions, @Reference RecordView view) {
        this.encounters = encounters;
        this.problems = problems;
        this.prescriptions = prescriptions;
        this.view = view;
    }

    @WebMethod
    @WebResult(name = "encounter")
    @RequiresPrivilege("emr.encounter.manage")
    public Clinical.Encounter openEncounter(@WebParam(name = "mrn") String mrn,
            @WebParam(name = "encounter") Clinical.EncounterInput encounter,
            @WebParam(name = "breakGlassReason") String breakGlassReason) throws ClinicalRecordFault {
        return fault(() -> encounters.openEncounter(mrn, encounter, breakGlassReason));
    }

    @WebMethod
    @WebResult(name = "diagnosis")
    @RequiresPrivilege("emr.problem.record")
    public Clinical.Diagnosis recordDiagnosis(@WebParam(name = "mrn") String mrn,
            @WebParam(name = "diagnosis") Clinical.DiagnosisInput diagnosis,
            @WebParam(name = "breakGlassReason") String breakGlassReason) throws ClinicalRecordFault {
        return fault(() -> problems.recordDiagnosis(mrn, diagnosis, breakGlassReason));
    }

    @WebMethod
    @WebResult(name = "prescription")
    @RequiresPrivilege("emr.prescription.write")
    public Clinical.Prescription prescribe(@WebParam(name = "mrn") String mrn,
            @WebParam(name = "prescription") Clinical.PrescriptionInput prescription,
            @WebParam(name = "breakGlassReason") String breakGlassReason) throws ClinicalRecordFault {
        return fault(() -> prescriptions.prescribe(mrn, prescription, breakGlassReason));
    }

    @WebMethod
    @WebResult(name = "encounter")
    @RequiresPrivilege("emr.encounter.manage")
    public Clinical.Encounter closeEncounter(@WebParam(name = "mrn") String mrn,
            @WebParam(name = "encounterId") String encounterId,
            @WebParam(name = "breakGlassReason") String breakGlassReason) throws ClinicalRecordFault {
        return fault(() -> encounters.closeEncounter(mrn, encounterId, breakGlassReason));
    }

    @WebMethod
    @WebResult(name = "record")
    @RequiresPrivilege("emr.record.clinical.view")
    public Clinical.Record getRecord(@WebParam(name = "mrn") String mrn,
            @WebParam(name = "breakGlassReason") String breakGlassReason) throws ClinicalRecordFault {
        return fault(() -> view.record(mrn, RecordView.DEFAULT_RECENT_ENCOUNTERS, breakGlassReason));
    }

    private static <T> T fault(Supplier<T> call) throws ClinicalRecordFault {
        try {
            return call.get();
        } catch (ProblemException e) {
            throw new ClinicalRecordFault(e.getMessage(), e.type());
        }
    }
}
