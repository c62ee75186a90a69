package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.core.internal.module.ModuleRegistry;
import org.pavilion.core.internal.module.ModuleView;

@Service
@Command(scope = "pavilion", name = "modules", description = "Lists the installed Pavilion modules and their endpoints")
public class ModulesCommand implements Action {

    @Reference
    private ModuleRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Module");
        table.column("Title");
        table.column("Version");
        table.column("State");
        table.column("REST");
        table.column("SOAP");
        for (ModuleView m : registry.modules()) {
            table.addRow().addContent(m.name, m.title, m.version, m.state, String.join(" ", m.rest), String.join(" ", m.soap));
        }
        table.print(System.out);
        return null;
    }
}
