// Checks several test files share: axe-core's accessibility audit of the
// page as it is, and ssh-keygen's fingerprint of a public key line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core's violations on the page as it is: `id (impact): targets`,
/// empty when there are none.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/// What `ssh-keygen -l` says of an OpenSSH public line: `SHA256:…`.
export function sshKeygenFingerprint(line) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-fingerprint-'));
  try {
    writeFileSync(join(dir, 'key.pub'), `${line}\n`);
    return execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'key.pub')], { encoding: 'utf8' }).split(' ')[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
