package dev.justsaying.wire;

/**
 * How Java property names ({@code orderId}) are written as JSON property names.
 *
 * <p>Reading is case-insensitive either way, so the choice only matters to the reader on the other side:
 * JustSaying .NET's default serializers (Newtonsoft.Json and System.Text.Json without a naming policy)
 * write PascalCase, and System.Text.Json reads case-sensitively unless told otherwise, so PascalCase is
 * the safe default.
 */
public enum PropertyNaming {
    /** {@code orderId} → {@code "OrderId"}: what JustSaying .NET writes and expects by default. */
    PASCAL_CASE,
    /** {@code orderId} → {@code "orderId"}: for .NET peers configured with a camelCase naming policy. */
    CAMEL_CASE
}
