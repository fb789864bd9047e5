import { test, scenario } from '../fixtures';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

test('a 10,000-message thread: time to open, and keypress to paint', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/long-thread', { data: { customer: 'Ken Watanabe', messages: 10_000 } });
  await page.goto('/messaging');
  await page.getByRole('link', { name: /Mina Kobayashi/ }).waitFor();

  const open: number[] = [];
  for (let run = 0; run < 7; run++) {
    await page.getByRole('link', { name: /Mina Kobayashi/ }).click();
    await page.getByRole('list', { name: 'Mina Kobayashi' }).getByText('The 28th, if possible.', { exact: true }).waitFor();
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: /Ken Watanabe/ }).click();
    await page.getByRole('list', { name: 'Ken Watanabe' }).getByText('Yes please! And do you ship to Hokkaido?', { exact: true }).waitFor();
    const painted = await page.evaluate(() => new Promise<number>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
    open.push(painted - started);
  }

  // Keypress to paint: from keydown to the second animation frame after the input event.
  await page.evaluate(() => {
    const box = document.querySelector('textarea')!;
    (window as any).__latencies = [];
    box.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => (window as any).__latencies.push(performance.now() - t0)));
    });
  });
  const box = page.getByRole('textbox', { name: /^Reply to/ });
  await box.click();
  await box.pressSequentially('Thank you for waiting, the catalogue ships on Monday.', { delay: 30 });
  await page.waitForTimeout(200);
  const keys: number[] = await page.evaluate(() => (window as any).__latencies);

  const report = `BENCH thread of 10,000 messages: open median ${median(open).toFixed(0)} ms (p95 of ${open.length} runs ${p95(open).toFixed(0)} ms); ` +
    `keypress to paint median ${median(keys).toFixed(1)} ms, p95 ${p95(keys).toFixed(1)} ms over ${keys.length} keys`;
  console.log(report);
});
