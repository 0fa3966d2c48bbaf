// Scratch: screenshot of the opening view (AG_BASE, AG_OUT, AG_PATH).
import { launch } from "./browser.mjs";
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on("pageerror", (e) => console.log("pageerror", e.message));
page.on("console", (m) => console.log("console", m.text()));
await page.goto(process.env.AG_BASE + (process.env.AG_PATH || "/"));
await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
await page.waitForTimeout(1500);
if (process.env.AG_EVAL) console.log(JSON.stringify(await page.evaluate(process.env.AG_EVAL)));
await page.screenshot({ path: process.env.AG_OUT });
await browser.close();
