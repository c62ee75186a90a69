package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.audit.AuditTrail;
import org.pavilion.core.internal.audit.ChainVerification;

@Service
@Command(scope = "pavilion", name = "audit-verify", description = "Checks that the audit trail's hash chain is intact")
public class AuditVerifyCommand implements Action {

    @Reference
    private AuditTrail trail;

    @Override
    public Object execute() {
        ChainVerification v = trail.verify();
        if (v.intact) {
            System.out.println("Audit trail intact: " + v.recordsChecked + " records verified");
        } else {
            System.out.println("Audit trail BROKEN at record " + v.firstBrokenSeq + ": " + v.problem
                    + " (" + v.recordsChecked + " records verified before it)");
        }
        return v.intact ? null : Integer.valueOf(1);
    }
}
