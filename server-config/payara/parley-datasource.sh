#!/usr/bin/env bash
# Points Parley at an operator's database on Payara Server: adds the JDBC driver to the domain, defines the pool
# ParleyPool and the resource jdbc/parley on it, and names that resource in the system property parley.datasource,
# which Parley reads as it starts. Run once, with the domain up, then deploy (or redeploy) parley.war once the
# domain has finished starting again (the page answers): the script restarts it, and a deployment that races the
# restarted domain's own loading of its applications can fail:
#
#   ASADMIN=/opt/payara6/bin/asadmin DOMAIN=domain1 \
#   PARLEY_DRIVER_JARS=/opt/jdbc/postgresql-42.7.14.jar \
#   PARLEY_DATASOURCE_CLASS=org.postgresql.ds.PGSimpleDataSource \
#   PARLEY_POOL_PROPERTIES='serverName=db.example.com:portNumber=5432:databaseName=parley:user=parley:password=change-me' \
#   ./parley-datasource.sh
#
# PARLEY_POOL_PROPERTIES is the data source class's own properties, name=value separated by colons (escape a colon
# inside a value as \:). For Derby's network server, for example:
# PARLEY_DRIVER_JARS="/opt/jdbc/derbyclient-10.16.1.1.jar /opt/jdbc/derbyshared-10.16.1.1.jar",
# PARLEY_DATASOURCE_CLASS=org.apache.derby.client.BasicClientDataSource and
# PARLEY_POOL_PROPERTIES='serverName=localhost:portNumber=1527:databaseName=parley:createDatabase=create:user=parley:password=…'.
# ASADMIN_OPTIONS passes anything asadmin needs to reach the domain (--port 4848, --user, --passwordfile).
set -euo pipefail

: "${ASADMIN:?the path of asadmin}"
: "${DOMAIN:=domain1}"
: "${PARLEY_DRIVER_JARS:?the JDBC driver jar or jars, separated by spaces}"
: "${PARLEY_DATASOURCE_CLASS:?the DataSource class of the JDBC driver}"
: "${PARLEY_POOL_PROPERTIES:?the data source properties}"
read -r -a admin <<< "${ASADMIN_OPTIONS:-}"
read -r -a jars <<< "$PARLEY_DRIVER_JARS"

asadmin() {
    "$ASADMIN" "${admin[@]}" "$@"
}

# a driver in the domain's lib directory is seen only by a restarted domain
asadmin add-library --type common "${jars[@]}"
asadmin restart-domain "$DOMAIN"

asadmin create-jdbc-connection-pool --restype javax.sql.DataSource \
    --datasourceclassname "$PARLEY_DATASOURCE_CLASS" --property "$PARLEY_POOL_PROPERTIES" \
    --steadypoolsize 1 --maxpoolsize 32 --isconnectvalidatereq true --validationmethod meta-data \
    ParleyPool
asadmin ping-connection-pool ParleyPool
asadmin create-jdbc-resource --connectionpoolid ParleyPool jdbc/parley
asadmin create-system-properties parley.datasource=jdbc/parley
