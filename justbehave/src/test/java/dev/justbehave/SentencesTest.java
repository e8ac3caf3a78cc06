package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentencesTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "WhenIMakeAPayment         | When I make a payment",
        "AndMyPaymentIsRejected    | And my payment is rejected",
        "itTellsMeWhy              | it tells me why",
        "it_tells_me_why           | it tells me why",
        "When_I_Make_A_Payment     | When I make a payment",
        "WhenTheSQSQueueIsDown     | When the SQS queue is down",
        "itReturnsAnOKStatus       | it returns an OK status",
        "WhenTheAPIIsDown          | When the API is down",
        "WhenTheS3BucketIsMissing  | When the S3 bucket is missing",
        "WhenIRetry3Times          | When I retry 3 times",
        "WhenIAmLate               | When I am late",
        "SQSIsDown                 | SQS is down",
    })
    void identifiersReadAsSentences(String identifier, String sentence) {
        assertThat(Sentences.of(identifier)).isEqualTo(sentence);
    }

    @ParameterizedTest(name = "\"{0}\" continues as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "And my payment is rejected | and my payment is rejected",
        "I pay twice                | I pay twice",
        "SQS is down                | SQS is down",
    })
    void aSentenceContinuingANameStartsInLowerCaseUnlessItOpensWithAnAcronymOrI(String sentence, String continued) {
        assertThat(Sentences.continued(sentence)).isEqualTo(continued);
    }

    @ParameterizedTest(name = "\"{0}\" opens as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "it tells me why | It tells me why",
        "When I pay      | When I pay",
    })
    void aSentenceOpeningANameStartsInUpperCase(String sentence, String opening) {
        assertThat(Sentences.capitalized(sentence)).isEqualTo(opening);
    }
}
