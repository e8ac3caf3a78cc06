package dev.justbehave;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mockito.Mockito;
import org.mockito.exceptions.base.MockitoException;

/**
 * The collaborators of one context, one per type: real instances the test supplied, or Mockito mocks made on first
 * request. Builds the system under test through its greediest public constructor from these collaborators, so that
 * the test and the system under test share the very same mocks.
 */
final class AutoMocker {

    private static final Set<Class<?>> VALUE_TYPES = Set.of(Boolean.class, Byte.class, Character.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, Void.class, String.class, Class.class);

    private final Map<Class<?>, Object> collaborators = new HashMap<>();

    /** The collaborator of this type, mocked now if nobody asked for it or supplied it before. */
    @SuppressWarnings("unchecked")
    <T> T the(Class<T> type) {
        return (T) collaborators.computeIfAbsent(boxed(type), key -> mockOf(type));
    }

    /** Supplies a real collaborator for this type, replacing any mock handed out before. */
    <T> void use(Class<T> type, T instance) {
        collaborators.put(boxed(type), instance);
    }

    /** Builds {@code type} through its greediest public constructor, one collaborator per parameter. */
    Object construct(Class<?> type) throws Exception {
        Constructor<?> constructor = greediestPublicConstructor(type);
        Object[] arguments = Arrays.stream(constructor.getParameters())
                .map(parameter -> argumentFor(parameter, constructor))
                .toArray();
        constructor.trySetAccessible();
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw asThrownByConstructor(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ContextException("Cannot call " + describe(constructor) + "; override createSystemUnderTest()", e);
        }
    }

    private static Constructor<?> greediestPublicConstructor(Class<?> type) {
        if (type.isInterface() || type.isPrimitive() || type.isArray() || Modifier.isAbstract(type.getModifiers())) {
            throw new ContextException(type.getName()
                    + " is not a concrete class, so it cannot be built automatically; override createSystemUnderTest()");
        }
        Constructor<?>[] byGreed = Arrays.stream(type.getConstructors())
                .sorted(Comparator.comparingInt((Constructor<?> constructor) -> constructor.getParameterCount()).reversed())
                .toArray(Constructor<?>[]::new);
        if (byGreed.length == 0) {
            throw new ContextException(type.getName()
                    + " has no public constructor; make one public or override createSystemUnderTest()");
        }
        if (byGreed.length > 1 && byGreed[0].getParameterCount() == byGreed[1].getParameterCount()) {
            throw new ContextException(type.getName() + " has more than one greediest public constructor ("
                    + describe(byGreed[0]) + " and " + describe(byGreed[1]) + "); override createSystemUnderTest()");
        }
        return byGreed[0];
    }

    private Object argumentFor(Parameter parameter, Constructor<?> constructor) {
        try {
            return the(parameter.getType());
        } catch (ContextException e) {
            throw new ContextException("Cannot build " + describe(constructor) + ": parameter '"
                    + parameter.getType().getSimpleName() + " " + parameter.getName() + "': " + e.getMessage()
                    + ", or override createSystemUnderTest()", e.getCause());
        }
    }

    private static Object mockOf(Class<?> type) {
        String supplyIt = "; supply one with use(" + type.getSimpleName() + ".class, ...) in given()";
        if (VALUE_TYPES.contains(boxed(type)) || type.isEnum() || type.isArray()) {
            throw new ContextException(type.getName() + " is a value, not a collaborator, so it is not mocked" + supplyIt);
        }
        try {
            return Mockito.mock(type);
        } catch (MockitoException e) {
            throw new ContextException("Mockito cannot mock " + type.getName() + " (see the cause)" + supplyIt, e);
        }
    }

    /** What the constructor threw, as itself: an {@link Error} is rethrown, an exception returned to be thrown. */
    private static Exception asThrownByConstructor(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        return thrown instanceof Exception exception ? exception : new IllegalStateException(thrown);
    }

    private static Class<?> boxed(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    private static String describe(Constructor<?> constructor) {
        return Arrays.stream(constructor.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", constructor.getDeclaringClass().getSimpleName() + "(", ")"));
    }
}
