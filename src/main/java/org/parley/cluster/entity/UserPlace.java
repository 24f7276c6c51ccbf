package org.parley.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user with at least one connection on a server: who is where, for the servers of one chat. */
@Entity
@Table(name = "USER_PLACE")
@NamedQuery(name = UserPlace.ELSEWHERE, query = "SELECT p.user, p.server FROM UserPlace p, ServerLease l"
        + " WHERE p.server = l.server AND p.server <> :server AND l.expiresAt >= :now")
@NamedQuery(name = UserPlace.DELETE, query = "DELETE FROM UserPlace p WHERE p.key = :key")
@NamedQuery(name = UserPlace.DELETE_ON, query = "DELETE FROM UserPlace p WHERE p.server = :server")
public class UserPlace {

    public static final String ELSEWHERE = "UserPlace.elsewhere";
    public static final String DELETE = "UserPlace.delete";
    public static final String DELETE_ON = "UserPlace.deleteOn";

    // the server and the user in one key: a plain column for every database and both providers
    @Id
    @Column(name = "PLACE_KEY", length = 130)
    private String key;

    @Column(name = "SERVER_ID", length = 64, nullable = false)
    private String server;

    @Column(name = "USER_NAME", length = 64, nullable = false)
    private String user;

    protected UserPlace() {
    }

    public UserPlace(String server, String user) {
        this.key = keyOf(server, user);
        this.server = server;
        this.user = user;
    }

    public static String keyOf(String server, String user) {
        return server + "/" + user;
    }
}
