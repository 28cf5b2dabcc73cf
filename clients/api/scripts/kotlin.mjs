// The Kotlin client a mobile team would generate, built here to prove the document generates
// a client that compiles: openapi-generator (from Maven Central) writes the sources from
// clients/api/openapi.json into .data/clients/kotlin, and Maven compiles them with the Kotlin
// compiler plugin (the generator's own Gradle build needs Gradle, which this machine lacks).
// Without a JDK and Maven it says so and stops without failing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OPENAPI_GENERATOR = '7.17.0';
const KOTLIN = '2.2.21';
const OKHTTP = '4.12.0';
const MOSHI = '1.15.2';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const toolsDir = path.join(root, '.tools', 'openapi-generator');
const outDir = path.join(root, '.data', 'clients', 'kotlin');
const jar = path.join(toolsDir, `openapi-generator-cli-${OPENAPI_GENERATOR}.jar`);

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✖ ${command} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const has = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
if (!has('java', ['-version']) || !has('mvn', ['-v'])) {
  console.log('Kotlin client: skipped — no JDK and Maven on this machine (install openjdk-17-jdk-headless and maven to build it)');
  process.exit(0);
}

if (!fs.existsSync(jar)) {
  fs.mkdirSync(toolsDir, { recursive: true });
  run('mvn', [
    '-q',
    '-B',
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
    `-Dartifact=org.openapitools:openapi-generator-cli:${OPENAPI_GENERATOR}`,
    `-DoutputDirectory=${toolsDir}`,
  ]);
}

fs.rmSync(outDir, { recursive: true, force: true });
run('java', [
  '-jar',
  jar,
  'generate',
  '-i',
  path.join(root, 'clients', 'api', 'openapi.json'),
  '-g',
  'kotlin',
  '-o',
  outDir,
  '--additional-properties',
  'packageName=com.healthsync.api,library=jvm-okhttp4,serializationLibrary=moshi,dateLibrary=java8,enumPropertyNaming=UPPERCASE',
  '--global-property',
  'apiTests=false,modelTests=false,apiDocs=false,modelDocs=false',
]);

fs.writeFileSync(
  path.join(outDir, 'pom.xml'),
  `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.healthsync</groupId>
  <artifactId>healthsync-api-client</artifactId>
  <version>0.1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>
  </properties>
  <dependencies>
    <dependency><groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-stdlib</artifactId><version>${KOTLIN}</version></dependency>
    <dependency><groupId>com.squareup.okhttp3</groupId><artifactId>okhttp</artifactId><version>${OKHTTP}</version></dependency>
    <dependency><groupId>com.squareup.moshi</groupId><artifactId>moshi-kotlin</artifactId><version>${MOSHI}</version></dependency>
    <dependency><groupId>com.squareup.moshi</groupId><artifactId>moshi-adapters</artifactId><version>${MOSHI}</version></dependency>
  </dependencies>
  <build>
    <sourceDirectory>src/main/kotlin</sourceDirectory>
    <plugins>
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId>
        <artifactId>kotlin-maven-plugin</artifactId>
        <version>${KOTLIN}</version>
        <executions><execution><id>compile</id><goals><goal>compile</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
`,
);
// In-process compiler: no Kotlin daemon is left behind holding a port after the test run.
run('mvn', ['-q', '-B', 'package', '-DskipTests', '-Dkotlin.compiler.execution.strategy=in-process', '-Dkotlin.compiler.daemon=false'], { cwd: outDir });
const built = path.join(outDir, 'target', 'healthsync-api-client-0.1.0.jar');
const classes = spawnSync('jar', ['tf', built], { encoding: 'utf8' })
  .stdout.split('\n')
  .filter((l) => l.endsWith('.class')).length;
console.log(`✓ Kotlin client compiled: ${path.relative(root, built)} (${classes} classes)`);
