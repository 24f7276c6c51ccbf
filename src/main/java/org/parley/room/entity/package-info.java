/** What a room is made of: roles, where each person stands, what its history shows, and its events. */
package org.parley.room.entity;
