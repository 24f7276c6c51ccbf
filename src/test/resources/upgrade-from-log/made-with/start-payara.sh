#!/bin/bash
# The payara-made fixture's server: Payara Micro as the build of commit 35d9a3b fetched it, with that commit's WAR,
# on a fresh Derby home and port 8290, no cluster. No PARLEY_* settings: defaults. Stop it with SIGTERM to this java
# process (setsid: its own session, so that nothing else's end takes it down) and Parley shuts Derby down.
cd /work/h-fixture-old
setsid java -Dderby.system.home=/work/h-fixture-work/payara-made -jar target/payara-micro.jar \
  --deploy target/parley.war --contextroot /parley --port 8290 --nocluster
