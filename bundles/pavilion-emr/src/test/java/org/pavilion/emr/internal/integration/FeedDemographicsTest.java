package org.pavilion.emr.internal.integration;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.pavilion.emr.api.ExternalInsurance;
import org.pavilion.emr.api.ExternalNextOfKin;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.internal.InsurancePolicy;
import org.pavilion.emr.internal.NextOfKin;
import org.pavilion.emr.internal.Patient;

/** A feed's next of kin and cover against the stored ones: the same set again is no change, another set is. */
public class FeedDemographicsTest {

    private static Patient stored() {
        Patient p = new Patient();
        p.mrn = "1000000017";
        p.givenName = "Femke";
        p.familyName = "Achterberg";
        p.sex = "FEMALE";
        p.birthDate = "1967-04-12";
        p.phones = List.of();
        NextOfKin k = new NextOfKin();
        k.name = "Joost Achterberg";
        k.relationship = "SPOUSE";
        k.phone = "+31201234567";
        p.nextOfKin = List.of(k);
        InsurancePolicy c = new InsurancePolicy();
        c.insurer = "Zilveren Kruis";
        c.plan = "Gold plan";
        c.policyNumber = "ZK-4471190";
        c.holderRelationship = "SELF";
        c.validFrom = "2024-01-01";
        c.validTo = "2025-12-31";
        c.active = true;
        p.insurance = List.of(c);
        return p;
    }

    private static ExternalPatient fromFeed() {
        ExternalPatient in = new ExternalPatient();
        in.system = "HOSP";
        in.value = "H1901";
        in.familyName = "Achterberg";
        in.givenName = "Femke";
        in.sex = "FEMALE";
        in.birthDate = "1967-04-12";
        ExternalNextOfKin k = new ExternalNextOfKin();
        k.name = "Joost Achterberg";
        k.relationship = "SPOUSE";
        k.phone = "+31201234567";
        in.nextOfKin = new ArrayList<>(List.of(k));
        ExternalInsurance c = new ExternalInsurance();
        c.insurer = "Zilveren Kruis";
        c.plan = "Gold plan";
        c.policyNumber = "ZK-4471190";
        c.holderRelationship = "SELF";
        c.validFrom = "2024-01-01";
        c.validTo = "2025-12-31";
        in.insurance = new ArrayList<>(List.of(c));
        return in;
    }

    @Test
    public void theSameNextOfKinAndCoverAgainIsNoChange() {
        Patient current = stored();
        assertTrue(PatientDirectoryService.sameDemographics(current,
                PatientDirectoryService.demographics(fromFeed(), current)));
    }

    @Test
    public void aMessageWithoutNk1OrIn1KeepsTheStoredOnes() {
        Patient current = stored();
        ExternalPatient in = fromFeed();
        in.nextOfKin = null;
        in.insurance = null;
        assertTrue(PatientDirectoryService.sameDemographics(current, PatientDirectoryService.demographics(in, current)));
    }

    @Test
    public void anotherPolicyNumberIsAChange() {
        Patient current = stored();
        ExternalPatient in = fromFeed();
        in.insurance.get(0).policyNumber = "ZK-4471191";
        assertFalse(PatientDirectoryService.sameDemographics(current,
                PatientDirectoryService.demographics(in, current)));
        in = fromFeed();
        in.nextOfKin.clear();
        assertFalse(PatientDirectoryService.sameDemographics(current,
                PatientDirectoryService.demographics(in, current)));
    }
}
