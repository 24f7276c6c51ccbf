package org.parley.room.entity;

/** Where one person stands with one room, in which role, since which entry of the log. */
public record Membership(String room, String person, Standing standing, Role role, long sinceSeq) {
}
