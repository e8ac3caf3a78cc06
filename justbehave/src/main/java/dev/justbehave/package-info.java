/**
 * justbehave: Given/When/Then behaviour contexts for JUnit 5, one context per class, with an auto-mocked system
 * under test. Extend {@link dev.justbehave.BehaviourTest} (or {@link dev.justbehave.AsyncBehaviourTest}) and mark
 * each expected outcome with {@link dev.justbehave.Then}.
 */
package dev.justbehave;
