package org.pavilion.emr.internal.record;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID org.pavilion.emr.icd10 (etc/org.pavilion.emr.icd10.cfg): which ICD-10 code list diagnoses are checked against. */
@ObjectClassDefinition(name = "Pavilion EMR ICD-10 code list",
        description = "Code list for diagnoses. Empty path: the bundled ICD-10-CM starter list. A hospital licensed "
                + "for WHO ICD-10 (or with the full CMS ICD-10-CM file) points path at its own file.")
public @interface Icd10Config {

    @AttributeDefinition(name = "Code list file", description = "Absolute path of a UTF-8 text file, one code a line: "
            + "code, white space or tab, title (CMS icd10cm-codes-YYYY.txt layout; '#' comments; optional .gz). "
            + "Empty: the bundled list")
    String path() default "";

    @AttributeDefinition(name = "Code system name", description = "Stored with each diagnosis, e.g. ICD-10-CM or ICD-10")
    String codeSystem() default "ICD-10-CM";
}
