package dev.justsaying.infrastructure;

/**
 * What the bus does at start with the queues, topics, subscriptions and queue policies a publication or a
 * subscription needs. Chosen explicitly, per publication and per subscription, because the right answer depends on
 * who owns the infrastructure: the service itself, a platform team, or infrastructure-as-code.
 */
public enum InfrastructureMode {

    /**
     * Create what is missing and add what is missing to what exists (a redrive policy, a policy statement, a tag),
     * never overwriting what someone else set.
     */
    CREATE_IF_MISSING,

    /** Create and change nothing; fail at start, saying what to do, if something is missing or incompatible. */
    VALIDATE,

    /**
     * Make no checks: only resolve what is needed to address each resource (a queue URL from a name, a topic ARN
     * from a name), with as few calls as possible and none when the address is already complete.
     */
    ASSUME_EXISTS
}
