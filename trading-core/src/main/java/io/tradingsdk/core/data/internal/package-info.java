/** Implementation of the CSV sources: line reading, time parsing, per-file cursors, the k-way merge. Not API. */
package io.tradingsdk.core.data.internal;
