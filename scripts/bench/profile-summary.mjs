// Summarises V8 CPU profiles (.cpuprofile, from `node --cpu-prof`): for each profile, where
// the busy time went by package (our code, each npm package, Node's internals, garbage
// collection) and the functions with the most self time.
//
//   node scripts/bench/profile-summary.mjs .data/bench/profiles [--top 20] [--match gateway]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1] ?? 20) || 20;
const match = args.includes('--match') ? args[args.indexOf('--match') + 1] : undefined;
const inputs = args.filter((a, i) => !a.startsWith('--') && !['--top', '--match'].includes(args[i - 1]));
const files = inputs.flatMap((input) =>
  fs.statSync(input).isDirectory()
    ? fs
        .readdirSync(input)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(input, f))
    : [input],
);

/** Where a function lives: our code, an npm package, Node itself, or V8's pseudo-frames. */
function ownerOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(services|standins|scripts)\/([^/]+)/.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]}`;
  return url;
}

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(services|scripts|standins)\//, '$1/');

for (const file of files.sort()) {
  if (match && !path.basename(file).includes(match)) continue;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map();
  const owners = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const key = callFrame.url ? `${name}  ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : name;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const owner = ownerOf(callFrame.url, name);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
  }
  const wall = (profile.endTime - profile.startTime) / 1e6;
  const pct = (v) => `${((v / total) * 100).toFixed(1).padStart(5)} %`;
  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s busy of ${wall.toFixed(1)} s (idle ${(idle / 1e6).toFixed(1)} s)`);
  console.log('  by owner (self time):');
  for (const [owner, v] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${pct(v)}  ${owner}`);
  console.log(`  top ${top} functions (self time):`);
  for (const [key, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(v)}  ${key}`);
}
