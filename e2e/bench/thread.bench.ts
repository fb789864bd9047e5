import { test, scenario } from '../fixtures';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

test('a 10,000-message thread: time to open, and keypress to paint', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/long-thread', { data: { customer: 'Ken Watanabe', messages: 10_000 } });
  await page.goto('/messaging');
  await page.getByRole('link', { name: /Mina Kobayashi/ }).waitFor();

  const painted = () => page.evaluate(() => new Promise<number>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
  const open: number[] = [];
  const openSmall: number[] = [];
  await page.getByRole('link', { name: /Mina Kobayashi/ }).click();
  for (let run = 0; run < 7; run++) {
    await page.getByRole('list', { name: 'Mina Kobayashi' }).getByText('The 28th, if possible.', { exact: true }).waitFor();
    let started = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: /Ken Watanabe/ }).click();
    await page.getByRole('list', { name: 'Ken Watanabe' }).getByText('Yes please! And do you ship to Hokkaido?', { exact: true }).waitFor();
    open.push((await painted()) - started);
    started = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: /Mina Kobayashi/ }).click();
    await page.getByRole('list', { name: 'Mina Kobayashi' }).getByText('The 28th, if possible.', { exact: true }).waitFor();
    openSmall.push((await painted()) - started);
  }
  await page.getByRole('link', { name: /Ken Watanabe/ }).click();

  // Keypress to paint: from keydown to the second animation frame after the input event, in the
  // composer and in a plain textarea added to the same page (its twin).
  await page.getByRole('textbox', { name: /^Reply to/ }).waitFor();
  await page.evaluate(() => {
    const plain = document.createElement('textarea');
    plain.setAttribute('aria-label', 'Plain twin');
    document.body.append(plain);
    (window as any).__latencies = [];
    // On the document, so a composer the app renders anew is still measured.
    document.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => (window as any).__latencies.push(performance.now() - t0)));
    }, true);
  });
  const typeInto = async (name: RegExp) => {
    await page.evaluate(() => ((window as any).__latencies = []));
    const box = page.getByRole('textbox', { name });
    await box.click();
    await box.pressSequentially('Thank you for waiting, the catalogue ships on Monday.', { delay: 30 });
    await page.waitForTimeout(200);
    return (await page.evaluate(() => (window as any).__latencies)) as number[];
  };
  // Interleaved rounds: each figure is frame-quantised, so a slow moment must hit both alike.
  const keys: number[] = [];
  const plainKeys: number[] = [];
  for (let round = 0; round < 3; round++) {
    keys.push(...(await typeInto(/^Reply to/)));
    plainKeys.push(...(await typeInto(/^Plain twin$/)));
  }

  console.log(
    `BENCH thread open: 10,000 messages ${median(open).toFixed(0)} ms, 3 messages ${median(openSmall).toFixed(0)} ms, ` +
      `ratio ${(median(open) / median(openSmall)).toFixed(2)}x (goal 1.5x; medians of ${open.length} opens each, p95 ${p95(open).toFixed(0)} ms)`,
  );
  console.log(
    `BENCH keypress to paint: composer ${median(keys).toFixed(1)} ms, plain textarea ${median(plainKeys).toFixed(1)} ms, ` +
      `ratio ${(median(keys) / median(plainKeys)).toFixed(2)}x (medians of ${keys.length} and ${plainKeys.length} keys)`,
  );
});
