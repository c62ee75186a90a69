package org.pavilion.emr.internal.document;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Pavilion EMR documents",
        description = "Where uploaded documents and images are stored, and how large they may be")
public @interface DocumentsConfig {

    String PID = "org.pavilion.emr.documents";

    @AttributeDefinition(description = "Store for NEW uploads: DATABASE (chunks in emr_document_chunk) or FILE "
            + "(one file per document in 'directory'). Existing documents stay readable from the store they were "
            + "written to.", options = {@Option(label = "Database", value = "DATABASE"),
                @Option(label = "Files", value = "FILE")})
    String store() default "DATABASE";

    @AttributeDefinition(description = "Directory of the FILE store and of uploads being received (.staging); "
            + "empty means ${karaf.data}/pavilion/documents", required = false)
    String directory() default "";

    @AttributeDefinition(description = "Largest accepted upload in bytes (50 MiB by default)")
    long maxSizeBytes() default 50L * 1024 * 1024;
}
