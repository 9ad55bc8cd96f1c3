/** The REST routes (trading and market data) on Jetty, Alpaca's JSON shapes and the key check. Not API. */
package io.tradingsdk.sandbox.internal.http;
