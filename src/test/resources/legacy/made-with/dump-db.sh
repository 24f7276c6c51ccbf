#!/bin/bash
# usage: dump-db.sh FIXTURE_DIR   (database FIXTURE_DIR/parley; writes ddl.sql and rows.txt there)
set -e
D=/root/.m2/repository/org/apache/derby
CP=$D/derby/10.16.1.1/derby-10.16.1.1.jar:$D/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$D/derbytools/10.16.1.1/derbytools-10.16.1.1.jar
cd "$1"
# derby.log of this tool goes beside the tools, not into the fixture
java -Dderby.stream.error.file=/work/fixture-tools/derby-dump-$(basename "$1").log -cp "$CP" /work/fixture-tools/DumpDb.java "$1/parley" "$1/ddl.sql" "$1/rows.txt"
find "$1" -name db.lck -o -name dbex.lck
