#!/bin/bash
# usage: dump-db.sh FIXTURE   Unzips /work/h-fixture-work/FIXTURE.zip into a scratch folder (the zip, not the folder
# the server left, so that the zip itself is what is checked and the fixture is never opened again), and writes
# FIXTURE/ddl.sql and FIXTURE/rows.txt from it with DumpDb.java on Derby 10.16.1.1, which then shuts Derby down.
set -e
cd /work/h-fixture-work
D=/root/.m2/repository/org/apache/derby
CP=$D/derby/10.16.1.1/derby-10.16.1.1.jar:$D/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$D/derbytools/10.16.1.1/derbytools-10.16.1.1.jar
S=scratch/$1; rm -rf $S; mkdir -p $S; (cd $S && unzip -q ../../$1.zip)
java -Dderby.stream.error.file=/work/h-fixture-work/derby-dump-$1.log -cp $CP DumpDb.java $S/parley $1/ddl.sql $1/rows.txt
find $S -name '*.lck'
