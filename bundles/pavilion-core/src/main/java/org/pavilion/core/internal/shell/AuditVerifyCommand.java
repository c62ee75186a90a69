package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.audit.AuditTrail;
import org.pavilion.core.internal.audit.ChainVerification;

@Service
@Command(scope = "pavilion", name = "audit-verify", description = "Checks the audit trail's keyed hash chain and that "
        + "its end is not behind this container's head checkpoint")
public class AuditVerifyCommand implements Action {

    @Reference
    private AuditTrail trail;

    @Override
    public Object execute() {
        ChainVerification v = trail.verify();
        if (v.intact) {
            System.out.println("Audit trail OK: " + v.recordsChecked + " records verified"
                    + (v.checkpointSeq == null ? ", no head checkpoint yet" : ", head checkpoint at seq " + v.checkpointSeq));
        } else if (v.firstBrokenSeq == null) {
            System.out.println("Audit trail FAILED: " + v.problem);
        } else {
            System.out.println("Audit trail FAILED at seq " + v.firstBrokenSeq + ": " + v.problem
                    + " (" + v.recordsChecked + " records verified before it)");
        }
        return v.intact ? null : Integer.valueOf(1);
    }
}
