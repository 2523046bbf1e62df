/** Debian's Chromium (apt-get install -y chromium); playwright-core drives it, nothing is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
