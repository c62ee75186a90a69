package org.pavilion.billing.internal.pricing;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_price_code} (see the change log): the lock every edit of a tariff code takes. */
@Entity
@Table(name = "bl_price_code")
public class PriceCodeEntity {

    @Id
    @Column(name = "code", nullable = false)
    private String code;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
