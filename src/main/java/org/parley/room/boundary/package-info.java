/** The REST side of rooms: the directory, one's own rooms, a room's members and its history. */
package org.parley.room.boundary;
