// The offline brief in a browser: it draws without a server, and prints (to PDF) with its
// network as a picture and its timeline. Env: AG_REPORT (the brief), AG_SHOTS, AG_PDF.
import { join } from "node:path";
import { statSync } from "node:fs";
import { check, launch } from "./browser.mjs";

const { AG_REPORT: report, AG_SHOTS: shots, AG_PDF: pdf } = process.env;
const browser = await launch();
const problems = [];
const done = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`file://${report}`);
  await page.waitForSelector("body[data-ready=true]");
  check((await page.locator("#graph canvas").count()) > 0, "the network is drawn");
  done.push("drawn");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const size = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const img = document.querySelector("#graph-print img");
        if (!img) return resolve(0);
        if (img.complete) return resolve(img.naturalWidth);
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(-1);
      }),
  );
  check(size > 100, `the network prints as a picture (${size} px wide)`);
  check(await page.locator(".report-network").isHidden(), "not as the live canvas");
  check(await page.locator("#graph-print").isVisible(), "the picture is in the printed page");
  check(await page.locator(".time-chart.lanes").isVisible(), "the timeline prints");
  await page.screenshot({ path: join(shots, "brief-print.png"), fullPage: false });
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  check(statSync(pdf).size > 20000, "a PDF was written");
  done.push("print");
} catch (e) {
  problems.push(e.message);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ done, problems }));
process.exit(problems.length ? 1 : 0);
