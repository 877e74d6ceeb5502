// End-to-end: the repository picker's list of the repositories a GitHub
// connection reaches (GET /user/repos, /user/orgs, /orgs/{org}/repos), on
// the Sandbox and over real HTTP against the emulator: non-admin
// repositories marked, the filter narrowing, a click opening the
// repository's deploy keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

const repositories = (page) => page.getByRole('list', { name: 'Your repositories' });
const row = (page, fullName) => repositories(page).getByRole('listitem').filter({
  has: page.getByText(fullName, { exact: true }),
});

/// What /user/repos says, from node with the emulator's token.
async function emulatedRepos(emulator) {
  const repos = [];
  for (let page = 1; ; page += 1) {
    const batch = await emulator.api('GET', `/github/user/repos?per_page=100&page=${page}`);
    repos.push(...batch);
    if (batch.length < 100) return repos;
  }
}

/// Checks the list against `repos` (GitHub's repository objects), then
/// filters it and opens an admin repository by its link.
async function checkList(page, repos, origin) {
  const admin = repos.filter((r) => r.permissions?.admin);
  const member = repos.filter((r) => !r.permissions?.admin);
  assert.ok(admin.length > 0 && member.length > 0, 'the seed has both kinds');
  await repositories(page).getByRole('listitem').first().waitFor(WAIT);
  for (const repo of admin) {
    await repositories(page).getByRole('link', { name: repo.full_name, exact: true }).waitFor(WAIT);
  }
  for (const repo of member) {
    const marked = row(page, repo.full_name);
    await marked.getByText('Not admin', { exact: true }).waitFor(WAIT);
    await marked.getByText('deploy keys need admin access').waitFor();
    assert.equal(await marked.getByRole('link', { name: repo.full_name, exact: true }).count(), 0,
      'not the primary link');
  }
  const total = await repositories(page).getByRole('listitem').count();
  assert.ok(total >= repos.length, `${total} rows for ${repos.length} repositories`);

  // The filter narrows the list to the repositories whose name matches.
  const [target] = admin;
  await page.getByLabel('Filter repositories').fill(target.name.toUpperCase());
  const matching = repos.filter((r) => r.full_name.toLowerCase().includes(target.name.toLowerCase()));
  await page.getByText(new RegExp(`^${matching.length} of \\d+ repositor(y|ies) match$`)).waitFor(WAIT);
  assert.equal(await repositories(page).getByRole('listitem').count(), matching.length);

  await repositories(page).getByRole('link', { name: target.full_name, exact: true }).click();
  await page.waitForURL(`${origin}/repos/${target.full_name}/keys`, WAIT);
  await page.getByRole('list', { name: 'Deploy keys' }).waitFor(WAIT);
  return target;
}

test('the Sandbox: the repositories are listed, the non-admin one marked; the filter narrows; a click opens its deploy keys', async () => {
  const { page, context, errors } = await openPage('/repos');
  // The Sandbox answers in this browser, once its worker controls the page
  // (the list loaded): its own answer is read through the page.
  await repositories(page).getByRole('listitem').first().waitFor(WAIT);
  const repos = await page.evaluate(async () => {
    const answer = await fetch('/sandbox/github/user/repos?per_page=100', {
      headers: { authorization: 'Bearer sandbox' },
    });
    return answer.json();
  });
  const opened = await checkList(page, repos, openPage.origin());
  await page.getByText(`Repository: ${opened.full_name}`).waitFor(WAIT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('GitHub over HTTP: the emulator\'s repositories and organizations are listed and open', async () => {
  const emulator = openPage.emulator();
  const { page, context, errors } = await openPage.withConnection('/repos', 'GitHub', {
    url: `${emulator.url}/github`,
  });
  const repos = await emulatedRepos(emulator);
  await checkList(page, repos, openPage.origin());
  assert.ok((await emulator.count('GET', '/github/user/orgs')) >= 1, 'organizations were asked for');
  assert.deepEqual(errors, []);
  await context.close();
});
