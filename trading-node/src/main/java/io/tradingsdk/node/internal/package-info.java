/** Implementation of the trading node; not API. */
package io.tradingsdk.node.internal;
