// The project's own release binaries (keyward-server, keyward-emulator),
// started on 127.0.0.1 with port 0 and stopped by the tests that start them.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const root = resolve(import.meta.dirname, '..');

/// target/release/NAME, built once if missing (scripts/test.sh builds both
/// before the e2e step; this only helps a lone `node --test`).
/// $KEYWARD_BIN_DIR, when set, is where they are taken from instead (a
/// build of one's own, beside a shared checkout).
export function binary(name) {
  const dir = process.env.KEYWARD_BIN_DIR;
  if (dir) return resolve(dir, name);
  const path = resolve(root, 'target', 'release', name);
  if (!existsSync(path)) {
    execFileSync('cargo', ['build', '--release', '--locked', '-p', name], { cwd: root, stdio: 'inherit' });
  }
  return path;
}

/// Spawns `name` and resolves with its address once it prints
/// `NAME listening on http://ADDR` on stdout; its stderr (one line per
/// request) is kept for failure reports, never printed.
export async function startBinary(name, args) {
  const child = spawn(binary(name), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A test file that dies before its `after` hook must not leave servers behind.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.removeListener('exit', orphan));
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr.push(chunk);
    if (stderr.length > 2000) stderr.shift();
  });
  const url = await new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`${name} did not start: ${stderr.join('')}`)), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with ${code}: ${stderr.join('')}`));
    });
    lines.on('line', (line) => {
      const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
  });
  const close = () =>
    new Promise((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGTERM');
    });
  return { url, close, stderr: () => stderr.join('') };
}
