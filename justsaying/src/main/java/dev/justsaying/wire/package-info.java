/**
 * The wire format: how messages look on SNS and SQS, interoperable with JustSaying on .NET (v7 and v8).
 *
 * <h2>Writing</h2>
 * {@link dev.justsaying.wire.MessageWriter} turns a record or POJO plus its {@link dev.justsaying.wire.MessageMetadata}
 * into an {@link dev.justsaying.wire.OutboundMessage} for a {@link dev.justsaying.wire.Destination}:
 * <pre>
 * message JSON:  {"OrderId":42,"Status":"Open","Id":"8c1e…","TimeStamp":"2024-03-01T10:15:30.1234567Z","Tenant":"uk"}
 * TOPIC:         SNS Publish(Message = message JSON, Subject = "OrderPlaced", attributes)
 * QUEUE:         SQS body {"Subject":"OrderPlaced","Message":"{\"OrderId\":42,…}"}, native attributes
 * RAW_QUEUE:     SQS body = message JSON, native attributes incl. MessageType=OrderPlaced
 * </pre>
 * Above the compression threshold the message JSON is replaced by base64(gzip(UTF-8 JSON)) and the attribute
 * {@code Content-Encoding: gzip,base64} is added.
 *
 * <h2>Reading</h2>
 * {@link dev.justsaying.wire.EnvelopeReader} recognises the {@link dev.justsaying.wire.EnvelopeShape} of an SQS body
 * (SNS notification, SQS envelope, raw), merges attributes and decompresses;
 * {@link dev.justsaying.wire.MessageSerializer#deserialize} then reads the message and its metadata. Anything that
 * cannot be read raises {@link dev.justsaying.wire.MalformedMessageException}: such a message must go to the error
 * queue, never be dropped.
 *
 * <h2>Java types and their .NET counterparts</h2>
 * <ul>
 *   <li>Type name: {@code Class.getSimpleName()} ↔ .NET {@code Type.Name} (packages/namespaces ignored);
 *       see {@link dev.justsaying.wire.MessageTypeNamer}.</li>
 *   <li>Properties: record component or bean property {@code orderId} ↔ .NET property {@code OrderId}.</li>
 *   <li>{@code UUID} ↔ {@code Guid}; {@code Instant} ↔ {@code DateTime} (UTC); {@code OffsetDateTime} ↔
 *       {@code DateTimeOffset}; {@code LocalDate} ↔ {@code DateOnly}; {@code BigDecimal} ↔ {@code decimal};
 *       {@code int}/{@code long}/{@code double}/{@code boolean} ↔ the same; {@code List} ↔ {@code List}/array;
 *       {@code Map<String, V>} ↔ {@code Dictionary<string, V>}.</li>
 *   <li>Enums travel by name; reading ignores case, so {@code OPEN} and {@code Open} match. For multi-word names
 *       annotate the constant: {@code @JsonProperty("TemporarilyClosed") TEMPORARILY_CLOSED}. A number is read as the
 *       constant's ordinal, which equals a .NET enum's value only when the .NET values are the default 0, 1, 2, …</li>
 *   <li>Nulls are omitted, as JustSaying's serializers do; a Java message needs no base class.</li>
 * </ul>
 */
package dev.justsaying.wire;
