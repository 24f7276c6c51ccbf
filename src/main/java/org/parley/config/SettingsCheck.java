package org.parley.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Reads every setting as Parley starts: a mistyped value stops the deployment with a message naming the setting,
 * where it would otherwise fail each connection or message that first needs it.
 */
@Singleton
@Startup
public class SettingsCheck {

    @PostConstruct
    void check() {
        Setting.checkAll();
    }
}
