/** The replay thread, its clock and the bars replayed so far. Not API. */
package io.tradingsdk.sandbox.internal.replay;
