// Debian's Firefox ESR for the tests (tests/engines.py), over WebDriver BiDi with
// puppeteer-core (no browser download). One JSON request per stdin line, one JSON reply per
// stdout line:
//   {"cmd": "goto", "url"}      load the page (until its load event)
//   {"cmd": "run", "js"}        evaluate an expression in the page, reply {"value"}
//   {"cmd": "errors"}           page errors and console errors/warnings since the last call
//   {"cmd": "close"}
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  // Puppeteer's default, 30 s for Firefox to print its endpoint, was once too short on a
  // clean clone's run (2 cores, the suite's other browsers just closed).
  timeout: 120_000,
  extraPrefsFirefox: {
    "intl.accept_languages": "tr-TR, tr",
    "network.captive-portal-service.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    // Firefox prefetches <link rel="next"> (Material's footer navigation); the prefetch of a
    // revalidated page is dropped with an error event on the link, and cancelled again on
    // navigation (NS_BINDING_ABORTED): noise from the browser's own speculation, not the site's.
    "network.prefetch-next": false,
  },
});
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
page.on("console", (msg) => {
  const type = msg.type();
  if (type === "error" || type === "warn" || type === "warning") errors.push(`${type === "error" ? "error" : "warning"}: ${msg.text()}`);
});

const reply = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const lines = readline.createInterface({ input: process.stdin });
reply({ ready: true, version: await browser.version() });
for await (const line of lines) {
  const req = JSON.parse(line);
  try {
    if (req.cmd === "goto") {
      await page.goto(req.url, { waitUntil: "load", timeout: 60_000 });
      reply({ value: null });
    } else if (req.cmd === "run") {
      reply({ value: (await page.evaluate(req.js)) ?? null });
    } else if (req.cmd === "errors") {
      reply({ value: errors.splice(0) });
    } else if (req.cmd === "close") {
      reply({ value: null });
      break;
    }
  } catch (err) {
    reply({ error: String(err) });
  }
}
// Firefox may take its time to quit: give it 10 s, then leave
await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
process.exit(0);
