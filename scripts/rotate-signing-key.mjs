// Rotates the local access-token signing key in .data/secrets.json (the local secret store):
// a new P-256 key becomes current and the current one previous (any older key is dropped), so
// tokens already issued keep verifying. `--retire` drops the previous key once no token signed
// with it can still be alive (access tokens live 15 minutes). The local file secret store reads
// the file when its sidecar starts: restart `npm start` afterwards. In Azure the same secret
// lives in Key Vault and the user service reads it again every SIGNING_KEYS_RELOAD_SECONDS
// (services/user/README.md: "Signing keys").
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { log, runMain } from './lib/log.mjs';
import { secretsFile } from './lib/paths.mjs';

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g;

await runMain(async () => {
  if (!fs.existsSync(secretsFile)) throw new Error('No local secrets yet: run `npm run setup` first.');
  const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
  const [current, previous] = String(secrets['jwt-signing-key'] ?? '').match(PEM_BLOCK) ?? [];
  if (!current) throw new Error('.data/secrets.json has no jwt-signing-key');
  if (process.argv.includes('--retire')) {
    secrets['jwt-signing-key'] = `${current}\n`;
    log.step(previous ? 'signing key: previous key retired; only the current key is published' : 'signing key: there was no previous key');
  } else {
    const next = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    secrets['jwt-signing-key'] = `${next.trim()}\n${current}\n`;
    log.step('signing key: new current key; the old one stays published as the previous key');
  }
  fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  log.step('restart the system (npm start) for the local secret store to read it');
});
