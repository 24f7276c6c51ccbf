#!/bin/bash
# Fixture 2: the WildFly that `./mvnw -Pwildfly -DskipTests pre-integration-test` unpacked from Maven Central
# (org.wildfly:wildfly-dist:39.0.1.Final), started like arquillian-wildfly.xml starts it, but with
# port offset 200 (HTTP 8280, management 10190) and the fixture's derby.system.home. No PARLEY_* settings: defaults.
export JBOSS_HOME=/work/legacy/target/wildfly-39.0.1.Final
# JAVA_OPTS left unset: bin/standalone.conf defaults
exec "$JBOSS_HOME/bin/standalone.sh" \
  -Djboss.socket.binding.port-offset=200 \
  -Dderby.system.home=/work/fixtures/wildfly-made
