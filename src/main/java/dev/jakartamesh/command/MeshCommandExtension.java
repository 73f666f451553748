package dev.jakartamesh.command;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link MeshCommand} methods of every bean at deployment and fails the deployment when
 * they break the rules of {@link CommandDeclarations}.
 */
public class MeshCommandExtension implements Extension {

    /** A discovered command: its bean and method. */
    record Discovered(CommandDeclarations.Declaration declaration, Bean<?> bean) {
    }

    private final List<Discovered> discovered = new ArrayList<>();

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        for (AnnotatedMethod<? super T> method : event.getAnnotatedBeanClass().getMethods()) {
            MeshCommand command = method.getAnnotation(MeshCommand.class);
            if (command != null) {
                discovered.add(new Discovered(
                    new CommandDeclarations.Declaration(command.value(), method.getJavaMember()), event.getBean()));
            }
        }
    }

    void validate(@Observes AfterBeanDiscovery event) {
        List<CommandDeclarations.Declaration> declarations = discovered.stream().map(Discovered::declaration).toList();
        for (String problem : CommandDeclarations.problems(declarations)) {
            event.addDefinitionError(new DeploymentException(problem));
        }
    }

    List<Discovered> discovered() {
        return List.copyOf(discovered);
    }
}
