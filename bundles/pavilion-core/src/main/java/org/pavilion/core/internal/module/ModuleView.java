package org.pavilion.core.internal.module;

import java.util.List;

/** One installed Pavilion module as /api/v1/platform/modules lists it. */
public final class ModuleView {
    public String name;
    public String title;
    public String bundle;
    public String version;
    public String state;
    public List<String> rest;
    public List<String> soap;
    /** Endpoints refused at publication, each with why (a method naming no declared privilege). */
    public List<String> refused;
    /** Started and its endpoints published (health UP needs it); null when the module is not started. */
    public Boolean ready;
}
