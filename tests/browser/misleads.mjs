// Issue 15 items 1-3, 5, 7, 8 in a real browser: slow answers arrive after newer ones (the
// network is slowed for chosen requests with page.route), and what the panels say afterwards.
// Env: AG_BASE, AG_TOKEN, AG_SHOTS. Prints {done, problems}.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { check, launch } from "./browser.mjs";

const { AG_BASE: base, AG_TOKEN: token, AG_SHOTS: shots } = process.env;
if (!base || !token || !shots) throw new Error("set AG_BASE, AG_TOKEN and AG_SHOTS");
mkdirSync(shots, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await launch();
const problems = [];
const done = [];

// Holds back answers whose address matches `slow(url)` for `ms` milliseconds.
async function slowDown(page, pattern, slow, ms) {
  await page.route(pattern, async (route) => {
    if (slow(new URL(route.request().url()))) await sleep(ms);
    try {
      await route.continue();
    } catch (_e) {
      // the page aborted the request meanwhile
    }
  });
}

async function fresh(viewport) {
  const page = await browser.newPage({ viewport: viewport || { width: 1400, height: 860 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => d.accept());
  return page;
}

async function ready(page) {
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
}

// Each part runs on its own page; a failure is recorded and the next part still runs.
async function part(fn) {
  try {
    await fn();
  } catch (e) {
    problems.push(e.message);
  }
}

try {
  // 1. Filter race: Reset (slow answer), then THREATEN and Apply (quick answer).
  await part(async () => {
    const page = await fresh();
    await slowDown(page, "**/api/graph*", (u) => !u.searchParams.get("type"), 1500);
    await ready(page);
    await page.click("#f-reset");
    await page.selectOption("#f-type", "THREATEN");
    await page.click("#f-apply");
    await sleep(2500);
    const types = await page.evaluate(() => [...new Set(window.actorgraphUI.view.events.map((e) => e.type))].join(","));
    check(types === "THREATEN", `the form says THREATEN, the view shows ${types}`);
    const status = await page.locator("#status").textContent();
    check(status.includes("1 event"), `status of the THREATEN view, got ${status}`);
    await page.close();
    done.push("filter race");
  });

  // 2. Search races.
  await part(async () => {
    const page = await fresh();
    await slowDown(page, "**/api/search*", (u) => u.searchParams.get("q") === "Elena", 1500);
    await ready(page);
    // (a) A click on the first result while the answer to the new query is still out.
    await page.fill("#search", "Ostmark");
    await page.waitForSelector(".actor-result[data-actor]");
    await page.fill("#search", "Elena");
    await sleep(50); // quicker than the search box's pause before it asks
    const box = await page.locator(".actor-result").first().boundingBox();
    if (box) await page.mouse.click(box.x + 20, box.y + box.height / 2);
    await sleep(400);
    const opened = (await page.locator("#panel").isVisible()) ? await page.locator("#panel h2").first().textContent() : "";
    check(opened !== "Ostmark", "a click on the old query's result opened its profile");
    await page.waitForFunction(() => document.querySelector(".actor-result")?.textContent.includes("Elena Brook"), null, { timeout: 5000 });
    done.push("search stale click");
    await page.close();
  });
  await part(async () => {
    const page = await fresh();
    await slowDown(page, "**/api/search*", (u) => u.searchParams.get("q") === "Elena", 1500);
    await ready(page);
    // (b) Two quick queries: only the latest one's results are listed.
    await page.fill("#search", "");
    await page.fill("#search", "Elena");
    await sleep(400); // its request is out (slow)
    await page.fill("#search", "Ostmark");
    await sleep(2600);
    const listed = await page.locator("#search-results .actor-result").allTextContents();
    check(listed.length === 1 && listed[0].includes("Ostmark"), `results of two queries mixed: ${JSON.stringify(listed)}`);
    done.push("search mix");
    await page.close();
  });
  await part(async () => {
    const page = await fresh();
    await slowDown(page, "**/api/search*", (u) => u.searchParams.get("q") === "Elena", 1500);
    await ready(page);
    // (c) A late answer does not reopen the list the user closed.
    await page.fill("#search", "Elena");
    await sleep(400);
    await page.press("#search", "Escape");
    await sleep(1800);
    check(await page.locator("#search-results").isHidden(), "a late answer reopened the closed results");
    done.push("search reopen");
    await page.close();
  });
  await part(async () => {
    const page = await fresh();
    await ready(page);
    // Enter and the arrow keys; a document hit opens the document.
    await page.fill("#search", "Norland");
    await page.waitForSelector(".actor-result");
    await page.press("#search", "ArrowDown");
    await page.press("#search", "Enter");
    await page.waitForSelector("#panel[data-actor]");
    check((await page.locator("#panel h2").first().textContent()) === "Norland", "Enter opens the chosen result");
    await page.fill("#search", "Talks");
    await page.waitForSelector(".doc-result");
    await page.click(".doc-result");
    await page.waitForSelector("#panel[data-document]");
    check((await page.locator("#panel h2").first().textContent()) === "Talks in Vessa", "a document hit opens the document");
    done.push("search keys");
    await page.close();
  });

  // 7. No "null" in a profile without aliases; a rejected fact stays in the panel.
  // 3. The reason goes with one correction only.
  await part(async () => {
    const page = await fresh();
    await ready(page);
    await page.fill("#token", token);
    await page.dispatchEvent("#token", "change");
    await page.fill("#search", "Tomas Varga");
    await page.locator(".actor-result").first().click();
    await page.waitForSelector("#panel[data-actor]");
    const text = await page.locator("#panel").textContent();
    check(!text.includes("null"), `"null" in the profile: ${text.slice(0, 200)}`);
    done.push("no null");
    await page.close();
  });
  await part(async () => {
    const page = await fresh();
    await ready(page);
    await page.fill("#token", token);
    await page.dispatchEvent("#token", "change");
    await page.fill("#search", "Tomas Varga");
    await page.locator(".actor-result").first().click();
    await page.waitForSelector("#panel[data-actor]");

    await page.fill("#reason", "seen in two reports");
    await page.click("#panel details.actions summary");
    await page.fill("#alias-input", "T. Varga");
    await page.click("#alias-button");
    await page.waitForFunction(() => document.querySelector("#panel .aliases")?.textContent.includes("T. Varga"));
    check((await page.inputValue("#reason")) === "", "the reason field is emptied once used");
    await page.click("#panel details.actions summary");
    await page.fill("#alias-input", "Varga");
    await page.click("#alias-button");
    await page.waitForFunction(() => document.querySelector("#panel .aliases")?.textContent.includes("; Varga"));
    const log = await page.evaluate(() => fetch("/api/corrections").then((r) => r.json()));
    const reasons = log.items.map((c) => c.reason);
    check(JSON.stringify(reasons) === JSON.stringify(["seen in two reports", ""]), `reasons ${JSON.stringify(reasons)}`);
    done.push("reason once");
    await page.close();
  });
  await part(async () => {
    const page = await fresh();
    await ready(page);
    await page.fill("#token", token);
    await page.dispatchEvent("#token", "change");

    await page.evaluate(async () => {
      const ui = window.actorgraphUI;
      await ui.openFact("event", ui.view.events.find((e) => e.type === "ACCUSE").id);
    });
    await page.waitForSelector("#panel .mention");
    await page.click("#panel button.reject");
    await page.waitForSelector("#panel button.clear-verdict");
    const title = await page.locator("#panel .fact-block h3").textContent();
    check(title.includes("ACCUSE"), `the rejected fact is still named, got ${title}`);
    check((await page.locator("#panel .fact-block .meta").textContent()).includes("rejected by an analyst"), "it says rejected");
    check((await page.locator("#panel button.reject").count()) === 0, "no second Reject");
    await page.screenshot({ path: join(shots, "evidence-rejected.png") });
    await page.click("#panel button.clear-verdict");
    await page.waitForSelector("#panel button.reject");
    done.push("rejected stays");
    await page.close();
  });

  // 5. A time filter says how many undated events it leaves out, and brings them back.
  await part(async () => {
    const page = await fresh();
    await ready(page);
    await page.click('[data-tab="timeline"]');
    await page.fill("#f-until", "2100");
    await page.click("#f-apply");
    await page.waitForSelector("#undated-note");
    const note = await page.locator("#undated-note").textContent();
    check(note.includes("1 event without a date"), `undated note: ${note}`);
    await page.screenshot({ path: join(shots, "timeline-undated.png") });
    await page.click("#undated-include");
    await page.waitForFunction(() => window.actorgraphUI.view.undated_included === true);
    check(await page.isChecked("#f-undated"), "the filter's box shows undated events are kept");
    check((await page.locator("#timeline-list tr").count()) === 6, "six events listed");
    done.push("undated");
    await page.close();
  });

  // 7. The audit trail comes a page at a time (it used to stop at 500 rows, with no way on).
  await part(async () => {
    const page = await fresh();
    await ready(page);
    const made = await page.evaluate(async (t) => {
      const actor = window.actorgraphUI.view.nodes[0].id;
      let ok = 0;
      for (let i = 0; i < 201; i++) {
        const r = await fetch("/api/corrections/alias", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${t}` },
          body: JSON.stringify({ actor, alias: `Test alias ${i}` }),
        });
        ok += r.ok ? 1 : 0;
      }
      return ok;
    }, token);
    check(made === 201, `201 corrections made, got ${made}`);
    await page.click('[data-tab="corrections"]');
    await page.waitForSelector("#corrections-foot button.more");
    const total = (await page.evaluate(() => fetch("/api/stats").then((r) => r.json()))).corrections;
    const foot = await page.locator("#corrections-foot").textContent();
    check(total > 200 && foot.includes(`200 of ${total} shown`), `the first page says how many there are: ${foot}`);
    await page.click("#corrections-foot button.more");
    await page.waitForFunction((n) => document.querySelectorAll("#corrections-body tr").length === n, total);
    check(!(await page.locator("#corrections-foot button.more").count()), "no more to show");
    done.push("paging");
    await page.close();
  });
} catch (e) {
  problems.push(e.message);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ done, problems }));
process.exit(problems.length ? 1 : 0);
