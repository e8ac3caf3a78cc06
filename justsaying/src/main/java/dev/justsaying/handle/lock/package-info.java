/**
 * Exactly-once handling on an at-least-once transport: {@link dev.justsaying.handle.lock.ExactlyOnceMiddleware}
 * keys each message by its handler and JustSaying {@code Id}, and a {@link dev.justsaying.handle.lock.MessageLock}
 * lets one consumer at a time handle it and remembers it once handled, so duplicates (redeliveries, the same
 * message through two regions) are skipped.
 *
 * <p>{@link dev.justsaying.handle.lock.InMemoryMessageLock} serves one process; the {@code justsaying-dynamodb}
 * module provides a lock that every process and region shares.
 */
package dev.justsaying.handle.lock;
