/**
 * The fault hooks the fault-tolerance tests switch on, and nothing else: each is inert unless a
 * test sets its {@code serspark.test.*} system property (docs/warehouse.md, docs/faults.md). {@link
 * TaskFailure} fails an ingest task once mid-partition ({@code IngestRerunTest}); {@link
 * WriteStall} holds every write task of one table so that a test can kill the driver mid-write
 * ({@code DriverKilledRerunTest}); {@link FaultMarkers} is where both leave the marker files the
 * tests wait on.
 */
package io.serspark.faults;
