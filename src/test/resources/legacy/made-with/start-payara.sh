#!/bin/bash
# Fixture 1: the README's run command on commit 5bfee02, with the data directory and HTTP port overridden.
# parley.run.data overrides the pom property that becomes -Dderby.system.home for the Payara Micro JVM;
# exec.args are passed by payara-micro-maven-plugin 2.5.2 as extra JVM options of the Payara Micro JVM.
cd /work/legacy
exec ./mvnw -DskipTests \
  -Dparley.run.data=/work/fixtures/payara-made \
  "-Dexec.args=-Dpayaramicro.port=8280 -Dpayaramicro.noCluster=true" \
  package payara-micro:start
