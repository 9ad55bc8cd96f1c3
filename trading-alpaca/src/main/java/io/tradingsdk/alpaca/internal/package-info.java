/**
 * Internals of the Alpaca adapter (HTTP plumbing, wire formats, stream client, event ordering). Not API.
 */
package io.tradingsdk.alpaca.internal;
