// Keys made at test time with the real ssh-keygen, and what it says of them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeKey(type, bits, comment) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  const file = join(dir, 'key');
  const args = ['-q', '-t', type, '-N', '', '-C', comment, '-f', file];
  if (bits) args.push('-b', String(bits));
  execFileSync('ssh-keygen', args);
  const fingerprint = (alg, path) =>
    execFileSync('ssh-keygen', ['-l', '-E', alg, '-f', path], { encoding: 'utf8' }).split(' ')[1];
  const key = {
    publicLine: readFileSync(`${file}.pub`, 'utf8').trim(),
    privateText: readFileSync(file, 'utf8'),
    sha256: fingerprint('sha256', `${file}.pub`),
    md5: fingerprint('md5', `${file}.pub`),
  };
  rmSync(dir, { recursive: true, force: true });
  return key;
}

/// An RSA private key in PEM armour (what Terraform takes), made now.
export function makePemKey(passphrase = '') {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  const file = join(dir, 'key');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', passphrase, '-C', 'e2e', '-f', file]);
  const privateText = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return privateText;
}
