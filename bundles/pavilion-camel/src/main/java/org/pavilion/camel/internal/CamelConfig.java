package org.pavilion.camel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pavilion Camel runtime", description = "The container's CamelContext and its route folder")
public @interface CamelConfig {

    @AttributeDefinition(name = "Route folder",
            description = "Folder watched for YAML and XML route files; empty means ${karaf.etc}/routes")
    String routes_directory() default "";

    @AttributeDefinition(name = "Scan interval", description = "How often the route folder is scanned, in milliseconds")
    long routes_scanMillis() default 1000;
}
