#!/bin/bash
# Unzips a fixture into a scratch directory, opens it with Derby 10.16.1.1 and compares its rows with the fixture's rows.txt.
set -e
name=$1; S=/work/fixture-tools/scratch/$name; rm -rf $S; mkdir -p $S; cd $S; unzip -q /work/fixtures/$name.zip
D=/root/.m2/repository/org/apache/derby
CP=$D/derby/10.16.1.1/derby-10.16.1.1.jar:$D/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$D/derbytools/10.16.1.1/derbytools-10.16.1.1.jar
java -Dderby.stream.error.file=$S/derby.log -cp $CP /work/fixture-tools/DumpDb.java $S/parley $S/ddl.sql $S/rows.txt >/dev/null
diff <(tail -n +2 /work/fixtures/$name/rows.txt) <(tail -n +2 $S/rows.txt) && echo "$name: rows identical after unzip"
find $S -name '*.lck'
