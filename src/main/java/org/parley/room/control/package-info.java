/**
 * Rooms: who may do what ({@code RoomRules}), applied as each event is committed to the log ({@code RoomLedger}),
 * and read back for streams, the live fan-out and the REST API.
 */
package org.parley.room.control;
