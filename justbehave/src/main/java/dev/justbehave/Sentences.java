package dev.justbehave;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns Java identifiers into the sentences they spell: {@code WhenIMakeAPayment} reads "When I make a payment",
 * {@code it_tells_me_why} reads "it tells me why", and acronyms stay upper case ({@code SQS}, {@code S3}, {@code OK}).
 */
final class Sentences {

    /** Word boundaries inside a camel-case identifier: aB, ABc (acronym then word), a1, 1Ab. */
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile(
            "(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{Ll})(?=\\p{Nd})|(?<=\\p{Nd})(?=\\p{Lu}\\p{Ll})");
    private static final Pattern SEPARATORS = Pattern.compile("[_$\\s]+");

    private Sentences() {
    }

    /**
     * The sentence an identifier spells. The first word keeps the case it was written in; the following words are
     * lower-cased unless they are acronyms or the pronoun "I".
     */
    static String of(String identifier) {
        List<String> words = words(identifier);
        return IntStream.range(0, words.size())
                .mapToObj(i -> i == 0 || keepsItsCase(words.get(i)) ? words.get(i) : words.get(i).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    /** The sentence with its first letter upper-cased, to open a display name. */
    static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : sentence.substring(0, 1).toUpperCase(Locale.ROOT) + sentence.substring(1);
    }

    /** The sentence with its first word lower-cased (unless it is an acronym or "I"), to continue a display name. */
    static String continued(String sentence) {
        String firstWord = sentence.split(" ", 2)[0];
        return firstWord.isEmpty() || keepsItsCase(firstWord)
                ? sentence
                : sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1);
    }

    private static List<String> words(String identifier) {
        return Arrays.stream(SEPARATORS.split(identifier))
                .flatMap(CAMEL_BOUNDARY::splitAsStream)
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static boolean keepsItsCase(String word) {
        return word.equals("I") || isAcronym(word);
    }

    private static boolean isAcronym(String word) {
        return word.length() > 1
                && word.chars().anyMatch(Character::isUpperCase)
                && word.chars().noneMatch(Character::isLowerCase);
    }
}
