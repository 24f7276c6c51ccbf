package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.ServerFrame;

/** Tells a client that a frame of its was refused, and why, in an error frame; and counts it by code. */
@ApplicationScoped
public class Refusals {

    @Inject
    ParleyMetrics metrics;

    void refuse(Connection sender, ErrorCode code, String message, String ref) {
        metrics.refused(code.wireName());
        sender.send(new ServerFrame.Error(code, message, ref).encode());
    }
}
