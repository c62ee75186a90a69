package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A patient in a search result, with how the name criterion matched (empty when no name was searched). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PatientMatch", namespace = PatientRegistrySoap.NAMESPACE)
public class PatientMatch extends Patient {
    public List<NameMatch> matches = new ArrayList<>();
}
