package dev.justsaying.infrastructure;

import java.util.Locale;
import java.util.regex.Pattern;

/** JustSaying's naming convention, offered as {@link NamingConvention#defaults()}. */
final class DefaultNamingConvention implements NamingConvention {

    static final DefaultNamingConvention INSTANCE = new DefaultNamingConvention();

    private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^a-z0-9_-]");

    private DefaultNamingConvention() {
    }

    @Override
    public String topicName(Class<?> messageType) {
        return strippedName(messageType);
    }

    @Override
    public String queueName(Class<?> messageType) {
        return strippedName(messageType);
    }

    private static String strippedName(Class<?> messageType) {
        String lowerCased = messageType.getSimpleName().toLowerCase(Locale.ROOT);
        String name = NOT_NAME_CHARACTER.matcher(lowerCased).replaceAll("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the type " + messageType.getName() + " has no simple name made of"
                    + " a-z 0-9 _ - to derive a topic or queue name from: name its topic or queue explicitly");
        }
        return name;
    }

    @Override
    public String toString() {
        return "NamingConvention.defaults()";
    }
}
