package dev.justsaying.wire;

/**
 * Names a message type on the wire: the SNS {@code Subject}, the {@code Subject} of the SQS envelope,
 * and the type attribute of raw messages.
 *
 * <p>The default, {@link #simpleClassName()}, matches JustSaying's default {@code NonGenericMessageSubjectProvider},
 * which uses the .NET {@code Type.Name}: a Java {@code com.acme.orders.OrderPlaced} and a .NET
 * {@code Acme.Orders.OrderPlaced} are both {@code "OrderPlaced"}; packages and namespaces play no part.
 * A nested class maps by its own name ({@code Outer.Inner} → {@code "Inner"}, as .NET's {@code Type.Name}).
 * Java generics are erased, so a generic .NET type ({@code Type.Name} {@code "Envelope`1"}) needs a custom namer.
 */
@FunctionalInterface
public interface MessageTypeNamer {

    /**
     * The wire name of a message type.
     *
     * @throws IllegalArgumentException if the type has no usable name
     */
    String typeNameOf(Class<?> messageType);

    /**
     * Whether a received type name denotes {@code messageType}. Case-insensitive, as JustSaying compares subjects.
     */
    default boolean matches(String receivedTypeName, Class<?> messageType) {
        return receivedTypeName != null && receivedTypeName.equalsIgnoreCase(typeNameOf(messageType));
    }

    /** The default namer: {@link Class#getSimpleName()}, the equivalent of .NET's {@code typeof(T).Name}. */
    static MessageTypeNamer simpleClassName() {
        return type -> {
            String name = type.getSimpleName();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "Anonymous class " + type.getName() + " has no simple name to use as a message type name");
            }
            return name;
        };
    }
}
