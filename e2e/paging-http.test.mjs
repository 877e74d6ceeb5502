// End-to-end over real HTTP: GitHub's Link paging with 262 user keys
// (the emulator's octocat seeded with 260 more), so the page must follow
// `rel="next"` across three pages of 100.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';

const openPage = usePages({ seedUserKeys: 260 });

test('GitHub over HTTP: every one of 262 keys is listed, across three pages', async () => {
  const emulator = openPage.emulator();
  const { page, context, audit, errors } = await openPage.withConnection('/user/keys', 'GitHub', {
    url: `${emulator.url}/github`,
  });
  const list = page.getByRole('list', { name: 'Your SSH keys' });
  await page.getByText('262 keys', { exact: true }).waitFor({ timeout: 20_000 });
  assert.equal(await list.getByRole('listitem').count(), 262);
  await list.getByRole('listitem', { name: 'generated key 260' }).waitFor();
  await list.getByRole('listitem', { name: 'work laptop' }).waitFor();
  const pages = audit.requests
    .filter((r) => r.method === 'GET' && r.url.startsWith(`${emulator.url}/github/user/keys`))
    .map((r) => new URL(r.url).searchParams.get('page'));
  assert.deepEqual([...new Set(pages)].sort(), ['1', '2', '3'], `pages fetched: ${pages}`);
  await page.getByLabel('Filter').fill('generated key 25');
  await page.getByText(/of 262 keys match/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
