package dev.justbehave;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which class a subclass binds to a generic ancestor's type parameter, following the binding through generic
 * intermediate classes ({@code class A extends Base<Foo>}, or {@code class B<T> extends Base<T>} and
 * {@code class C extends B<Foo>}).
 */
final class TypeArguments {

    private TypeArguments() {
    }

    /** The class bound to the {@code index}th type parameter of {@code ancestor}, if {@code subclass} binds one. */
    static Optional<Class<?>> resolve(Class<?> subclass, Class<?> ancestor, int index) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> type = subclass; type != ancestor && type != null; type = type.getSuperclass()) {
            if (type.getGenericSuperclass() instanceof ParameterizedType superclass) {
                TypeVariable<?>[] parameters = type.getSuperclass().getTypeParameters();
                Type[] arguments = superclass.getActualTypeArguments();
                for (int i = 0; i < parameters.length; i++) {
                    bindings.put(parameters[i], bindings.getOrDefault(arguments[i], arguments[i]));
                }
            }
        }
        return rawClass(bindings.get(ancestor.getTypeParameters()[index]));
    }

    private static Optional<Class<?>> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return Optional.of(plain);
        }
        if (type instanceof ParameterizedType parameterized) {
            return rawClass(parameterized.getRawType());
        }
        return Optional.empty();
    }
}
