/** Debian's Chromium, as .ci/run installs it; THEORYCHECK_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.THEORYCHECK_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, and quiet on a closed network: no background requests, updates or sync at start. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
