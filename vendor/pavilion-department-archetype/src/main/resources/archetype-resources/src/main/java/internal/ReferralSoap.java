package ${package}.internal;

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
 * SOAP at /api/soap/${departmentName}/Referrals for referring systems that speak SOAP. Not needed? Delete this class,
 * ReferralFault and the JAXB annotations of Referral and NewReferral.
 */
@Component(service = ReferralSoap.class, property = Endpoints.SOAP_ADDRESS + "=/${departmentName}/Referrals")
@WebService(serviceName = "Referrals", portName = "ReferralsPort", targetNamespace = ReferralSoap.NAMESPACE)
public class ReferralSoap {

    public static final String NAMESPACE = "urn:${departmentName}:referrals:v1";

    private final ReferralService referrals;

    @Activate
    public ReferralSoap(@Reference ReferralService referrals) {
        this.referrals = referrals;
    }

    @WebMethod
    @WebResult(name = "referral")
    @RequiresPrivilege("${departmentName}.referral.open")
    public Referral openReferral(@WebParam(name = "referral") NewReferral referral) throws ReferralFault {
        try {
            return referrals.open(referral);
        } catch (ProblemException e) {
            throw new ReferralFault(e.getMessage(), e.type());
        }
    }

    @WebMethod
    @WebResult(name = "referral")
    @RequiresPrivilege("${departmentName}.referral.view")
    public Referral getReferral(@WebParam(name = "id") String id) throws ReferralFault {
        try {
            return referrals.get(id);
        } catch (ProblemException e) {
            throw new ReferralFault(e.getMessage(), e.type());
        }
    }
}
