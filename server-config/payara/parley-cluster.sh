#!/usr/bin/env bash
# Connects Parley's servers on Payara Server to the cluster's Artemis broker: deploys Artemis's resource adapter
# (artemis-ra/target/parley-artemis-ra.rar of `./mvnw package`) with the broker's address, defines the pool ParleyClusterPool
# and the connection factory jms/parleyConnectionFactory on it, and names that factory in the system property
# parley.cluster.connectionFactory, which Parley reads as it starts. Run once per domain, with the domain up, then
# deploy (or redeploy) parley.war:
#
#   ASADMIN=/opt/payara6/bin/asadmin \
#   PARLEY_RAR=/opt/parley/parley-artemis-ra.rar \
#   PARLEY_BROKER='host\=broker.example.com;port\=61616' \
#   ./parley-cluster.sh
#
# PARLEY_BROKER is the adapter's ConnectionParameters, with each = escaped as \= (asadmin's property syntax). More
# adapter properties may follow, colon-separated: ':UserName=parley:Password=…' if the broker asks for them (escape a
# colon inside a value as \:), or ':RetryInterval=500' to override the reconnection defaults of the archive's ra.xml
# (docs/cluster/payara-notes.md). ASADMIN_OPTIONS passes anything asadmin needs to reach the domain (--port 4848, --user,
# --passwordfile). The pool takes no part in transactions and is filled on demand, each connection matched to its
# request: parley-cluster.micro.asadmin says why.
set -euo pipefail

: "${ASADMIN:?the path of asadmin}"
: "${PARLEY_RAR:?the path of parley-artemis-ra.rar}"
: "${PARLEY_BROKER:?the broker: host\\=...;port\\=...}"
read -r -a admin <<< "${ASADMIN_OPTIONS:-}"

asadmin() {
    "$ASADMIN" "${admin[@]}" "$@"
}

# the adapter's configuration first, so that the adapter starts with it
asadmin create-resource-adapter-config --property "ConnectionParameters=$PARLEY_BROKER" parley-artemis-ra
asadmin deploy --type rar --name parley-artemis-ra "$PARLEY_RAR"
asadmin create-connector-connection-pool --raname parley-artemis-ra \
    --connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory \
    --transactionsupport NoTransaction --steadypoolsize 0 --maxpoolsize 32 --matchconnections true \
    ParleyClusterPool
asadmin create-connector-resource --poolname ParleyClusterPool jms/parleyConnectionFactory
asadmin create-system-properties parley.cluster.connectionFactory=jms/parleyConnectionFactory
