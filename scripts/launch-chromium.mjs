// The headless Chromium the Node-driven suites use (end to end, wire, package): the one
// `npm test` found (CHROME_PATH), else Debian's, never a downloaded one.
import { chromium } from 'playwright-core'

/** Launches Chromium headless, sandbox and background traffic off (as in CI containers). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}
