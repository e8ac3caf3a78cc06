/**
 * Looking at and redriving a bus's error queues from the outside (operations tools, dashboards), with the same care
 * as the bus itself: nothing is consumed by looking, and nothing is lost by moving. See
 * {@link dev.justsaying.errorqueue.ErrorQueue}.
 */
package dev.justsaying.errorqueue;
