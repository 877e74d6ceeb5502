// The built app served by keyward-server (what users deploy), on
// 127.0.0.1 and a free port, with its strict headers and its proxies.
import { resolve } from 'node:path';
import { root, startBinary } from './processes.mjs';

/// The one setting for which build is tested: $DIST, else ../dist.
export function distFolder() {
  return resolve(import.meta.dirname, process.env.DIST || resolve(root, 'dist'));
}

/// `upstreams`: { tfe, astro, cnb } base URLs for the server's proxies
/// (the emulator's /tfe, /astro, /cnb in tests).
export async function startServer(dist = distFolder(), upstreams = {}) {
  const args = ['--dist', dist, '--listen', '127.0.0.1:0'];
  if (upstreams.tfe) args.push('--tfe-url', upstreams.tfe);
  if (upstreams.astro) args.push('--astro-url', upstreams.astro);
  if (upstreams.cnb) args.push('--cnb-url', upstreams.cnb);
  return startBinary('keyward-server', args);
}
