package org.pavilion.core.internal.audit;

import org.pavilion.core.api.rest.Page;

/** Reading and verifying the trail: administrators only, so not part of the exported API. */
public interface AuditTrail {

    Page<AuditRecordView> search(AuditQuery query, int page, int size);

    ChainVerification verify();
}
