import { chromium } from 'playwright-core';
import { writeFileSync, mkdirSync } from 'node:fs';
mkdirSync('/tmp/other', { recursive: true });
// Another report's clusters, not in the repository.
writeFileSync('/tmp/other/events.csv', ['id,cluster,kind,start,end,title,confidence,tools,techniques,source_url',
  'p-op,P,operating,2014,..,Panda Alpha operating,high,,,https://example.org/p',
  'p-act,P,activity,2019-Q2,2020-Q4,Panda Alpha intrusions,moderate,ShadowPad;PlugX,T1190;T1059.001,https://example.org/p2',
  'q-act,Q,activity,~2020-03,..,Bear Beta campaign,low,Cobalt Strike,T1566.001,https://example.org/q',
  'q-bad,Q,intrusion,31/12/2020,,Ambiguous,high,,,https://example.org/qb',
  'ctx,context,publication,2021-02-14,,Vendor report,high,,,https://example.org/r'].join('\n'));
writeFileSync('/tmp/other/clusters.csv', 'id,label,name,attributed_to,attribution_confidence\nP,Cluster P,Panda Alpha,Group X,moderate\nQ,Cluster Q,Bear Beta,,\n');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('console', m => m.type()==='error' && errors.push(m.text()));
page.on('pageerror', e => errors.push(String(e)));
page.on('request', r => { if (!r.url().startsWith('http://localhost:4173')) errors.push('external ' + r.url()); });
await page.goto('http://localhost:4173/?clusters=B&panel=B&from=2020-Q1&to=2021-Q1');
await page.waitForSelector('svg.plot g.mark', { state: 'attached' });
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/deeplink.png', fullPage: false });
console.log('deep link url', page.url());
// Back to all via Reset; open panel through accessible name
await page.getByRole('button', { name: 'Reset filters' }).click();
await page.waitForTimeout(300);
console.log('after reset', page.url());
await page.getByRole('button', { name: 'Close', exact: true }).click();
await page.waitForTimeout(200);
console.log('after close', page.url());
// Load other report via Open CSV…
const chooser = page.waitForEvent('filechooser');
await page.getByText('Open CSV…').click();
const fc = await chooser;
await fc.setFiles(['/tmp/other/events.csv', '/tmp/other/clusters.csv']);
await page.waitForFunction(() => document.querySelector('tl-app')?.shadowRoot?.querySelector('h1')?.textContent?.includes('events.csv'));
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/other.png', fullPage: true });
const problems = await page.locator('tl-problems').innerText();
console.log('problems:', problems.slice(0, 400));
await page.getByRole('button', { name: 'Back to the DeadRinger data' }).click();
await page.waitForTimeout(300);
console.log('back:', await page.locator('h1').first().innerText());
console.log('errors', errors);
await browser.close();
