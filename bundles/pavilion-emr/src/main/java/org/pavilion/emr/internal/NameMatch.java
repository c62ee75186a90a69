package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** Which name field of a search hit matched the typed name, and how: EXACT, PREFIX or TYPO (with its edits). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NameMatch", namespace = PatientRegistrySoap.NAMESPACE)
public class NameMatch {
    /** familyName or givenName. */
    public String field;
    /** EXACT, PREFIX or TYPO. */
    public String how;
    /** Letters inserted, deleted, replaced or swapped for a TYPO; 0 otherwise. */
    public int distance;

    public NameMatch() {
    }

    NameMatch(String field, NameMatching.How how, int distance) {
        this.field = field;
        this.how = how.name();
        this.distance = distance;
    }
}
