/**
 * Not API: the write pipeline (inbox, memory buffer, spill file, writer), the intent writer, the
 * spill line format, the SQL of the journal and a small JSON codec. May change without notice.
 */
package io.tradingsdk.postgres.internal;
