// End-to-end: Astro "Rotate with overlap" on the Organization keys page —
// a second token like the old one (role, Deployment, description, expiry
// period), its value shown once, both working until "I have updated my CI"
// and the confirmed delete; failures shown and retried without a second
// token; closing early leaves both. The instant Rotate stays, and warns.
// The Sandbox (its service worker) and keyward-emulator over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { usePages } from './harness.mjs';
import { root } from './processes.mjs';
import { sandboxState } from './sandbox.mjs';
import { axeViolations } from './checks.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();
const section = (page) => page.getByRole('region', { name: 'Astronomer Deployment API tokens' });
const TOKENS = '/astro/v1/organizations/org-sandbox/tokens';

/** The page's text, field values and both storages. */
async function pageText(page) {
  return page.evaluate(() => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const fields = [...document.querySelectorAll('input, textarea, select')].map((f) => f.value).join('\n');
    return [document.documentElement.outerHTML, fields, dump(localStorage), dump(sessionStorage)].join('\n');
  });
}

/** Lets go of a shown value through its own "Done" (not copied: confirmed). */
async function closeReveal(page, reveal) {
  await reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
  await page.getByRole('dialog', { name: 'Close without copying?' }).getByRole('button', { name: 'Close' }).click();
  await reveal.waitFor({ state: 'detached' });
}

test('Sandbox: rotate with overlap copies role, Deployment and period; the old token goes only after "I have updated my CI"', async () => {
  const { page, errors } = await openPage('/orgs');
  const astro = section(page);
  await astro.getByLabel('Deployment ID').waitFor(WAIT);
  await astro.getByLabel('Name', { exact: true }).fill('ci overlap');
  await astro.getByLabel('Description', { exact: true }).fill('from e2e');
  await astro.getByLabel('Expires after (days, 1–365)').fill('45');
  await astro.getByRole('button', { name: 'Create token' }).click();
  await closeReveal(page, page.getByRole('region', { name: 'One-time secret' }));
  const rows = astro.getByRole('row').filter({ hasText: 'ci overlap' });
  const old = rows.filter({ hasNotText: '(rotated' });

  // The instant Rotate is still there, and says what it breaks.
  await old.getByRole('button', { name: 'Rotate', exact: true }).click();
  const instant = page.getByRole('dialog', { name: 'Rotate token “ci overlap”?' });
  await instant.getByText(/stops working at once: CI jobs and anything else that uses it fail/).waitFor();
  await instant.getByText(/Rotate with overlap/).waitFor();
  await instant.getByRole('button', { name: 'Cancel' }).click();
  await instant.waitFor({ state: 'detached' });

  await old.getByRole('button', { name: 'Rotate with overlap' }).click();
  const panel = page.getByRole('region', { name: 'Rotate “ci overlap” with overlap' });
  await panel.waitFor();
  // Keyboard users land on the panel.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-labelledby') === 'astro-overlap-title');
  const remove = panel.getByRole('button', { name: 'Delete the old token' });
  assert.equal(await remove.isDisabled(), true, 'nothing to delete before the new token exists');
  await panel.getByRole('button', { name: 'Create the new token' }).dblclick();
  await panel.getByText(/^Created “ci overlap \(rotated \d{4}-\d{2}-\d{2}\)”: role DEPLOYMENT_ADMIN on Deployment dep-sandbox, expires after 45 days, like the old token\.$/).waitFor(WAIT);
  const reveal = panel.getByRole('region', { name: 'One-time secret' });
  const value = (await reveal.locator('code').textContent()).trim();
  assert.ok(value.length > 20, 'the new value is shown');
  await panel.getByText('“ci overlap” still works: both tokens are valid until you delete the old one.').waitFor();
  assert.equal(await rows.count(), 2, 'both tokens listed');
  assert.deepEqual(await axeViolations(page), [], 'the open panel, its reveal and steps');
  await astro.screenshot({ path: resolve(root, 'target', 'e2e-screens', 'astro-overlap.png') });

  // The Sandbox holds one new token, like the old one.
  const tokens = (await sandboxState(page)).astro.organizations[0].tokens;
  const made = tokens.filter((t) => t.name.startsWith('ci overlap'));
  assert.equal(made.length, 2, 'a double click made one new token');
  const [before, after] = made;
  assert.equal(after.expiry_period_in_days, 45);
  assert.deepEqual(after.roles, before.roles);
  assert.equal(after.description, before.description);
  assert.equal(after.scope, 'DEPLOYMENT');

  await closeReveal(page, reveal);
  await panel.getByText('The new value was shown once and is gone from this page.').waitFor();
  assert.equal(await remove.isDisabled(), true, 'not before "I have updated my CI"');
  await panel.getByLabel('I have updated my CI').check();
  await remove.click();
  const confirm = page.getByRole('dialog', { name: 'Delete the old token “ci overlap”?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await panel.getByText(/^Done: “ci overlap” is deleted and “ci overlap \(rotated [\d-]+\)” replaces it\.$/).waitFor(WAIT);
  await rows.filter({ hasNotText: '(rotated' }).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1, 'only the new token is listed');
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.ok(!(await pageText(page)).includes(value), 'the value is gone with the panel');
  const left = (await sandboxState(page)).astro.organizations[0].tokens.filter((t) => t.name.startsWith('ci overlap'));
  assert.deepEqual(left.map((t) => t.id), [after.id]);
  assert.deepEqual(errors, []);
});

test('Astro over HTTP: failed steps are shown and retried without a second token; closing before the delete leaves both', async () => {
  const { page, emulator, audit, errors } = await openPage.withConnection('/orgs/org-sandbox/keys', 'Astronomer');
  const astro = section(page);
  await astro.getByLabel('Deployment ID').fill('dep-sandbox');
  await astro.getByRole('button', { name: 'Show tokens' }).click();
  const old = astro.getByRole('row').filter({ hasText: 'ci-deploy' });
  await old.waitFor(WAIT);
  await emulator.clearLog();

  await emulator.fault({ path: TOKENS, method: 'POST', fault: 'status=500' });
  await old.getByRole('button', { name: 'Rotate with overlap' }).click();
  const panel = page.getByRole('region', { name: 'Rotate “ci-deploy” with overlap' });
  const create = panel.getByRole('button', { name: 'Create the new token' });
  await create.click();
  await panel.getByText(/HTTP 500/).waitFor(WAIT);
  await create.click();
  await panel.getByText(/^Created “ci-deploy \(rotated [\d-]+\)”: role DEPLOYMENT_ADMIN on Deployment dep-sandbox, never expires, like the old token\.$/).waitFor(WAIT);
  const posts = (await emulator.log()).filter((e) => e.method === 'POST' && e.path === TOKENS);
  assert.deepEqual(posts.map((e) => String(e.status)), ['500', '200'], 'one failed create, one made: no second token');
  const reveal = panel.getByRole('region', { name: 'One-time secret' });
  const value = (await reveal.locator('code').textContent()).trim();
  for (const r of audit.requests) assert.ok(!r.url.includes(value), 'the value is in no URL');

  // As Astro has it: the same role on the same Deployment, never expiring.
  const listed = (await emulator.api('GET', `${TOKENS}?deploymentId=dep-sandbox`)).tokens;
  const [before, after] = ['ci-deploy', 'ci-deploy (rotated'].map((n) => listed.find((t) => t.name.startsWith(n)));
  assert.deepEqual(after.roles, before.roles);
  assert.equal(after.description, before.description);
  assert.equal(after.endAt, undefined);
  assert.equal(after.expiryPeriodInDays, undefined);

  // The delete fails once: said, and the old token stays.
  await closeReveal(page, reveal);
  await panel.getByLabel('I have updated my CI').check();
  await emulator.fault({ path: `${TOKENS}/`, method: 'DELETE', fault: 'status=500' });
  await panel.getByRole('button', { name: 'Delete the old token' }).click();
  await page.getByRole('dialog', { name: 'Delete the old token “ci-deploy”?' }).getByRole('button', { name: 'Delete' }).click();
  await panel.getByText(/HTTP 500/).waitFor(WAIT);
  await panel.getByText('Closing now leaves both tokens: “ci-deploy” keeps working until you delete it.').waitFor();
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(await astro.getByRole('row').filter({ hasText: 'ci-deploy' }).count(), 2, 'both listed');
  const kept = (await emulator.api('GET', `${TOKENS}?deploymentId=dep-sandbox`)).tokens;
  assert.equal(kept.filter((t) => t.name.startsWith('ci-deploy')).length, 2, 'both kept');
  assert.ok(!(await pageText(page)).includes(value));
  assert.deepEqual(errors.filter((e) => !/status of 500/.test(e)), []);
});
