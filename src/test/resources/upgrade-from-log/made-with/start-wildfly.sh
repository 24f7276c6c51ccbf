#!/bin/bash
# The wildfly-made fixture's server: the WildFly that `./mvnw -B -o -Pwildfly -DskipTests pre-integration-test`
# unpacked at commit 35d9a3b, on a fresh copy of its standalone directory (as the suite's WildFlyServer does) with
# that commit's WAR in deployments/, port offset 300 (HTTP 8380) and the fixture's derby.system.home. Default
# standalone.xml and standalone.conf; no PARLEY_* settings. Stop it with SIGTERM to the WildFly java process.
export JBOSS_HOME=/work/h-fixture-old/target/wildfly-39.0.1.Final
BASE=/work/h-fixture-work/wildfly-base
cp -r "$JBOSS_HOME/standalone" "$BASE" && rm -rf "$BASE"/{data,log,tmp}
cp /work/h-fixture-old/target/parley.war "$BASE/deployments/"
setsid "$JBOSS_HOME/bin/standalone.sh" -Djboss.server.base.dir="$BASE" -Djboss.socket.binding.port-offset=300 \
  -Dderby.system.home=/work/h-fixture-work/wildfly-made
