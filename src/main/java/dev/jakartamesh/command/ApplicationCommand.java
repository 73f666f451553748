package dev.jakartamesh.command;

import dev.jakartamesh.metadata.MetadataCodec;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/** A {@link MeshCommand} method as a {@link CommandHandler}: binds the arguments, calls the bean, maps the result. */
final class ApplicationCommand implements CommandHandler {

    private final Bean<?> bean;
    private final Method method;
    private final BeanManager beanManager;
    private final MetadataCodec codec;
    private volatile Object reference;

    ApplicationCommand(Bean<?> bean, Method method, BeanManager beanManager, MetadataCodec codec) {
        this.bean = bean;
        this.method = method;
        this.beanManager = beanManager;
        this.codec = codec;
    }

    @Override
    public JsonValue handle(CommandContext context) {
        Type[] types = method.getGenericParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = types[i] == CommandContext.class ? context : context.payload(types[i]);
        }
        try {
            Object result = method.invoke(reference(), arguments);
            return method.getReturnType() == void.class ? JsonValue.NULL : codec.toJsonValue(result);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("command " + context.command() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("command method " + method + " is not accessible", e);
        }
    }

    private Object reference() {
        Object current = reference;
        if (current == null) {
            synchronized (this) {
                current = reference;
                if (current == null) {
                    current = beanManager.getReference(bean, bean.getBeanClass(), beanManager.createCreationalContext(bean));
                    reference = current;
                }
            }
        }
        return current;
    }
}
