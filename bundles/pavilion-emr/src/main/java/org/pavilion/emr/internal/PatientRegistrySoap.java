package org.pavilion.emr.internal;

import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.xml.bind.annotation.XmlSeeAlso;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * SOAP at /api/soap/emr/PatientRegistry for legacy systems (admission, lab, billing integrations). A
 * ProblemException becomes a PatientRegistryFault carrying the same problem type as REST.
 */
@Component(service = PatientRegistrySoap.class, property = Endpoints.SOAP_ADDRESS + "=/emr/PatientRegistry")
@XmlSeeAlso(PatientMatch.class)
@WebService(serviceName = "PatientRegistry", portName = "PatientRegistryPort", targetNamespace = PatientRegistrySoap.NAMESPACE)
public class PatientRegistrySoap {

    public static final String NAMESPACE = "urn:pavilion:emr:v1";

    private final PatientService patients;
    private final PatientFinder finder;
    private final HarvestGuard harvest;

    @Activate
    public PatientRegistrySoap(@Reference PatientService patients, @Reference PatientFinder finder,
            @Reference HarvestGuard harvest) {
        this.harvest = harvest;
        this.patients = patients;
        this.finder = finder;
    }

    @WebMethod
    @WebResult(name = "patient")
    @RequiresPrivilege("emr.patient-registry.use")
    public Patient register(@WebParam(name = "demographics") PatientDemographics demographics,
            @WebParam(name = "confirmDuplicate") boolean confirmDuplicate) throws PatientRegistryFault {
        try {
            return patients.register(demographics, confirmDuplicate);
        } catch (ProblemException e) {
            throw new PatientRegistryFault(e.getMessage(), e.type());
        }
    }

    @WebMethod
    @WebResult(name = "patient")
    @RequiresPrivilege("emr.patient-registry.use")
    public Patient getByMrn(@WebParam(name = "mrn") String mrn) throws PatientRegistryFault {
        try {
            harvest.admit();
            Patient p = patients.get(mrn);
            harvest.saw(java.util.List.of(p.mrn));
            return p;
        } catch (ProblemException e) {
            throw new PatientRegistryFault(e.getMessage(), e.type());
        }
    }

    /**
     * The first {@link Page#MAX_SIZE} matches at most; criteria as in REST search, names also with typos
     * (each hit is a PatientMatch saying how its name matched).
     */
    @WebMethod
    @WebResult(name = "patient")
    @RequiresPrivilege("emr.patient-registry.use")
    public List<Patient> findByDemographics(@WebParam(name = "criteria") PatientSearch criteria,
            @WebParam(name = "page") int page, @WebParam(name = "size") int size) throws PatientRegistryFault {
        try {
            harvest.admit();
            List<Patient> found = finder.search(criteria, page, size == 0 ? Page.DEFAULT_SIZE : size, true).page()
                    .getItems();
            harvest.saw(found.stream().map(p -> p.mrn).toList());
            return found;
        } catch (ProblemException e) {
            throw new PatientRegistryFault(e.getMessage(), e.type());
        }
    }
}
