/**
 * Console bench: JavaScript the sign-in page loads (bytes after gzip, as served) and its time to
 * interactive in Chromium (navigation start → DOMContentLoaded with the sign-in form rendered).
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './server';

export async function consoleBench(): Promise<object[]> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const timings: number[] = [];
    let jsBytes = 0;
    let jsGzipBytes = 0;
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: Promise<void>[] = [];
      let runBytes = 0;
      let runGzip = 0;
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') {
          scripts.push(
            response.body().then((body) => {
              runBytes += body.length;
              runGzip += gzipSync(body).length;
            }),
          );
        }
      });
      const started = Date.now();
      await page.goto(`${server.baseUrl}/login`);
      await page.waitForSelector('[data-testid="login-submit"]');
      timings.push(Date.now() - started);
      await Promise.all(scripts);
      jsBytes = runBytes;
      jsGzipBytes = runGzip;
      await context.close();
    }
    timings.sort((a, b) => a - b);
    return [
      {
        bench: 'console-login-page',
        n: timings.length,
        seconds: null,
        per_second: null,
        p50_ms: timings[Math.floor(timings.length / 2)],
        p99_ms: timings[timings.length - 1],
        js_kb: Math.round(jsBytes / 1024),
        js_gzip_kb: Math.round(jsGzipBytes / 1024),
        db: 'embedded',
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
