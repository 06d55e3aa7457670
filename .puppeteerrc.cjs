/** Puppeteer never downloads a browser here: reports print with Debian's Chromium. */
module.exports = { skipDownload: true };
