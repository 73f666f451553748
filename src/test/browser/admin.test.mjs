// Real-browser test of the admin page (/admin/), in headless Chromium driven by playwright-core.
// Run by AdminPageIT:
//
//   node admin.test.mjs --base http://127.0.0.1:9080/ --connection <id> --room <name> [--out dir] [--chromium path]
//
// The connection and room are made by the Java test beforehand. Prints one "ok - ..." line per
// check; exits 0 when all pass, 1 on the first failure, 2 when it takes longer than --timeout ms.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const base = new URL(args.base).href.replace(/\/?$/, '/');
const out = resolve(args.out || 'target/browser');
const timeout = Number(args.timeout || 120000);
const watchdog = setTimeout(() => { console.log(`FAIL: not finished within ${timeout} ms`); process.exit(2); }, timeout);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let browser;
let current = 'starting';
const ok = (text) => console.log(`ok - ${text}`);

try {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath: args.chromium || '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30000 });

  current = 'without credentials the page is refused with 401';
  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(base + 'admin/');
  if (refused.status() !== 401) throw new Error(`status ${refused.status()}`);
  let navigation = 'loaded';
  try {
    await (await anonymous.newPage()).goto(base + 'admin/');
  } catch (e) {
    navigation = String(e.message);
  }
  if (!navigation.includes('ERR_INVALID_AUTH_CREDENTIALS')) throw new Error(`the page opened without credentials: ${navigation}`);
  ok(current);

  current = 'an administrator sees instances, the connection with its metadata, and the room';
  const context = await browser.newContext({ httpCredentials: { username: 'admin', password: 'admin' } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + 'admin/');
  await page.waitForSelector('#instances td .alive', { timeout: 15000 });
  await page.fill('input[name=field]', 'role');
  await page.fill('input[name=value]', 'admin-page-test');
  await page.click('#connection-filter button[type=submit]');
  const row = page.locator(`#connections tr[data-id="${args.connection}"]`);
  await row.waitFor({ timeout: 15000 });
  if (!(await row.innerText()).includes('admin-page-test')) throw new Error('the metadata is not shown');
  if ((await page.locator('#connections tbody tr').count()) !== 1) throw new Error('the filter did not filter');
  const roomRow = page.locator(`#rooms tr[data-room="${args.room}"]`);
  await roomRow.waitFor({ timeout: 15000 });
  if (!(await roomRow.innerText()).includes(args.connection)) throw new Error('the room does not list its member');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(out, 'admin.png') });
  ok(current);

  current = 'editing the room metadata from the page';
  page.once('dialog', (dialog) => dialog.accept('{"topic":"edited in the admin page"}'));
  await roomRow.getByRole('button', { name: 'Edit metadata' }).click();
  await page.waitForFunction((room) => {
    const tr = document.querySelector(`#rooms tr[data-room="${room}"]`);
    return tr && tr.innerText.includes('edited in the admin page');
  }, args.room, { timeout: 15000 });
  ok(current);

  current = 'disconnecting the connection from the page';
  await row.getByRole('button', { name: 'Disconnect' }).click();
  await page.waitForFunction((id) => !document.querySelector(`#connections tr[data-id="${id}"]`), args.connection, { timeout: 15000 });
  ok(current);

  current = 'deleting the room from the page';
  await page.locator(`#rooms tr[data-room="${args.room}"]`).getByRole('button', { name: 'Delete' }).click();
  await page.waitForFunction((room) => !document.querySelector(`#rooms tr[data-room="${room}"]`), args.room, { timeout: 15000 });
  ok(current);

  current = 'no errors in the page';
  if (errors.length) throw new Error(errors.join(' | '));
  ok(current);
  console.log('PASS');
  await browser.close();
  clearTimeout(watchdog);
  process.exit(0);
} catch (e) {
  console.log(`not ok - ${current}`);
  console.log(`FAIL: ${e && e.stack ? e.stack : e}`);
  try { if (browser) await browser.close(); } catch { /* closing anyway */ }
  clearTimeout(watchdog);
  process.exit(1);
}
